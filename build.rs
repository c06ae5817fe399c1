//! Compiles every lexicon file under `src/lexicon/` into the binary.
//!
//! Generates `$OUT_DIR/lexicon_files.rs` with one `include_str!` per `*.txt` file, so a new list is picked up
//! by adding the file; nothing is read from disk at run time. What is included is a copy in `$OUT_DIR` with
//! every comment line emptied (line numbers stay those of the source file, for error messages): comments
//! document the lists and need not ship.
//!
//! Reads those files with the library's own lexicon parser (`src/lexicon/parse.rs`) and stores the result as
//! `$OUT_DIR/lexicons.bin` (`src/lexicon/blob.rs`), which the library loads at start-up without parsing. A bad
//! line stops the build with its file and line.
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

// The parser and what it needs, compiled into this script from the library's sources.
#[allow(dead_code)]
#[path = "src/lexicon/blob.rs"]
mod blob;
#[allow(dead_code)]
#[path = "src/lexicon/kinds.rs"]
mod kinds;
#[allow(dead_code)]
#[path = "src/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "src/lexicon/parse.rs"]
mod parse;
#[allow(dead_code)]
#[path = "src/text.rs"]
mod text;
use kinds::{List, Table};

fn collect(dir: &Path, root: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = read.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "txt") {
            let rel = path
                .strip_prefix(root)
                .expect("lexicon path under root")
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, path));
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("manifest dir"))
        .join("src/lexicon");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("out dir"));
    let mut shipped_files: Vec<(&'static str, &'static str)> = Vec::new();
    let mut code = String::from(
        "/// Every lexicon file: (path below `src/lexicon/`, contents).\npub static FILES: &[(&str, &str)] = &[\n",
    );
    for (rel, path) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let source = std::fs::read_to_string(path).expect("lexicon file is UTF-8");
        let shipped: String = source
            .split_inclusive('\n')
            .map(|line| {
                if line.trim_start().starts_with('#') {
                    if line.ends_with('\n') { "\n" } else { "" }
                } else {
                    line
                }
            })
            .collect();
        let copy = out_dir.join("lexicon").join(rel);
        std::fs::create_dir_all(copy.parent().expect("lexicon copy has a folder"))
            .expect("create lexicon copy folder");
        std::fs::write(&copy, &shipped).expect("write lexicon copy");
        shipped_files.push((leak(rel.clone()), leak(shipped)));
        let _ = writeln!(
            code,
            "    ({rel:?}, include_str!({:?})),",
            copy.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = out_dir.join("lexicon_files.rs");
    std::fs::write(out, code).expect("write lexicon_files.rs");

    let parsed = parse::parse(&shipped_files);
    if !parsed.errors.is_empty() {
        // cargo stops the build on these, each bad line named by its file and line
        for e in &parsed.errors {
            println!("cargo::error=src/lexicon/{e}");
        }
        return;
    }
    std::fs::write(out_dir.join("lexicons.bin"), blob::encode(&parsed))
        .expect("write lexicons.bin");
}

/// The build script runs once: its file texts may live as long as it does.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}
