//! Reply suggestions: two to four drafts per comment, built from the crisis playbook – acknowledge, show
//! empathy, apologise where the company is at fault, give a concrete next step, move personal matters to the
//! private channel, and for escalate-level comments post a short holding statement.
//!
//! Drafts are written in the commenter's language and, in German, in the form of address the brand voice
//! allows for this commenter (du only when they used du and the brand mirrors it). Each strategy has its own
//! structure and wording, so the drafts read differently, not like one template with the topic swapped.
//! Every draft passes the linter without a warning (`tests/reply_suggest.rs` checks every combination).
//!
//! German templates write both forms of address as `{Sie-form|du-form}`, e.g.
//! `{Schreiben Sie|Schreib} uns {Ihre|deine} Nummer`; `{ch}` is the brand's private channel.

use serde::{Deserialize, Serialize};

use crate::model::{Address, Analysis, Category, Lang, Level, Signal, Topic};

use super::BrandVoice;
use super::draft::find_in;
use super::lexicon::Lex;
use super::question::{Asked, asked};

/// How a suggestion approaches the comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    /// Feelings first: acknowledgement and empathy, then the next step.
    Empathetic,
    /// Straight to the solution, with a short acknowledgement.
    SolutionFirst,
    /// One or two sentences.
    Brief,
    /// A short holding statement for escalations: taken seriously, being clarified, update by a time.
    Holding,
    /// A calm boundary for attacks and spam.
    Boundary,
    /// A warm thank-you for praise.
    Thanks,
}

impl Strategy {
    pub const fn key(self) -> &'static str {
        match self {
            Strategy::Empathetic => "empathetic",
            Strategy::SolutionFirst => "solution_first",
            Strategy::Brief => "brief",
            Strategy::Holding => "holding",
            Strategy::Boundary => "boundary",
            Strategy::Thanks => "thanks",
        }
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Strategy::Empathetic, Lang::En) => "empathy first",
            (Strategy::SolutionFirst, Lang::En) => "solution first",
            (Strategy::Brief, Lang::En) => "short",
            (Strategy::Holding, Lang::En) => "holding statement",
            (Strategy::Boundary, Lang::En) => "set a boundary",
            (Strategy::Thanks, Lang::En) => "say thanks",
            (Strategy::Empathetic, _) => "Mitgefühl zuerst",
            (Strategy::SolutionFirst, _) => "Lösung zuerst",
            (Strategy::Brief, _) => "kurz",
            (Strategy::Holding, _) => "Zwischenstellungnahme",
            (Strategy::Boundary, _) => "Grenze ziehen",
            (Strategy::Thanks, _) => "Danke sagen",
        }
    }
}

/// One suggested reply.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub strategy: Strategy,
    /// The strategy in the reply's language.
    pub label: String,
    pub lang: Lang,
    /// German form of address used (None for English).
    pub address: Option<Address>,
    pub text: String,
}

/// What kind of comment this is, for the playbook. Checked in this order: attacks and spam first (no
/// apology for insults), then the serious signals, then the everyday ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    Bereavement,
    /// A threat against people: a calm boundary and escalation, never an apology or an offer to talk.
    Threat,
    Attack,
    Spam,
    Safety,
    Legal,
    Privacy,
    Outcry,
    Churn,
    Refund,
    Complaint,
    Question,
    Praise,
    General,
}

fn case_of(a: &Analysis, comment: Option<&str>) -> Case {
    let grief = comment.is_some_and(|c| {
        [Lang::De, Lang::En]
            .iter()
            .any(|l| !find_in(c, Lex::Bereavement, *l).is_empty())
    });
    let attack = [
        Category::Insult,
        Category::IdentityAttack,
        Category::SexualHarassment,
    ]
    .iter()
    .any(|c| a.has_category(*c));
    // a safety report ("nearly set our flat on fire") is no threat, whatever its words
    if a.has_category(Category::Threat) && !a.has_signal(Signal::Safety) {
        return Case::Threat;
    }
    let order = [
        (Signal::Safety, Case::Safety),
        (Signal::Legal, Case::Legal),
        (Signal::Privacy, Case::Privacy),
        (Signal::PublicEscalation, Case::Outcry),
        (Signal::Churn, Case::Churn),
        (Signal::Refund, Case::Refund),
        (Signal::Complaint, Case::Complaint),
        (Signal::Question, Case::Question),
        (Signal::Praise, Case::Praise),
    ];
    if attack {
        return Case::Attack;
    }
    if grief {
        return Case::Bereavement;
    }
    if a.has_signal(Signal::Spam) {
        return Case::Spam;
    }
    order
        .iter()
        .find(|(s, _)| a.has_signal(*s))
        .map_or(Case::General, |(_, c)| *c)
}

/// A German template (with `{Sie|du}` alternatives) and its English counterpart.
type Piece = (&'static str, &'static str);

/// Resolves `{sie|du}` alternatives, `{ch}` and `{obj}` (what a question names, copied from the comment).
/// The object is inserted as is and never read as a template.
fn render_de(t: &str, du: bool, ch: &str, obj: &str) -> String {
    let mut out = String::with_capacity(t.len() + 16);
    let mut rest = t;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let inner = &after[..close];
        if inner == "ch" {
            out.push_str(ch);
        } else if inner == "obj" {
            out.push_str(obj);
        } else {
            let (sie, du_form) = inner.split_once('|').unwrap_or((inner, inner));
            out.push_str(if du { du_form } else { sie });
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn render(p: Piece, lang: Lang, du: bool, ch: &str, obj: &str) -> String {
    match lang {
        Lang::En => render_de(p.1, false, ch, obj),
        _ => render_de(p.0, du, ch, obj),
    }
}

/// A holding answer that names what the question asks ("Ob wir nach {obj} liefern, …").
fn question_answer(asked: &Asked) -> Piece {
    match asked {
        Asked::Shipping(Some(_)) => (
            "Ob wir nach {obj} liefern, prüfen wir gerade – die Antwort {bekommen Sie|bekommst du} heute hier.",
            "Whether we ship to {obj}: we're checking and will answer here today.",
        ),
        Asked::Shipping(None) => (
            "In welche Länder wir liefern, prüfen wir gerade – die Antwort {bekommen Sie|bekommst du} heute hier.",
            "Which countries we ship to: we're checking and will answer here today.",
        ),
        Asked::Hours(Some(_)) => (
            "Ob wir {obj} geöffnet haben, {schreiben wir Ihnen|schreiben wir dir} heute noch hier.",
            "Whether we're open {obj}: we'll let you know here today.",
        ),
        Asked::Hours(None) => (
            "Unsere Öffnungszeiten {schreiben wir Ihnen|schreiben wir dir} heute noch hier.",
            "We'll post our opening hours here for you today.",
        ),
        Asked::Size(_) => (
            "Ob es das auch in {obj} gibt, schauen wir im Lager nach – die Antwort {bekommen Sie|bekommst du} heute hier.",
            "Whether it comes in {obj}: we're checking our stock and will answer here today.",
        ),
        Asked::Return => (
            "Wie Rückgabe und Umtausch bei uns gehen, {erklären wir Ihnen|erklären wir dir} heute noch hier.",
            "How returns and exchanges work with us: we'll explain it here today.",
        ),
        Asked::HowTo => (
            "Wie das geht, {erklären wir Ihnen|erklären wir dir} gern Schritt für Schritt – heute noch hier.",
            "Happy to walk you through how to do that – we'll post the steps here today.",
        ),
        Asked::Stock => (
            "Ob wir das vorrätig haben, schauen wir gerade nach – die Antwort {bekommen Sie|bekommst du} heute hier.",
            "Whether we have it in stock: we're checking and will answer here today.",
        ),
    }
}

/// Topic-specific acknowledgements of a complaint (two wordings each).
fn topic_ack(topic: Topic, variant: usize) -> Piece {
    let options: [Piece; 2] = match topic {
        Topic::Delivery => [
            (
                "So lange auf ein Paket zu warten, ist wirklich ärgerlich.",
                "Waiting this long for a parcel is really frustrating.",
            ),
            (
                "Danke für {Ihre|deine} Geduld – das sollte so nicht laufen.",
                "Thanks for your patience – this shouldn't have happened.",
            ),
        ],
        Topic::Billing => [
            (
                "Eine falsche Abrechnung ist ärgerlich, gerade wenn es ums eigene Geld geht.",
                "A wrong charge is frustrating, especially when it's your own money.",
            ),
            (
                "Danke für den Hinweis zur Rechnung – das schauen wir uns genau an.",
                "Thanks for flagging the charge – you're right to ask about it.",
            ),
        ],
        Topic::ProductQuality => [
            (
                "Wenn ein neues Produkt nicht hält, was es verspricht, ist das enttäuschend.",
                "When a new product doesn't do what it should, that's disappointing.",
            ),
            (
                "Danke, dass {Sie|du} uns das {schreiben|schreibst} – so sollte das Produkt nicht sein.",
                "Thanks for letting us know – that's not the quality you should get.",
            ),
        ],
        Topic::CustomerService => [
            (
                "Wenn man beim Service nicht weiterkommt, ist das frustrierend.",
                "Getting nowhere with customer service is frustrating.",
            ),
            (
                "{Sie haben|Du hast} recht, so sollte unser Service nicht sein.",
                "You're right, that's not the service you should get from us.",
            ),
        ],
        Topic::Pricing => [
            (
                "Preiserhöhungen sind nie schön, das verstehen wir.",
                "Price rises are never welcome, we understand that.",
            ),
            (
                "Danke für {Ihre|deine} offene Rückmeldung zu den Preisen – das ist nachvollziehbar.",
                "Thanks for the honest words about our prices – that's understandable.",
            ),
        ],
        Topic::Availability => [
            (
                "Schade, dass der Artikel gerade nicht verfügbar ist.",
                "It's a shame the item is out of stock right now.",
            ),
            (
                "Ärgerlich, wenn genau das Gewünschte fehlt – das verstehen wir.",
                "Annoying when exactly the thing you want is missing – we understand.",
            ),
        ],
        Topic::WebsiteApp => [
            (
                "Wenn die App nicht funktioniert, ist das ärgerlich.",
                "When the app doesn't work, that's annoying.",
            ),
            (
                "Danke für den Hinweis – so sollte die Seite nicht laufen.",
                "Thanks for flagging this – the site shouldn't behave like that.",
            ),
        ],
        Topic::Other => [
            (
                "Das klingt ärgerlich, danke für den Hinweis.",
                "That sounds frustrating – thanks for letting us know.",
            ),
            (
                "Danke, dass {Sie sich melden|du dich meldest} – das klingt wirklich ärgerlich.",
                "Thanks for reaching out – that sounds really frustrating.",
            ),
        ],
    };
    options[variant % 2]
}

/// Topic-specific next steps (two wordings each); all move personal details to the private channel.
fn topic_next(topic: Topic, variant: usize) -> Piece {
    let options: [Piece; 2] = match topic {
        Topic::Delivery => [
            (
                "{Schicken Sie|Schick} uns bitte {Ihre|deine} Bestellnummer per {ch}, dann frage ich heute beim Versanddienst nach.",
                "Please send us your order number by {ch} and I'll check with the carrier today.",
            ),
            (
                "Per {ch} mit der Bestellnummer können wir die Sendung heute noch verfolgen und {Ihnen|dir} sagen, wo sie steckt.",
                "Write to us by {ch} with the order number and we'll trace the parcel today.",
            ),
        ],
        Topic::Billing => [
            (
                "{Schicken Sie|Schick} uns bitte die Rechnungsnummer per {ch}; ich prüfe die Abbuchung noch heute.",
                "Please send us the invoice number by {ch} and I'll check the charge today.",
            ),
            (
                "{Schreiben Sie|Schreib} uns per {ch}, dann klären wir die Rechnung bis morgen.",
                "Write to us by {ch} and we'll sort out the invoice by tomorrow.",
            ),
        ],
        Topic::ProductQuality => [
            (
                "{Schreiben Sie|Schreib} uns bitte per {ch}, was genau passiert ist – dann schicken wir Ersatz oder holen das Produkt ab, wie es {Ihnen|dir} lieber ist.",
                "Please tell us by {ch} what exactly happened – we'll send a replacement or collect the product, whichever suits you.",
            ),
            (
                "Per {ch} mit einem Foto können wir heute entscheiden, ob Ersatz oder Reparatur schneller geht.",
                "Write to us by {ch} with a photo and we'll decide today whether a replacement or a repair is quicker.",
            ),
        ],
        Topic::CustomerService => [
            (
                "{Schreiben Sie|Schreib} uns bitte per {ch} – ich übernehme {Ihr|dein} Anliegen persönlich und melde mich bis morgen.",
                "Please write to us by {ch} – I'll take your case personally and get back to you by tomorrow.",
            ),
            (
                "Per {ch} kümmere ich mich heute selbst darum, ohne Warteschleife.",
                "Write to us by {ch} and I'll handle it myself today, no queue.",
            ),
        ],
        Topic::Pricing => [
            (
                "Wenn {Sie möchten|du magst}, schauen wir per {ch} gemeinsam, welcher Tarif für {Sie|dich} am günstigsten ist.",
                "If you like, write to us by {ch} and we'll look together at which plan is cheapest for you.",
            ),
            (
                "{Schreiben Sie|Schreib} uns gern per {ch}; wir prüfen, ob es für {Sie|dich} eine günstigere Variante gibt.",
                "Write to us by {ch} and we'll check whether there's a cheaper option for you.",
            ),
        ],
        Topic::Availability => [
            (
                "{Schreiben Sie|Schreib} uns per {ch}, dann sagen wir {Ihnen|dir} Bescheid, sobald der Artikel wieder da ist.",
                "Write to us by {ch} and we'll let you know when it's back in stock.",
            ),
            (
                "Per {ch} nennen wir {Ihnen|dir} heute gern eine Alternative, die sofort lieferbar ist.",
                "Write to us by {ch} and we'll suggest an alternative that ships right away.",
            ),
        ],
        Topic::WebsiteApp => [
            (
                "{Schreiben Sie|Schreib} uns bitte per {ch}, welches Gerät und welche App-Version {Sie nutzen|du nutzt} – dann schauen sich unsere Entwickler das heute an.",
                "Please write to us by {ch} with your device and app version – our developers will look at it today.",
            ),
            (
                "Ein Screenshot per {ch} hilft uns sehr; wir melden uns bis morgen mit einer Lösung.",
                "A screenshot by {ch} helps a lot; we'll get back to you with a fix by tomorrow.",
            ),
        ],
        Topic::Other => [
            (
                "{Schreiben Sie|Schreib} uns bitte per {ch}, dann kümmern wir uns heute darum.",
                "Please write to us by {ch} and we'll look into it today.",
            ),
            (
                "Per {ch} klären wir das am schnellsten – wir melden uns bis morgen.",
                "Writing to us by {ch} is the quickest way to sort this – we'll get back to you by tomorrow.",
            ),
        ],
    };
    options[variant % 2]
}

/// Topics where a complaint usually means the company let the customer down.
fn company_at_fault(topic: Topic) -> bool {
    matches!(
        topic,
        Topic::Delivery
            | Topic::Billing
            | Topic::ProductQuality
            | Topic::CustomerService
            | Topic::WebsiteApp
    )
}

const APOLOGY: [Piece; 3] = [
    ("Das tut uns leid.", "We're sorry about this."),
    ("Entschuldigung für den Ärger!", "Sorry for the trouble!"),
    (
        "Bitte {entschuldigen Sie|entschuldige} – das hätte nicht passieren dürfen.",
        "We apologise – this shouldn't have happened.",
    ),
];

const EMPATHY: [Piece; 2] = [
    (
        "Ich kann gut verstehen, dass {Sie sich|du dich} darüber {ärgern|ärgerst}.",
        "I can see why you're upset.",
    ),
    (
        "Das ist frustrierend, und das tut mir leid.",
        "That's frustrating, and I'm sorry.",
    ),
];

/// The drafts for one case: (strategy, pieces).
fn plan(case: Case, a: &Analysis, asked: Option<&Asked>) -> Vec<(Strategy, Vec<Piece>)> {
    let answer = asked.map(question_answer);
    let t = a.topic;
    let fault = company_at_fault(t);
    let apology = |i: usize| -> Option<Piece> { fault.then_some(APOLOGY[i % APOLOGY.len()]) };
    let mut plans: Vec<(Strategy, Vec<Piece>)> = match case {
        Case::Bereavement => vec![
            (
                Strategy::Empathetic,
                vec![
                    (
                        "Mein herzliches Beileid zu {Ihrem|deinem} Verlust – und es tut mir leid, dass {Sie sich|du dich} jetzt auch noch damit befassen {müssen|musst}.",
                        "I'm so sorry for your loss, and sorry that you have to deal with this as well.",
                    ),
                    (
                        "Um alles Weitere kümmern wir uns ohne Aufwand für {Sie|dich}: {Schreiben Sie|Schreib} uns bitte per {ch}, dann erledigen wir es bis Ende der Woche.",
                        "We'll take care of everything with no effort on your side: please write to us by {ch} and we'll handle it by the end of the week.",
                    ),
                ],
            ),
            (
                Strategy::Brief,
                vec![(
                    "Herzliches Beileid, und {entschuldigen Sie|entschuldige} die Umstände. {Schreiben Sie|Schreib} uns per {ch} – wir regeln das bis Ende der Woche für {Sie|dich}, ganz ohne Formulare.",
                    "Our deepest sympathy, and we apologise for the trouble. Write to us by {ch} and we'll settle everything for you by the end of the week, no forms needed.",
                )],
            ),
        ],
        Case::Threat => vec![
            (
                Strategy::Boundary,
                vec![
                    (
                        "Drohungen haben hier keinen Platz.",
                        "Threats have no place here.",
                    ),
                    (
                        "Wir nehmen das ernst und haben den Kommentar an die zuständigen Stellen weitergegeben.",
                        "We take this seriously and have passed the comment on to the people responsible.",
                    ),
                ],
            ),
            (
                Strategy::Brief,
                vec![(
                    "Drohungen dulden wir nicht. Der Kommentar wurde weitergegeben.",
                    "We don't tolerate threats. This comment has been passed on.",
                )],
            ),
        ],
        Case::Attack => vec![
            (
                Strategy::Boundary,
                vec![
                    (
                        "Kritik ist bei uns willkommen, Beleidigungen nicht.",
                        "Criticism is welcome here, insults are not.",
                    ),
                    (
                        "Wenn etwas schiefgelaufen ist, {schreiben Sie|schreib} uns gern per {ch} – dann schauen wir es uns an.",
                        "If something went wrong, write to us by {ch} and we'll look at it.",
                    ),
                ],
            ),
            (
                Strategy::Brief,
                vec![(
                    "Wir helfen gern weiter, wenn {Sie uns sagen|du uns sagst}, worum es geht – bitte respektvoll.",
                    "We're happy to help if you tell us what happened – respectfully, please.",
                )],
            ),
            (
                Strategy::Empathetic,
                vec![
                    (
                        "{Sie sind|Du bist} sehr verärgert, das lesen wir.",
                        "We can tell you're very angry.",
                    ),
                    (
                        "Wenn {Sie|du} uns per {ch} {schreiben|schreibst}, was passiert ist, kümmern wir uns heute darum.",
                        "If you tell us by {ch} what happened, we'll take care of it today.",
                    ),
                ],
            ),
        ],
        Case::Spam => vec![
            (
                Strategy::Boundary,
                vec![(
                    "Hinweis an alle: Dieser Link stammt nicht von uns. Bitte dort keine Daten eingeben.",
                    "Note for everyone: this link is not from us. Please don't enter any details there.",
                )],
            ),
            (
                Strategy::Brief,
                vec![(
                    "Achtung, das ist kein Angebot von uns. Echte Aktionen finden {Sie|ihr} nur auf unserer offiziellen Seite.",
                    "Heads-up: this offer is not from us. Our real promotions are only on our official website.",
                )],
            ),
        ],
        Case::Safety => vec![
            (
                Strategy::Holding,
                vec![
                    (
                        "Das tut uns sehr leid – {Ihre|deine} Sicherheit geht vor.",
                        "We're very sorry – your safety comes first.",
                    ),
                    (
                        "Bitte {benutzen Sie|benutze} das Produkt vorerst nicht weiter.",
                        "Please stop using the product for now.",
                    ),
                    (
                        "{Schreiben Sie|Schreib} uns bitte per {ch}, damit sich unser Team für Produktsicherheit noch heute bei {Ihnen|dir} meldet.",
                        "Write to us by {ch} so our product safety team can contact you today.",
                    ),
                ],
            ),
            (
                Strategy::Empathetic,
                vec![
                    (
                        "Das klingt beängstigend, und es tut mir leid, dass {Sie|du} das erleben {mussten|musstest}.",
                        "That sounds frightening, and I'm sorry you had to go through it.",
                    ),
                    (
                        "Wir nehmen das sehr ernst und prüfen es sofort.",
                        "We take this very seriously and are checking it right away.",
                    ),
                    (
                        "Per {ch} erreichen {Sie|du} uns direkt; wir melden uns heute.",
                        "Our team is there for you by {ch}; we'll be in touch today.",
                    ),
                ],
            ),
            (
                Strategy::Brief,
                vec![
                    (
                        "Es tut uns leid. Bitte nicht weiter benutzen und uns per {ch} schreiben – wir melden uns heute.",
                        "We're so sorry. Please stop using it and write to us by {ch} – we'll be in touch today.",
                    ),
                ],
            ),
        ],
        Case::Legal => vec![
            (
                Strategy::Holding,
                vec![
                    (
                        "Danke für {Ihre|deine} Nachricht, wir nehmen das ernst.",
                        "Thank you for your message, we take it seriously.",
                    ),
                    (
                        "Es tut uns leid, dass es so weit gekommen ist.",
                        "We're sorry it has come to this.",
                    ),
                    (
                        "Wir haben den Fall an die zuständige Abteilung gegeben; sie meldet sich bis morgen per {ch} bei {Ihnen|dir}.",
                        "We've passed the case to the team responsible; they will contact you by {ch} by tomorrow.",
                    ),
                ],
            ),
            (
                Strategy::Brief,
                vec![(
                    "Wir verstehen {Ihren|deinen} Ärger und nehmen {Ihr|dein} Anliegen ernst. Wir melden uns bis morgen per {ch}, um alles Weitere persönlich zu klären.",
                    "We understand your frustration and take your concern seriously. We'll contact you by {ch} by tomorrow to discuss everything personally.",
                )],
            ),
        ],
        Case::Privacy => vec![
            (
                Strategy::Empathetic,
                vec![
                    (
                        "Danke, dass {Sie|du} uns darauf {hinweisen|hinweist} – ich verstehe {Ihre|deine} Sorge.",
                        "Thanks for raising this – I understand why you're worried.",
                    ),
                    (
                        "Bitte {teilen Sie|teile} hier keine weiteren persönlichen Details.",
                        "Please don't share any more personal details here.",
                    ),
                    (
                        "{Schreiben Sie|Schreib} uns per {ch}; unser Datenschutzteam meldet sich bis morgen.",
                        "Write to us by {ch} and our data protection team will get back to you by tomorrow.",
                    ),
                ],
            ),
            (
                Strategy::SolutionFirst,
                vec![
                    (
                        "Datenschutz nehmen wir sehr ernst – {Ihre|deine} Sorge ist verständlich.",
                        "We take data protection very seriously – your concern is understandable.",
                    ),
                    (
                        "Per {ch} klären wir heute, welche Daten betroffen sind – bitte nicht hier öffentlich.",
                        "By {ch} we'll clarify today which data is affected – please not here in public.",
                    ),
                ],
            ),
        ],
        Case::Outcry => vec![
            (
                Strategy::Holding,
                vec![
                    (
                        "Wir lesen die Kommentare hier und nehmen die Kritik ernst.",
                        "We're reading the comments here and take the criticism seriously.",
                    ),
                    (
                        "Wir klären den Sachverhalt gerade intern und melden uns bis morgen hier mit einem Update.",
                        "We're looking into what happened and will post an update here by tomorrow.",
                    ),
                ],
            ),
            (
                Strategy::Empathetic,
                vec![
                    (
                        "Wir verstehen den Ärger, und es tut uns leid.",
                        "We understand the anger, and we're sorry.",
                    ),
                    (
                        "Wer persönlich betroffen ist, {schreibt|schreibt} uns bitte per {ch} – wir melden uns bei allen bis morgen.",
                        "If you're personally affected, please write to us by {ch} – we'll get back to everyone by tomorrow.",
                    ),
                ],
            ),
        ],
        Case::Churn => vec![
            (
                Strategy::Empathetic,
                vec![
                    (
                        "Das tut mir leid – schade, dass {Sie|du} ans Gehen {denken|denkst}.",
                        "I'm sorry to hear that – it's a shame you're thinking of leaving.",
                    ),
                    (
                        "{Schreiben Sie|Schreib} uns bitte per {ch}, was passiert ist; vielleicht finden wir heute noch eine Lösung.",
                        "Please tell us by {ch} what happened; maybe we can find a solution today.",
                    ),
                ],
            ),
            (
                Strategy::SolutionFirst,
                [
                    Some(topic_next(t, 0)),
                    apology(1),
                    Some((
                        "Wir würden {Sie|dich} ungern verlieren, und {Ihr|dein} Ärger ist verständlich.",
                        "We'd hate to lose you, and your frustration is understandable.",
                    )),
                ]
                .into_iter()
                .flatten()
                .collect(),
            ),
            (
                Strategy::Brief,
                [
                    apology(2),
                    Some((
                        "Verständlich, dass {Sie|du} genug {haben|hast}. Per {ch} kümmere ich mich heute persönlich darum.",
                        "Understandable that you've had enough. Write to us by {ch} and I'll handle it personally today.",
                    )),
                ]
                .into_iter()
                .flatten()
                .collect(),
            ),
        ],
        Case::Refund => vec![
            (
                Strategy::SolutionFirst,
                [
                    Some((
                        "{Schicken Sie|Schick} uns bitte {Ihre|deine} Bestellnummer per {ch}; wir prüfen die Erstattung noch heute.",
                        "Please send us your order number by {ch} and we'll check the refund today.",
                    )),
                    Some(topic_ack(t, 1)),
                    apology(0),
                ]
                .into_iter()
                .flatten()
                .collect(),
            ),
            (
                Strategy::Empathetic,
                [
                    Some(EMPATHY[1]),
                    Some((
                        "Per {ch} klären wir die Erstattung bis morgen.",
                        "By {ch} we'll sort out the refund by tomorrow.",
                    )),
                ]
                .into_iter()
                .flatten()
                .collect(),
            ),
        ],
        Case::Complaint => vec![
            (
                Strategy::Empathetic,
                [
                    Some(topic_ack(t, 0)),
                    apology(0),
                    Some(EMPATHY[0]),
                    Some(topic_next(t, 0)),
                ]
                .into_iter()
                .flatten()
                .collect(),
            ),
            (
                Strategy::SolutionFirst,
                [Some(topic_ack(t, 1)), Some(topic_next(t, 1)), apology(1)]
                    .into_iter()
                    .flatten()
                    .collect(),
            ),
            (
                Strategy::Brief,
                [
                    apology(2).or(Some((
                        "Das ist ärgerlich, das verstehen wir.",
                        "That's frustrating, we understand.",
                    ))),
                    Some(topic_next(t, 0)),
                ]
                .into_iter()
                .flatten()
                .collect(),
            ),
        ],
        Case::Question if answer.is_some() => {
            let answer = answer.unwrap_or(("", ""));
            vec![
                (
                    Strategy::SolutionFirst,
                    vec![("Gute Frage, danke!", "Good question, thanks!"), answer],
                ),
                (Strategy::Brief, vec![answer]),
            ]
        }
        Case::Question => vec![
            (
                Strategy::SolutionFirst,
                vec![
                    ("Gute Frage, danke!", "Good question, thanks!"),
                    topic_next(t, 1),
                ],
            ),
            (
                Strategy::Brief,
                vec![topic_next(t, 0)],
            ),
        ],
        Case::Praise => vec![
            (
                Strategy::Thanks,
                vec![
                    (
                        "Danke, das freut uns sehr!",
                        "Thank you, that made our day!",
                    ),
                    (
                        "Schön, dass {Sie|du} zufrieden {sind|bist} – wir geben das Lob gern ans Team weiter.",
                        "Glad you're happy – we'll pass the kind words on to the team.",
                    ),
                ],
            ),
            (
                Strategy::Brief,
                vec![(
                    "Wie schön, danke für {Ihre|deine} netten Worte.",
                    "How lovely – thank you so much for taking the time to write this.",
                )],
            ),
        ],
        Case::General => vec![
            (
                Strategy::Brief,
                vec![
                    (
                        "Danke für {Ihren|deinen} Kommentar.",
                        "Thanks for your comment.",
                    ),
                    (
                        "Wenn {Sie|du} Fragen {haben|hast}, {schreiben Sie|schreib} uns gern per {ch} – wir antworten heute.",
                        "If you have any questions, write to us by {ch} – we'll answer today.",
                    ),
                ],
            ),
            (
                Strategy::SolutionFirst,
                vec![
                    ("Danke, dass {Sie sich melden|du dich meldest}.", "Thanks for reaching out."),
                    topic_next(t, 1),
                ],
            ),
        ],
    };
    // escalations always get a holding statement
    if a.criticality.level == Level::Escalate
        && !plans.iter().any(|(s, _)| *s == Strategy::Holding)
        && !matches!(case, Case::Attack | Case::Spam | Case::Threat)
    {
        plans.insert(
            0,
            (
                Strategy::Holding,
                vec![
                    (
                        "Danke, dass {Sie|du} uns das {schreiben|schreibst} – wir nehmen das sehr ernst.",
                        "Thank you for telling us – we take this very seriously.",
                    ),
                    (
                        "Wir klären den Fall gerade mit den zuständigen Kollegen und melden uns bis morgen per {ch} bei {Ihnen|dir}.",
                        "We're looking into it with the team responsible and will contact you by {ch} by tomorrow.",
                    ),
                ],
            ),
        );
    }
    plans.truncate(4);
    plans
}

/// Two to four reply drafts for the analysed comment, in its language and form of address.
///
/// Without the comment's text a bereavement cannot be recognised; use [`suggest_for_comment`] when the text
/// is at hand.
pub fn suggest_replies(a: &Analysis, voice: &BrandVoice) -> Vec<Suggestion> {
    suggest_with(a, None, voice)
}

/// Like [`suggest_replies`], reading the comment's text too (a bereavement gets condolences, not a churn
/// rescue).
pub fn suggest_for_comment(comment: &str, a: &Analysis, voice: &BrandVoice) -> Vec<Suggestion> {
    suggest_with(a, Some(comment), voice)
}

fn suggest_with(a: &Analysis, comment: Option<&str>, voice: &BrandVoice) -> Vec<Suggestion> {
    let lang = if a.lang.code == Lang::En {
        Lang::En
    } else {
        Lang::De
    };
    let address = voice.address_for(a.address);
    let du = lang == Lang::De && address == Address::Du;
    let ch = voice.private_channel(lang).to_string();
    let case = case_of(a, comment);
    let asked = comment.and_then(|c| asked(c, lang));
    let obj = match &asked {
        Some(Asked::Shipping(Some(o)) | Asked::Hours(Some(o)) | Asked::Size(o)) => o.as_str(),
        _ => "",
    };
    plan(case, a, asked.as_ref())
        .into_iter()
        .map(|(strategy, pieces)| {
            let mut text = pieces
                .into_iter()
                .map(|p| render(p, lang, du, &ch, obj))
                .collect::<Vec<_>>()
                .join(" ");
            if let Some(sig) = voice.signature.as_deref().map(str::trim)
                && !sig.is_empty()
            {
                text.push('\n');
                text.push_str(sig);
            }
            Suggestion {
                strategy,
                label: strategy.label(lang).to_string(),
                lang,
                address: (lang == Lang::De).then_some(address),
                text,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_resolve_both_forms_and_the_channel() {
        let t = "{Schreiben Sie|Schreib} uns per {ch}, {Ihre|deine} Nummer";
        assert_eq!(
            render_de(t, false, "DM", ""),
            "Schreiben Sie uns per DM, Ihre Nummer"
        );
        assert_eq!(
            render_de(t, true, "DM", ""),
            "Schreib uns per DM, deine Nummer"
        );
        assert_eq!(render_de("offen {", true, "x", ""), "offen {");
    }
}
