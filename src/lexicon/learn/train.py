#!/usr/bin/env python3
"""Training tool for krisenradar's learned components (Python 3.11, standard library only).

The analyser is lexicon- and rule-based; next to the hand-written lists it may use a small linear
model, shipped as a weight list in the lexicon format (see `src/lexicon/README.md`):

  en/model_sentiment.txt  linear correction of the VADER-style valence sum of an English comment:
                          the engine adds MODEL_SENTIMENT_WEIGHT * (<bias> + sum of word weights) to the
                          sum before it is normalised to score = s / sqrt(s^2 + alpha).

The model is small (at most 3,000 words, weights rounded to 3 decimals) so every weight can be read
and every judgement is explained: each matched word becomes evidence (`learned`) with its weight.

Data and licences (see ../shared/data/SOURCES.md). Only data whose licence allows it is trained on:
  sentiment  VADER ground-truth tweets (en-vader-tweets.jsonl), MIT.
Other files (GermEval 2021, HASOC 2019, TweetEval) carry no licence for this use; they are only read to
measure how the models generalise (out of domain) and are never trained on. No training text is copied
into the repository: the weight files hold single folded words and numbers.

Tokens are made like the engine does it (src/text.rs): lower case, ae/oe/ue/ss for umlauts and sharp s,
accents removed, curly apostrophes straightened; words are runs of letters and digits with inner
apostrophes and masking stars (`Bürger*innen` is one word, read without the star), hyphens split words,
runs of three or more equal letters are cut to two; hashtags count without '#' and underscores; @handles,
URLs and `|LBR|` line-break markers are dropped; single letters, words with digits, and artefacts such as
`amp` (from `&amp;`) are not features. Each word counts once per comment.

Sentiment model: the engine's current valence sum s is read back from `krisenradar score` (its score
inverted through the normalisation, minus the part of any shipped sentiment model, read from the
evidence), and the word weights m are fitted so that the engine's output f(s + m) matches the human
rating scaled to the engine's score range (least squares, L2, same optimiser); only comments the engine
detects as English are fitted, as only those get the model.

It reports 5-fold cross-validated metrics (the model's own and the engine's output with
the fold's correction) and out-of-domain metrics; with --eval the tool rebuilds the release binary with
the new weight file and runs ../shared/eval/evaluate.py (path: --evaluate) on the given files.

Usage (from the repository root; build the binary first: `cargo build --release`):

  python3 src/lexicon/learn/train.py sentiment ../shared/data \\
      --out src/lexicon/en/model_sentiment.txt --engine target/release/krisenradar

`../shared/data` is the folder with the JSONL files (or the training file itself). Add --eval to rebuild
and score the out-of-domain files with the engine, --dry-run to print metrics without writing.
"""
import argparse
import datetime
import json
import math
import os
import random
import re
import subprocess
import sys
import unicodedata

SENTIMENT_TRAIN = "en-vader-tweets.jsonl"
SENTIMENT_OOD = ["en-tweeteval-sentiment-val.jsonl"]
MAX_WORDS = 3000

# Tokens that are artefacts of how a data set was stored, not words people write.
ARTEFACTS = {"lbr", "amp", "quot", "gt", "lt", "nbsp", "url", "user", "rt", "http", "https", "www",
             "url_removed", "anonymous"}

ATTRIBUTION = {
    "sentiment": [
        "Trained on the VADER ground-truth tweets (github.com/cjhutto/vaderSentiment,",
        "hutto_ICWSM_2014/tweets_GroundTruth.txt), licence MIT. Cite: C.J. Hutto, Eric Gilbert (2014).",
        "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of Social Media Text. ICWSM-14.",
    ],
}

# ---- tokens, like src/text.rs ------------------------------------------------------------------------

TOKEN_RE = re.compile(
    r"(?P<url>(?i:https?://|www\.)\S*)"
    r"|(?P<mention>@[^\W]+)"
    r"|#(?P<tag>[^\W]+)"
    r"|(?P<word>[^\W_]+(?:(?:['\u2019]|\*+)[^\W\d_]+)*\**)"
)
SPECIAL = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss", "\u2019": "'", "\u2018": "'",
           "\u02bc": "'", "\u00b4": "'", "`": "'"}


def fold(s):
    out = []
    for c in s.lower():
        if c in SPECIAL:
            out.append(SPECIAL[c])
        elif c.isascii():
            out.append(c)
        else:
            d = unicodedata.normalize("NFKD", c)
            base = "".join(x for x in d if not unicodedata.combining(x))
            out.append(SPECIAL.get(base, base.lower()))
    return "".join(out)


def cut_runs(w):
    """At most two equal letters in a row, as the engine folds elongated words."""
    return re.sub(r"([^\W\d_])\1{2,}", r"\1\1", w)


def words(text):
    """The distinct feature words of a text, and the number of word tokens (for the length term)."""
    text = text.replace("|LBR|", "\n")
    found, n_words = set(), 0
    for m in TOKEN_RE.finditer(text):
        if m.group("url") or m.group("mention"):
            continue
        if m.group("tag") is not None:
            w = fold(m.group("tag").replace("_", ""))
        else:
            n_words += 1
            w = fold(cut_runs(m.group("word").replace("*", "")))
        if len(w) < 2 or any(c.isdigit() for c in w) or w in ARTEFACTS:
            continue
        found.add(w)
    return found, n_words


# ---- data ---------------------------------------------------------------------------------------------

def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def data_file(folder, name):
    return folder if os.path.isfile(folder) and folder.endswith(name) else os.path.join(folder, name)


def folds_of(n, k, seed):
    idx = list(range(n))
    random.Random(seed).shuffle(idx)
    fold = [0] * n
    for r, i in enumerate(idx):
        fold[i] = r % k
    return fold


# ---- metrics ------------------------------------------------------------------------------------------

def auc(gold, scores):
    order = sorted(range(len(scores)), key=scores.__getitem__)
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for t in range(i, j + 1):
            ranks[order[t]] = (i + j) / 2 + 1
        i = j + 1
    pos = sum(gold)
    neg = len(gold) - pos
    return (sum(r for r, g in zip(ranks, gold) if g) - pos * (pos + 1) / 2) / (pos * neg)


def macro_f1_binary(gold, pred):
    def f1(cls):
        tp = sum(g == cls and p == cls for g, p in zip(gold, pred))
        fp = sum(g != cls and p == cls for g, p in zip(gold, pred))
        fn = sum(g == cls and p != cls for g, p in zip(gold, pred))
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return (f1(True) + f1(False)) / 2, f1(True)


def macro_f1_polarity(gold, pred):
    total = 0.0
    for cls in ("negative", "neutral", "positive"):
        tp = sum(g == cls and p == cls for g, p in zip(gold, pred))
        fp = sum(g != cls and p == cls for g, p in zip(gold, pred))
        fn = sum(g == cls and p != cls for g, p in zip(gold, pred))
        total += 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return total / 3


def pearson(xs, ys):
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    sy = math.sqrt(sum((y - my) ** 2 for y in ys))
    return sxy / (sx * sy) if sx and sy else 0.0


def sigmoid(z):
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


# ---- optimiser ----------------------------------------------------------------------------------------

def adam_fit(docs, n_feat, grad_fn, l2, steps, lr, bias0=0.0, fit_bias=True):
    """Full-batch Adam on weights w (L2 penalty l2/2·|w|², bias not penalised).
    grad_fn(z_list) -> list of dLoss/dz per doc (loss already averaged); z = bias + Σ w over doc."""
    w = [0.0] * n_feat
    b = bias0
    mw, vw = [0.0] * n_feat, [0.0] * n_feat
    mb = vb = 0.0
    b1, b2, eps = 0.9, 0.999, 1e-8
    for t in range(1, steps + 1):
        z = [b + sum(w[j] for j in d) for d in docs]
        g = grad_fn(z)
        gw = [l2 * x for x in w]
        gb = 0.0
        for d, gi in zip(docs, g):
            if gi:
                gb += gi
                for j in d:
                    gw[j] += gi
        c1, c2 = 1 - b1 ** t, 1 - b2 ** t
        mb = b1 * mb + (1 - b1) * gb
        vb = b2 * vb + (1 - b2) * gb * gb
        if fit_bias:
            b -= lr * (mb / c1) / (math.sqrt(vb / c2) + eps)
        for j in range(n_feat):
            gj = gw[j]
            mw[j] = b1 * mw[j] + (1 - b1) * gj
            vw[j] = b2 * vw[j] + (1 - b2) * gj * gj
            w[j] -= lr * (mw[j] / c1) / (math.sqrt(vw[j] / c2) + eps)
    return b, w


def vocabulary(doc_words, min_df, exclude=frozenset()):
    df = {}
    for ws in doc_words:
        for w in ws:
            df[w] = df.get(w, 0) + 1
    return {w: n for w, n in df.items() if n >= min_df and w not in exclude}


def stopwords(lang):
    """The engine's stopword list of `lang` (folded), for --no-stopwords."""
    here = os.path.dirname(os.path.abspath(__file__))
    out = set()
    with open(os.path.join(here, "..", lang, "stopwords.txt"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                out.add(fold(line.split("\t")[0].strip()))
    return frozenset(out)


def finish(bias, weights, vocab_list, prune, limit):
    """Rounded (word, weight) pairs, small ones pruned, at most `limit` by |weight|."""
    pairs = [(w, round(x, 3)) for w, x in zip(vocab_list, weights) if abs(round(x, 3)) >= prune]
    pairs = [(w, max(-8.0, min(8.0, x))) for w, x in pairs]
    pairs.sort(key=lambda p: (-abs(p[1]), p[0]))
    pairs = pairs[:limit]
    return round(max(-8.0, min(8.0, bias)), 3), pairs


def apply(bias, model, ws):
    return bias + sum(model.get(w, 0.0) for w in ws)


def engine_rows(engine, rows):
    """The engine's sentiment per row: (lang, score, sum of shipped sentiment-model word weights)."""
    feed = "".join(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n" for r in rows)
    out = subprocess.run([engine, "score"], input=feed.encode(), stdout=subprocess.PIPE, check=True).stdout
    res = {}
    for line in out.decode().splitlines():
        if not line.strip():
            continue
        o = json.loads(line)
        learned = sum(e["weight"] for e in o.get("evidence", [])
                      if e["id"].startswith("lexicon:en/model_sentiment.txt:"))
        res[o["id"]] = (o["lang"]["code"], o["sentiment"]["score"], learned)
    return [res[r["id"]] for r in rows]


def params_value(name):
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "..", "params.rs"), encoding="utf-8") as f:
        m = re.search(rf"pub const {name}: f32 = (-?[0-9.]+);", f.read())
    return float(m.group(1))


def shipped_bias(path):
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("<bias>\t"):
                    return float(line.split("\t")[1])
    except FileNotFoundError:
        pass
    return None


class Sent:
    """One comment as the engine sees it: base sum s (without any learned part), alpha, exclamation push."""
    ALPHA = 15.0

    def __init__(self, row, eng, shipped, weight):
        lang, score, learned = eng
        ws, n_words = words(row["text"])
        self.words = ws
        self.english = lang == "en"
        self.base_score = score
        self.alpha = self.ALPHA + max(0.0, n_words - 20.0)
        self.excl = min(row["text"].count("!"), 4) * 0.292
        y = max(-0.9995, min(0.9995, score))
        s_final = y * math.sqrt(self.alpha / (1 - y * y))
        s_pre = s_final - self.excl * (1 if s_final > 0 else -1 if s_final < 0 else 0)
        if self.english and shipped is not None:
            s_pre -= weight * (shipped + learned)
        self.s = s_pre

    def output(self, m):
        """The engine's score with the correction m added to the sum (m = weight * model)."""
        if not self.english:
            return self.base_score
        x = self.s + m
        x2 = x + (self.excl if x > 0 else -self.excl if x < 0 else 0.0)
        return x2 / math.sqrt(x2 * x2 + self.alpha)

    def grad(self, m):
        x = self.s + m
        x2 = x + (self.excl if x > 0 else -self.excl if x < 0 else 0.0)
        d = x2 * x2 + self.alpha
        return x2 / math.sqrt(d), self.alpha / (d * math.sqrt(d))


def label_of(score):
    return "positive" if score >= 0.3 else "negative" if score <= -0.25 else "neutral"


def train_sentiment(items, targets, args):
    fit = [(it, y) for it, y in zip(items, targets) if it.english]
    df = vocabulary([it.words for it, _ in fit], args.min_df, args.exclude)
    vocab_list = sorted(df)
    index = {w: i for i, w in enumerate(vocab_list)}
    docs = [[index[w] for w in sorted(it.words) if w in index] for it, _ in fit]
    n = len(fit)

    def grad(z):
        g = []
        for (it, y), zi in zip(fit, z):
            out, d = it.grad(zi)
            g.append(2 * (out - y) * d / n)
        return g

    bias, weights = adam_fit(docs, len(vocab_list), grad, args.l2, args.steps, args.lr,
                             fit_bias=not args.no_bias)
    return finish(bias, weights, vocab_list, args.prune, MAX_WORDS)


def run_sentiment(args):
    if not args.engine or not os.path.exists(args.engine):
        sys.exit("train.py: the sentiment model needs the engine's output: build it (cargo build --release) "
                 "and pass --engine target/release/krisenradar")
    weight = params_value("MODEL_SENTIMENT_WEIGHT")
    rows = load(data_file(args.data, SENTIMENT_TRAIN))
    ratings = [r["labels"]["rating"] for r in rows]
    eng = engine_rows(args.engine, rows)
    # subtract the shipped model's part only if the binary was built with it (its words show as evidence)
    here = os.path.dirname(os.path.abspath(__file__))
    shipped = shipped_bias(os.path.join(here, "..", "en", "model_sentiment.txt")) if any(e[2] for e in eng) else None
    items = [Sent(r, e, shipped, weight) for r, e in zip(rows, eng)]
    base = [it.output(0.0) for it in items]
    # target: the rating in the engine's score range (least-squares slope of the engine's score on it)
    scale = args.scale or sum(b * r for b, r in zip(base, ratings)) / sum(r * r for r in ratings)
    targets = [scale * r for r in ratings]
    log(f"engine without model: Pearson {pearson(base, ratings):.3f}; target = {scale:.4f} * rating")
    report = {"base_pearson": pearson(base, ratings), "scale": scale}
    fold = folds_of(len(rows), args.folds, args.seed)
    factors = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    oof = {f: [0.0] * len(rows) for f in factors}
    per_fold = []
    for f in range(args.folds):
        tr = [i for i in range(len(rows)) if fold[i] != f]
        te = [i for i in range(len(rows)) if fold[i] == f]
        b, pairs = train_sentiment([items[i] for i in tr], [targets[i] for i in tr], args)
        model = dict(pairs)
        for i in te:
            m = apply(b, model, items[i].words)
            for k in factors:
                oof[k][i] = items[i].output(k * m)
        fold_p = pearson([oof[1.0][i] for i in te], [ratings[i] for i in te])
        per_fold.append(fold_p)
        log(f"fold {f + 1}: Pearson {fold_p:.3f} (engine alone {pearson([base[i] for i in te], [ratings[i] for i in te]):.3f}), words {len(pairs)}")
    cv = {k: pearson(oof[k], ratings) for k in factors}
    report["cv_pearson_by_weight"] = cv
    report["cv_pearson_mean_of_folds"] = sum(per_fold) / len(per_fold)
    log("CV Pearson (pooled out-of-fold) by MODEL_SENTIMENT_WEIGHT: "
        + ", ".join(f"{k}: {v:.3f}" for k, v in cv.items()))
    bias, pairs = train_sentiment(items, targets, args)
    model = dict(pairs)
    ins = [it.output(weight * apply(bias, model, it.words)) for it in items]
    report["train_pearson"] = pearson(ins, ratings)
    log(f"in-sample Pearson at weight {weight}: {report['train_pearson']:.3f}")
    report["ood"] = {}
    for name in SENTIMENT_OOD:
        path = data_file(args.data, name)
        if not os.path.exists(path):
            continue
        ood = load(path)
        gold = [r["labels"]["polarity"] for r in ood]
        its = [Sent(r, e, shipped, weight) for r, e in zip(ood, engine_rows(args.engine, ood))]
        res = {"engine_alone": macro_f1_polarity(gold, [label_of(it.output(0.0)) for it in its])}
        for k in factors:
            res[k] = macro_f1_polarity(gold, [label_of(it.output(k * apply(bias, model, it.words))) for it in its])
        report["ood"][name] = res
        log(f"out of domain {name} macro-F1: " + ", ".join(f"{k}: {v:.3f}" for k, v in res.items()))
    hyper = f"min_df={args.min_df} l2={args.l2} steps={args.steps} lr={args.lr} prune={args.prune} " \
            f"stopwords={'dropped' if args.exclude else 'kept'} " \
            f"intercept={'fixed at 0' if args.no_bias else 'fitted'} target={scale:.4f}*rating folds={args.folds} seed={args.seed}"
    header = ATTRIBUTION["sentiment"] + [
        "Linear correction of the engine's valence sum, fitted through the engine's normalisation (least",
        f"squares, L2) on the comments the engine detects as English; {hyper}.",
        f"{args.folds}-fold CV Pearson of the engine's score with the correction: "
        + ", ".join(f"{v:.3f} (weight {k})" for k, v in cv.items() if k in (weight, 1.0))
        + f"; engine without model {report['base_pearson']:.3f}.",
    ] + [f"Out of domain {n.replace('.jsonl', '')} macro-F1: engine alone {m['engine_alone']:.3f}, with "
         f"model at weight {weight} {m.get(weight, m[1.0]):.3f}." for n, m in report["ood"].items()]
    return bias, pairs, header, report


# ---- output -------------------------------------------------------------------------------------------

def log(msg):
    print(msg, file=sys.stderr, flush=True)


def fmt(d):
    return ", ".join(f"{k} {v:.3f}" for k, v in d.items())


def write_model(path, bias, pairs, header):
    if bias == 0.0:
        sys.exit("train.py: the intercept rounds to 0, which the lexicon format does not allow; "
                 "fit it (drop --no-bias) or change --l2")
    lines = ["# Learned model, generated by src/lexicon/learn/train.py: do not edit by hand, retrain."]
    lines += ["# " + h for h in header]
    lines.append(f"# Generated {datetime.date.today().isoformat()}; {len(pairs)} words; weights rounded to 3 decimals.")
    lines.append(f"<bias>\t{bias:.3f}")
    lines += [f"{w}\t{x:.3f}" for w, x in pairs]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kind", choices=["sentiment"])
    ap.add_argument("data", help="folder with the JSONL files (../shared/data) or the training file")
    ap.add_argument("--out", required=True, help="weight file to write")
    ap.add_argument("--engine", default="target/release/krisenradar", help="release binary (sentiment)")
    ap.add_argument("--min-df", type=int, default=None, help="minimum document frequency of a word")
    ap.add_argument("--l2", type=float, default=None, help="L2 penalty")
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--prune", type=float, default=0.05, help="drop words with |weight| below this")
    ap.add_argument("--scale", type=float, default=None, help="sentiment: target = scale * rating")
    ap.add_argument("--no-bias", action="store_true",
                    help="sentiment: do not fit an intercept (the file then needs a hand-set non-zero <bias>)")
    ap.add_argument("--stopwords", choices=["keep", "drop"], default="keep",
                    help="function words of the engine's stopwords.txt as features (kept by default: "
                         "dropping them cost cross-validated and out-of-domain scores for both models)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=2018)
    ap.add_argument("--report", help="write the metrics to this JSON file")
    ap.add_argument("--dry-run", action="store_true", help="print metrics, do not write the weight file")
    ap.add_argument("--eval", action="store_true", help="rebuild the release binary and run evaluate.py")
    ap.add_argument("--evaluate", default="../shared/eval/evaluate.py", help="path of evaluate.py")
    args = ap.parse_args()
    drop = args.stopwords == "drop"
    args.exclude = stopwords("en") if drop else frozenset()
    args.min_df = args.min_df or 3
    args.l2 = 1e-3 if args.l2 is None else args.l2
    bias, pairs, header, report = run_sentiment(args)
    ood = SENTIMENT_OOD + [SENTIMENT_TRAIN]
    log(f"model: intercept {bias}, {len(pairs)} words")
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=1)
    if args.dry_run:
        return 0
    write_model(args.out, bias, pairs, header)
    log(f"wrote {args.out}")
    if args.eval:
        subprocess.run(["cargo", "build", "--release"], check=True)
        files = [data_file(args.data, n) for n in ood]
        subprocess.run([sys.executable, args.evaluate, "--cmd", f"{args.engine} score --no-evidence",
                        "--name", f"with {os.path.basename(args.out)}"] + files, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
