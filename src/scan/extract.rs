//! Extraction: the posts and comments an adapter finds on a parsed page, with their text as a reader sees it.

use std::collections::{HashMap, HashSet};

use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node, Selector};
use serde::Serialize;

use super::adapters::{Field, HeuristicDef, Site};

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
    fn visible_text(&self, root: ElementRef, out: &mut String) {
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
                None => self.text_of(el).replace('\n', " "),
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

/// Elements around a page's content rather than in it.
fn is_chrome(el: ElementRef) -> bool {
    matches!(
        el.value().name(),
        "nav" | "header" | "footer" | "aside" | "form" | "head" | "script" | "style" | "template"
    )
}

/// The length [`normalize_text`] gives an element's whole text, computed bottom-up: characters that are not
/// white space, plus one separator between words. Combining two pieces joins a word cut at their seam.
#[derive(Clone, Copy, Default)]
struct TextLen {
    chars: usize,
    words: usize,
    /// Starts / ends inside a word (no white space at the edge); meaningless while `empty`.
    lead: bool,
    trail: bool,
    empty: bool,
}

impl TextLen {
    /// No text at all (the neutral piece: `EMPTY.then(x) == x`).
    const EMPTY: TextLen = TextLen {
        chars: 0,
        words: 0,
        lead: false,
        trail: false,
        empty: true,
    };

    fn of(text: &str) -> TextLen {
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

    fn then(self, next: TextLen) -> TextLen {
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

    fn len(self) -> usize {
        self.chars + self.words.saturating_sub(1)
    }
}

/// Comment-like repeated blocks: siblings with the same tag and classes, at least `min_siblings` of them
/// with `min_text_chars` characters of text each. A group whose every member merely wraps another group
/// (sections around the comment lists) is left out, so the innermost repeated blocks win.
/// Takes the document's elements in document order with their parents' indices ([`preorder`]) and returns
/// indices into them, in document order.
fn heuristic_items(els: &[ElementRef], parent: &[usize], h: HeuristicDef) -> Vec<usize> {
    const CONTAINERS: [&str; 6] = ["li", "article", "div", "section", "blockquote", "dd"];
    let index: HashMap<NodeId, usize> = els.iter().enumerate().map(|(i, e)| (e.id(), i)).collect();
    // Text length of every element, children before parents (reverse document order).
    let mut own: Vec<TextLen> = vec![TextLen::EMPTY; els.len()];
    for (i, el) in els.iter().enumerate().rev() {
        // An element's text: its text nodes and child elements in order.
        let mut t = TextLen::EMPTY;
        for child in el.children() {
            match child.value() {
                Node::Text(x) => t = t.then(TextLen::of(x)),
                Node::Element(_) => t = t.then(own[index[&child.id()]]),
                _ => {}
            }
        }
        own[i] = t;
    }
    // Elements inside page chrome (navigation, header, footer, forms …).
    let mut in_chrome = vec![false; els.len()];
    for i in 0..els.len() {
        let p = parent[i];
        in_chrome[i] = p != usize::MAX && (in_chrome[p] || is_chrome(els[p]));
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (pi, parent_el) in els.iter().enumerate() {
        if is_chrome(*parent_el) || in_chrome[pi] {
            continue;
        }
        let mut sigs: Vec<(String, Vec<usize>)> = Vec::new();
        for child in parent_el.children().filter_map(ElementRef::wrap) {
            let v = child.value();
            if !CONTAINERS.contains(&v.name()) {
                continue;
            }
            let mut classes: Vec<&str> = v.classes().collect();
            classes.sort_unstable();
            let sig = format!("{}|{}", v.name(), classes.join("."));
            let ci = index[&child.id()];
            match sigs.iter_mut().find(|(s, _)| *s == sig) {
                Some((_, members)) => members.push(ci),
                None => sigs.push((sig, vec![ci])),
            }
        }
        for (_, members) in sigs {
            if members.len() < h.min_siblings {
                continue;
            }
            let long: Vec<usize> = members
                .into_iter()
                .filter(|&m| own[m].len() >= h.min_text_chars)
                .collect();
            if long.len() >= h.min_siblings {
                groups.push(long);
            }
        }
    }
    // For every element, up to two different groups found strictly below it (two are enough to know
    // whether a group other than the element's own is among them).
    let mut group_of = vec![usize::MAX; els.len()];
    for (gi, g) in groups.iter().enumerate() {
        for &m in g {
            group_of[m] = gi;
        }
    }
    let mut below: Vec<[usize; 2]> = vec![[usize::MAX; 2]; els.len()];
    let add = |set: &mut [usize; 2], g: usize| {
        if g == usize::MAX || set.contains(&g) {
            return;
        }
        if set[0] == usize::MAX {
            set[0] = g;
        } else if set[1] == usize::MAX {
            set[1] = g;
        }
    };
    for i in (1..els.len()).rev() {
        let p = parent[i];
        let [a, b] = below[i];
        let mut set = below[p];
        add(&mut set, group_of[i]);
        add(&mut set, a);
        add(&mut set, b);
        below[p] = set;
    }
    let mut out: Vec<usize> = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let wraps_other = |m: usize| below[m].iter().any(|&o| o != usize::MAX && o != gi);
        if g.iter().all(|&m| wraps_other(m)) {
            continue;
        }
        out.extend(g.iter().copied());
    }
    // Document order (groups were collected parent by parent).
    out.sort_unstable();
    out
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

/// Finds the posts and comments of a parsed page with one site's adapter.
pub fn extract(doc: &Html, site: &Site) -> Vec<Found> {
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
    let mut heuristic = false;
    if items.is_empty() {
        if let Some(h) = site.heuristic {
            heuristic = true;
            items = heuristic_items(&els, &parent, h)
                .into_iter()
                .map(|ei| (ei, "comment"))
                .collect();
        }
    }
    let page = Page {
        site,
        items: items.iter().map(|&(ei, _)| els[ei].id()).collect(),
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
            None if heuristic => page.heuristic_text(*el),
            None if site.name == "generic" => page.text_of(*el),
            None => continue,
        };
        if text.is_empty() || site.deleted_texts.iter().any(|d| d == text.trim()) {
            continue;
        }
        let depth = inside[ei] + usize::from(site.reply.iter().any(|s| s.matches(el)));
        out.push(Found {
            site: site.name.clone(),
            kind: kind.to_string(),
            text,
            author: page.field(*el, &site.author),
            time: page.field(*el, &site.time),
            permalink: page.field(*el, &site.permalink),
            depth,
        });
    }
    out
}
