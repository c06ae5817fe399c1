//! The structural fallback: comment-like repeated blocks on a page no adapter knows.
//!
//! Stages, each a pass over the elements in document order or its reverse (linear in the size of the page,
//! whatever its nesting):
//! 1. [`Structure::facts`]: per element, whether it holds an author (a name hint, a profile or mail link),
//!    a time (a `<time>` element, a timestamp attribute, a date written out: "vor 3 Stunden", "12.03.2026",
//!    "March 3, 2026"), words of its own (not links, headings, buttons, quotes, the author or the time), a
//!    teaser (a heading that links elsewhere), and whether it sits in page chrome (navigation, header,
//!    footer, sidebars, dialogs, quotes, signatures, hidden or screen-reader-only text).
//! 2. [`Structure::select`]: the comment-like elements by shape (tag and first class); a block that wraps
//!    blocks of other shapes holding at least half of its words is left out (a list around comments, a list
//!    item around one), smaller ones inside a block are parts of it (a name row); blocks of its own shape
//!    below it are its replies; a block needs words outside its replies, and its shape must repeat.
//! 3. [`Structure::main_elements`]: the element that holds each block's words (past the rows with the name,
//!    the date and the buttons).
//!
//! The browser extension applies the same rules (`structuralBlocks` in `extension/content/extract.js`); the
//! hints are data in `extension/adapters/sites.json` (`heuristic`).

use std::collections::HashMap;

use ego_tree::NodeId;
use regex::Regex;
use scraper::{ElementRef, Node, Selector};

use super::extract::TextLen;

/// The compiled `heuristic` of an adapter.
pub struct Structure {
    pub min_siblings: usize,
    pub min_text_chars: usize,
    /// Elements that name the author (class or rel hints, profile links).
    pub author: Selector,
    /// Elements that carry a time (`<time>`, timestamp attributes).
    pub time: Selector,
    /// A date or relative time written out, matched against whole short text nodes.
    pub dates: Regex,
    /// Elements around a page's content rather than in it.
    pub chrome: Selector,
    /// Buttons and toolbars (they make a row of a comment's header or footer; their text is no body).
    pub controls: Selector,
}

/// Per element, computed once (see [`Structure::facts`]).
struct Facts {
    /// In page chrome (navigation, sidebars, quotes …) or chrome itself.
    chrome: Vec<bool>,
    /// Words of its own: not links, headings, buttons, quotes, the author or the time.
    body: Vec<TextLen>,
    /// Holds an author hint.
    author: Vec<bool>,
    /// Holds a time.
    time: Vec<bool>,
    /// Holds a heading that links elsewhere (or is one).
    teaser: Vec<bool>,
    /// Names the author or gives the time itself.
    meta: Vec<bool>,
}

/// What the structural fallback found.
pub struct Blocks {
    /// The comment-like blocks, as indices in document order.
    pub items: Vec<usize>,
    /// Per element: it names the author or gives the time (left out of a block's words).
    pub meta: Vec<bool>,
    /// Per block: the element that holds its words (see [`Structure::blocks`]).
    pub main: Vec<usize>,
}

/// Text nodes longer than this are not a date line.
const DATE_MAX_CHARS: usize = 60;

/// Elements whose text is never part of a block's own words.
/// Elements whose text is never part of a block's own words (a quote is somebody else's words).
const NOT_BODY_TAGS: [&str; 21] = [
    "a",
    "button",
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "input",
    "textarea",
    "select",
    "video",
    "audio",
    "iframe",
    "time",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
];

/// Tags that can hold one comment (and custom elements, whose names have a hyphen).
const CONTAINERS: [&str; 7] = ["li", "article", "div", "section", "dd", "tr", "table"];

fn is_container(name: &str) -> bool {
    CONTAINERS.contains(&name) || name.contains('-')
}

/// A block's words are read from the child that holds at least this share of them while its other children
/// are only rows with the name, the date or buttons, as deep as that goes.
const MAIN_SHARE: f64 = 0.5;

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Strips the decoration around a date line ("· ", "(bearbeitet)", "am ", "posted ") before matching.
pub fn date_core(text: &str) -> &str {
    text.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '·' | '•' | '|' | '-' | '–' | '—' | '(' | ')' | ',')
    })
}

impl Structure {
    /// Whether a short text (an element's own text node) is a date or a relative time.
    pub fn is_date(&self, text: &str) -> bool {
        let core = date_core(text);
        !core.is_empty() && core.chars().count() <= DATE_MAX_CHARS && self.dates.is_match(core)
    }

    /// The comment-like blocks among `els` (document order, parents' indices in `parent`); with `given`,
    /// those items instead of a search (comment markup without text containers: their words are read the
    /// same way).
    pub fn blocks(&self, els: &[ElementRef], parent: &[usize], given: Option<&[usize]>) -> Blocks {
        let index: HashMap<NodeId, usize> =
            els.iter().enumerate().map(|(i, e)| (e.id(), i)).collect();
        let facts = self.facts(els, parent, &index);
        let items = match given {
            Some(g) => g.to_vec(),
            None => self.select(els, parent, &index, &facts),
        };
        let main = self.main_elements(els, &index, &items, &facts.meta);
        Blocks {
            items,
            meta: facts.meta,
            main,
        }
    }

    /// What every element holds, children before parents (one pass in reverse document order), and whether
    /// it sits in page chrome (top-down).
    fn facts(&self, els: &[ElementRef], parent: &[usize], index: &HashMap<NodeId, usize>) -> Facts {
        let n = els.len();
        let mut f = Facts {
            chrome: vec![false; n],
            body: vec![TextLen::EMPTY; n],
            author: vec![false; n],
            time: vec![false; n],
            teaser: vec![false; n],
            meta: vec![false; n],
        };
        for i in 0..n {
            let p = parent[i];
            f.chrome[i] = (p != usize::MAX && f.chrome[p]) || self.chrome.matches(&els[i]);
        }
        let mut link = vec![false; n];
        let mut heading = vec![false; n];
        let mut whole = vec![TextLen::EMPTY; n];
        for i in (0..n).rev() {
            let el = els[i];
            let name = el.value().name();
            let is_author = self.author.matches(&el);
            let is_time = self.time.matches(&el);
            let mut t = TextLen::EMPTY;
            let mut w = TextLen::EMPTY;
            let mut dated = false;
            // `l`: holds a link elsewhere — not the author's, not an anchor on the page (a heading around the
            // author's name or around the comment's own permalink is no teaser)
            let elsewhere = name == "a"
                && !is_author
                && !el.value().attr("href").is_some_and(|h| h.starts_with('#'));
            let (mut a, mut tm, mut l, mut h, mut te) =
                (is_author, is_time, elsewhere, false, false);
            for child in el.children() {
                match child.value() {
                    Node::Text(x) => {
                        let len = TextLen::of(x);
                        t = t.then(len);
                        w = w.then(len);
                        if !dated && self.is_date(x) {
                            dated = true;
                        }
                    }
                    Node::Element(_) => {
                        let c = index[&child.id()];
                        w = w.then(whole[c]);
                        a |= f.author[c];
                        tm |= f.time[c];
                        l |= link[c];
                        h |= heading[c] || is_heading(els[c].value().name());
                        te |= f.teaser[c];
                        if !self.not_body(els[c]) {
                            t = t.then(f.body[c]);
                        }
                    }
                    _ => {}
                }
            }
            // A heading that links, or a link around a heading: a teaser for something elsewhere.
            te |= (is_heading(name) && l) || (name == "a" && h);
            // A short element whose own words are a date ("3. November 2026", "vor 2 Stunden").
            let date_line = dated && w.len() <= DATE_MAX_CHARS;
            tm |= date_line;
            f.meta[i] = is_author || is_time || date_line;
            whole[i] = w;
            f.body[i] = if date_line { TextLen::EMPTY } else { t };
            f.author[i] = a;
            f.time[i] = tm;
            link[i] = l;
            heading[i] = h;
            f.teaser[i] = te;
        }
        f
    }

    /// The blocks a search finds: comment-like elements, not wrappers, not parts of a larger block, with
    /// words of their own, whose shape repeats.
    fn select(
        &self,
        els: &[ElementRef],
        parent: &[usize],
        index: &HashMap<NodeId, usize>,
        f: &Facts,
    ) -> Vec<usize> {
        let n = els.len();
        // Shapes of the comment-like elements (usize::MAX for the others): tag and first class, interned.
        // Later classes vary between siblings of one kind (odd/even rows, nesting depth, ids).
        let mut shapes: HashMap<String, usize> = HashMap::new();
        let shape: Vec<usize> = els
            .iter()
            .enumerate()
            .map(|(i, el)| {
                let v = el.value();
                let comment_like = !f.chrome[i]
                    && is_container(v.name())
                    && f.author[i]
                    && f.time[i]
                    && !f.teaser[i]
                    && f.body[i].len() >= self.min_text_chars;
                if !comment_like {
                    return usize::MAX;
                }
                let first = v
                    .attr("class")
                    .and_then(|c| c.split_ascii_whitespace().next());
                let key = format!("{}|{}", v.name(), first.unwrap_or(""));
                let next = shapes.len();
                *shapes.entry(key).or_insert(next)
            })
            .collect();
        let words_of: Vec<usize> = f.body.iter().map(|t| t.len()).collect();
        // For every element, the words of the outermost comment-like elements strictly below it: in all, and
        // for up to two shapes with the most (shape, words) — enough to tell the words of other shapes.
        const NONE: (usize, usize) = (usize::MAX, 0);
        let mut cover = vec![0usize; n];
        let mut by_shape: Vec<[(usize, usize); 2]> = vec![[NONE; 2]; n];
        let add = |set: &mut [(usize, usize); 2], e: (usize, usize)| {
            if e.0 == usize::MAX {
                return;
            }
            if let Some(x) = set.iter_mut().find(|x| x.0 == e.0) {
                x.1 += e.1;
            } else if set[1].0 == usize::MAX || set[1].1 < e.1 {
                set[1] = e;
            }
            if set[0].0 == usize::MAX || set[1].1 > set[0].1 {
                set.swap(0, 1);
            }
        };
        for i in (1..n).rev() {
            let p = parent[i];
            let mut set = by_shape[p];
            if shape[i] != usize::MAX {
                cover[p] += words_of[i];
                add(&mut set, (shape[i], words_of[i]));
            } else {
                cover[p] += cover[i];
                let [a, b] = by_shape[i];
                add(&mut set, a);
                add(&mut set, b);
            }
            by_shape[p] = set;
        }
        // A block wraps blocks of other shapes when they hold at least half of its words (a list around
        // comments, a list item around one); blocks of other shapes with less are parts of it (a header row
        // with name and date). Blocks of its own shape below it are its replies.
        let wraps = |i: usize| {
            let own_shape = by_shape[i]
                .iter()
                .find(|x| x.0 == shape[i])
                .map_or(0, |x| x.1);
            cover[i].saturating_sub(own_shape) * 2 >= words_of[i]
        };
        // Top-down: the nearest enclosing block that is not a wrapper (shape, words).
        let mut outer: Vec<(usize, usize)> = vec![NONE; n];
        for i in 1..n {
            let p = parent[i];
            outer[i] = if shape[p] != usize::MAX && !wraps(p) {
                (shape[p], words_of[p])
            } else {
                outer[p]
            };
        }
        let part_of_outer = |i: usize| {
            let (s, w) = outer[i];
            s != usize::MAX && s != shape[i] && words_of[i] * 2 < w
        };
        let mut kept: Vec<usize> = (0..n)
            .filter(|&i| shape[i] != usize::MAX && !wraps(i) && !part_of_outer(i))
            .collect();
        // A block whose words are all in blocks of its own shape below it is a list of them, not a comment.
        let mut is_kept = vec![false; n];
        for &i in &kept {
            is_kept[i] = true;
        }
        let own = self.own_words(els, index, &is_kept, &f.meta);
        kept.retain(|&i| own[i] >= self.min_text_chars);
        let mut count = vec![0usize; shapes.len()];
        for &i in &kept {
            count[shape[i]] += 1;
        }
        kept.into_iter()
            .filter(|&i| count[shape[i]] >= self.min_siblings)
            .collect()
    }

    /// Words of each element without those of `is_item` blocks below it, children before parents (as
    /// `body` in [`Structure::facts`]).
    fn own_words(
        &self,
        els: &[ElementRef],
        index: &HashMap<NodeId, usize>,
        is_item: &[bool],
        meta: &[bool],
    ) -> Vec<usize> {
        let n = els.len();
        let mut own = vec![TextLen::EMPTY; n];
        for i in (0..n).rev() {
            if meta[i] {
                continue;
            }
            let mut t = TextLen::EMPTY;
            for child in els[i].children() {
                match child.value() {
                    Node::Text(x) => t = t.then(TextLen::of(x)),
                    Node::Element(_) => {
                        let c = index[&child.id()];
                        if !is_item[c] && !self.not_body(els[c]) {
                            t = t.then(own[c]);
                        }
                    }
                    _ => {}
                }
            }
            own[i] = t;
        }
        own.iter().map(|t| t.len()).collect()
    }

    /// For each block, the element that holds its words: from the block down, while [`Structure::main_child`]
    /// finds one. Words of nested blocks do not count for their parents.
    fn main_elements(
        &self,
        els: &[ElementRef],
        index: &HashMap<NodeId, usize>,
        items: &[usize],
        meta: &[bool],
    ) -> Vec<usize> {
        let n = els.len();
        let mut is_item = vec![false; n];
        for &i in items {
            is_item[i] = true;
        }
        let words = self.own_words(els, index, &is_item, meta);
        // Rows: elements that hold an author, a time or a control (the header and footer rows of a comment).
        let mut row = vec![false; n];
        for i in (0..n).rev() {
            let control = self.controls.matches(&els[i]);
            row[i] = row[i] || meta[i] || control;
            if i > 0
                && row[i]
                && let Some(p) = els[i].parent().and_then(|p| index.get(&p.id()))
            {
                row[*p] = true;
            }
        }
        items
            .iter()
            .map(|&item| {
                let mut cur = item;
                loop {
                    match self.main_child(els, index, cur, &words, &row, &is_item) {
                        Some(c) => cur = c,
                        None => break cur,
                    }
                }
            })
            .collect()
    }

    /// The child of `cur` that holds its words, when the others are only rows (name, date, buttons): the
    /// child with most of the words, none of them in `cur`'s own text, every other child with words a row.
    fn main_child(
        &self,
        els: &[ElementRef],
        index: &HashMap<NodeId, usize>,
        cur: usize,
        words: &[usize],
        row: &[bool],
        is_item: &[bool],
    ) -> Option<usize> {
        let total = words[cur];
        if total == 0 {
            return None;
        }
        let mut best: Option<usize> = None;
        let mut loose = 0usize; // words of children that are neither the best nor a row
        for child in els[cur].children() {
            match child.value() {
                Node::Text(x) if TextLen::of(x).len() > 0 => return None,
                Node::Element(_) => {
                    let c = index[&child.id()];
                    // nested blocks, and what is not words (links, quotes, signatures), do not count
                    if is_item[c] || words[c] == 0 || self.not_body(els[c]) {
                        continue;
                    }
                    match best {
                        Some(b) if words[b] >= words[c] => {
                            if !row[c] {
                                loose += 1;
                            }
                        }
                        Some(b) => {
                            if !row[b] {
                                loose += 1;
                            }
                            best = Some(c);
                        }
                        None => best = Some(c),
                    }
                }
                _ => {}
            }
        }
        let b = best?;
        (loose == 0 && words[b] as f64 >= MAIN_SHARE * total as f64).then_some(b)
    }

    /// Whether an element's text is not part of a block's own words: links, headings, buttons, media, the
    /// author and the time.
    fn not_body(&self, el: ElementRef) -> bool {
        let v = el.value();
        NOT_BODY_TAGS.contains(&v.name())
            || v.attr("hidden").is_some()
            || self.controls.matches(&el)
            || self.author.matches(&el)
            || self.time.matches(&el)
            || self.chrome.matches(&el)
    }
}

#[cfg(test)]
mod tests {
    use crate::scan::scan_html;

    /// The texts the structural fallback finds on a page made of `blocks` inside a plain list.
    fn found(blocks: &[String]) -> Vec<(usize, String)> {
        let html = format!(
            "<!DOCTYPE html><html><body><main><h1>Seite</h1><div class=\"liste\">{}</div></main></body></html>",
            blocks.concat()
        );
        let scan = scan_html(&html, None).expect("scan");
        scan.found.into_iter().map(|f| (f.depth, f.text)).collect()
    }

    fn block(author: &str, time: &str, body: &str) -> String {
        format!(
            "<div class=\"eintrag\"><div class=\"kopf\">{author} {time}</div><p>{body}</p></div>"
        )
    }

    const DE: [&str; 3] = [
        "Die Lieferung kam zwei Wochen zu spät und niemand hat sich gemeldet.",
        "Sehr freundliche Beratung im Laden, danke an das ganze Team!",
        "Wann gibt es die Jacke wieder in Größe XL zu kaufen?",
    ];
    const EN: [&str; 3] = [
        "The parcel arrived two weeks late and nobody answered my emails.",
        "Very friendly advice in the shop, thanks to the whole team!",
        "When will the jacket be back in size XL?",
    ];

    #[test]
    fn blocks_with_author_time_and_words_are_comments_in_both_languages() {
        for (texts, time, name) in [
            (
                DE,
                "<span>vor 3 Stunden</span>",
                "<span class=\"name\">Ina K.</span>",
            ),
            (
                EN,
                "<span>2 hours ago</span>",
                "<a href=\"/user/ina\">ina</a>",
            ),
            (
                DE,
                "<span>12.11.2026, 14:03 Uhr</span>",
                "<b class=\"autor\">Ina</b>",
            ),
            (
                EN,
                "<time datetime=\"2026-11-12\">Nov 12</time>",
                "<span class=\"author\">Ina</span>",
            ),
        ] {
            let blocks: Vec<String> = texts.iter().map(|t| block(name, time, t)).collect();
            let got = found(&blocks);
            let want: Vec<(usize, String)> = texts.iter().map(|t| (0, t.to_string())).collect();
            assert_eq!(got, want, "{time}");
        }
    }

    #[test]
    fn without_an_author_or_a_time_it_is_not_a_comment() {
        for texts in [DE, EN] {
            // no time
            let blocks: Vec<String> = texts
                .iter()
                .map(|t| block("<span class=\"name\">Ina</span>", "", t))
                .collect();
            assert!(found(&blocks).is_empty());
            // no author
            let blocks: Vec<String> = texts
                .iter()
                .map(|t| block("", "<span>vor 2 Tagen</span>", t))
                .collect();
            assert!(found(&blocks).is_empty());
        }
    }

    #[test]
    fn teasers_with_a_linked_heading_are_not_comments() {
        for texts in [DE, EN] {
            let teaser = |t: &str| {
                format!(
                    "<div class=\"teaser\"><h3><a href=\"/artikel\">Schlagzeile</a></h3><span class=\"author\">Red.</span> \
                     <time datetime=\"2026-11-12\">12.11.2026</time><p>{t}</p></div>"
                )
            };
            let blocks: Vec<String> = texts.iter().map(|t| teaser(t)).collect();
            assert!(found(&blocks).is_empty());
            // the same blocks without the linked heading are comments
            let blocks: Vec<String> = blocks
                .iter()
                .map(|b| b.replace("<h3><a href=\"/artikel\">Schlagzeile</a></h3>", ""))
                .collect();
            assert_eq!(found(&blocks).len(), 3);
        }
    }

    #[test]
    fn page_chrome_is_never_a_comment() {
        for wrap in [
            "nav",
            "aside",
            "footer",
            "div role=\"complementary\"",
            "div aria-hidden=\"true\"",
        ] {
            let tag = wrap.split(' ').next().expect("tag");
            let blocks: Vec<String> = DE
                .iter()
                .map(|t| block("<span class=\"name\">Ina</span>", "<span>gestern</span>", t))
                .collect();
            let html = format!("<{wrap}>{}</{tag}>", blocks.concat());
            assert!(found(&[html]).is_empty(), "{wrap}");
        }
    }

    #[test]
    fn the_innermost_blocks_win_and_replies_of_the_same_shape_nest() {
        // a list item around each comment: the comment, not the item
        let items: Vec<String> = EN
            .iter()
            .map(|t| {
                format!(
                    "<li class=\"row\">{}</li>",
                    block(
                        "<span class=\"name\">Ina</span>",
                        "<span>3 days ago</span>",
                        t
                    )
                )
            })
            .collect();
        let html = format!("<ul>{}</ul>", items.concat());
        assert_eq!(found(&[html]).len(), 3);
        // a reply of the same shape inside a comment: depth 1
        let reply = block(
            "<span class=\"name\">Shop</span>",
            "<span>2 days ago</span>",
            "We are sorry, we have sent you a direct message.",
        );
        let first = block(
            "<span class=\"name\">Ina</span>",
            "<span>3 days ago</span>",
            EN[0],
        )
        .replace("</p></div>", &format!("</p>{reply}</div>"));
        let rest: Vec<String> = EN[1..]
            .iter()
            .map(|t| {
                block(
                    "<span class=\"name\">Ina</span>",
                    "<span>3 days ago</span>",
                    t,
                )
            })
            .collect();
        let got = found(&[first, rest.concat()]);
        assert_eq!(
            got.iter().map(|g| g.0).collect::<Vec<_>>(),
            vec![0, 1, 0, 0]
        );
        assert_eq!(got[1].1, "We are sorry, we have sent you a direct message.");
    }

    #[test]
    fn dates_and_relative_times_in_both_languages() {
        let site = crate::scan::site_named("generic").expect("generic");
        let h = site.heuristic.as_ref().expect("structure");
        for yes in [
            "vor 3 Stunden",
            "vor einer Woche",
            "gestern",
            "Heute, 14:03",
            "12.11.2026",
            "12.11.26, 14:03 Uhr",
            "3. November 2026",
            "am 3. Nov. 2026",
            "· 5 Std.",
            "2 hours ago",
            "an hour ago",
            "5 hr. ago",
            "yesterday at 3:04 PM",
            "March 3, 2026",
            "Nov 12",
            "2026-11-12 14:03",
            "11/12/2026",
            "3h",
            "2 w",
            "(bearbeitet) vor 2 Tagen",
            "Mo 4. Mär 2019, 19:37",
            "Mon, March 4, 2019",
            "Eintrag Nr. 126 vom 12.03.2019 um 14:22",
            "Posted on March 4, 2019 at 7:37 pm",
        ] {
            assert!(h.is_date(yes), "{yes}");
        }
        for no in [
            "Bestellnummer 4711",
            "Die Lieferung kam vor 3 Wochen nicht an",
            "ago",
            "Termin am Montag",
            "1920x1080",
            "Seite 2",
            "Teil 3 von 5",
            "seit Jahren Kunde",
            "Bestellung vom Montag",
            "Mo bis Fr geöffnet",
            "Die Rechnung vom 12.03.2019 stimmt nicht",
            "In 2 hours we open",
        ] {
            assert!(!h.is_date(no), "{no}");
        }
    }
}
