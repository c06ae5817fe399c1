//! The site adapters: the serde model of `extension/adapters/sites.json` (shared with the browser extension),
//! compiled once, and the choice of adapter for a page.

use std::sync::LazyLock;

use regex::Regex;
use scraper::{Html, Selector};
use serde::Deserialize;

use super::structure::Structure;

/// The adapter definitions shared with the extension.
pub const SITES_JSON: &str = include_str!("../../extension/adapters/sites.json");

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
    depth_by: Vec<DepthDef>,
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
struct DepthDef {
    selector: String,
    depth: usize,
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

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct HeuristicDef {
    min_siblings: usize,
    min_text_chars: usize,
    author: Vec<String>,
    time: Vec<String>,
    #[serde(default)]
    date_prefix: String,
    dates: Vec<String>,
    chrome: Vec<String>,
    controls: Vec<String>,
}

// ---------------------------------------------------------------------------------------------------------
// Compiled adapters

pub(super) struct Item {
    pub(super) selector: Selector,
    pub(super) kind: String,
    pub(super) when: Option<Selector>,
}

pub(super) struct Field {
    pub(super) sel: Option<Selector>,
    pub(super) attr: Option<String>,
}

/// One site's adapter with its selectors compiled.
pub struct Site {
    pub name: String,
    pub(super) hosts: Vec<String>,
    pub(super) detect: Vec<Selector>,
    pub(super) items: Vec<Item>,
    pub(super) text: Vec<Selector>,
    pub(super) exclude: Vec<Selector>,
    pub(super) skip: Vec<Selector>,
    pub(super) inline: Vec<Selector>,
    pub(super) reply: Vec<Selector>,
    /// The reply depth where only indentation shows it: the first entry the item matches.
    pub(super) depth_by: Vec<(Selector, usize)>,
    pub(super) author: Vec<Field>,
    pub(super) time: Vec<Field>,
    pub(super) permalink: Vec<Field>,
    pub(super) deleted: Vec<Selector>,
    pub(super) deleted_texts: Vec<String>,
    pub(super) heuristic: Option<Structure>,
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
            depth_by: d
                .depth_by
                .iter()
                .map(|x| Ok((compile(n, &x.selector)?, x.depth)))
                .collect::<Result<_, String>>()?,
            author: compile_fields(n, &d.author)?,
            time: compile_fields(n, &d.time)?,
            permalink: compile_fields(n, &d.permalink)?,
            deleted: compile_all(n, &d.deleted.selectors)?,
            deleted_texts: d.deleted.texts.clone(),
            heuristic: d
                .heuristic
                .as_ref()
                .map(|h| compile_structure(n, h))
                .transpose()?,
        })
    }
}

/// "(bearbeitet)" / "(edited)" around a date.
const EDITED: &str = r"(?:\s*\(?(?:bearbeitet|edited)\)?\s*)?";

/// The structural fallback's hints: each list joined into one selector or one pattern.
fn compile_structure(site: &str, h: &HeuristicDef) -> Result<Structure, String> {
    let dates = h
        .dates
        .iter()
        .map(|d| format!("(?:{d})"))
        .collect::<Vec<_>>()
        .join("|");
    let pattern = format!("(?i)^{EDITED}(?:{})(?:{dates}){EDITED}$", h.date_prefix);
    Ok(Structure {
        min_siblings: h.min_siblings.max(1),
        min_text_chars: h.min_text_chars,
        author: compile(site, &h.author.join(", "))?,
        time: compile(site, &h.time.join(", "))?,
        dates: Regex::new(&pattern).map_err(|e| format!("site {site}: bad date pattern: {e}"))?,
        chrome: compile(site, &h.chrome.join(", "))?,
        controls: compile(site, &h.controls.join(", "))?,
    })
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

/// The adapters whose host entries match `host`, most specific first (old.reddit.com before reddit.com).
fn sites_for_host<'a>(all: &'a [Site], host: &str) -> Vec<&'a Site> {
    let host = host.to_ascii_lowercase();
    let mut matched: Vec<(&Site, usize)> = Vec::new();
    for s in all {
        let best = s
            .hosts
            .iter()
            .filter(|h| host == **h || host.ends_with(&format!(".{h}")))
            .map(|h| h.len())
            .max();
        if let Some(len) = best {
            matched.push((s, len));
        }
    }
    // Stable: adapters with equally specific hosts keep their order in the file.
    matched.sort_by_key(|&(_, len)| std::cmp::Reverse(len));
    matched.into_iter().map(|(s, _)| s).collect()
}

/// The adapters to try on a page, in order: those for the page's own address (from its canonical link,
/// `og:url` or `<base href>`), then those whose `detect` markup is on the page, then the generic adapter.
/// The first that finds something wins (see [`super::scan_html`]).
pub fn candidates(doc: &Html) -> Result<Vec<&'static Site>, String> {
    let all = sites()?;
    let mut out: Vec<&'static Site> = Vec::new();
    if let Some(host) = page_host(doc) {
        out.extend(sites_for_host(all, &host));
    }
    for s in all {
        if !out.iter().any(|o| std::ptr::eq(*o, s))
            && s.detect.iter().any(|sel| doc.select(sel).next().is_some())
        {
            out.push(s);
        }
    }
    out.retain(|s| s.name != "generic");
    out.push(site_named("generic")?);
    Ok(out)
}
