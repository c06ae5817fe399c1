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
use crate::reply::Verdict;
#[cfg(feature = "assist")]
use crate::reply::{self, BrandVoice, ReplyContext, ReplyReview, ToneDimension};
use crate::thread::Status;
#[cfg(feature = "assist")]
use crate::thread::{self, CommentIn, ThreadSummary, Thresholds};
use crate::{Options, VERSION, analyze};

/// Runs once when the module is instantiated: panics go to the console with their message.
#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// Hands a result to JS: as one JSON text that JS parses once (`JSON.parse` builds the objects far faster than
/// one boundary call per field). Maps become plain objects, `None` becomes `null`.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(value)
        .map_err(|e| JsError::new(&format!("krisenradar: cannot convert the result: {e}")))?;
    js_sys::JSON::parse(&json)
        .map_err(|_| JsError::new("krisenradar: cannot convert the result: invalid JSON"))
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
    /// With `evidence: false`: how many evidence items the analysis has (its `evidence` list is left empty; a
    /// card asks for them again when it opens).
    #[serde(rename = "evidenceCount", skip_serializing_if = "Option::is_none")]
    evidence_count: Option<usize>,
}

/// `analyzeBatch`'s options, as JS writes them (unknown fields are ignored).
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct JsOptions {
    ui_lang: Option<String>,
    sensitivity: Option<f32>,
    watch_words: Vec<String>,
    lang: Option<String>,
    /// `false`: results without their evidence list, only its length (`evidenceCount`) — badges and lists need
    /// the level, signals and reasons; the evidence goes to JS only for a card that opens.
    evidence: Option<bool>,
}

/// `summarizeThread`'s options: the analysis options and the thresholds the thread is judged by.
#[cfg(feature = "assist")]
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct JsThreadOptions {
    ui_lang: Option<String>,
    sensitivity: Option<f32>,
    watch_words: Vec<String>,
    lang: Option<String>,
    thresholds: Option<Thresholds>,
}

fn parse_lang(field: &str, value: &str) -> Result<Lang, JsError> {
    match Lang::parse(value) {
        Some(l @ (Lang::De | Lang::En)) => Ok(l),
        _ => Err(JsError::new(&format!(
            "krisenradar: options.{field} must be \"de\" or \"en\", not {value:?}"
        ))),
    }
}

fn from_js<T: serde::de::DeserializeOwned + Default>(
    value: JsValue,
    what: &str,
) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| JsError::new(&format!("krisenradar: invalid {what}: {e}")))
}

fn build_options(
    ui_lang: Option<&str>,
    sensitivity: Option<f32>,
    watch_words: &[String],
    lang: Option<&str>,
) -> Result<Options, JsError> {
    let ui_lang = match ui_lang {
        Some(l) => parse_lang("uiLang", l)?,
        None => Lang::En,
    };
    let lang = match lang {
        Some(l) => Some(parse_lang("lang", l)?),
        None => None,
    };
    let mut opts = Options::new(ui_lang)
        .with_lang_hint(lang)
        .with_watch_words(watch_words);
    if let Some(s) = sensitivity {
        if !(0.0..=1.0).contains(&s) {
            return Err(JsError::new(&format!(
                "krisenradar: options.sensitivity must be between 0 and 1, not {s}"
            )));
        }
        opts = opts.with_sensitivity(s);
    }
    Ok(opts)
}

/// The analysis options, and whether the results carry their evidence.
fn options_from_js(options: JsValue) -> Result<(Options, bool), JsError> {
    let o: JsOptions = from_js(options, "options")?;
    let opts = build_options(
        o.ui_lang.as_deref(),
        o.sensitivity,
        &o.watch_words,
        o.lang.as_deref(),
    )?;
    Ok((opts, o.evidence.unwrap_or(true)))
}

/// Analyses `[{id, text}]` and returns `[{id, ...analysis}]` in the same order, spans in UTF-16 offsets.
///
/// `options`: `{uiLang?: "de"|"en", sensitivity?: 0..1, watchWords?: string[], lang?: "de"|"en",
/// evidence?: boolean}`; with `evidence: false` every result has an empty `evidence` list and `evidenceCount`.
#[wasm_bindgen(js_name = analyzeBatch, skip_typescript)]
pub fn analyze_batch(items: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let (opts, with_evidence) = options_from_js(options)?;
    let items: Vec<Item> = serde_wasm_bindgen::from_value(items).map_err(|e| {
        JsError::new(&format!(
            "krisenradar: analyzeBatch expects an array of {{id, text}} objects: {e}"
        ))
    })?;
    let out: Vec<ItemAnalysis> = items
        .iter()
        .map(|item| {
            let mut analysis = analyze(&item.text, &opts);
            let evidence_count = (!with_evidence).then(|| {
                let n = analysis.evidence.len() + analysis.evidence_omitted;
                analysis.evidence = Vec::new();
                analysis.evidence_omitted = 0;
                n
            });
            spans_to_utf16(&mut analysis, &item.text);
            ItemAnalysis {
                id: &item.id,
                analysis,
                evidence_count,
            }
        })
        .collect();
    to_js(&out)
}

/// Rewrites every span of a reply review (lints, their fixes' edits, the tone cues) to UTF-16 offsets.
#[cfg(feature = "assist")]
pub fn review_to_utf16(review: &mut ReplyReview, draft: &str) {
    let map = Utf16Offsets::new(draft);
    for lint in &mut review.lints {
        lint.span = map.span(lint.span);
        for edit in lint.fixes.iter_mut().flat_map(|f| f.edits.iter_mut()) {
            edit.span = map.span(edit.span);
        }
    }
    let t = &mut review.tone;
    let dims: [&mut ToneDimension; 6] = [
        &mut t.respect,
        &mut t.empathy,
        &mut t.accountability,
        &mut t.clarity,
        &mut t.calmness,
        &mut t.formality,
    ];
    for d in dims {
        for e in &mut d.evidence {
            e.span = map.span(e.span);
        }
    }
}

/// Rewrites the spans of a thread summary (the top comments' evidence, into their own text) to UTF-16.
#[cfg(feature = "assist")]
pub fn summary_to_utf16(summary: &mut ThreadSummary) {
    for c in &mut summary.top_comments {
        spans_to_utf16(&mut c.analysis, &c.text);
    }
}

/// Reviews a reply draft: `{lang, lints, tone, verdict}` with every span in UTF-16 offsets into `draft`.
///
/// `context`: `{comment?, platform?, voice?, lang?}` (the Rust `ReplyContext`'s JSON). A comment analysis in
/// the context is ignored (its spans would be UTF-16): the core analyses `comment` itself.
#[cfg(feature = "assist")]
#[wasm_bindgen(js_name = lintReply, skip_typescript)]
pub fn lint_reply(draft: &str, context: JsValue) -> Result<JsValue, JsError> {
    let mut ctx: ReplyContext = from_js(context, "reply context")?;
    ctx.analysis = None;
    let mut review = reply::lint_reply(draft, &ctx);
    review_to_utf16(&mut review, draft);
    to_js(&review)
}

/// Two to four reply drafts for a comment (`[{strategy, label, lang, address, text}]`), in the comment's
/// language and the brand's form of address.
///
/// `voice`: the Rust `BrandVoice`'s JSON (`{company?, address?: "du"|"sie", signature?, …}`); `options`: as
/// `analyzeBatch` (used to analyse the comment).
#[cfg(feature = "assist")]
#[wasm_bindgen(js_name = suggestReplies, skip_typescript)]
pub fn suggest_replies(text: &str, voice: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let voice: BrandVoice = from_js(voice, "brand voice")?;
    let (opts, _) = options_from_js(options)?;
    let analysis = analyze(text, &opts);
    to_js(&reply::suggest_for_comment(text, &analysis, &voice))
}

/// A comment of a thread as JS writes it: the id may be a number.
#[cfg(feature = "assist")]
#[derive(Deserialize)]
struct ThreadItem {
    id: Id,
    text: String,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    timestamp: Option<f64>,
    #[serde(default)]
    parent: Option<Id>,
}

#[cfg(feature = "assist")]
impl Id {
    fn into_string(self) -> String {
        match self {
            Id::Text(s) => s,
            Id::Number(n) => n.to_string(),
        }
    }
}

/// Summarises a thread: status (calm / tense / crisis) with reasons, counts, velocity, recurring issues, top
/// comments (spans in UTF-16 offsets into their `text`) and next actions.
///
/// `comments`: `[{id, text, author?, timestamp? (unix seconds), parent?}]`; `options`: as `analyzeBatch`, plus
/// `thresholds?` (the Rust `Thresholds`' JSON, every field optional).
#[cfg(feature = "assist")]
#[wasm_bindgen(js_name = summarizeThread, skip_typescript)]
pub fn summarize_thread(comments: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let o: JsThreadOptions = from_js(options, "options")?;
    let opts = build_options(
        o.ui_lang.as_deref(),
        o.sensitivity,
        &o.watch_words,
        o.lang.as_deref(),
    )?;
    let items: Vec<ThreadItem> = serde_wasm_bindgen::from_value(comments).map_err(|e| {
        JsError::new(&format!(
            "krisenradar: summarizeThread expects an array of {{id, text, author?, timestamp?, parent?}}: {e}"
        ))
    })?;
    let comments: Vec<CommentIn> = items
        .into_iter()
        .map(|c| CommentIn {
            id: c.id.into_string(),
            text: c.text,
            author: c.author,
            timestamp: c
                .timestamp
                .filter(|t| t.is_finite())
                .map(|t| t.floor() as i64),
            parent: c.parent.map(Id::into_string),
        })
        .collect();
    let mut summary =
        thread::summarize_thread_with(&comments, &opts, &o.thresholds.unwrap_or_default());
    summary_to_utf16(&mut summary);
    to_js(&summary)
}

/// Which column of a table holds what, by the same German and English names the CLI knows
/// (`src/columns/names.tsv`): `headers` is the header row; returns `{text, author, time, clock, id, parent}`,
/// each a column index or `null`.
#[wasm_bindgen(js_name = detectColumns, skip_typescript)]
pub fn detect_columns(headers: JsValue) -> Result<JsValue, JsError> {
    let headers: Vec<String> = serde_wasm_bindgen::from_value(headers).map_err(|e| {
        JsError::new(&format!(
            "krisenradar: detectColumns expects an array of strings: {e}"
        ))
    })?;
    to_js(&crate::columns::detect(&headers))
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
struct ReplyRule {
    /// Stable kebab-case id naming the bad pattern (`blames-customer`), as in `Lint::rule`.
    id: &'static str,
    category: &'static str,
    severity: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Catalogue {
    signals: Vec<Label>,
    categories: Vec<Label>,
    topics: Vec<Label>,
    levels: Vec<Label>,
    /// Thread states of `summarizeThread`.
    thread_status: Vec<Label>,
    /// Verdicts of `lintReply`.
    verdicts: Vec<Label>,
    /// The reply rules of `lintReply`.
    rules: Vec<ReplyRule>,
    /// The compiled-in lexicon files that evidence ids point to.
    lexicons: Vec<LexiconFile>,
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

/// Keys and German/English labels of every signal, toxicity category, topic, level, thread status and reply
/// verdict; the reply rules; and the lexicon files behind the evidence ids — for UIs.
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
        thread_status: labels(
            &[Status::Calm, Status::Tense, Status::Crisis],
            Status::key,
            Status::label,
        ),
        verdicts: labels(
            &[Verdict::Ready, Verdict::Revise, Verdict::DoNotPost],
            Verdict::key,
            Verdict::label,
        ),
        #[cfg(feature = "assist")]
        rules: reply::rules::RULES
            .iter()
            .map(|r| ReplyRule {
                id: r.id(),
                category: r.category().key(),
                severity: r.severity().key(),
            })
            .collect(),
        // the badge build has no reply checker
        #[cfg(not(feature = "assist"))]
        rules: Vec::new(),
        lexicons: lexicons()
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
  /** At most 200 items: what the reasons cite first, then by weight; in text order. */
  evidence: Evidence[];
  /** How many further items a very long text produced (absent when none were left out). */
  evidence_omitted?: number;
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

export interface DetectedColumns { text: number | null; author: number | null; time: number | null; clock: number | null; id: number | null; parent: number | null; }
/** Which column of a header row holds the text, author, time, id, answered comment (German and English names). */
export function detectColumns(headers: string[]): DetectedColumns;

export type ThreadStatus = "calm" | "tense" | "crisis";
export type Verdict = "ready" | "revise" | "do_not_post";
export type Severity = "hint" | "warning" | "error";

export interface Label<K extends string = string> { key: K; de: string; en: string; }
export interface Catalogue {
  signals: Label<Signal>[];
  categories: Label<Category>[];
  topics: Label<Topic>[];
  levels: Label<Level>[];
  threadStatus: Label<ThreadStatus>[];
  verdicts: Label<Verdict>[];
  /** The reply rules of `lintReply`. */
  rules: { id: string; category: string; severity: Severity }[];
  /** Lexicon files behind the evidence ids (`lexicon:de/insult.txt`). */
  lexicons: { id: string; entries: number }[];
}
export function catalogue(): Catalogue;

/** Replace the text at `span` (UTF-16) with `replacement`. */
export interface Edit { span: Span; replacement: string; }
export interface Fix { title: string; edits: Edit[]; applicability: "safe" | "unsafe" | "display_only"; }
export interface Lint {
  /** Stable kebab-case id naming the bad pattern. */
  rule: string;
  category: string;
  severity: Severity;
  /** The problem, in the draft's language. */
  message: string;
  span: Span;
  fixes: Fix[];
}
export interface ToneDimension { score: number; evidence: { id: string; span: Span; weight: number }[]; evidence_omitted?: number; }
export interface ReplyReview {
  lang: LangCode | "other";
  /** At most 20 findings of each rule. */
  lints: Lint[];
  /** How many further findings of rules that fired more often were left out (absent when none). */
  lints_omitted?: number;
  tone: { respect: ToneDimension; empathy: ToneDimension; accountability: ToneDimension; clarity: ToneDimension;
    calmness: ToneDimension; formality: ToneDimension };
  verdict: Verdict;
}
export interface BrandVoice {
  company?: string; aliases?: string[]; address?: "du" | "sie"; mirror_du?: boolean; signature?: string | null;
  private_channel_de?: string | null; private_channel_en?: string | null;
}
export interface ReplyContext {
  /** The comment being answered (analysed by the core). */
  comment?: string;
  platform?: "generic" | "x" | "threads" | "mastodon" | "bluesky" | "instagram" | "facebook" | "linkedin"
    | "youtube" | "tiktok";
  voice?: BrandVoice;
  /** The draft's language; detected when missing. */
  lang?: LangCode;
}
export interface Suggestion {
  strategy: "empathetic" | "solution_first" | "brief" | "holding" | "boundary" | "thanks";
  /** The strategy in the reply's language. */
  label: string;
  lang: LangCode;
  address: "du" | "sie" | null;
  text: string;
}
/** Two to four reply drafts for a comment, in its language. */
export function suggestReplies(text: string, voice?: BrandVoice, options?: AnalyzeOptions): Suggestion[];

/** Reviews a reply draft; spans in UTF-16 offsets into `draft`. */
export function lintReply(draft: string, context?: ReplyContext): ReplyReview;

export interface ThreadComment {
  id: string | number; text: string; author?: string | null;
  /** Unix seconds (UTC). */
  timestamp?: number | null; parent?: string | number | null;
}
export interface ThreadOptions extends AnalyzeOptions {
  /** Overrides of the thresholds the status is judged by (snake_case fields of the Rust `Thresholds`). */
  thresholds?: Record<string, number>;
}
export interface ThreadSummary {
  status: ThreadStatus;
  reasons: { code: string; status: ThreadStatus; message: string; value: number; threshold: number }[];
  comments: number;
  authors: number;
  levels: Partial<Record<Level, number>>;
  critical: number;
  critical_share: number;
  signals: Partial<Record<Signal, number>>;
  recurring: { label: string; terms: string[]; size: number; authors: number; critical: number; topic: Topic;
    signal: Signal | null; examples: { id: string; text: string; author: string | null; score: number }[] }[];
  /** Comments to answer first; their evidence spans are UTF-16 offsets into their (possibly cut) `text`. The same
   *  text posted again (up to case and white space) is listed once: `posts` counts it, `posters` names who. */
  top_comments: { id: string; author: string | null; text: string; priority: number; analysis: Analysis;
    posts: number; posters?: string[]; repeat_ids?: string[] }[];
  actions: { kind: string; message: string; comment_ids: string[] }[];
  [more: string]: unknown;
}
/** Summarises a thread: status with reasons, counts, recurring issues, top comments, next actions. */
export function summarizeThread(comments: ThreadComment[], options?: ThreadOptions): ThreadSummary;
"#;
