//! Command-line front ends. All judgement lives in the library; these modules only read, call and print.

pub mod explain;
pub mod input;
pub mod lint;
pub mod report;
pub mod scan;
pub mod score;
pub mod suggest;
pub mod table;

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal};

use clap::ValueEnum;
use krisenradar::{Lang, Options};

/// Opens a file argument, or stdin for `None` / `-`, without a UTF-8 byte order mark.
pub fn open_input(path: Option<&str>) -> io::Result<Box<dyn BufRead>> {
    let mut reader: Box<dyn BufRead> = match path {
        None | Some("-") => Box::new(BufReader::new(io::stdin().lock())),
        Some(p) => File::open(p)
            .map(|f| Box::new(BufReader::new(f)) as Box<dyn BufRead>)
            .map_err(|e| io::Error::new(e.kind(), format!("cannot open {p}: {e}")))?,
    };
    if reader.fill_buf()?.starts_with(b"\xEF\xBB\xBF") {
        reader.consume(3);
    }
    Ok(reader)
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LangArg {
    De,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::De => Lang::De,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum ColorArg {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorArg {
    pub fn enabled(self) -> bool {
        match self {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        }
    }
}

/// Options shared by the analysing commands.
#[derive(clap::Args, Clone, Debug)]
pub struct AnalysisArgs {
    /// Language of the reasons (de or en); default: from LANG, else English.
    #[arg(long, value_enum)]
    pub ui_lang: Option<LangArg>,
    /// Treat every comment as this language instead of detecting it.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// 0 = only the clearest cases … 1 = flag early.
    #[arg(long, default_value_t = 0.5)]
    pub sensitivity: f32,
    /// Words that raise attention (product names, campaign terms); repeat or separate with commas.
    #[arg(long = "watch", value_delimiter = ',')]
    pub watch: Vec<String>,
    /// The company's names and handles ("KaffeeKontor,@kaffeekontor_hilft"): mentions of them address the
    /// company, and comments signed by its team are its own replies, left out of the ranking.
    #[arg(long = "company", value_delimiter = ',')]
    pub company: Vec<String>,
    /// Signatures the company's own replies end with ("^AB,/Lena"); such comments are left out of the ranking.
    #[arg(long = "signature", value_delimiter = ',')]
    pub signature: Vec<String>,
}

impl AnalysisArgs {
    pub fn options(&self) -> Options {
        let ui = self
            .ui_lang
            .map(Lang::from)
            .unwrap_or_else(ui_lang_from_env);
        Options::new(ui)
            .with_sensitivity(self.sensitivity)
            .with_lang_hint(self.lang.map(Lang::from))
            .with_watch_words(&self.watch)
            .with_company(&self.company)
            .with_signatures(&self.signature)
    }
}

/// German when the environment's locale is German, else English.
pub fn ui_lang_from_env() -> Lang {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = std::env::var(var)
            && !v.is_empty()
        {
            return if v.to_ascii_lowercase().starts_with("de") {
                Lang::De
            } else {
                Lang::En
            };
        }
    }
    Lang::En
}

/// Replaces lone UTF-16 surrogate escapes (`\ud800` without its pair) with U+FFFD so that such a line is
/// analysed instead of rejected. Returns `None` when nothing needed repair.
pub fn repair_surrogates(line: &str) -> Option<String> {
    let b = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let mut changed = false;
    let mut i = 0;
    let mut last = 0;
    let hex =
        |s: &[u8]| -> Option<u16> { u16::from_str_radix(std::str::from_utf8(s).ok()?, 16).ok() };
    while i + 1 < b.len() {
        if b[i] == b'\\' {
            if b[i + 1] == b'u'
                && i + 6 <= b.len()
                && let Some(u) = hex(&b[i + 2..i + 6])
            {
                if (0xD800..0xDC00).contains(&u) {
                    let pair = b
                        .get(i + 6..i + 12)
                        .filter(|n| n[0] == b'\\' && n[1] == b'u')
                        .and_then(|n| hex(&n[2..6]));
                    if pair.is_some_and(|l| (0xDC00..0xE000).contains(&l)) {
                        i += 12;
                        continue;
                    }
                }
                if (0xD800..0xE000).contains(&u) {
                    out.push_str(&line[last..i]);
                    out.push_str("\\ufffd");
                    changed = true;
                    i += 6;
                    last = i;
                    continue;
                }
            }
            i += 2; // skip the escaped character
            continue;
        }
        i += 1;
    }
    if !changed {
        return None;
    }
    out.push_str(&line[last..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_are_replaced_pairs_kept() {
        assert_eq!(
            repair_surrogates(r#"{"text":"a\ud800b"}"#).as_deref(),
            Some(r#"{"text":"a\ufffdb"}"#)
        );
        assert_eq!(
            repair_surrogates(r#"{"text":"\udc00"}"#).as_deref(),
            Some(r#"{"text":"\ufffd"}"#)
        );
        assert_eq!(repair_surrogates(r#"{"text":"\ud83d\ude00"}"#), None);
        assert_eq!(repair_surrogates(r#"{"text":"\\ud800"}"#), None);
    }
}
