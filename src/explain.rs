//! Reasons in words, built only from the evidence the analysis recorded; and labels in German and English.

use crate::model::{Category, Evidence, Lang, Level, Reason, Signal, Topic};

/// A contribution to the criticality score.
pub(crate) enum Part {
    Category(Category, f32, Vec<usize>),
    Signal(Signal, f32, Vec<usize>),
    Negativity(f32, Vec<usize>),
    Emphasis(f32),
    PersonalData(f32, Vec<usize>),
    WatchWord(f32, Vec<usize>),
    /// Offensive by the learned model, with no lexicon category.
    Learned(f32, Vec<usize>),
    /// Why the private channel is recommended (no points).
    Private(PrivateCause),
    /// Why the level is what it is, when the context decided it (no points).
    Level(LevelCause),
}

/// What the context layer decided about the level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LevelCause {
    /// A news headline or press text: watched, not answered.
    News,
    /// Users talking among themselves.
    Chat,
    /// Spam or an ad: moderate, do not answer.
    Spam,
    /// Not addressed to the company and no own case: watched.
    NotAddressed,
    /// Addressed to the company with something to answer.
    ToCompany,
    /// A serious matter the writer brings themselves (legal, safety, privacy, threat, press).
    Serious,
    /// The company's own reply: left out of the ranking.
    OwnReply,
    /// An attack on a protected group (hate speech): escalated wherever it stands, for documentation and
    /// reporting.
    Hate,
}

pub(crate) enum PrivateCause {
    PersonalData,
    /// The writer asked for a direct message or a call (the evidence of the cue).
    Asked(usize),
    Signal(Signal),
    Billing,
    /// The writer's own order, booking, account or payment (the evidence of the word).
    Transaction(usize),
    PersonalCase,
}

impl Part {
    pub(crate) fn points(&self) -> f32 {
        match self {
            Part::Category(_, p, _)
            | Part::Signal(_, p, _)
            | Part::Negativity(p, _)
            | Part::PersonalData(p, _)
            | Part::WatchWord(p, _)
            | Part::Learned(p, _) => *p,
            Part::Emphasis(p) => *p,
            Part::Private(_) | Part::Level(_) => 0.0,
        }
    }
}

pub(crate) fn private_cause(
    signals: &[Signal],
    topic: Topic,
    pii: bool,
    asked: Option<usize>,
    transaction: Option<usize>,
    personal_case: bool,
) -> PrivateCause {
    if pii {
        PrivateCause::PersonalData
    } else if let Some(at) = asked {
        PrivateCause::Asked(at)
    } else if let Some(s) = signals.iter().find(|s| {
        matches!(
            s,
            Signal::Privacy | Signal::Refund | Signal::Legal | Signal::Safety | Signal::Churn
        )
    }) {
        PrivateCause::Signal(*s)
    } else if let Some(at) = transaction {
        PrivateCause::Transaction(at)
    } else if topic == Topic::Billing && !personal_case {
        PrivateCause::Billing
    } else {
        PrivateCause::PersonalCase
    }
}

/// The name of a signal for people.
pub fn signal_label(s: Signal, lang: Lang) -> &'static str {
    let de = lang == Lang::De;
    match s {
        Signal::Complaint => {
            if de {
                "Beschwerde"
            } else {
                "Complaint"
            }
        }
        Signal::Question => {
            if de {
                "Frage / Hilfe"
            } else {
                "Question / help request"
            }
        }
        Signal::Churn => {
            if de {
                "Kündigungsabsicht"
            } else {
                "Churn threat"
            }
        }
        Signal::Legal => {
            if de {
                "Rechtliche Drohung"
            } else {
                "Legal threat"
            }
        }
        Signal::Safety => {
            if de {
                "Sicherheit / Gesundheit"
            } else {
                "Safety / health issue"
            }
        }
        Signal::Privacy => {
            if de {
                "Datenschutz"
            } else {
                "Privacy / data issue"
            }
        }
        Signal::Refund => {
            if de {
                "Erstattungsforderung"
            } else {
                "Refund demand"
            }
        }
        Signal::PublicEscalation => {
            if de {
                "Öffentliche Eskalation"
            } else {
                "Public escalation"
            }
        }
        Signal::Praise => {
            if de {
                "Lob"
            } else {
                "Praise"
            }
        }
        Signal::Spam => "Spam",
    }
}

/// The name of a toxic category for people.
pub fn category_label(c: Category, lang: Lang) -> &'static str {
    let de = lang == Lang::De;
    match c {
        Category::Insult => {
            if de {
                "Beleidigung"
            } else {
                "Insult"
            }
        }
        Category::Profanity => {
            if de {
                "Vulgärsprache"
            } else {
                "Profanity"
            }
        }
        Category::Threat => {
            if de {
                "Drohung / Gewalt"
            } else {
                "Threat / violence"
            }
        }
        Category::IdentityAttack => {
            if de {
                "Angriff auf Gruppen"
            } else {
                "Identity attack"
            }
        }
        Category::SexualHarassment => {
            if de {
                "Sexuelle Belästigung"
            } else {
                "Sexual harassment"
            }
        }
        Category::CallToAction => {
            if de {
                "Aufruf zum Mitmachen"
            } else {
                "Call to action"
            }
        }
    }
}

/// The name of a topic for people.
pub fn topic_label(t: Topic, lang: Lang) -> &'static str {
    let de = lang == Lang::De;
    match t {
        Topic::Delivery => {
            if de {
                "Lieferung"
            } else {
                "Delivery"
            }
        }
        Topic::Billing => {
            if de {
                "Rechnung / Zahlung"
            } else {
                "Billing / payment"
            }
        }
        Topic::ProductQuality => {
            if de {
                "Produktqualität"
            } else {
                "Product quality"
            }
        }
        Topic::CustomerService => {
            if de {
                "Kundenservice"
            } else {
                "Customer service"
            }
        }
        Topic::Pricing => {
            if de {
                "Preise"
            } else {
                "Pricing"
            }
        }
        Topic::Availability => {
            if de {
                "Verfügbarkeit"
            } else {
                "Availability"
            }
        }
        Topic::WebsiteApp => {
            if de {
                "Website / App"
            } else {
                "Website / app"
            }
        }
        Topic::Other => {
            if de {
                "Sonstiges"
            } else {
                "Other"
            }
        }
    }
}

/// The name of an action level: the playbook's Überwachung / Reaktion / Eskalation.
pub fn level_label(l: Level, lang: Lang) -> &'static str {
    let de = lang == Lang::De;
    match l {
        Level::Monitor => {
            if de {
                "Überwachung"
            } else {
                "Monitor"
            }
        }
        Level::Respond => {
            if de {
                "Reaktion"
            } else {
                "Respond"
            }
        }
        Level::Escalate => {
            if de {
                "Eskalation"
            } else {
                "Escalate"
            }
        }
    }
}

fn quotes(ev: &[usize], evidence: &[Evidence], text: &str, lang: Lang) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for &i in ev {
        let Some(e) = evidence.get(i) else { continue };
        if e.span.len() > 60 || e.span.is_empty() {
            continue;
        }
        let s = e.span.slice(text).trim();
        if !s.is_empty() && !seen.contains(&s) {
            seen.push(s);
        }
        if seen.len() == 3 {
            break;
        }
    }
    let (open, close) = if lang == Lang::De {
        ("„", "“")
    } else {
        ("“", "”")
    };
    seen.iter()
        .map(|s| format!("{open}{s}{close}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn with_quotes(head: &str, q: String) -> String {
    if q.is_empty() {
        head.to_string()
    } else {
        format!("{head}: {q}")
    }
}

/// Turns the contributions into reasons, strongest first.
pub(crate) fn reasons(
    parts: &[Part],
    evidence: &[Evidence],
    text: &str,
    lang: Lang,
) -> Vec<Reason> {
    let de = lang == Lang::De;
    let mut out: Vec<Reason> = parts
        .iter()
        .map(|part| {
            let (code, message, ev) = match part {
                Part::Category(c, _, ev) => (
                    format!("category.{}", c.key()),
                    with_quotes(category_label(*c, lang), quotes(ev, evidence, text, lang)),
                    ev.clone(),
                ),
                Part::Signal(s, _, ev) => (
                    format!("signal.{}", s.key()),
                    with_quotes(signal_label(*s, lang), quotes(ev, evidence, text, lang)),
                    ev.clone(),
                ),
                Part::Negativity(_, ev) => (
                    "negativity".into(),
                    with_quotes(
                        if de { "Negativer Ton" } else { "Negative tone" },
                        quotes(ev, evidence, text, lang),
                    ),
                    ev.clone(),
                ),
                Part::Emphasis(_) => (
                    "emphasis".into(),
                    (if de {
                        "Nachdruck durch Großbuchstaben oder Ausrufezeichen"
                    } else {
                        "Emphasis with capitals or exclamation marks"
                    })
                    .to_string(),
                    Vec::new(),
                ),
                Part::PersonalData(_, ev) => (
                    "personal_data".into(),
                    (if de {
                        "Persönliche Daten öffentlich gepostet"
                    } else {
                        "Personal data posted in public"
                    })
                    .to_string(),
                    ev.clone(),
                ),
                Part::WatchWord(_, ev) => (
                    "watch_word".into(),
                    with_quotes(
                        if de {
                            "Beobachtetes Stichwort"
                        } else {
                            "Watch word"
                        },
                        quotes(ev, evidence, text, lang),
                    ),
                    ev.clone(),
                ),
                Part::Learned(_, ev) => (
                    "learned.offense".into(),
                    with_quotes(
                        if de {
                            "Beleidigender Wortlaut (gelerntes Modell)"
                        } else {
                            "Offensive wording (learned model)"
                        },
                        quotes(ev, evidence, text, lang),
                    ),
                    ev.clone(),
                ),
                Part::Private(cause) => {
                    let m = match (cause, de) {
                        (PrivateCause::PersonalData, true) => {
                            "Privat antworten: persönliche Daten im Kommentar"
                        }
                        (PrivateCause::PersonalData, false) => {
                            "Answer privately: personal data in the comment"
                        }
                        (PrivateCause::Signal(Signal::Privacy), true) => {
                            "Privat antworten: es geht um persönliche Daten"
                        }
                        (PrivateCause::Signal(Signal::Privacy), false) => {
                            "Answer privately: it concerns personal data"
                        }
                        (PrivateCause::Signal(Signal::Legal), true) => {
                            "Privat antworten: eine rechtliche Angelegenheit"
                        }
                        (PrivateCause::Signal(Signal::Legal), false) => {
                            "Answer privately: a legal matter"
                        }
                        (PrivateCause::Signal(Signal::Safety), true) => {
                            "Privat antworten: Gesundheit und Sicherheit brauchen Details"
                        }
                        (PrivateCause::Signal(Signal::Safety), false) => {
                            "Answer privately: health and safety need details"
                        }
                        (PrivateCause::Signal(Signal::Churn), true) => {
                            "Privat antworten: es geht um Vertrag oder Konto"
                        }
                        (PrivateCause::Signal(Signal::Churn), false) => {
                            "Answer privately: it concerns a contract or account"
                        }
                        (PrivateCause::Signal(_), true) => {
                            "Privat antworten: Erstattung ist ein persönlicher Fall"
                        }
                        (PrivateCause::Signal(_), false) => {
                            "Answer privately: a refund is a personal case"
                        }
                        (PrivateCause::Billing, true) => {
                            "Privat antworten: Rechnungsfragen brauchen Kundendaten"
                        }
                        (PrivateCause::Billing, false) => {
                            "Answer privately: billing needs account details"
                        }
                        (PrivateCause::PersonalCase, true) => {
                            "Privat antworten: ein persönlicher Einzelfall"
                        }
                        (PrivateCause::PersonalCase, false) => "Answer privately: a personal case",
                        (PrivateCause::Asked(_), true) => {
                            "Privat antworten: um Direktnachricht oder Anruf gebeten"
                        }
                        (PrivateCause::Asked(_), false) => {
                            "Answer privately: asked for a direct message or a call"
                        }
                        (PrivateCause::Transaction(_), true) => {
                            "Privat antworten: es geht um die eigene Bestellung, Buchung oder Zahlung"
                        }
                        (PrivateCause::Transaction(_), false) => {
                            "Answer privately: about the writer's own order, booking or payment"
                        }
                    };
                    let ev = match cause {
                        PrivateCause::Asked(at) | PrivateCause::Transaction(at) => vec![*at],
                        _ => Vec::new(),
                    };
                    ("channel.private".into(), m.to_string(), ev)
                }
                Part::Level(cause) => {
                    let (code, m) = match (cause, de) {
                        (LevelCause::News, true) => {
                            ("news", "Überwachen: Nachricht oder Pressetext")
                        }
                        (LevelCause::News, false) => ("news", "Monitor: news or press text"),
                        (LevelCause::Chat, true) => ("chat", "Überwachen: Gespräch unter Nutzern"),
                        (LevelCause::Chat, false) => {
                            ("chat", "Monitor: users talking among themselves")
                        }
                        (LevelCause::Spam, true) => ("spam", "Überwachen: Werbung oder Spam"),
                        (LevelCause::Spam, false) => ("spam", "Monitor: ad or spam"),
                        (LevelCause::NotAddressed, true) => (
                            "not_addressed",
                            "Überwachen: nicht an uns gerichtet, kein eigener Fall",
                        ),
                        (LevelCause::NotAddressed, false) => {
                            ("not_addressed", "Monitor: not addressed to us, no own case")
                        }
                        (LevelCause::ToCompany, true) => (
                            "to_company",
                            "Reagieren: an uns gerichtet, mit einem Anliegen",
                        ),
                        (LevelCause::ToCompany, false) => {
                            ("to_company", "Respond: addressed to us, with a concern")
                        }
                        (LevelCause::Serious, true) => (
                            "serious",
                            "Eskalieren: vom Verfasser selbst angekündigt oder erlebt",
                        ),
                        (LevelCause::Serious, false) => (
                            "serious",
                            "Escalate: announced or experienced by the writer",
                        ),
                        (LevelCause::OwnReply, true) => (
                            "own_reply",
                            "Eigene Antwort des Unternehmens: nicht gewertet",
                        ),
                        (LevelCause::OwnReply, false) => {
                            ("own_reply", "The company's own reply: not ranked")
                        }
                        (LevelCause::Hate, true) => (
                            "hate",
                            "Eskalieren: Angriff auf eine Gruppe (Hassrede) – dokumentieren, melden, nicht diskutieren",
                        ),
                        (LevelCause::Hate, false) => (
                            "hate",
                            "Escalate: attack on a group (hate speech) – document, report, do not debate",
                        ),
                    };
                    (format!("level.{code}"), m.to_string(), Vec::new())
                }
            };
            Reason {
                code,
                message,
                points: (part.points() * 10.0).round() / 10.0,
                evidence: ev,
            }
        })
        .collect();
    crate::order::sort_by_key(&mut out, |r| u128::from(!crate::order::f32_key(r.points)));
    out
}
