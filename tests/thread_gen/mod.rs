//! Deterministic synthetic threads (invented comments and names) for the thread and report tests.
//!
//! Each scenario is built from a handful of templates, filled in with a small seeded generator, so the
//! threads are realistic in shape (many authors, paraphrases, background chatter, time of day) and the
//! same on every run.
#![allow(dead_code)]

use krisenradar::thread::{CommentIn, days_from_civil};

/// 2026-11-16 00:00 UTC, a Monday.
pub fn t0() -> i64 {
    days_from_civil(2026, 11, 16) * 86_400
}

pub const HOUR: i64 = 3600;

/// xorshift64*: small, seeded, deterministic.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

const FIRST: &[&str] = &[
    "Anna", "Jonas", "Mia", "Lukas", "Lea", "Finn", "Emma", "Paul", "Lina", "Ben", "Sophie",
    "Elias", "Marie", "Noah", "Hannah", "Felix", "Clara", "Moritz", "Greta", "Theo",
];
const LAST: &[&str] = &[
    "Brenner", "Vogt", "Kessler", "Lindner", "Ahrens", "Wolff", "Sommer", "Haas", "Janssen", "Roth",
];

/// The i-th invented author name ("Anna Brenner", "Jonas Vogt", …, then with a number).
pub fn author(i: usize) -> String {
    let f = FIRST[i % FIRST.len()];
    let l = LAST[(i / FIRST.len()) % LAST.len()];
    let round = i / (FIRST.len() * LAST.len());
    if round == 0 {
        format!("{f} {l}")
    } else {
        format!("{f} {l} {round}")
    }
}

const CITIES: &[&str] = &["Köln", "Bielefeld", "Kassel", "Ulm", "Rostock", "Passau"];

/// Everyday, friendly or neutral comments (German and English).
pub const CHATTER: &[&str] = &[
    "Danke für die schnelle Lieferung, alles super!",
    "Wann öffnet die Filiale in {city} wieder?",
    "Schönes Produkt, bin sehr zufrieden.",
    "Gibt es das auch in Blau?",
    "Tolles Team, weiter so!",
    "Hat jemand Erfahrung mit dem Modell K{n}?",
    "Bin gespannt auf die neue Kollektion.",
    "Super Beratung im Laden in {city}, danke!",
    "Great product, works perfectly.",
    "Do you ship to Austria as well?",
];

/// One delivery problem, paraphrased.
pub const DELIVERY: &[&str] = &[
    "Paket seit {n} Wochen nicht da. Was ist da los?",
    "Mein Paket ist seit {n} Wochen nicht angekommen, keiner antwortet.",
    "Wo bleibt mein Paket? Warte seit {n} Wochen!",
    "Seit {n} Wochen warte ich auf mein Paket, die Sendungsverfolgung zeigt nichts.",
    "Auch bei mir: Paket seit {n} Wochen nicht da, nichts passiert.",
    "Paket immer noch nicht da, seit {n} Wochen. Ich will mein Geld zurück!",
];

/// One safety problem, paraphrased (German).
pub const SAFETY: &[&str] = &[
    "Der Akku meines Rollers ist beim Laden explodiert, mein Sohn hat sich verbrannt!",
    "Bei mir hat der Akku beim Laden gebrannt. Brandgefahr!",
    "Akku wird beim Laden extrem heiß und qualmt. Gefährlich!",
    "Unser Akku ist heute Nacht beim Laden in Flammen aufgegangen. Rückruf jetzt!",
    "Mein Akku hat beim Laden Feuer gefangen, zum Glück war ich zu Hause.",
];

/// One safety problem, paraphrased (English).
pub const SAFETY_EN: &[&str] = &[
    "The battery caught fire while charging, my kid got burned. Recall it now!",
    "My battery exploded while charging. This is dangerous!",
    "Battery got extremely hot while charging and started smoking. Fire hazard!",
    "Our battery burst into flames while charging last night. Recall this!",
];

/// Insults by a few trolls.
pub const TROLL: &[&str] = &[
    "Ihr seid doch alle Vollidioten, Drecksladen!!!",
    "Halt die Klappe, du Clown. Ihr Betrüger!",
    "Was für ein Saftladen, ihr Versager.",
    "Lächerlicher Haufen Idioten.",
];

/// One of `templates`, filled in.
pub fn fill(rng: &mut Rng, templates: &[&str]) -> String {
    let template = rng.pick(templates);
    template
        .replace("{n}", &(2 + rng.below(3)).to_string())
        .replace("{city}", rng.pick(CITIES))
}

fn comment(id: usize, text: String, author: String, ts: i64) -> CommentIn {
    CommentIn::new(format!("c{id}"), text)
        .with_author(author)
        .with_timestamp(ts)
}

/// Sorts by time and numbers the ids in that order.
fn finish(mut v: Vec<CommentIn>) -> Vec<CommentIn> {
    v.sort_by_key(|c| c.timestamp);
    for (i, c) in v.iter_mut().enumerate() {
        c.id = format!("c{}", i + 1);
    }
    v
}

/// Background chatter: `per_hour` comments per hour (on average) from a pool of authors, over `hours`.
fn chatter(rng: &mut Rng, start: i64, hours: i64, per_hour: u64, authors: usize) -> Vec<CommentIn> {
    let mut out = Vec::new();
    for h in 0..hours {
        let n = rng.below(2 * per_hour + 1);
        for _ in 0..n {
            let ts = start + h * HOUR + rng.below(3600) as i64;
            let text = fill(rng, CHATTER);
            let a = author(1000 + rng.below(authors as u64) as usize);
            out.push(comment(out.len(), text, a, ts));
        }
    }
    out
}

/// A calm thread: two days of friendly chatter and questions, one mild complaint.
pub fn calm() -> Vec<CommentIn> {
    let mut rng = Rng::new(1);
    let mut v = chatter(&mut rng, t0(), 48, 1, 60);
    v.push(comment(
        9999,
        "Die Lieferung hat diesmal etwas länger gedauert als angegeben.".into(),
        author(1),
        t0() + 30 * HOUR,
    ));
    finish(v)
}

/// A slow-burning delivery problem: over five days, more and more customers report the same missing parcel
/// (2, 4, 8, 12, 16 per day), each a different author, spread over the day, with chatter around it.
pub fn slow_burn() -> Vec<CommentIn> {
    let mut rng = Rng::new(2);
    let mut v = chatter(&mut rng, t0(), 5 * 24, 1, 80);
    let mut who = 0;
    for (day, n) in [2, 4, 8, 12, 16].into_iter().enumerate() {
        for _ in 0..n {
            let ts = t0() + day as i64 * 24 * HOUR + 8 * HOUR + rng.below(14 * 3600) as i64;
            let text = fill(&mut rng, DELIVERY);
            v.push(comment(0, text, author(who), ts));
            who += 1;
        }
    }
    finish(v)
}

/// A sudden safety crisis: a day of calm chatter, then within one hour 25 customers report burning
/// batteries, and the next hours it goes on.
pub fn safety_crisis() -> Vec<CommentIn> {
    let mut rng = Rng::new(3);
    let mut v = chatter(&mut rng, t0(), 24, 2, 60);
    let spike = t0() + 24 * HOUR;
    for i in 0..25 {
        let ts = spike + rng.below(3600) as i64;
        let text = fill(&mut rng, SAFETY);
        v.push(comment(0, text, author(i), ts));
    }
    for i in 25..31 {
        let ts = spike + HOUR + rng.below(2 * 3600) as i64;
        let text = fill(&mut rng, SAFETY);
        v.push(comment(0, text, author(i), ts));
    }
    v.extend(chatter(&mut rng, spike + HOUR, 2, 1, 60));
    finish(v)
}

/// The same in English.
pub fn safety_crisis_en() -> Vec<CommentIn> {
    let mut rng = Rng::new(4);
    let mut v = chatter(&mut rng, t0(), 24, 2, 60);
    let spike = t0() + 24 * HOUR;
    for i in 0..20 {
        let ts = spike + rng.below(3600) as i64;
        let text = rng.pick(SAFETY_EN).to_string();
        v.push(comment(0, text, author(i), ts));
    }
    finish(v)
}

/// A troll pile-on by few authors: a day of chatter, then three accounts post eight insults each within
/// two hours, some as replies to each other.
pub fn troll_pile_on() -> Vec<CommentIn> {
    let mut rng = Rng::new(5);
    let mut v = chatter(&mut rng, t0(), 24, 2, 60);
    let start = t0() + 24 * HOUR;
    for round in 0..8 {
        for troll in 0..3 {
            let ts = start + (round * 3 + troll) as i64 * 300 + rng.below(200) as i64;
            let text = rng.pick(TROLL).to_string();
            v.push(comment(0, text, format!("troll_{}", troll + 1), ts));
        }
    }
    finish(v)
}

/// A large mixed thread for benchmarks: `n` comments over two weeks from about n/3 authors — mostly
/// chatter, a delivery problem throughout, a safety spike on day 9 and a few trolls.
pub fn big_thread(n: usize) -> Vec<CommentIn> {
    let mut rng = Rng::new(42);
    let span = 14 * 24 * HOUR;
    let authors = (n / 3).max(10) as u64;
    let mut v = Vec::with_capacity(n);
    for i in 0..n {
        let roll = rng.below(100);
        let mut ts = t0() + rng.below(span as u64) as i64;
        let (text, who) = match roll {
            0..=69 => (fill(&mut rng, CHATTER), author(rng.below(authors) as usize)),
            70..=87 => (
                fill(&mut rng, DELIVERY),
                author(rng.below(authors) as usize),
            ),
            88..=95 => {
                ts = t0() + 9 * 24 * HOUR + rng.below(6 * 3600) as i64;
                (fill(&mut rng, SAFETY), author(rng.below(authors) as usize))
            }
            _ => (
                rng.pick(TROLL).to_string(),
                format!("troll_{}", rng.below(5)),
            ),
        };
        v.push(
            CommentIn::new(format!("c{i}"), format!("{text} #{}", rng.below(1000)))
                .with_author(who)
                .with_timestamp(ts),
        );
    }
    v
}

/// Writes `thread` as a German-dialect CSV (BOM, `;`, German dates).
pub fn write_german_csv<W: std::io::Write>(thread: &[CommentIn], mut w: W) -> std::io::Result<()> {
    w.write_all("\u{feff}Nr;Zeitpunkt;Autor;Kommentar\n".as_bytes())?;
    for c in thread {
        let ts = c.timestamp.unwrap_or(0);
        let (y, m, d) = krisenradar::thread::civil_from_days(ts.div_euclid(86_400));
        let s = ts.rem_euclid(86_400);
        writeln!(
            w,
            "{};{d:02}.{m:02}.{y} {:02}:{:02};{};\"{}\"",
            c.id,
            s / 3600,
            s % 3600 / 60,
            c.author.as_deref().unwrap_or(""),
            c.text.replace('"', "\"\"")
        )?;
    }
    Ok(())
}
