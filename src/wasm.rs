//! The WebAssembly binding: a thin conversion layer between plain JS data and the core.
//!
//! Every export takes and returns plain data (no handles JS must free). Spans leave this module as UTF-16
//! code-unit offsets, the unit JS strings are indexed by; the table that converts them is built once per text.
//! Nothing here judges a comment: scoring lives in the core.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::explain::{category_label, level_label, signal_label, topic_label};
use crate::lexicon::lexicons;
use crate::model::{Analysis, Category, Lang, Level, Signal, Span, Topic};
use crate::{Options, VERSION, analyze};

/// Runs once when the module is instantiated: panics go to the console with their message.
#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// The serializer for everything we hand to JS: maps become plain objects, `None` becomes `null`.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("krisenradar: cannot convert the result: {e}")))
}

/// Converts UTF-8 byte offsets of one text into UTF-16 code-unit offsets. Built once per text; ASCII text
/// (where both are equal) needs no table.
pub struct Utf16Offsets {
    /// `table[byte]` = UTF-16 offset of the character that contains `byte`; one extra entry for the end.
    table: Option<Vec<u32>>,
    byte_len: usize,
}

impl Utf16Offsets {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Utf16Offsets {
                table: None,
                byte_len: text.len(),
            };
        }
        let mut table = Vec::with_capacity(text.len() + 1);
        let mut units: u32 = 0;
        for c in text.chars() {
            for _ in 0..c.len_utf8() {
                table.push(units);
            }
            units += c.len_utf16() as u32;
        }
        table.push(units);
        Utf16Offsets {
            table: Some(table),
            byte_len: text.len(),
        }
    }

    /// The UTF-16 offset of a byte offset; offsets past the end map to the end (never panics).
    pub fn convert(&self, byte: usize) -> usize {
        let byte = byte.min(self.byte_len);
        match &self.table {
            None => byte,
            Some(t) => t.get(byte).copied().unwrap_or_default() as usize,
        }
    }

    pub fn span(&self, s: Span) -> Span {
        Span::new(self.convert(s.start), self.convert(s.end))
    }
}

/// Rewrites every span of an analysis (evidence spans are the only ones) to UTF-16 offsets.
pub fn spans_to_utf16(analysis: &mut Analysis, text: &str) {
    if analysis.evidence.is_empty() {
        return;
    }
    let map = Utf16Offsets::new(text);
    for e in &mut analysis.evidence {
        e.span = map.span(e.span);
    }
}

/// A comment id as JS sent it: a string or a number, returned unchanged.
#[derive(Deserialize, Serialize)]
#[serde(untagged)]
enum Id {
    Text(String),
    Number(f64),
}

#[derive(Deserialize)]
struct Item {
    id: Id,
    text: String,
}

#[derive(Serialize)]
struct ItemAnalysis<'a> {
    id: &'a Id,
    #[serde(flatten)]
    analysis: Analysis,
}

/// `analyzeBatch`'s options, as JS writes them.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct JsOptions {
    ui_lang: Option<String>,
    sensitivity: Option<f32>,
    watch_words: Vec<String>,
    lang: Option<String>,
}

fn parse_lang(field: &str, value: &str) -> Result<Lang, JsError> {
    match Lang::parse(value) {
        Some(l @ (Lang::De | Lang::En)) => Ok(l),
        _ => Err(JsError::new(&format!(
            "krisenradar: options.{field} must be \"de\" or \"en\", not {value:?}"
        ))),
    }
}

fn options_from_js(options: JsValue) -> Result<Options, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    let o: JsOptions = serde_wasm_bindgen::from_value(options)
        .map_err(|e| JsError::new(&format!("krisenradar: invalid options: {e}")))?;
    let ui_lang = match &o.ui_lang {
        Some(l) => parse_lang("uiLang", l)?,
        None => Lang::En,
    };
    let lang = match &o.lang {
        Some(l) => Some(parse_lang("lang", l)?),
        None => None,
    };
    let mut opts = Options::new(ui_lang)
        .with_lang_hint(lang)
        .with_watch_words(&o.watch_words);
    if let Some(s) = o.sensitivity {
        if !(0.0..=1.0).contains(&s) {
            return Err(JsError::new(&format!(
                "krisenradar: options.sensitivity must be between 0 and 1, not {s}"
            )));
        }
        opts = opts.with_sensitivity(s);
    }
    Ok(opts)
}

/// Analyses `[{id, text}]` and returns `[{id, ...analysis}]` in the same order, spans in UTF-16 offsets.
///
/// `options`: `{uiLang?: "de"|"en", sensitivity?: 0..1, watchWords?: string[], lang?: "de"|"en"}`.
#[wasm_bindgen(js_name = analyzeBatch, skip_typescript)]
pub fn analyze_batch(items: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let opts = options_from_js(options)?;
    let items: Vec<Item> = serde_wasm_bindgen::from_value(items).map_err(|e| {
        JsError::new(&format!(
            "krisenradar: analyzeBatch expects an array of {{id, text}} objects: {e}"
        ))
    })?;
    let out: Vec<ItemAnalysis> = items
        .iter()
        .map(|item| {
            let mut analysis = analyze(&item.text, &opts);
            spans_to_utf16(&mut analysis, &item.text);
            ItemAnalysis {
                id: &item.id,
                analysis,
            }
        })
        .collect();
    to_js(&out)
}

/// Panics on purpose. It exists so the page's tests can prove that a panic inside the module does not leave
/// the page dead: the JS side catches the trap, re-instantiates the module and reports the error.
#[wasm_bindgen(js_name = crashForTests, skip_typescript)]
pub fn crash_for_tests() {
    panic!("krisenradar: crashForTests was called");
}

/// The package version (the crate version).
#[wasm_bindgen]
pub fn version() -> String {
    VERSION.to_string()
}

#[derive(Serialize)]
struct Label {
    key: &'static str,
    de: &'static str,
    en: &'static str,
}

#[derive(Serialize)]
struct LexiconFile {
    /// The prefix of the evidence ids this file produces: `lexicon:de/insult.txt`.
    id: String,
    entries: usize,
}

#[derive(Serialize)]
struct Catalogue {
    signals: Vec<Label>,
    categories: Vec<Label>,
    topics: Vec<Label>,
    levels: Vec<Label>,
    /// The compiled-in lexicon files that evidence ids point to.
    rules: Vec<LexiconFile>,
}

fn labels<T: Copy>(
    all: &[T],
    key: fn(T) -> &'static str,
    label: fn(T, Lang) -> &'static str,
) -> Vec<Label> {
    all.iter()
        .map(|&x| Label {
            key: key(x),
            de: label(x, Lang::De),
            en: label(x, Lang::En),
        })
        .collect()
}

/// Keys and German/English labels of every signal, toxicity category, topic and level, and the lexicon files
/// behind the evidence ids, for UIs.
#[wasm_bindgen(skip_typescript)]
pub fn catalogue() -> Result<JsValue, JsError> {
    let c = Catalogue {
        signals: labels(&Signal::ALL, Signal::key, signal_label),
        categories: labels(&Category::ALL, Category::key, category_label),
        topics: labels(&Topic::ALL, Topic::key, topic_label),
        levels: labels(
            &[Level::Monitor, Level::Respond, Level::Escalate],
            Level::key,
            level_label,
        ),
        rules: lexicons()
            .counts()
            .into_iter()
            .map(|(file, entries)| LexiconFile {
                id: format!("lexicon:{file}"),
                entries,
            })
            .collect(),
    };
    to_js(&c)
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
export type LangCode = "de" | "en";
export type Level = "monitor" | "respond" | "escalate";
export type Signal = "complaint" | "question" | "churn" | "legal" | "safety" | "privacy" | "refund"
  | "public_escalation" | "praise" | "spam";
export type Category = "insult" | "profanity" | "threat" | "identity_attack" | "sexual_harassment"
  | "call_to_action";
export type Topic = "delivery" | "billing" | "product_quality" | "customer_service" | "pricing"
  | "availability" | "website_app" | "other";
export type Modifier = "negation" | "intensifier" | "contrast" | "irony" | "capitals" | "exclamation"
  | "elongation" | "masking";

/** A range of UTF-16 code units (JS string indices) into the input text, end-exclusive. */
export interface Span { start: number; end: number; }

export type Facet =
  | { facet: "sentiment" }
  | { facet: "toxic"; label: Category }
  | { facet: "signal"; label: Signal }
  | { facet: "topic"; label: Topic }
  | { facet: "modifier"; label: Modifier }
  | { facet: "personal_data" }
  | { facet: "watch_word" }
  | { facet: "language" };

/** A rule or lexicon hit that moved a score. */
export type Evidence = Facet & { id: string; span: Span; weight: number };

export interface Reason {
  /** Stable key: `signal.legal`, `category.insult`, `negativity`, `channel.private`, … */
  code: string;
  /** The reason in the requested UI language, quoting the evidence. */
  message: string;
  points: number;
  /** Indices into `evidence`. */
  evidence: number[];
}

export interface Analysis {
  lang: { code: LangCode | "other"; confidence: number };
  sentiment: { score: number; label: "negative" | "neutral" | "positive" };
  toxicity: { score: number; toxic: boolean; categories: Category[] };
  signals: Signal[];
  topic: Topic;
  criticality: { score: number; level: Level; channel: "public" | "private"; reasons: Reason[] };
  address: "du" | "sie" | null;
  evidence: Evidence[];
}

export interface AnalyzeOptions {
  uiLang?: LangCode;
  /** 0 (only the clearest cases) … 1 (flag early); default 0.5. */
  sensitivity?: number;
  watchWords?: string[];
  /** Skip language detection. */
  lang?: LangCode;
}

export interface CommentInput { id: string | number; text: string; }

/** Analyses every comment; results in input order, spans in UTF-16 offsets. Throws on malformed input. */
export function analyzeBatch(items: CommentInput[], options?: AnalyzeOptions): ({ id: string | number } & Analysis)[];

export interface Label<K extends string = string> { key: K; de: string; en: string; }
export interface Catalogue {
  signals: Label<Signal>[];
  categories: Label<Category>[];
  topics: Label<Topic>[];
  levels: Label<Level>[];
  /** Lexicon files behind the evidence ids (`lexicon:de/insult.txt`). */
  rules: { id: string; entries: number }[];
}
export function catalogue(): Catalogue;
"#;
