//! What a lexicon entry is: its language table, its list (from the file name) and the list's weight range.

use crate::model::{Category, Signal, Topic};

/// Which language table an entry belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Table {
    De,
    En,
    Common,
}

/// What an entry means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum List {
    Sentiment,
    Negator,
    Intensifier,
    Contrast,
    Irony,
    Addressee,
    Stopword,
    Exception,
    Toxic(Category),
    Signal(Signal),
    Topic(Topic),
    /// Words that tell the context layer what a sentence does (`cue_<kind>.txt`).
    Cue(Cue),
    /// The parts of an attack on a group (`hate_<part>.txt`, read by `src/analyze/hate.rs`).
    Hate(HatePart),
}

/// One part of the structure of an attack on a group: a group named, and something said of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HatePart {
    /// A protected group: Muslime, Flüchtlinge, Frauen, immigrants, gay people. Weight 1; 0.5 for an adjective
    /// used as a noun ("Schwarze", "disabled"), which names the group only when no noun follows it or a
    /// [`HatePart::People`] noun does; 0.25 for an adjective that names it only before such a noun
    /// ("jüdische Menschen", "Jewish women").
    Group,
    /// Nouns for people that a group adjective before them turns into the group: Menschen, Frauen, Kinder,
    /// people, women, kids. No institutions ("türkische Bank", "a Chinese company" are no group).
    People,
    /// What is said of the group, wherever it stands in the clause: dehumanisation (Ungeziefer), exclusion
    /// (gehören abgeschoben), a threat (ausrotten), hatred (ich hasse), blame. Weight: how severe (1.5 … 3).
    Predicate,
    /// What is said of the group only when a copula links them ("Flüchtlinge sind Müll", not "Flüchtlinge
    /// sammeln Müll") or when it stands right before the group ("dreckige Ausländer"). Weight as above.
    Predicative,
    /// Links a group to a predicative: sind, seid, wie, are, is, like.
    Copula,
    /// What attacks a group only where the sentence wishes it ("gehören abgeschoben", "should be deported"),
    /// not where it tells what happened ("wurden abgeschoben"). Weight as for a predicate.
    Wished,
    /// What attacks a group only in a question that doubts its humanity or rights ("Sind X überhaupt
    /// Menschen?", "Do we really have to treat X like human beings?"). Weight as for a predicate.
    Questioned,
    /// A word that refers back to a group named before: sie, die, diese Leute, they, those people. Weight 1;
    /// 0.5 for a determiner ("die", "those") that refers only when no noun follows it.
    Referrer,
    /// Makes a group word name someone particular, not the group: als, ich bin, mein, einige, as a, some.
    Particular,
    /// Denounces what is said: rassistisch, Hetze, racist, bigoted, hate speech.
    Counter,
    /// Says that someone else says it: sagen, behaupten, bezeichnen, say, claim, call.
    Quote,
    /// A disclaimer before the attack: nichts gegen, kein Rassist, nothing against, not racist.
    Disclaimer,
    /// A factive verb: what its "that"/"dass" clause says is asserted even when the verb is negated ("they
    /// don't realise that …", "sie merken nicht, dass …"): realise, know, see, merken, wissen, begreifen.
    Factive,
    /// A crime against humanity whose denial attacks its victims: Holocaust, Shoah, Gaskammern, gas chambers.
    /// Weight 1. Read only with a denial.
    Atrocity,
    /// What denies or belittles an atrocity (`Atrocity`) when said of it: Lüge, erfunden, nie stattgefunden,
    /// made up, never happened. Weight as for a predicate; alone, or said of a group, it attacks no one.
    Denial,
    /// A denial that needs a copula between the atrocity and it, or stands right before it ("ist eine Lüge",
    /// "is a myth"; not "Das Märchen vom sauberen Krieg hat nichts mit Auschwitz zu tun").
    DenialPredicative,
}

impl HatePart {
    pub const ALL: [HatePart; 16] = [
        HatePart::Group,
        HatePart::People,
        HatePart::Predicate,
        HatePart::Predicative,
        HatePart::Copula,
        HatePart::Wished,
        HatePart::Questioned,
        HatePart::Referrer,
        HatePart::Particular,
        HatePart::Counter,
        HatePart::Quote,
        HatePart::Disclaimer,
        HatePart::Factive,
        HatePart::Atrocity,
        HatePart::Denial,
        HatePart::DenialPredicative,
    ];
    pub fn key(self) -> &'static str {
        match self {
            HatePart::Group => "group",
            HatePart::People => "people",
            HatePart::Predicate => "predicate",
            HatePart::Predicative => "predicative",
            HatePart::Copula => "copula",
            HatePart::Wished => "wished",
            HatePart::Questioned => "questioned",
            HatePart::Referrer => "referrer",
            HatePart::Particular => "particular",
            HatePart::Counter => "counter",
            HatePart::Quote => "quote",
            HatePart::Disclaimer => "disclaimer",
            HatePart::Factive => "factive",
            HatePart::Atrocity => "atrocity",
            HatePart::Denial => "denial",
            HatePart::DenialPredicative => "denial_predicative",
        }
    }
}

/// What a context cue says about its sentence or comment (see `src/analyze/context.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cue {
    /// The writer speaks of themselves: ich, mein, wir, I, my, we.
    FirstPerson,
    /// The writer announces what they will do: ich werde, jetzt, I will, I'm going to.
    Intent,
    /// The sentence reports what others did or said: laut, berichtet, ermittelt, according to, reportedly.
    Report,
    /// The sentence supposes: falls, wenn, würde, if, would, unless.
    Hypothesis,
    /// A word that opens a question at the start of a sentence (inverted order, wh-words): Habt, Gibt, Is, How.
    Question,
    /// The writer asks for something: bitte, please, könnt ihr, can you.
    Request,
    /// Press and news genre: dpa, Reuters, Eilmeldung, via @, breaking.
    News,
    /// Greetings and salutations skipped when looking for a sentence's first word: Hallo, Hi, Liebe, Dear.
    Greeting,
    /// A wish that something be done to someone: gehört, sollte man, should be, deserve.
    Wish,
    /// Marks a question as rhetorical venting: doch, etwa, ernsthaft, seriously, who needs.
    Rhetorical,
    /// A tag that makes a statement rhetorical when it ends it: oder, gell, right, eh.
    Tag,
    /// Thanks and politeness formulas: danke, vielen Dank, thanks, thank you.
    Thanks,
    /// Others addressed in a call: alle, Leute, everyone, people.
    Others,
    /// An acknowledgement opening a reply: ok, alles klar, no worries (counts as the comment's first words).
    Acknowledgement,
    /// The writer asks for a private channel: per DM, ruft mich an, dm me, call me.
    Private,
    /// A transaction of the writer's own: Bestellung, Buchung, Konto, order, booking, account.
    Case,
    /// What the service does for the customer (ankommen, halten, laden, arrive, load, reply): negated, a complaint.
    Service,
    /// Opens a how-to question: wie kann ich, wo finde ich, how do I, can I.
    HowTo,
    /// Opens a tentative suggestion or a guess: vielleicht, vermutlich, maybe, perhaps.
    Tentative,
    /// A question that presupposes a fault: wo bleibt, wie lange noch, what happened to, how much longer.
    Fault,
    /// A question word: was, wo, wie, what, where, how.
    Wh,
    /// An object pronoun that turns a verb on the writer or the subject itself: mich, sich, me, myself (read
    /// by the gap patterns: "Die Bahn bringt mich noch um" threatens nobody).
    Reflexive,
    /// A labour dispute: Streik, Gewerkschaft, Tarifverhandlung, strike, walkout, pay talks.
    Labour,
    /// The writer blames themselves: meine Schuld, selbst schuld, hab vergessen, my fault, my bad, I forgot.
    OwnFault,
    /// A verb of wanting or needing: will, brauche, want, need (with a negation it waives a refund).
    Want,
    /// A scheduled service named by a number after it: Flug 609, Zug 1234, flight 609, line 5 (public).
    Line,
    /// A verb that calls others to act when it opens a clause: wehrt, boykottiert, vote, boycott.
    Imperative,
    /// A verb that commands when it ends a short clause with no subject: abschieben, durchhalten, resign.
    Command,
    /// A word next to such a verb that makes it a statement or a request of the writer's own: ihr, mir, zu,
    /// my, me, to.
    Statement,
    /// The preposition that names what thanks are for: für, fürs, for (a failure after it makes the thanks
    /// ironic, `src/analyze/irony.rs`).
    ThankedFor,
    /// A word that makes a question ask about the whole record: je, jemals, ever ("Wann war die Bahn je
    /// pünktlich?" denies its praise, `src/analyze/irony.rs`).
    Ever,
    /// A question word that, opening a question with a word of `cue_ever`, asks about the record to deny it:
    /// wann, wer, warum, when, who, why (not wie, was, how, what: "How did you ever fix it so fast?").
    Record,
    /// A word that asks why: warum, wieso, why, how come. Opening a question with a negation after it, it
    /// presupposes that something expected did not happen ("Warum gibt es keine Ansage?", `fault.rs`).
    Why,
    /// A copula with an indefinite article or "als"/"as a" before a role: ist ein, is a, works as a ("Mein
    /// Nachbar ist ein Anwalt" names a profession, it threatens nothing; `signals.rs`).
    Role,
    /// A word that says a failure happened again or still lasts: schon wieder, zum dritten Mal, dritter,
    /// immer noch, again, third, still (praise next to such a failure is sarcasm, `src/analyze/irony.rs`).
    Again,
    /// A word or formula that acclaims a performance: toll, super, gut gemacht, danke, great, well done, thanks
    /// (standing next to a repeated failure it is sarcasm, `src/analyze/irony.rs`).
    Acclaim,
    /// A preposition that directs something at what follows: an die, zur, to, to the ("schicke das an die
    /// Zeitung", "sending it to the local paper"): a medium after it is where the writer takes the matter
    /// (`signals.rs`).
    Directed,
    /// A trouble is over: behoben, beendet, gelöst, fixed, resolved, is over (`resolved.rs`).
    Resolved,
    /// What is still to happen: sollte, muss, bis, should, must, until (a trouble in its clause is not over).
    Pending,
    /// A cause: wegen, aufgrund, due to, because of (the trouble after it is a cause, not what ended).
    Cause,
    /// A noun for a person or a body of people: Leute, Fahrer, Laden, people, driver, company. An insulting
    /// adjective right before one insults someone; before any other noun it swears about a thing
    /// (`toxicity.rs`).
    Person,
    /// An article or determiner: der, eine, diese, the, a, this, your. An adjective between it and a word
    /// stands before a noun, in lower-case writing too (`toxicity.rs`).
    Determiner,
    /// An insulting adjective: dumm, blöd, stupid, pathetic. Between a determiner and a noun that names no
    /// person it swears about a thing (`toxicity.rs`).
    Adjective,
    /// The writer as the one an insult names: ich, ich bin, bin ich, mein, I'm, my, me being ("Ich Depp",
    /// "I'm such an idiot", "excuse my ignorance"; `self_directed.rs`).
    SelfRef,
    /// A word for what the writer says or asks: Frage, Einwand, question, remark ("Vielleicht eine dumme
    /// Frage, aber …"; `self_directed.rs`).
    Remark,
    /// The writer named right after an insult: von mir, of me, me ("Dumm von mir", "Silly me").
    SelfAfter,
    /// A person met on the way who is no one's staff: Leute, Sitznachbar, neben mir, people, the guy next to
    /// me. A sentence about them that is not addressed to anyone and names no staff speaks of fellow
    /// passengers or customers, not of the company (`signals.rs`, `rule:context:bystander`).
    Bystander,
    /// The company's staff or service: Schaffner, Verkäuferin, Hotline, conductor, cashier, customer service.
    /// A sentence that names them speaks of the company, whoever else it names (`rule:context:bystander`).
    Staff,
    /// A preposition that names whom a service is for: für, mit, ohne, for, with, without. A bystander word up to
    /// two words after it names customers the service fails ("für Rentner viel zu teuer", "no discount for
    /// kids"), not a bystander (`rule:context:bystander`).
    Audience,
    /// A body that speaks for people: Verband, Initiative, association, group, lobby, advocates. Right after a
    /// bystander word it names that body ("passenger association", "Kunden-Initiative"), not people met on
    /// the way (`rule:context:bystander`).
    Organisation,
    /// How long something has lasted: seit Monaten, seit 3 Wochen, for months, for 3 weeks. A complaint phrase
    /// when a failure lasts; in a clause that praises and holds nothing negative, a good state that lasts
    /// (`lasting.rs`, `rule:context:lasting-good`).
    Duration,
    /// A jab that says the praise before it does not hold: zwei Welten, sieht anders aus, ein Fremdwort, also gar
    /// nicht · two different worlds, a foreign word, so not at all ("Ihr und Pünktlichkeit, zwei Welten"):
    /// the praise within a few words before it, in its sentence, is lacking (`rule:context:denied-standard`).
    Denial,
    /// Opens a question the writer answers in the next sentence: was macht, die Antwort, what did … do,
    /// guess what ("Was macht die Bahn? Sie lässt ihn fahren."): rhetorical, it asks nothing (`context.rs`).
    Teaser,
    /// A conjunction that opens a short question the writer answers next: und, aber, and, but ("Und
    /// Deutschland? Hinkt hinterher."; `context.rs`).
    Continuation,
    /// A tone tag that may end a post after a slash: jk, srs, gen ("… /jk"): no support agent's sign-off
    /// (`context.rs`, `signed_off`).
    ToneTag,
    /// A question of outrage that presupposes a fault only when it is put to the company: wie kann das sein,
    /// wie konnte das passieren, how can it be that, how could this happen (`fault.rs`).
    Outrage,
    /// An amount or a thing that fills up: Preise, Kosten, Rechnung, Posteingang, prices, bill, inbox, head —
    /// what "explodes" in its clause only grows (`signals.rs`, `rule:context:figurative`).
    Amount,
    /// A verb of bursting that an amount does figuratively: explodiert, explodieren, exploded, explode.
    Surge,
    /// The writer cannot remember: kann mich nicht erinnern, weiß nicht mehr, can't remember, don't recall
    /// (followed by "wann"/"when" and praise, it denies the praise, `src/analyze/irony.rs`).
    Forgot,
    /// A demand that the company finally meet a standard: solltet mal, sollte lieber, maybe you should, should
    /// learn to (`cue_demand`; a standard word after it is lacking, not praised, `sentiment.rs`).
    Demand,
    /// A standard a service is held to: pünktlich, freundlich, zuverlässig, on time, friendly, reliable.
    Standard,
    /// What was once and is no more: früher war, war mal, used to (`cue_past`; praise after it in its clause
    /// is of the past, `sentiment.rs`: "I used to love your coffee").
    Past,
    /// An opinion marker: ich finde, meiner Meinung nach, I think, in my opinion (a handle named in passing in an
    /// opinion is a remark about the company, not to it: `context.rs`).
    Opinion,
}

impl Cue {
    pub const ALL: [Cue; 63] = [
        Cue::FirstPerson,
        Cue::Intent,
        Cue::Report,
        Cue::Hypothesis,
        Cue::Question,
        Cue::Request,
        Cue::News,
        Cue::Greeting,
        Cue::Wish,
        Cue::Rhetorical,
        Cue::Tag,
        Cue::Thanks,
        Cue::Others,
        Cue::Acknowledgement,
        Cue::Private,
        Cue::Case,
        Cue::Service,
        Cue::HowTo,
        Cue::Tentative,
        Cue::Fault,
        Cue::Wh,
        Cue::Reflexive,
        Cue::Labour,
        Cue::OwnFault,
        Cue::Want,
        Cue::Line,
        Cue::Imperative,
        Cue::Command,
        Cue::Statement,
        Cue::ThankedFor,
        Cue::Ever,
        Cue::Record,
        Cue::Why,
        Cue::Role,
        Cue::Again,
        Cue::Acclaim,
        Cue::Directed,
        Cue::Person,
        Cue::Determiner,
        Cue::Adjective,
        Cue::SelfRef,
        Cue::Remark,
        Cue::SelfAfter,
        Cue::Bystander,
        Cue::Staff,
        Cue::Audience,
        Cue::Organisation,
        Cue::Duration,
        Cue::Denial,
        Cue::Teaser,
        Cue::Continuation,
        Cue::ToneTag,
        Cue::Outrage,
        Cue::Amount,
        Cue::Surge,
        Cue::Forgot,
        Cue::Demand,
        Cue::Standard,
        Cue::Past,
        Cue::Opinion,
        Cue::Resolved,
        Cue::Pending,
        Cue::Cause,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Cue::FirstPerson => "first_person",
            Cue::Intent => "intent",
            Cue::Report => "report",
            Cue::Hypothesis => "hypothesis",
            Cue::Question => "question",
            Cue::Request => "request",
            Cue::News => "news",
            Cue::Greeting => "greeting",
            Cue::Wish => "wish",
            Cue::Rhetorical => "rhetorical",
            Cue::Tag => "tag",
            Cue::Thanks => "thanks",
            Cue::Others => "others",
            Cue::Acknowledgement => "acknowledgement",
            Cue::Private => "private",
            Cue::Case => "case",
            Cue::Service => "service",
            Cue::HowTo => "howto",
            Cue::Tentative => "tentative",
            Cue::Fault => "fault",
            Cue::Wh => "wh",
            Cue::Reflexive => "reflexive",
            Cue::Labour => "labour",
            Cue::OwnFault => "own_fault",
            Cue::Want => "want",
            Cue::Line => "line",
            Cue::Imperative => "imperative",
            Cue::Command => "command",
            Cue::Statement => "statement",
            Cue::ThankedFor => "thanked_for",
            Cue::Ever => "ever",
            Cue::Record => "record",
            Cue::Why => "why",
            Cue::Role => "role",
            Cue::Again => "again",
            Cue::Acclaim => "acclaim",
            Cue::Directed => "directed",
            Cue::Person => "person",
            Cue::Determiner => "determiner",
            Cue::Adjective => "adjective",
            Cue::SelfRef => "self",
            Cue::Remark => "remark",
            Cue::SelfAfter => "self_after",
            Cue::Bystander => "bystander",
            Cue::Staff => "staff",
            Cue::Audience => "audience",
            Cue::Organisation => "organisation",
            Cue::Duration => "duration",
            Cue::Denial => "denial",
            Cue::Teaser => "teaser",
            Cue::Continuation => "continuation",
            Cue::ToneTag => "tone_tag",
            Cue::Outrage => "outrage",
            Cue::Amount => "amount",
            Cue::Surge => "surge",
            Cue::Forgot => "forgot",
            Cue::Demand => "demand",
            Cue::Standard => "standard",
            Cue::Past => "past",
            Cue::Opinion => "opinion",
            Cue::Resolved => "resolved",
            Cue::Pending => "pending",
            Cue::Cause => "cause",
        }
    }
}

impl List {
    pub fn from_file_stem(stem: &str) -> Option<List> {
        Some(match stem {
            "sentiment" | "emoji" => List::Sentiment,
            "negators" => List::Negator,
            "intensifiers" => List::Intensifier,
            "contrast" => List::Contrast,
            "irony" => List::Irony,
            "addressee" => List::Addressee,
            "stopwords" => List::Stopword,
            "exceptions" => List::Exception,
            "insult" => List::Toxic(Category::Insult),
            "profanity" => List::Toxic(Category::Profanity),
            "threat" => List::Toxic(Category::Threat),
            "identity_attack" => List::Toxic(Category::IdentityAttack),
            "sexual_harassment" => List::Toxic(Category::SexualHarassment),
            "call_to_action" => List::Toxic(Category::CallToAction),
            _ => {
                if let Some(s) = stem.strip_prefix("signal_") {
                    List::Signal(Signal::from_key(s)?)
                } else if let Some(t) = stem.strip_prefix("topic_") {
                    List::Topic(Topic::from_key(t).filter(|t| *t != Topic::Other)?)
                } else if let Some(c) = stem.strip_prefix("cue_") {
                    List::Cue(Cue::ALL.into_iter().find(|k| k.key() == c)?)
                } else if let Some(h) = stem.strip_prefix("hate_") {
                    List::Hate(HatePart::ALL.into_iter().find(|k| k.key() == h)?)
                } else {
                    return None;
                }
            }
        })
    }

    /// A small integer per list: the order in which hits of different lists are grouped, and the duplicate check.
    pub fn rank(self) -> u16 {
        match self {
            List::Sentiment => 0,
            List::Negator => 1,
            List::Intensifier => 2,
            List::Contrast => 3,
            List::Irony => 4,
            List::Addressee => 5,
            List::Stopword => 6,
            List::Exception => 7,
            List::Toxic(c) => 10 + c.index() as u16,
            List::Signal(s) => 20 + s.index() as u16,
            List::Topic(t) => 40 + t.index() as u16,
            List::Cue(c) => 70 + c as u16,
            List::Hate(h) => 150 + h as u16,
        }
    }

    /// The allowed weight range, inclusive.
    pub fn weight_range(self) -> (f32, f32) {
        match self {
            List::Sentiment => (-4.0, 4.0),
            List::Intensifier => (0.2, 2.0),
            List::Negator
            | List::Contrast
            | List::Addressee
            | List::Stopword
            | List::Exception
            | List::Cue(_) => (1.0, 1.0),
            List::Hate(HatePart::Group) => (0.25, 1.0),
            List::Hate(HatePart::Referrer) => (0.5, 1.0),
            List::Hate(
                HatePart::Predicate
                | HatePart::Predicative
                | HatePart::Wished
                | HatePart::Questioned
                | HatePart::Denial
                | HatePart::DenialPredicative,
            ) => (1.5, 3.0),
            List::Hate(_) => (1.0, 1.0),
            List::Irony | List::Toxic(_) | List::Signal(_) | List::Topic(_) => (0.5, 3.0),
        }
    }
}
