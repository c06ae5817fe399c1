//! Extraction: the posts and comments an adapter finds on a parsed page, with their text as a reader sees it.

use std::collections::{HashMap, HashSet};

use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node, Selector};
use serde::Serialize;

use super::adapters::{Field, Site};
use super::structure::Structure;

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

/// Characters that separate a name from a date ("Ingrid · 3. November"); a line of only these is no text.
const SEPARATORS: [char; 9] = ['·', '•', '|', '-', '–', '—', ',', ':', '/'];

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

/// Every walk below keeps its own stack instead of recursing: a page can nest elements tens of thousands deep,
/// and each element is visited a bounded number of times, so a scan takes time linear in the page's size.
///
/// What a walk does after visiting an element.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flow {
    /// Go on into the element's children.
    Descend,
    /// Leave the element's children out.
    Skip,
    /// End the walk.
    Stop,
}

/// Walks the elements below `root` (not `root` itself) in document order.
fn walk<'a>(root: NodeRef<'a, Node>, mut visit: impl FnMut(ElementRef<'a>) -> Flow) {
    let mut stack: Vec<NodeRef<'a, Node>> = root.children().rev().collect();
    while let Some(node) = stack.pop() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        match visit(el) {
            Flow::Descend => stack.extend(node.children().rev()),
            Flow::Skip => {}
            Flow::Stop => return,
        }
    }
}

/// The elements of a document in document order, each with its parent's index (`usize::MAX` for the root):
/// the order a post-order pass needs, without recursion.
fn preorder(doc: &Html) -> (Vec<ElementRef<'_>>, Vec<usize>) {
    let root = doc.root_element();
    let mut els = vec![root];
    let mut parent = vec![usize::MAX];
    let mut stack: Vec<(NodeRef<Node>, usize)> = root.children().rev().map(|c| (c, 0)).collect();
    while let Some((node, p)) = stack.pop() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        let me = els.len();
        els.push(el);
        parent.push(p);
        stack.extend(node.children().rev().map(|c| (c, me)));
    }
    (els, parent)
}

struct Page<'a> {
    site: &'a Site,
    items: HashSet<NodeId>,
    /// Found by the structural fallback: the authors and times inside the blocks, left out of their words.
    meta: HashSet<NodeId>,
    /// Found by the structural fallback: the element that holds each block's words.
    main: HashMap<NodeId, NodeId>,
}

impl<'a> Page<'a> {
    fn is_excluded(&self, el: ElementRef) -> bool {
        self.site.exclude.iter().any(|s| s.matches(&el))
    }

    fn skipped(&self, el: ElementRef) -> bool {
        let v = el.value();
        SKIPPED_TAGS.contains(&v.name())
            || v.attr("role") == Some("button")
            || v.attr("hidden").is_some()
            || v.attr("contenteditable") == Some("true")
            || self.site.skip.iter().any(|s| s.matches(&el))
    }

    /// Walks the elements that belong to `item` itself: below it, in document order, leaving out nested
    /// items and excluded subtrees.
    fn walk_owned(&self, item: ElementRef<'a>, mut visit: impl FnMut(ElementRef<'a>) -> Flow) {
        walk(*item, |el| {
            if self.items.contains(&el.id()) || self.is_excluded(el) {
                Flow::Skip
            } else {
                visit(el)
            }
        });
    }

    /// The text a reader sees in `root`, leaving out nested items and excluded or skipped subtrees.
    fn visible_text(&self, root: ElementRef, out: &mut String, with_meta: bool) {
        enum Step<'n> {
            Visit(NodeRef<'n, Node>),
            Newline,
        }
        let mut stack: Vec<Step> = root.children().rev().map(Step::Visit).collect();
        while let Some(step) = stack.pop() {
            let node = match step {
                Step::Newline => {
                    out.push('\n');
                    continue;
                }
                Step::Visit(node) => node,
            };
            match node.value() {
                Node::Text(t) => out.push_str(t),
                Node::Element(_) => {
                    let Some(el) = ElementRef::wrap(node) else {
                        continue;
                    };
                    if self.items.contains(&el.id())
                        || (!with_meta && self.meta.contains(&el.id()))
                        || self.is_excluded(el)
                        || self.skipped(el)
                    {
                        continue;
                    }
                    let name = el.value().name();
                    if name == "br" {
                        out.push('\n');
                    } else if name == "img" {
                        if let Some(alt) = el.value().attr("alt") {
                            out.push_str(alt);
                        }
                    } else {
                        let block = BLOCK_TAGS.contains(&name)
                            && !self.site.inline.iter().any(|s| s.matches(&el));
                        if block {
                            out.push('\n');
                            stack.push(Step::Newline);
                        }
                        stack.extend(node.children().rev().map(Step::Visit));
                    }
                }
                _ => {}
            }
        }
    }

    /// A comment-like block's words: its visible text without the author and the time, and without lines
    /// that are only separators ("·", "|").
    fn block_text(&self, el: ElementRef<'a>) -> String {
        let main = self
            .main
            .get(&el.id())
            .and_then(|id| el.tree().get(*id))
            .and_then(ElementRef::wrap)
            .unwrap_or(el);
        let text = self.text_of(main);
        let lines: Vec<&str> = text
            .lines()
            .filter(|l| {
                !l.chars()
                    .all(|c| c.is_whitespace() || SEPARATORS.contains(&c))
            })
            .collect();
        lines.join("\n")
    }

    fn text_of(&self, el: ElementRef) -> String {
        let mut raw = String::new();
        self.visible_text(el, &mut raw, false);
        normalize_text(&raw)
    }

    /// The text of an author or time element (which [`Page::text_of`] leaves out of a block's words).
    fn meta_text(&self, el: ElementRef) -> String {
        let mut raw = String::new();
        self.visible_text(el, &mut raw, true);
        normalize_text(&raw).replace('\n', " ")
    }

    /// A block's author and time from the structural hints: the first owned author element's text, and the
    /// first owned time element's `datetime` or text.
    fn block_fields(
        &self,
        item: ElementRef<'a>,
        s: &Structure,
    ) -> (Option<String>, Option<String>) {
        let (mut author, mut time) = (None, None);
        self.walk_owned(item, |e| {
            if !self.meta.contains(&e.id()) {
                return Flow::Descend;
            }
            if s.author.matches(&e) {
                if author.is_none() {
                    author = Some(self.meta_text(e)).filter(|t| !t.is_empty());
                }
            } else if time.is_none() {
                time = e
                    .value()
                    .attr("datetime")
                    .map(|d| d.trim().to_string())
                    .or_else(|| Some(self.meta_text(e)))
                    .filter(|t| !t.is_empty());
            }
            if author.is_some() && time.is_some() {
                Flow::Stop
            } else {
                Flow::Skip
            }
        });
        (author, time)
    }

    /// The first of `fields` that has a value in `item` (the item itself or its first owned element matching
    /// the field's selector).
    fn field(&self, item: ElementRef<'a>, fields: &[Field]) -> Option<String> {
        fields.iter().find_map(|f| {
            let el = match &f.sel {
                None => Some(item),
                Some(sel) => {
                    let mut first = None;
                    self.walk_owned(item, |e| {
                        if sel.matches(&e) {
                            first = Some(e);
                            Flow::Stop
                        } else {
                            Flow::Descend
                        }
                    });
                    first
                }
            }?;
            let value = match &f.attr {
                Some(a) => el.value().attr(a)?.trim().to_string(),
                None => self.meta_text(el),
            };
            (!value.is_empty()).then_some(value)
        })
    }

    /// The item's own words: every owned text container, in page order, outermost only.
    fn item_text(&self, item: ElementRef<'a>) -> Option<String> {
        let mut parts = Vec::new();
        let mut found = false;
        self.walk_owned(item, |el| {
            if !self.site.text.iter().any(|s| s.matches(&el)) {
                return Flow::Descend;
            }
            found = true;
            let t = self.text_of(el);
            if !t.is_empty() {
                parts.push(t);
            }
            Flow::Skip
        });
        found.then(|| parts.join("\n"))
    }
}

/// The length [`normalize_text`] gives an element's whole text, computed bottom-up: characters that are not
/// white space, plus one separator between words. Combining two pieces joins a word cut at their seam.
#[derive(Clone, Copy, Default)]
pub(super) struct TextLen {
    chars: usize,
    words: usize,
    /// Starts / ends inside a word (no white space at the edge); meaningless while `empty`.
    lead: bool,
    trail: bool,
    empty: bool,
}

impl TextLen {
    /// No text at all (the neutral piece: `EMPTY.then(x) == x`).
    pub(super) const EMPTY: TextLen = TextLen {
        chars: 0,
        words: 0,
        lead: false,
        trail: false,
        empty: true,
    };

    pub(super) fn of(text: &str) -> TextLen {
        let mut t = TextLen {
            empty: text.is_empty(),
            ..TextLen::default()
        };
        let mut in_word = false;
        for c in text.chars() {
            let space = is_html_space(c);
            if !space {
                t.chars += 1;
                if !in_word {
                    t.words += 1;
                }
            }
            in_word = !space;
        }
        t.lead = text.chars().next().is_some_and(|c| !is_html_space(c));
        t.trail = in_word;
        t
    }

    pub(super) fn then(self, next: TextLen) -> TextLen {
        if self.empty {
            return next;
        }
        if next.empty {
            return self;
        }
        TextLen {
            chars: self.chars + next.chars,
            words: self.words + next.words - usize::from(self.trail && next.lead),
            lead: self.lead,
            trail: next.trail,
            empty: false,
        }
    }

    pub(super) fn len(self) -> usize {
        self.chars + self.words.saturating_sub(1)
    }
}

/// For each element, whether one of its descendants matches `sel` (`el.select(sel).next().is_some()` for all
/// elements at once, children before parents).
fn has_descendant_matching(els: &[ElementRef], parent: &[usize], sel: &Selector) -> Vec<bool> {
    let mut has = vec![false; els.len()];
    for i in (1..els.len()).rev() {
        if has[i] || sel.matches(&els[i]) {
            has[parent[i]] = true;
        }
    }
    has
}

/// What one adapter found on a page.
#[derive(Debug, Default)]
pub struct Extracted {
    pub found: Vec<Found>,
    /// Found by the structural fallback (comment-like repeated blocks), not by the adapter's selectors.
    pub structural: bool,
}

/// Finds the posts and comments of a parsed page with one site's adapter.
pub fn extract(doc: &Html, site: &Site) -> Extracted {
    let (els, parent) = preorder(doc);
    let when: Vec<Option<Vec<bool>>> = site
        .items
        .iter()
        .map(|i| {
            i.when
                .as_ref()
                .map(|w| has_descendant_matching(&els, &parent, w))
        })
        .collect();
    // (element index, kind), in document order
    let mut items: Vec<(usize, &str)> = Vec::new();
    for (ei, el) in els.iter().enumerate() {
        let kind = site
            .items
            .iter()
            .zip(&when)
            .find(|(i, w)| i.selector.matches(el) && w.as_ref().is_none_or(|has| has[ei]));
        if let Some((i, _)) = kind {
            items.push((ei, i.kind.as_str()));
        }
    }
    let mut structural = false;
    let mut meta = HashSet::new();
    let mut main = HashMap::new();
    if let Some(h) = &site.heuristic {
        // No comment markup: the structural search. Comment markup: the same reading of each item's words.
        structural = items.is_empty();
        let given: Vec<usize> = items.iter().map(|&(ei, _)| ei).collect();
        let blocks = h.blocks(&els, &parent, (!structural).then_some(given.as_slice()));
        if structural {
            items = blocks.items.iter().map(|&ei| (ei, "comment")).collect();
        }
        meta = (0..els.len())
            .filter(|&i| blocks.meta[i])
            .map(|i| els[i].id())
            .collect();
        main = blocks
            .items
            .iter()
            .zip(&blocks.main)
            .map(|(&b, &m)| (els[b].id(), els[m].id()))
            .collect();
    }
    let page = Page {
        site,
        items: items.iter().map(|&(ei, _)| els[ei].id()).collect(),
        meta,
        main,
    };
    // Nesting depth: how many comments an element sits in (one pass, parents before children).
    let mut is_comment = vec![false; els.len()];
    for &(ei, kind) in &items {
        is_comment[ei] = kind == "comment";
    }
    let mut inside = vec![0usize; els.len()];
    for i in 1..els.len() {
        let p = parent[i];
        inside[i] = inside[p] + usize::from(is_comment[p]);
    }
    let mut out = Vec::new();
    for &(ei, kind) in &items {
        let el = &els[ei];
        if site.deleted.iter().any(|s| s.matches(el)) {
            continue;
        }
        let text = match page.item_text(*el) {
            Some(t) => t,
            None if site.heuristic.is_some() => page.block_text(*el),
            None => continue,
        };
        if text.is_empty() || site.deleted_texts.iter().any(|d| d == text.trim()) {
            continue;
        }
        let depth = match site.depth_by.iter().find(|(s, _)| s.matches(el)) {
            Some(&(_, d)) => d,
            None => inside[ei] + usize::from(site.reply.iter().any(|s| s.matches(el))),
        };
        let mut author = page.field(*el, &site.author);
        let mut time = page.field(*el, &site.time);
        if let Some(h) = &site.heuristic {
            let (a, t) = page.block_fields(*el, h);
            author = author.or(a);
            time = time.or(t);
        }
        out.push(Found {
            site: site.name.clone(),
            kind: kind.to_string(),
            text,
            author,
            time,
            permalink: page.field(*el, &site.permalink),
            depth,
        });
    }
    Extracted {
        found: out,
        structural,
    }
}
