#!/usr/bin/env python3
"""Benchmark (not a test): `krisenradar score` against VADER, whole processes, JSON in and out.

The same 100,000 English comments (the English development files of $KRISENRADAR_DATA, `en-*.jsonl`, repeated in
order) go to both as JSONL: `krisenradar score` (with its evidence, without it, and on one core) and a VADER process
that reads the same file and writes one JSON line of scores per comment. Rounds alternate; each process is timed
whole (start-up, reading, writing): wall seconds, CPU seconds (user + system) and peak memory from wait4().

Run: KRISENRADAR_DATA=../shared/data VADER_PYTHON=/path/to/python-with-vaderSentiment \
     python3 tests/benches/cli_vs_vader.py [ROUNDS] [COMMENTS]
     (build first: cargo build --release; vaderSentiment 3.3.2 must be importable by VADER_PYTHON)
"""

import glob
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("KRISENRADAR_BIN", os.path.join(ROOT, "target", "release", "krisenradar"))
VADER_PYTHON = os.environ.get("VADER_PYTHON", sys.executable)

# The VADER side: what its own README shows, per line of the same JSONL, written as JSONL.
VADER = r"""
import json, sys
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
analyzer = SentimentIntensityAnalyzer()
out = sys.stdout
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        row = json.loads(line)
        out.write(json.dumps({"id": row["id"], "sentiment": analyzer.polarity_scores(row["text"])}) + "\n")
"""


def corpus(data, n, path):
    texts = []
    for name in sorted(glob.glob(os.path.join(data, "en-*.jsonl"))):
        with open(name, encoding="utf-8") as f:
            texts.extend(json.loads(line)["text"] for line in f if line.strip())
    if not texts:
        sys.exit(f"no en-*.jsonl under {data}")
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": str(i), "text": texts[i % len(texts)]}, ensure_ascii=False) + "\n")
    return len(texts)


def timed(cmd, env=None):
    """Runs `cmd`: wall s, CPU s, peak RSS MB, and the lines it wrote."""
    # both outputs to files: a pipe read only after the exit would stall a process that writes much to it
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            sys.exit(f"{cmd[0]} failed: {err.read().decode('utf-8', 'replace')}")
        out.seek(0)
        lines = sum(1 for _ in out)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, lines


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    data = os.environ.get("KRISENRADAR_DATA")
    if not data:
        sys.exit("set KRISENRADAR_DATA to the folder with the en-*.jsonl development files")
    if not os.access(BIN, os.X_OK):
        sys.exit(f"{BIN} missing: cargo build --release")
    one_core = dict(os.environ, RAYON_NUM_THREADS="1")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "en.jsonl")
        distinct = corpus(data, n, path)
        runs = {
            "VADER (vaderSentiment 3.3.2)": ([VADER_PYTHON, "-c", VADER, path], None),
            "krisenradar score": ([BIN, "score", path], None),
            "krisenradar score --no-evidence": ([BIN, "score", "--no-evidence", path], None),
            "krisenradar score, one core": ([BIN, "score", path], one_core),
        }
        got = {name: [] for name in runs}
        for _ in range(rounds):
            for name, (cmd, env) in runs.items():
                wall, cpu, rss, lines = timed(cmd, env)
                if lines != n:
                    sys.exit(f"{name}: {lines} lines out for {n} in")
                got[name].append((wall, cpu, rss))
    med = lambda xs: statistics.median(xs)
    vader_wall = med([w for w, _, _ in got["VADER (vaderSentiment 3.3.2)"]])
    vader_cpu = med([c for _, c, _ in got["VADER (vaderSentiment 3.3.2)"]])
    print(f"{n} English comments ({distinct} distinct development texts, repeated), JSONL in and out, "
          f"whole process; {rounds} rounds alternating, medians; {os.cpu_count()} cores\n")
    print("| process | wall s | CPU s | peak memory MB | VADER's wall ÷ this | VADER's CPU ÷ this | wall s, each round |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, xs in got.items():
        wall, cpu, rss = med([x[0] for x in xs]), med([x[1] for x in xs]), max(x[2] for x in xs)
        each = " · ".join(f"{x[0]:.2f}" for x in xs)
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {rss:.0f} | {vader_wall / wall:.1f}× | {vader_cpu / cpu:.1f}× | {each} |")


if __name__ == "__main__":
    main()
