//! `krisenradar scan`: finds the posts and comments in a saved social-media page and analyses each one.
//!
//! The site adapters are the same data the browser extension uses (`extension/adapters/sites.json`), so a
//! page saved from the browser gives the same comments here as the extension finds on screen. Text is taken
//! as a reader sees it: the comment's own words, without the buttons, names and dates around it, without the
//! replies nested inside it and without quoted posts.

use std::collections::HashSet;
use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;
use std::sync::LazyLock;

use clap::Args;
use ego_tree::NodeId;
use krisenradar::{Analysis, analyze};
use scraper::{ElementRef, Html, Node, Selector};
use serde::{Deserialize, Serialize};

use super::AnalysisArgs;

/// The adapter definitions shared with the extension.
pub const SITES_JSON: &str = include_str!("../../extension/adapters/sites.json");

#[derive(Args, Debug)]
pub struct ScanArgs {
    /// A saved HTML page; stdin when missing or `-`.
    pub input: Option<String>,
    /// The site's adapter (x, youtube, facebook, instagram, linkedin, reddit, old-reddit, generic);
    /// detected from the page when not given.
    #[arg(long)]
    pub site: Option<String>,
    /// Leave the evidence out of the JSON output (smaller lines).
    #[arg(long)]
    pub no_evidence: bool,
    /// Print only what was found, without analysing it.
    #[arg(long)]
    pub no_analysis: bool,
    #[command(flatten)]
    pub analysis: AnalysisArgs,
}

// ---------------------------------------------------------------------------------------------------------
// Adapter definitions (the serde model of sites.json)

#[derive(Debug, Deserialize)]
struct SitesFile {
    sites: Vec<SiteDef>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SiteDef {
    name: String,
    #[serde(default)]
    hosts: Vec<String>,
    #[serde(default)]
    detect: Vec<String>,
    items: Vec<ItemDef>,
    #[serde(default)]
    text: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    skip: Vec<String>,
    #[serde(default)]
    inline: Vec<String>,
    #[serde(default)]
    reply: Vec<String>,
    #[serde(default)]
    author: Vec<FieldDef>,
    #[serde(default)]
    time: Vec<FieldDef>,
    #[serde(default)]
    permalink: Vec<FieldDef>,
    #[serde(default)]
    reply_box: Vec<String>,
    #[serde(default)]
    more: Vec<String>,
    #[serde(default)]
    expand: Vec<String>,
    #[serde(default)]
    deleted: DeletedDef,
    #[serde(default)]
    heuristic: Option<HeuristicDef>,
}

#[derive(Debug, Deserialize)]
struct ItemDef {
    selector: String,
    kind: String,
    #[serde(default)]
    when: Option<String>,
}

#[derive(Debug, Deserialize)]
struct FieldDef {
    #[serde(default)]
    sel: Option<String>,
    #[serde(default)]
    attr: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct DeletedDef {
    #[serde(default)]
    selectors: Vec<String>,
    #[serde(default)]
    texts: Vec<String>,
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct HeuristicDef {
    min_siblings: usize,
    min_text_chars: usize,
}

// ---------------------------------------------------------------------------------------------------------
// Compiled adapters

struct Item {
    selector: Selector,
    kind: String,
    when: Option<Selector>,
}

struct Field {
    sel: Option<Selector>,
    attr: Option<String>,
}

/// One site's adapter with its selectors compiled.
pub struct Site {
    pub name: String,
    hosts: Vec<String>,
    detect: Vec<Selector>,
    items: Vec<Item>,
    text: Vec<Selector>,
    exclude: Vec<Selector>,
    skip: Vec<Selector>,
    inline: Vec<Selector>,
    reply: Vec<Selector>,
    author: Vec<Field>,
    time: Vec<Field>,
    permalink: Vec<Field>,
    deleted: Vec<Selector>,
    deleted_texts: Vec<String>,
    heuristic: Option<HeuristicDef>,
}

fn compile(site: &str, css: &str) -> Result<Selector, String> {
    Selector::parse(css).map_err(|e| format!("site {site}: bad selector {css:?}: {e}"))
}

fn compile_all(site: &str, list: &[String]) -> Result<Vec<Selector>, String> {
    list.iter().map(|s| compile(site, s)).collect()
}

fn compile_fields(site: &str, list: &[FieldDef]) -> Result<Vec<Field>, String> {
    list.iter()
        .map(|f| {
            Ok(Field {
                sel: f.sel.as_deref().map(|s| compile(site, s)).transpose()?,
                attr: f.attr.clone(),
            })
        })
        .collect()
}

impl Site {
    fn from_def(d: &SiteDef) -> Result<Site, String> {
        let n = d.name.as_str();
        // Selectors only the extension acts on are still checked here, so a typo fails the Rust tests.
        compile_all(n, &d.reply_box)?;
        compile_all(n, &d.more)?;
        compile_all(n, &d.expand)?;
        Ok(Site {
            name: d.name.clone(),
            hosts: d.hosts.iter().map(|h| h.to_ascii_lowercase()).collect(),
            detect: compile_all(n, &d.detect)?,
            items: d
                .items
                .iter()
                .map(|i| {
                    Ok(Item {
                        selector: compile(n, &i.selector)?,
                        kind: i.kind.clone(),
                        when: i.when.as_deref().map(|w| compile(n, w)).transpose()?,
                    })
                })
                .collect::<Result<_, String>>()?,
            text: compile_all(n, &d.text)?,
            exclude: compile_all(n, &d.exclude)?,
            skip: compile_all(n, &d.skip)?,
            inline: compile_all(n, &d.inline)?,
            reply: compile_all(n, &d.reply)?,
            author: compile_fields(n, &d.author)?,
            time: compile_fields(n, &d.time)?,
            permalink: compile_fields(n, &d.permalink)?,
            deleted: compile_all(n, &d.deleted.selectors)?,
            deleted_texts: d.deleted.texts.clone(),
            heuristic: d.heuristic,
        })
    }
}

/// All adapters, parsed and compiled once.
pub fn sites() -> Result<&'static [Site], String> {
    static SITES: LazyLock<Result<Vec<Site>, String>> = LazyLock::new(|| {
        let file: SitesFile = serde_json::from_str(SITES_JSON)
            .map_err(|e| format!("extension/adapters/sites.json: {e}"))?;
        file.sites.iter().map(Site::from_def).collect()
    });
    SITES.as_deref().map_err(Clone::clone)
}

/// The adapter called `name`.
pub fn site_named(name: &str) -> Result<&'static Site, String> {
    let all = sites()?;
    all.iter()
        .find(|s| s.name.eq_ignore_ascii_case(name))
        .ok_or_else(|| {
            let names: Vec<&str> = all.iter().map(|s| s.name.as_str()).collect();
            format!("unknown site {name:?}; known: {}", names.join(", "))
        })
}

// ---------------------------------------------------------------------------------------------------------
// Detection

/// The page's own address, from `<link rel="canonical">`, `og:url` or `<base href>`, as a hostname.
fn page_host(doc: &Html) -> Option<String> {
    static CANDIDATES: LazyLock<Vec<(Selector, &'static str)>> = LazyLock::new(|| {
        [
            ("link[rel=\"canonical\"][href]", "href"),
            ("meta[property=\"og:url\"][content]", "content"),
            ("base[href]", "href"),
        ]
        .into_iter()
        .filter_map(|(s, a)| Selector::parse(s).ok().map(|sel| (sel, a)))
        .collect()
    });
    CANDIDATES.iter().find_map(|(sel, attr)| {
        let url = doc.select(sel).next()?.value().attr(attr)?;
        let rest = url.split_once("://")?.1;
        let host = rest.split(['/', '?', '#', ':']).next()?;
        (!host.is_empty()).then(|| host.to_ascii_lowercase())
    })
}

/// The adapter whose host entry matches `host` most specifically (old.reddit.com before reddit.com).
fn site_for_host<'a>(all: &'a [Site], host: &str) -> Option<&'a Site> {
    let host = host.to_ascii_lowercase();
    all.iter()
        .flat_map(|s| s.hosts.iter().map(move |h| (s, h)))
        .filter(|(_, h)| host == **h || host.ends_with(&format!(".{h}")))
        .max_by_key(|(_, h)| h.len())
        .map(|(s, _)| s)
}

/// The adapter for a page: by the page's own address, else by its markup, else the generic adapter.
pub fn detect_site(doc: &Html) -> Result<&'static Site, String> {
    let all = sites()?;
    if let Some(host) = page_host(doc) {
        if let Some(s) = site_for_host(all, &host) {
            return Ok(s);
        }
    }
    for s in all {
        if s.detect.iter().any(|sel| doc.select(sel).next().is_some()) {
            return Ok(s);
        }
    }
    site_named("generic")
}

// ---------------------------------------------------------------------------------------------------------
// Extraction

/// One post or comment found on a page.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Found {
    pub site: String,
    pub kind: String,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permalink: Option<String>,
    /// Reply depth: 0 for a post or a top-level comment, 1 for a reply, and so on.
    pub depth: usize,
}

/// Elements whose content a reader never reads as part of a comment.
const SKIPPED_TAGS: [&str; 12] = [
    "script", "style", "noscript", "template", "svg", "button", "input", "textarea", "select",
    "video", "audio", "iframe",
];

/// Elements that start a new line of text.
const BLOCK_TAGS: [&str; 30] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "tr",
    "ul",
];

/// HTML's collapsible white space (a no-break space is not one of them).
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

/// Joins the raw pieces into lines: white space collapsed, lines trimmed, empty lines dropped.
pub fn normalize_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for line in raw.split('\n') {
        let mut first = true;
        for word in line.split(is_html_space).filter(|w| !w.is_empty()) {
            if first {
                if !out.is_empty() {
                    out.push('\n');
                }
                first = false;
            } else {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

struct Page<'a> {
    site: &'a Site,
    items: HashSet<NodeId>,
}

impl Page<'_> {
    fn is_excluded(&self, el: ElementRef) -> bool {
        self.site.exclude.iter().any(|s| s.matches(&el))
    }

    /// Whether `el` (a descendant of `item`) is part of `item` itself: not inside a nested item and not
    /// inside an excluded subtree.
    fn owned_by(&self, el: ElementRef, item: ElementRef) -> bool {
        let mut cur = Some(el);
        while let Some(e) = cur {
            if e.id() == item.id() {
                return true;
            }
            if self.items.contains(&e.id()) || self.is_excluded(e) {
                return false;
            }
            cur = e.parent().and_then(ElementRef::wrap);
        }
        false
    }

    fn skipped(&self, el: ElementRef) -> bool {
        let v = el.value();
        SKIPPED_TAGS.contains(&v.name())
            || v.attr("role") == Some("button")
            || v.attr("hidden").is_some()
            || v.attr("contenteditable") == Some("true")
            || self.site.skip.iter().any(|s| s.matches(&el))
    }

    /// The text a reader sees in `root`, leaving out nested items and excluded or skipped subtrees.
    fn visible_text(&self, root: ElementRef, out: &mut String) {
        for child in root.children() {
            match child.value() {
                Node::Text(t) => out.push_str(t),
                Node::Element(_) => {
                    let Some(el) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if self.items.contains(&el.id()) || self.is_excluded(el) || self.skipped(el) {
                        continue;
                    }
                    let name = el.value().name();
                    if name == "br" {
                        out.push('\n');
                    } else if name == "img" {
                        if let Some(alt) = el.value().attr("alt") {
                            out.push_str(alt);
                        }
                    } else if BLOCK_TAGS.contains(&name)
                        && !self.site.inline.iter().any(|s| s.matches(&el))
                    {
                        out.push('\n');
                        self.visible_text(el, out);
                        out.push('\n');
                    } else {
                        self.visible_text(el, out);
                    }
                }
                _ => {}
            }
        }
    }

    /// A repeated block's words: when it has several child elements (a header line with name and date, then
    /// the message), the child with the most text; else all of it.
    fn heuristic_text(&self, el: ElementRef) -> String {
        let children: Vec<ElementRef> = el.children().filter_map(ElementRef::wrap).collect();
        if children.len() < 2 {
            return self.text_of(el);
        }
        let mut best = String::new();
        for c in children {
            let t = self.text_of(c);
            if t.chars().count() > best.chars().count() {
                best = t;
            }
        }
        best
    }

    fn text_of(&self, el: ElementRef) -> String {
        let mut raw = String::new();
        self.visible_text(el, &mut raw);
        normalize_text(&raw)
    }

    fn field(&self, item: ElementRef, fields: &[Field]) -> Option<String> {
        fields.iter().find_map(|f| {
            let el = match &f.sel {
                None => Some(item),
                Some(sel) => item.select(sel).find(|e| self.owned_by(*e, item)),
            }?;
            let value = match &f.attr {
                Some(a) => el.value().attr(a)?.trim().to_string(),
                None => self.text_of(el).replace('\n', " "),
            };
            (!value.is_empty()).then_some(value)
        })
    }

    /// The item's own words: every owned text container, in page order, outermost only.
    fn item_text(&self, item: ElementRef) -> Option<String> {
        let mut found: Vec<ElementRef> = Vec::new();
        for sel in &self.site.text {
            for el in item.select(sel) {
                if self.owned_by(el, item) && !found.iter().any(|f| f.id() == el.id()) {
                    found.push(el);
                }
            }
        }
        if found.is_empty() {
            return None;
        }
        let ids: HashSet<NodeId> = found.iter().map(|e| e.id()).collect();
        // Outermost containers only, in document order.
        let mut parts = Vec::new();
        for el in item.descendants().filter_map(ElementRef::wrap) {
            if !ids.contains(&el.id()) {
                continue;
            }
            let nested = el
                .ancestors()
                .take_while(|a| a.id() != item.id())
                .any(|a| ids.contains(&a.id()));
            if !nested {
                let t = self.text_of(el);
                if !t.is_empty() {
                    parts.push(t);
                }
            }
        }
        Some(parts.join("\n"))
    }
}

fn is_inside_chrome(el: ElementRef) -> bool {
    el.ancestors().filter_map(ElementRef::wrap).any(|a| {
        matches!(
            a.value().name(),
            "nav"
                | "header"
                | "footer"
                | "aside"
                | "form"
                | "head"
                | "script"
                | "style"
                | "template"
        )
    })
}

/// Comment-like repeated blocks: siblings with the same tag and classes, at least `min_siblings` of them
/// with `min_text_chars` characters of text each. A group whose every member merely wraps another group
/// (sections around the comment lists) is left out, so the innermost repeated blocks win.
fn heuristic_items(doc: &Html, h: HeuristicDef) -> Vec<NodeId> {
    const CONTAINERS: [&str; 6] = ["li", "article", "div", "section", "blockquote", "dd"];
    let text_len = |el: ElementRef| {
        normalize_text(&el.text().collect::<String>())
            .chars()
            .count()
    };
    let mut groups: Vec<Vec<NodeId>> = Vec::new();
    for parent in doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        if matches!(
            parent.value().name(),
            "nav" | "header" | "footer" | "aside" | "form" | "head" | "script" | "style"
        ) || is_inside_chrome(parent)
        {
            continue;
        }
        let mut sigs: Vec<(String, Vec<ElementRef>)> = Vec::new();
        for child in parent.children().filter_map(ElementRef::wrap) {
            let v = child.value();
            if !CONTAINERS.contains(&v.name()) {
                continue;
            }
            let mut classes: Vec<&str> = v.classes().collect();
            classes.sort_unstable();
            let sig = format!("{}|{}", v.name(), classes.join("."));
            match sigs.iter_mut().find(|(s, _)| *s == sig) {
                Some((_, members)) => members.push(child),
                None => sigs.push((sig, vec![child])),
            }
        }
        for (_, members) in sigs {
            let long: Vec<NodeId> = members
                .iter()
                .filter(|m| text_len(**m) >= h.min_text_chars)
                .map(|m| m.id())
                .collect();
            if members.len() >= h.min_siblings && long.len() >= h.min_siblings {
                groups.push(long);
            }
        }
    }
    let member_of_group: Vec<HashSet<NodeId>> =
        groups.iter().map(|g| g.iter().copied().collect()).collect();
    let mut out = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let wraps_other = |id: NodeId| {
            doc.tree.get(id).is_some_and(|node| {
                node.descendants().skip(1).any(|d| {
                    member_of_group
                        .iter()
                        .enumerate()
                        .any(|(oi, set)| oi != gi && set.contains(&d.id()))
                })
            })
        };
        if g.iter().all(|id| wraps_other(*id)) {
            continue;
        }
        out.extend(g.iter().copied());
    }
    out
}

/// Finds the posts and comments of a parsed page with one site's adapter.
pub fn extract(doc: &Html, site: &Site) -> Vec<Found> {
    let mut items: Vec<(ElementRef, String)> = Vec::new();
    for el in doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        let kind = site.items.iter().find(|i| {
            i.selector.matches(&el)
                && i.when
                    .as_ref()
                    .is_none_or(|w| el.select(w).next().is_some())
        });
        if let Some(i) = kind {
            items.push((el, i.kind.clone()));
        }
    }
    let mut heuristic = false;
    if items.is_empty() {
        if let Some(h) = site.heuristic {
            heuristic = true;
            for id in heuristic_items(doc, h) {
                if let Some(el) = doc.tree.get(id).and_then(ElementRef::wrap) {
                    items.push((el, "comment".to_string()));
                }
            }
            // Document order (groups were collected parent by parent).
            let order: Vec<NodeId> = doc.root_element().descendants().map(|n| n.id()).collect();
            let pos = |id: NodeId| order.iter().position(|x| *x == id).unwrap_or(usize::MAX);
            items.sort_by_key(|(el, _)| pos(el.id()));
        }
    }
    let page = Page {
        site,
        items: items.iter().map(|(el, _)| el.id()).collect(),
    };
    let comments: HashSet<NodeId> = items
        .iter()
        .filter(|(_, k)| k == "comment")
        .map(|(el, _)| el.id())
        .collect();
    let mut out = Vec::new();
    for (el, kind) in &items {
        if site.deleted.iter().any(|s| s.matches(el)) {
            continue;
        }
        let text = match page.item_text(*el) {
            Some(t) => t,
            None if heuristic => page.heuristic_text(*el),
            None if site.name == "generic" => page.text_of(*el),
            None => continue,
        };
        if text.is_empty() || site.deleted_texts.iter().any(|d| d == text.trim()) {
            continue;
        }
        let depth = el
            .ancestors()
            .filter(|a| comments.contains(&a.id()))
            .count()
            + usize::from(site.reply.iter().any(|s| s.matches(el)));
        out.push(Found {
            site: site.name.clone(),
            kind: kind.clone(),
            text,
            author: page.field(*el, &site.author),
            time: page.field(*el, &site.time),
            permalink: page.field(*el, &site.permalink),
            depth,
        });
    }
    out
}

/// Why a file could not be scanned.
#[derive(Debug)]
pub enum ScanError {
    NotHtml(String),
    Adapter(String),
}

impl std::fmt::Display for ScanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScanError::NotHtml(why) => write!(f, "not an HTML page: {why}"),
            ScanError::Adapter(e) => write!(f, "{e}"),
        }
    }
}

/// Checks that `bytes` look like an HTML document and returns it as text.
pub fn html_text(bytes: &[u8]) -> Result<String, ScanError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().take(8192).any(|b| *b == 0) {
        return Err(ScanError::NotHtml(
            "it contains binary data (NUL bytes)".into(),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(e) => {
            return Err(ScanError::NotHtml(format!(
                "it is not UTF-8 text (invalid byte at offset {})",
                e.valid_up_to()
            )));
        }
    };
    let start = text.trim_start();
    if start.is_empty() {
        return Err(ScanError::NotHtml("the file is empty".into()));
    }
    if !start.starts_with('<') {
        let head: String = start.chars().take(20).collect();
        return Err(ScanError::NotHtml(format!(
            "it does not start with a tag (starts with {head:?})"
        )));
    }
    let lower = text.to_ascii_lowercase();
    let looks_html = [
        "<!doctype html",
        "<html",
        "<body",
        "<head",
        "<div",
        "<article",
        "<p>",
        "<p ",
    ]
    .iter()
    .any(|m| lower.contains(m));
    if !looks_html {
        return Err(ScanError::NotHtml(
            "no <html>, <body> or other HTML element found (XML or SVG?)".into(),
        ));
    }
    Ok(text)
}

/// Scans an HTML document: the adapter `site` (or the detected one) and what it finds.
pub fn scan_html(html: &str, site: Option<&str>) -> Result<(&'static str, Vec<Found>), ScanError> {
    let doc = Html::parse_document(html);
    let site = match site {
        Some(name) => site_named(name),
        None => detect_site(&doc),
    }
    .map_err(ScanError::Adapter)?;
    Ok((site.name.as_str(), extract(&doc, site)))
}

#[derive(Serialize)]
struct Output<'a> {
    id: usize,
    #[serde(flatten)]
    found: &'a Found,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    analysis: Option<&'a Analysis>,
}

pub fn run(args: ScanArgs) -> io::Result<ExitCode> {
    let (name, bytes) = match args.input.as_deref() {
        None | Some("-") => {
            let mut b = Vec::new();
            io::stdin().lock().read_to_end(&mut b)?;
            ("stdin".to_string(), b)
        }
        Some(p) => (
            p.to_string(),
            std::fs::read(p)
                .map_err(|e| io::Error::new(e.kind(), format!("cannot open {p}: {e}")))?,
        ),
    };
    let html = match html_text(&bytes) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("krisenradar: {name}: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let (site, found) = match scan_html(&html, args.site.as_deref()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("krisenradar: {name}: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let opts = args.analysis.options();
    let mut out = BufWriter::new(io::stdout().lock());
    for (i, f) in found.iter().enumerate() {
        let analysis = (!args.no_analysis).then(|| {
            let mut a = analyze(&f.text, &opts);
            if args.no_evidence {
                a.evidence.clear();
            }
            a
        });
        serde_json::to_writer(
            &mut out,
            &Output {
                id: i + 1,
                found: f,
                analysis: analysis.as_ref(),
            },
        )?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    eprintln!(
        "krisenradar: {name}: site {site}, {} post(s) and comment(s)",
        found.len()
    );
    Ok(ExitCode::SUCCESS)
}
