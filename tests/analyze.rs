//! Realistic comments, German and English, through the public API.

use krisenradar::{
    Address, Analysis, Category, Channel, Facet, Lang, LearnedModel, Level, Options,
    SentimentLabel, Signal, Topic, analyze,
};

fn a(text: &str) -> Analysis {
    analyze(text, &Options::default())
}

/// Whether the analysis of `text` records evidence with id `id` (a rule, a lexicon entry or a note).
fn notes(text: &str, id: &str) -> bool {
    a(text).evidence.iter().any(|e| e.id.as_ref() == id)
}

/// The text an evidence entry of `facet` covers, for every such entry.
fn evidence_texts<'t>(text: &'t str, an: &Analysis, pred: impl Fn(&Facet) -> bool) -> Vec<&'t str> {
    an.evidence
        .iter()
        .filter(|e| pred(&e.facet))
        .map(|e| e.span.slice(text))
        .collect()
}

#[test]
fn german_delivery_complaint_goes_private_and_needs_a_response() {
    let text = "Seit drei Wochen warte ich auf mein Paket, die Sendungsverfolgung zeigt gar nichts an. Echt enttäuschend!";
    let an = a(text);
    assert_eq!(an.lang.code, Lang::De);
    assert_eq!(an.sentiment.label, SentimentLabel::Negative);
    assert!(an.has_signal(Signal::Complaint), "{:?}", an.signals);
    assert_eq!(an.topic, Topic::Delivery);
    assert!(
        an.criticality.level >= Level::Respond,
        "{:?}",
        an.criticality
    );
    assert_eq!(an.criticality.channel, Channel::Private);
    assert!(!an.toxicity.toxic);
}

#[test]
fn german_legal_threat_escalates_with_evidence() {
    let text = "Wenn ich bis Freitag mein Geld nicht zurück habe, schalte ich meinen Anwalt ein und gehe zur Verbraucherzentrale.";
    let an = a(text);
    assert!(an.has_signal(Signal::Legal));
    assert_eq!(
        an.criticality.level,
        Level::Escalate,
        "{:?}",
        an.criticality
    );
    let legal = evidence_texts(text, &an, |f| *f == Facet::Signal(Signal::Legal));
    assert!(legal.iter().any(|s| s.contains("Anwalt")), "{legal:?}");
    assert!(
        an.criticality
            .reasons
            .iter()
            .any(|r| r.code == "signal.legal")
    );
}

#[test]
fn masked_german_insult_is_toxic() {
    let text = "Ihr seid echt die letzten A****löcher";
    let an = a(text);
    assert!(an.toxicity.toxic, "{:?}", an.toxicity);
    assert!(an.has_category(Category::Insult));
    let ins = evidence_texts(text, &an, |f| *f == Facet::Toxic(Category::Insult));
    assert_eq!(ins, ["A****löcher"]);
}

#[test]
fn compounds_are_productive() {
    for (text, word) in [
        ("So ein Drecksladen.", "Drecksladen"),
        ("Was für ein Vollidiot", "Vollidiot"),
        ("Scheißservice wie immer", "Scheißservice"),
        ("Diese Abzockerfirma schon wieder", "Abzockerfirma"),
    ] {
        let an = a(text);
        let hits = evidence_texts(text, &an, |f| matches!(f, Facet::Toxic(_)));
        assert!(hits.contains(&word), "{text}: {hits:?}");
    }
}

#[test]
fn enthusiastic_praise_with_swearing_is_praise_not_toxic() {
    for text in [
        "Geil, verdammt gut!",
        "Holy shit this is fucking awesome, best support ever!",
    ] {
        let an = a(text);
        assert_eq!(
            an.sentiment.label,
            SentimentLabel::Positive,
            "{text}: {:?}",
            an.sentiment
        );
        assert!(!an.toxicity.toxic, "{text}: {:?}", an.toxicity);
        assert!(an.has_signal(Signal::Praise), "{text}: {:?}", an.signals);
        assert_eq!(an.criticality.level, Level::Monitor);
    }
}

#[test]
fn boycott_call_is_a_call_to_action() {
    let an = a("Boykottiert diesen Laden! Teilt das, bis es jeder weiß!");
    assert!(an.has_category(Category::CallToAction), "{:?}", an.toxicity);
    assert!(an.criticality.level >= Level::Respond);
    let an = a("Everyone report this account and boycott them!");
    assert!(an.has_category(Category::CallToAction), "{:?}", an.toxicity);
}

#[test]
fn english_safety_issue_escalates() {
    let an = a(
        "My daughter had an allergic reaction after eating your cookies. This needs a recall NOW.",
    );
    assert_eq!(an.lang.code, Lang::En);
    assert!(an.has_signal(Signal::Safety));
    assert_eq!(an.criticality.level, Level::Escalate);
}

#[test]
fn english_churn_threat() {
    let an = a("That's it, I'm cancelling my subscription. Never again.");
    assert!(an.has_signal(Signal::Churn), "{:?}", an.signals);
    assert_eq!(an.sentiment.label, SentimentLabel::Negative);
}

#[test]
fn negation_flips_and_contrast_weighs_the_second_half() {
    assert_eq!(
        a("Das ist nicht gut.").sentiment.label,
        SentimentLabel::Negative
    );
    assert_eq!(
        a("Das gefällt mir nicht.").sentiment.label,
        SentimentLabel::Negative
    );
    assert!(a("This is not good at all").sentiment.score < 0.0);
    let an = a("Das Produkt ist super, aber der Versand ist eine Katastrophe.");
    assert!(an.sentiment.score < 0.0, "{:?}", an.sentiment);
}

#[test]
fn spaced_and_dotted_profanity_is_found() {
    for text in ["So eine s c h e i ß e", "du a.r.s.c.h"] {
        let an = a(text);
        assert!(
            !an.toxicity.categories.is_empty(),
            "{text}: {:?}",
            an.toxicity
        );
    }
}

#[test]
fn neutral_question_is_calm() {
    let an = a("Kann mir jemand sagen, wann die Filiale in Köln wieder öffnet?");
    assert!(an.has_signal(Signal::Question), "{:?}", an.signals);
    assert_eq!(an.criticality.level, Level::Monitor);
    assert!(!an.toxicity.toxic);
    assert_eq!(an.address, None);
}

#[test]
fn form_of_address_is_detected() {
    assert_eq!(
        a("Könnt ihr mir bitte sagen, wo mein Paket bleibt?").address,
        Some(Address::Du)
    );
    assert_eq!(
        a("Können Sie mir bitte sagen, wo mein Paket bleibt?").address,
        Some(Address::Sie)
    );
}

#[test]
fn other_languages_are_scored_conservatively_and_say_so() {
    let an = a("Questo prodotto è arrivato rotto e il servizio clienti non risponde mai");
    assert_eq!(an.lang.code, Lang::Other);
    assert!(an.criticality.score < 60);
}

/// A headline without function words is read in the language of the only lexicon it hits; with hits in
/// neither (or both) it stays unknown.
#[test]
fn headlines_without_function_words_take_the_language_of_their_words() {
    for (text, lang) in [
        ("Heftige Kritik am Stromanbieter", Lang::De),
        ("Bahn blockiert Rosenheimer Strecke", Lang::De),
        ("Commuters lament constant cancellations", Lang::En),
        ("Fierce criticism of the power supplier", Lang::En),
        ("Stanislaw Markus Koval Wysocki", Lang::Other),
    ] {
        assert_eq!(a(text).lang.code, lang, "{text}");
    }
    // read in its language, the criticism counts in full
    for text in [
        "Heftige Kritik am Stromanbieter",
        "Fierce criticism of the power supplier",
    ] {
        assert!(a(text).signals.contains(&Signal::Complaint), "{text}");
    }
}

/// Comments in the other languages a German or English page sees are recognised by their function words,
/// and a German or English comment that quotes a foreign phrase keeps its language.
#[test]
fn other_languages_are_recognised_by_their_function_words() {
    for text in [
        "Bonjour, je ne trouve pas le colis, pouvez-vous vérifier avec le transporteur ?",
        "Hola, mi pedido no ha llegado todavía y nadie me responde por el chat",
        "Ciao, il mio ordine non è ancora arrivato, potete controllare per favore?",
        "Olá, meu pedido não chegou ainda, isso é muito ruim",
        "Ik heb mijn pakket nog steeds niet ontvangen, wat is er aan de hand?",
        "Merhaba, siparişim hala gelmedi, çok kötü bir hizmet",
    ] {
        assert_eq!(a(text).lang.code, Lang::Other, "{text}");
    }
    for (text, lang) in [
        (
            "Mein Paket ist nicht da, c'est la vie, aber so geht das nicht weiter.",
            Lang::De,
        ),
        (
            "My parcel never arrived, que sera sera, but this cannot go on like this.",
            Lang::En,
        ),
        (
            "Ich habe ein Video von El Ultimo de la Fila geteilt",
            Lang::De,
        ),
        ("I shared a video by El Ultimo de la Fila", Lang::En),
    ] {
        assert_eq!(a(text).lang.code, lang, "{text}");
    }
}

/// A writer who blames themselves is unhappy but not complaining; the same loss blamed on the company is a
/// complaint. Minimal pairs in both languages; "selber schuld" said of others is no self-blame.
#[test]
fn self_blame_is_no_complaint() {
    for (own, company) in [
        (
            "@Burritohaus Hab meinen Kassenbon vergessen. Da geht die Chance auf ein Gratisessen dahin. Mist.",
            "@Burritohaus Mein Kassenbon wurde nicht gedruckt. Da geht die Chance auf ein Gratisessen dahin. Mist.",
        ),
        (
            "@BurritoHouse Forgot to get my receipt. There goes my chance at free food. Ugh.",
            "@BurritoHouse The till didn't print my receipt. There goes my chance at free food. Ugh.",
        ),
    ] {
        assert!(!a(own).has_signal(Signal::Complaint), "{own}");
        assert!(a(company).has_signal(Signal::Complaint), "{company}");
    }
    assert!(
        a("@Stadtbahn_Nord Ihr seid selber schuld, wenn ihr die Weichen nicht wartet. Wieder 40 Minuten zu spät.")
            .has_signal(Signal::Complaint)
    );
}

#[test]
fn watch_words_raise_attention() {
    let text = "Der neue Turbomixer 3000 ist da";
    let plain = a(text);
    let watched = analyze(text, &Options::default().with_watch_words(["Turbomixer"]));
    assert!(watched.criticality.score > plain.criticality.score);
    assert!(
        watched
            .evidence
            .iter()
            .any(|e| e.facet == Facet::WatchWord && e.span.slice(text) == "Turbomixer")
    );
}

#[test]
fn reasons_follow_the_ui_language() {
    let text = "Ich gehe zum Anwalt!";
    let de = analyze(text, &Options::new(Lang::De));
    let en = analyze(text, &Options::new(Lang::En));
    assert!(
        de.criticality
            .reasons
            .iter()
            .any(|r| r.message.starts_with("Rechtliche Drohung")),
        "{:?}",
        de.criticality.reasons
    );
    assert!(
        en.criticality
            .reasons
            .iter()
            .any(|r| r.message.starts_with("Legal threat"))
    );
}

#[test]
fn every_evidence_span_lies_on_char_boundaries_of_the_input() {
    let text = "Ünglaublich 😡😡 SCHLECHT!!! Die Lieferung ist seit 2 Wochen überfällig. ＦＵＣＫ";
    let an = a(text);
    assert!(!an.evidence.is_empty());
    for e in &an.evidence {
        assert!(text.get(e.span.start..e.span.end).is_some(), "{e:?}");
    }
}

#[test]
fn sensitivity_moves_the_levels() {
    let text = "Die Lieferung dauert schon wieder ewig, echt ärgerlich.";
    let low = analyze(text, &Options::default().with_sensitivity(0.0));
    let high = analyze(text, &Options::default().with_sensitivity(1.0));
    assert_eq!(low.criticality.score, high.criticality.score);
    assert!(high.criticality.level >= low.criticality.level);
    assert!(high.criticality.level > Level::Monitor);
}

#[test]
fn short_english_texts_use_the_english_tables() {
    let an = a("Outstanding!");
    assert_eq!(an.lang.code, Lang::En);
    assert_eq!(an.sentiment.label, SentimentLabel::Positive);
}

#[test]
fn negation_stops_at_a_comma() {
    let an = a("Das Produkt ist nicht gut, leider kaputt angekommen.");
    assert_eq!(
        an.sentiment.label,
        SentimentLabel::Negative,
        "{:?}",
        an.sentiment
    );
}

#[test]
fn swearing_without_a_polar_word_leans_negative() {
    assert!(a("Oh fuck off").sentiment.score < 0.0);
    // …but boosts a polar word instead of counting against it
    assert!(a("fucking awesome").sentiment.score > 0.5);
}

#[test]
fn billing_mistakes_and_other_customers_data() {
    let an = a("Meine Rechnung ist falsch.");
    assert!(an.has_signal(Signal::Complaint), "{:?}", an.signals);
    assert_eq!(an.criticality.channel, Channel::Private);
    let an = a("Ich habe eine fremde Rechnung mit Name und Adresse eines anderen Kunden bekommen");
    assert!(an.has_signal(Signal::Privacy), "{:?}", an.signals);
    assert_eq!(an.criticality.level, Level::Escalate);
}

/// The analysis left the comment out of the ranking as the company's own reply.
fn is_own_reply(an: &Analysis) -> bool {
    an.criticality
        .reasons
        .iter()
        .any(|r| r.code == "level.own_reply")
}

#[test]
fn the_companys_own_replies_are_left_out_of_the_ranking() {
    let brand = Options::default().with_company(["KaffeeKontor", "@kaffeekontor_hilft"]);
    let signed = Options::default().with_signatures(["^AB"]);
    for (text, opts) in [
        (
            "Das tut uns leid! Schreib uns bitte per DM, dann kümmern wir uns. Dein KaffeeKontor-Team",
            &brand,
        ),
        (
            "So sorry to hear that! Please send us a DM with your order number and we'll sort it out. ^AB",
            &signed,
        ),
    ] {
        let own = analyze(text, opts);
        assert_eq!(own.criticality.level, Level::Monitor, "{text}");
        assert_eq!(own.criticality.score, 0);
        assert!(is_own_reply(&own), "{:?}", own.criticality.reasons);
        // the same text without the company's names or signature is an ordinary comment
        let plain = analyze(text.trim_end_matches(" ^AB"), &Options::default());
        assert!(!is_own_reply(&plain));
    }
}

#[test]
fn a_support_agents_sign_off_marks_the_companys_reply_without_configuration() {
    let own = |text: &str| is_own_reply(&analyze(text, &Options::default()));
    // (signed by an agent, the same text unsigned or ending in a tone tag or a correction)
    for (signed, unsigned) in [
        (
            "@Reisende_1 Der Zug fällt leider aus. Bitte nutzen Sie den RE um 8:12 Uhr. /je",
            "@Reisende_1 Der Zug fällt leider aus. Bitte nutzen Sie den RE um 8:12 Uhr.",
        ),
        (
            "@Kundin_7 Das tut uns leid! Schreib uns bitte per DM deine Bestellnummer. ^MK",
            "@Kundin_7 Das tut uns leid! Schreib uns bitte per DM deine Bestellnummer. /jk",
        ),
        (
            "@traveller_1 Sorry about that! Please send us a DM with your booking code. ^JB",
            "@traveller_1 Sorry about that! Please send us a DM with your booking code.",
        ),
        (
            "@shopper_7 We'd like to help. Please send us a Direct Message. -AA",
            "@shopper_7 We'd like to help. Please send us a Direct Message /srs",
        ),
        (
            "Danke für den Hinweis, wir geben das an die Kollegen weiter. *ML",
            "Danke für den Hinweis, wir geben das an die Kollegen weiter *die",
        ),
    ] {
        assert!(own(signed), "{signed}");
        assert!(!own(unsigned), "{unsigned}");
    }
    // a dash before lower-case letters, a sign-off without a space before it, a bare sign-off: no reply
    for text in [
        "Bestellung storniert, alles gut -ok",
        "Der Zug ist schon wieder zu spät/je",
        "Danke ^JB",
    ] {
        assert!(!own(text), "{text}");
    }
}

#[test]
fn with_the_company_known_a_reply_to_another_user_is_chat() {
    let brand = Options::default().with_company(["KaffeeKontor"]);
    let to_company = analyze("@KaffeeKontor habt ihr am Sonntag geöffnet?", &brand);
    assert_eq!(to_company.criticality.level, Level::Respond);
    let to_user = analyze("@lena_k habt ihr am Sonntag schon was vor?", &brand);
    assert_eq!(to_user.criticality.level, Level::Monitor);
    let to_company = analyze("@KaffeeKontor are you open on Sunday?", &brand);
    assert_eq!(to_company.criticality.level, Level::Respond);
    let to_user = analyze("@lena_k are you free on Sunday?", &brand);
    assert_eq!(to_user.criticality.level, Level::Monitor);
}

/// Whether the analysis finds an identity attack in `text`.
fn hate(text: &str) -> bool {
    analyze(text, &Options::default())
        .toxicity
        .categories
        .contains(&Category::IdentityAttack)
}

/// Each pair: the first text attacks a group, its twin (the same words without the phenomenon) does not.
fn assert_attacks_and_twins(pairs: &[(&str, &str)]) {
    for (attack, twin) in pairs {
        assert!(hate(attack), "attack not found: {attack}");
        assert!(!hate(twin), "twin read as an attack: {twin}");
    }
}

/// A group adjective names the group before a noun for people ("ausländische Familien", "foreign
/// families"), not before a noun for things or institutions; feminine and singular forms name it too.
#[test]
fn group_adjectives_before_people_and_inflected_group_words_in_both_languages() {
    assert_attacks_and_twins(&[
        (
            "Afrikanische Männer haben hier nichts zu suchen.",
            "Afrikanische Pflanzen haben hier nichts zu suchen.",
        ),
        (
            "African men have no business here.",
            "African plants have no business here.",
        ),
        (
            "Die ausländischen Familien hier sind Abschaum.",
            "Die ausländischen Firmen hier sind Abschaum.",
        ),
        (
            "The foreign families here are scum.",
            "The foreign companies here are scum.",
        ),
        ("Asiatinnen sind Ungeziefer.", "Mücken sind Ungeziefer."),
        ("Asian women are vermin.", "Mosquitoes are vermin."),
        (
            "Israelische Familien haben hier nichts zu suchen.",
            "Israelische Orangen haben hier nichts zu suchen.",
        ),
        (
            "Israeli families have no business here.",
            "Israeli oranges have no business here.",
        ),
    ]);
}

/// A slur written as a compound with hyphens is the slur ("Kümmel-Türken", "rag-heads"), Holocaust denial is
/// hate by itself; other hyphenated
/// compounds, a word part reaching across the hyphen ("Bundes-Pastor" holds no "spast") and two-letter parts
/// ("DE-Bild") are no insult — in both languages.
#[test]
fn slurs_written_with_hyphens_in_both_languages() {
    assert_attacks_and_twins(&[
        ("Die Kümmel-Türken wieder.", "Die Kümmel-Brötchen wieder."),
        ("The rag-heads again.", "The rag-dolls again."),
        // denying the Holocaust attacks the Jews by itself
        (
            "Der Holocaust hat nie stattgefunden.",
            "Der Holocaust hat stattgefunden.",
        ),
        ("The holocaust never happened.", "The holocaust happened."),
    ]);
    let insult = |t: &str| a(t).toxicity.categories.contains(&Category::Insult);
    for text in [
        "Unser Bundes-Pastor predigte lange.",
        "Ein verheerendes DE-Bild.",
        "Our grand-pastor preached for long.",
    ] {
        assert!(!insult(text), "{text}");
    }
}

/// Words that degrade or harm ("Plage", "schädlich", "vermin", "harmful") read negative, in both languages.
#[test]
fn words_of_harm_and_degradation_read_negative_in_both_languages() {
    for (harm, plain) in [
        (
            "Die Wespen sind eine Plage.",
            "Die Wespen sind eine Seltenheit.",
        ),
        ("Das Mittel ist schädlich.", "Das Mittel ist erhältlich."),
        ("The wasps are vermin.", "The wasps are insects."),
        ("The product is harmful.", "The product is available."),
    ] {
        assert!(a(harm).sentiment.score < 0.0, "{harm}");
        assert!(a(plain).sentiment.score >= 0.0, "{plain}");
    }
}

/// "vergaß" is the past of "vergessen" (forgot), not the threat stem "vergas-" (gas); the threat stays a
/// threat in both languages.
#[test]
fn forgetting_is_no_gassing_in_both_languages() {
    let threat = |t: &str| a(t).toxicity.categories.contains(&Category::Threat);
    for (forgot, gassed) in [
        ("Ich vergaß meinen Schirm im Zug.", "Die gehören vergast."),
        (
            "I forgot my umbrella on the train.",
            "They should be gassed.",
        ),
    ] {
        assert!(!threat(forgot), "{forgot}");
        assert!(threat(gassed), "{gassed}");
    }
}

/// A hashtag slogan that attacks a group is hate by itself; its friendly twin and a denouncing mention are not.
#[test]
fn hate_hashtag_slogans_in_both_languages() {
    assert_attacks_and_twins(&[
        (
            "Wieder ein Boot #sollendochertrinken",
            "Wieder ein Boot gerettet #Seenotrettung",
        ),
        ("So true #RefugeesNotWelcome", "So true #RefugeesWelcome"),
    ]);
    assert!(!hate("Wer #AusländerRaus schreibt, hetzt."));
}

/// A "that"/"dass" clause after a negated factive verb ("they don't realise that …") is asserted; after a
/// negated opinion verb ("I don't think that …") it is negated. German verb-final copulas count.
#[test]
fn negation_reaches_that_clauses_only_through_opinion_verbs() {
    assert_attacks_and_twins(&[
        (
            "Sie merken nicht, dass Flüchtlinge kriminell sind.",
            "Ich glaube nicht, dass Flüchtlinge kriminell sind.",
        ),
        (
            "They don't realize that refugees are invaders.",
            "I don't think that refugees are invaders.",
        ),
    ]);
}

/// An attack on a group escalates with its own reason; the same words without the attack do not (German and
/// English minimal pairs).
#[test]
fn attacks_on_groups_escalate_and_their_contrasts_do_not() {
    let opts = Options::default();
    assert_attacks_and_twins(&[
        (
            "Flüchtlinge sind alle kriminell.",
            "Flüchtlinge sind nicht kriminell.",
        ),
        ("Refugees are all criminals.", "Refugees are not criminals."),
        (
            "Ich hasse Muslime.",
            "Ich hasse Muslime nicht, im Gegenteil.",
        ),
        ("Muslims are scum.", "Calling Muslims scum is racist."),
        (
            "Die Juden sind an allem schuld.",
            "Wer sagt, Juden seien an allem schuld, hetzt.",
        ),
        (
            "Immigrants are filthy animals.",
            "Our managers are filthy animals.",
        ),
        (
            "Ich kenne viele Ausländer. Sie sind alle Schmarotzer.",
            "Ich kenne viele Ausländer. Sie sind alle nett.",
        ),
        (
            "Gay people are a disease.",
            "As a gay man I think your app is a disease.",
        ),
    ]);
    let a = analyze("Flüchtlinge raus, das sind doch alles Schmarotzer!", &opts);
    assert_eq!(a.criticality.level, Level::Escalate);
    assert!(
        a.criticality.reasons.iter().any(|r| r.code == "level.hate"),
        "{:?}",
        a.criticality.reasons
    );
    // a slur in quotation marks is mentioned, not used
    assert!(!hate(
        "„Kanaken“ ist ein Schimpfwort, bitte benutzt es hier nicht."
    ));
    assert!(hate("Hier wohnen nur noch Kanaken."));
}

/// A group called the enemy, a place said to teem with it, a lynching wished on it; and the two structures
/// that need no hate word: a disclaimer before a group ("Ich bin kein Rassist, aber …") and an atrocity
/// denied. Each with a twin that lacks it, in both languages.
#[test]
fn enemies_swarms_lynching_disclaimers_and_denial_in_both_languages() {
    assert_attacks_and_twins(&[
        ("Ausländer sind unsere Feinde.", "Viren sind unsere Feinde."),
        ("Immigrants are our enemies.", "Viruses are our enemies."),
        (
            "Der Bahnhof wimmelt von Flüchtlingen.",
            "Der Bahnhof wimmelt von Touristen.",
        ),
        (
            "The station is teeming with refugees.",
            "The station is teeming with tourists.",
        ),
        (
            "Diese Muslime sollten alle am nächsten Baum hängen.",
            "Diese Muslime sollten alle im nächsten Bus sitzen.",
        ),
        (
            "Those Muslims should all swing from the nearest tree.",
            "Those Muslims should all sit in the next bus.",
        ),
        (
            "Ich bin kein Rassist, aber Flüchtlinge sind einfach anders.",
            "Ich bin kein Rassist, aber die Unterkunft für Flüchtlinge ist zu klein.",
        ),
        (
            "I'm not racist, but refugees are just different.",
            "I'm not racist, but the shelter for refugees is too small.",
        ),
        (
            "Nichts gegen Rentner, aber die sind einfach anders.",
            "Nichts gegen Rentner, aber warum müssen die morgens um 8 einkaufen?",
        ),
        (
            "No offence to pensioners, but they are just different.",
            "No offence to pensioners, but why do they have to shop at 8 in the morning?",
        ),
        (
            "Der Holocaust ist eine Lüge.",
            "Der Holocaust ist keine Lüge.",
        ),
        ("The Holocaust is a lie.", "The Holocaust is not a lie."),
        (
            "Die Gaskammern sind erfunden.",
            "Wer behauptet, die Gaskammern seien erfunden, lügt.",
        ),
        (
            "The gas chambers were made up.",
            "Whoever claims the gas chambers were made up is lying.",
        ),
    ]);
}

/// Forms of group hate seen in real posts, each with a twin that lacks it, in both languages: too many of a
/// group, a place overrun by it, a role prescribed, above the law, less intelligent, "call themselves
/// human" (a naming verb with a reflexive is the writer's claim, not a quotation), a stereotype adjective;
/// an inch mark is no quotation mark.
#[test]
fn hate_forms_from_real_posts_in_both_languages() {
    assert_attacks_and_twins(&[
        (
            "Schwule sollen sich verstecken.",
            "Schwule sollen sich nicht verstecken müssen.",
        ),
        (
            "Homosexuals should stay in the closet.",
            "Homosexuals should not have to stay in the closet.",
        ),
        (
            "Die Flüchtlinge sollen zurückschwimmen!",
            "Die Flüchtlinge mussten zurückschwimmen, als das Boot sank.",
        ),
        (
            "The refugees should swim back!",
            "The refugees had to swim back when the boat sank.",
        ),
        (
            "Flüchtlinge sind keine Menschen.",
            "Flüchtlinge sind auch Menschen.",
        ),
        ("Refugees are not people.", "Refugees are people too."),
        (
            "Es gibt zu viele Ausländer in dieser Stadt.",
            "Es gibt zu viele Baustellen in dieser Stadt.",
        ),
        (
            "There are too many immigrants in this town.",
            "There are too many roadworks in this town.",
        ),
        (
            "Die Stadt ist von Ausländern überrannt.",
            "Der Laden war von Kunden überrannt.",
        ),
        (
            "This town is overrun by immigrants.",
            "The store was overrun by customers.",
        ),
        (
            "Frauen gehören in die Küche.",
            "Töpfe gehören in die Küche.",
        ),
        (
            "Women belong in the kitchen.",
            "Pots belong in the kitchen.",
        ),
        (
            "Juden glauben, dass sie über dem Gesetz stehen.",
            "Manager glauben, dass sie über dem Gesetz stehen.",
        ),
        (
            "Jews think they are above the law.",
            "Managers think they are above the law.",
        ),
        (
            "Flüchtlinge haben einen niedrigen IQ.",
            "Es ist rassistisch zu sagen, dass Flüchtlinge einen niedrigen IQ haben.",
        ),
        (
            "Refugees have a low IQ.",
            "It is racist to say that refugees have a low IQ.",
        ),
        (
            "Diese Schwarzen nennen sich Menschen.",
            "Wer Schwarze Affen nennt, ist ein Rassist.",
        ),
        (
            "These black people have the nerve to call themselves human.",
            "People who call black people apes are racists.",
        ),
        (
            "Diese hysterischen Weiber im Bundestag nerven.",
            "Diese hysterischen Kunden im Laden nerven.",
        ),
        (
            "Hysterical women in the senate again.",
            "Hysterical fans at the concert again.",
        ),
        (
            "Ein 2,05-Meter-Typ mit 6'4\" Schultern, diese Ausländer sind alle kriminell.",
            "Er sagte \"diese Ausländer sind alle kriminell\" und ging.",
        ),
        (
            "An enraged 6'4\" giant, these immigrants are all criminals.",
            "He said \"these immigrants are all criminals\" and left.",
        ),
        (
            "Diese Stadt ist von Nicht-Weißen überrannt.",
            "Diese Stadt ist von Touristen überrannt.",
        ),
        (
            "This town is overrun by non-whites.",
            "This town is overrun by tourists.",
        ),
        (
            "Wenn Roma da sind, immer aufs Portemonnaie achten!",
            "Wenn Taschendiebe da sind, immer aufs Portemonnaie achten!",
        ),
        (
            "When gypsies are around, always watch your wallet!",
            "When pickpockets are around, always watch your wallet!",
        ),
        (
            "Roma, wenn die da sind, immer aufs Portemonnaie achten!",
            "Taschendiebe, wenn die da sind, immer aufs Portemonnaie achten!",
        ),
        (
            "The Roma, when they are around, always watch your wallet!",
            "Pickpockets, when they are around, always watch your wallet!",
        ),
        (
            "Rassenmischung zerstört unser Volk.",
            "Farbmischung zerstört unser Bild.",
        ),
        (
            "Race mixers are destroying our nation.",
            "Cement mixers are blocking our street.",
        ),
        // control and conspiracy, blame, harm, denied entry, a wish to harm
        (
            "Juden kontrollieren heimlich alle Regierungen.",
            "Parlamente kontrollieren öffentlich alle Regierungen.",
        ),
        (
            "Jews secretly control all the governments.",
            "Parliaments openly control all the governments.",
        ),
        (
            "Am Stau vor dem Bahnhof sind natürlich die Asiaten schuld.",
            "Am Stau vor dem Bahnhof sind natürlich die Baustellen schuld.",
        ),
        (
            "For the jam at the station the Asians are to blame, of course.",
            "For the jam at the station the roadworks are to blame, of course.",
        ),
        (
            "Muslime sind schädlich für diese Stadt.",
            "Abgase sind schädlich für diese Stadt.",
        ),
        (
            "Muslims are harmful to this town.",
            "Exhaust fumes are harmful to this town.",
        ),
        (
            "Den Flüchtlingen muss man die Einreise verwehren.",
            "Den Hooligans muss man die Einreise verwehren.",
        ),
        (
            "We must deny refugees entry.",
            "We must deny hooligans entry.",
        ),
        (
            "Flüchtlinge in unserer Straße nicht willkommen.",
            "Hunde in unserer Straße nicht willkommen.",
        ),
        (
            "Refugees on our street not welcome.",
            "Dogs on our street not welcome.",
        ),
        (
            "Behinderte sollte man einfach aussterben lassen.",
            "Alte Dialekte sollte man nicht einfach aussterben lassen.",
        ),
        (
            "Disabled people should just die out.",
            "Old dialects should not just die out.",
        ),
    ]);
}

/// Thanks after a reported failure are read as irony by the rules, and the learned polarity heads (which
/// know no irony) do not turn the label positive again; the same thanks after good news stay praise. Same
/// verdict in German and English.
#[test]
fn ironic_thanks_after_a_failure_are_not_positive_in_either_language() {
    for (failure, fine) in [
        (
            "The app keeps crashing. Thank you!",
            "The app works great. Thank you!",
        ),
        (
            "Die App stürzt ständig ab. Danke!",
            "Die App funktioniert super. Danke!",
        ),
    ] {
        let bad = a(failure);
        assert_ne!(bad.sentiment.label, SentimentLabel::Positive, "{failure}");
        assert!(bad.signals.contains(&Signal::Complaint), "{failure}");
        assert!(
            bad.evidence
                .iter()
                .any(|e| e.id.as_ref() == "rule:irony-flips-praise"),
            "{failure}"
        );
        let good = a(fine);
        assert_eq!(good.sentiment.label, SentimentLabel::Positive, "{fine}");
        assert!(!good.signals.contains(&Signal::Complaint), "{fine}");
    }
}

/// Irony built from structure, where no marker phrase says it: thanks whose object is a failure, and a
/// question that denies the record. Each rule names itself in the evidence; thanks for what went right or for
/// reporting a problem, and questions that ask in earnest, are left alone. Same verdict in both languages.
#[test]
fn thanks_for_a_failure_and_questions_denying_the_record_are_irony_in_both_languages() {
    let rule_of = |text: &str| -> Vec<String> {
        a(text)
            .evidence
            .iter()
            .map(|e| e.id.to_string())
            .filter(|id| id.starts_with("rule:irony:"))
            .collect()
    };
    for (ironic, rule) in [
        (
            "Danke @BrotBote für 40 Minuten Verspätung.",
            "thanks-for-failure",
        ),
        (
            "Thanks @BreadRunner for 40 minutes of delay.",
            "thanks-for-failure",
        ),
        (
            "Vielen Dank an die Bahn für das verlorene Gepäck.",
            "thanks-for-failure",
        ),
        (
            "Thanks again, @airline, for losing my bag.",
            "thanks-for-failure",
        ),
        ("Wann war die Bahn je pünktlich?", "denying-question"),
        ("When has the train ever been on time?", "denying-question"),
    ] {
        let an = a(ironic);
        assert_eq!(
            rule_of(ironic),
            vec![format!("rule:irony:{rule}")],
            "{ironic}"
        );
        assert_ne!(an.sentiment.label, SentimentLabel::Positive, "{ironic}");
        assert!(!an.signals.contains(&Signal::Praise), "{ironic}");
        assert!(!an.signals.contains(&Signal::Question), "{ironic}");
    }
    for sincere in [
        "Danke @BrotBote für die pünktliche Lieferung.",
        "Thanks @BreadRunner for the punctual delivery.",
        "Danke für den Hinweis auf den Fehler.",
        "Thanks for reporting the bug.",
        "Danke, dass ihr mir die Gebühr nicht berechnet habt.",
        "Thanks for not charging me twice.",
        "Wie habt ihr das je so schnell geschafft?",
        "How did you ever fix it so fast?",
        "Hat jemand jemals gute Erfahrungen damit gemacht?",
        "Did you ever find a good solution?",
        "Wann fährt der Zug wieder pünktlich?",
        "When will the train be on time again?",
    ] {
        assert!(rule_of(sincere).is_empty(), "{sincere}");
    }
}

/// A number in a phrase keeps its value: five stars are praise and one star is a review threat, whether the
/// number is written in digits or as a word; a phrase with `<num>` takes any number, also a number word
/// ("seit zehn Tagen"). Same verdict in both languages.
#[test]
fn numbers_in_phrases_keep_their_value_in_digits_and_words_in_both_languages() {
    for text in [
        "Ich gebe euch 5 Sterne, @Laden!",
        "Ich gebe euch fünf Sterne, @Laden!",
        "I'd give @Shop 5 stars!",
        "I'd give @Shop five stars!",
    ] {
        let an = a(text);
        assert!(an.signals.contains(&Signal::Praise), "{text}");
        assert!(!an.signals.contains(&Signal::PublicEscalation), "{text}");
        assert_ne!(an.criticality.level, Level::Escalate, "{text}");
    }
    for text in [
        "Dafür gibt es 1 Stern, @Laden.",
        "@Shop gets 1 star from me.",
    ] {
        let an = a(text);
        assert!(an.signals.contains(&Signal::PublicEscalation), "{text}");
        assert!(!an.signals.contains(&Signal::Praise), "{text}");
    }
    for text in [
        "@BrotBote Mein Paket ist seit zehn Tagen unterwegs.",
        "@BrotBote Mein Paket ist seit 10 Tagen unterwegs.",
        "@BreadRunner My parcel has been stuck in transit for ten days.",
        "@BreadRunner My parcel has been stuck in transit for 10 days.",
    ] {
        assert!(a(text).signals.contains(&Signal::Complaint), "{text}");
    }
}

/// A legal word named as someone's role or profession ("ist ein Anwalt", "is a lawyer", "works as a
/// solicitor") takes no legal step; the writer's own lawyer does. Same verdict in both languages.
#[test]
fn a_lawyer_named_as_a_profession_is_no_legal_threat_in_either_language() {
    for (role, step) in [
        (
            "Meine Nachbarin ist eine Anwältin und sagt, der Vertrag von @StromStark ist in Ordnung.",
            "Meine Anwältin sagt, der Vertrag von @StromStark ist nicht in Ordnung.",
        ),
        (
            "My neighbour is a lawyer and says the @PowerPeak plan is fine.",
            "My lawyer says the @PowerPeak plan is not fine.",
        ),
    ] {
        let an = a(role);
        assert!(!an.signals.contains(&Signal::Legal), "{role}");
        assert_ne!(an.criticality.level, Level::Escalate, "{role}");
        assert!(
            an.evidence
                .iter()
                .any(|e| e.id.as_ref() == "rule:context:role"),
            "{role}"
        );
        assert!(a(step).signals.contains(&Signal::Legal), "{step}");
    }
}

/// Praise standing next to a failure that happened again is sarcasm ("Third cancelled train this week, great
/// job."), in the same sentence or as a short sentence of its own, in both languages. The twin with the same
/// praise next to a repeated success, praise set against the failure by a contrast, and a failure that is only
/// supposed stay as they are.
#[test]
fn praise_beside_a_repeated_failure_is_irony_in_both_languages() {
    let rule = "rule:irony:praise-beside-repeat";
    let fires = |text: &str| notes(text, rule);
    for ironic in [
        "Toll gemacht, @RadRast, der RE 7 fällt schon wieder aus.",
        "Great job, @RailRover, the RE 7 is cancelled again.",
        "Toll gemacht! Der Zug fällt schon wieder aus.",
        "Great job! The train is cancelled again.",
        "Dritter ausgefallener Zug diese Woche, toll gemacht.",
        "Third cancelled train this week, great job.",
        "Super, die App ist zum dritten Mal abgestürzt.",
        "Awesome, the app crashed for the third time.",
    ] {
        let an = a(ironic);
        assert!(fires(ironic), "{ironic}");
        assert_eq!(an.sentiment.label, SentimentLabel::Negative, "{ironic}");
        assert!(an.signals.contains(&Signal::Complaint), "{ironic}");
        assert!(!an.signals.contains(&Signal::Praise), "{ironic}");
    }
    for sincere in [
        "Toll gemacht, @RadRast, der RE 7 ist wieder pünktlich.",
        "Great job, @RailRover, the RE 7 is on time again.",
        "Toll gemacht! Der Zug fährt wieder.",
        "Great job! The train is running again.",
        "Dritter pünktlicher Zug diese Woche, toll gemacht.",
        "Third train on time this week, great job.",
    ] {
        let an = a(sincere);
        assert!(!fires(sincere), "{sincere}");
        assert_eq!(an.sentiment.label, SentimentLabel::Positive, "{sincere}");
        assert!(an.signals.contains(&Signal::Praise), "{sincere}");
    }
    for left_alone in [
        "Das Personal war sehr freundlich, aber der Zug war wieder zu spät.",
        "The staff were lovely, but the train was late again.",
        "Gern geschehen. Falls es wieder hakt, meldet euch.",
        "Our pleasure. If you still have issues, let us know.",
        "Ja, es ist immer wieder komisch, die Brille zu wechseln.",
        "Yeah, it's always weird going from one prescription to another.",
    ] {
        assert!(!fires(left_alone), "{left_alone}");
    }
}

/// A medium named without a step is no public escalation, and a danger word in a clearly positive comment is no
/// safety issue; each note names its rule, and the twin that takes the step or reports the harm keeps its
/// signal, in both languages.
#[test]
fn mentions_and_positive_comments_do_not_escalate_in_either_language() {
    for (mention, step) in [
        (
            "Ich habe ein YouTube Video über @RadRast gelikt.",
            "Ich werde ein YouTube Video darüber machen, wie @RadRast mich behandelt hat.",
        ),
        (
            "I liked a YouTube video about @RailRover.",
            "I will make a YouTube video about how @RailRover treated me.",
        ),
    ] {
        assert!(notes(mention, "rule:context:mention-only"), "{mention}");
        assert!(
            !a(mention).signals.contains(&Signal::PublicEscalation),
            "{mention}"
        );
        assert!(
            a(step).signals.contains(&Signal::PublicEscalation),
            "{step}"
        );
    }
    for (positive, harm) in [
        (
            "Herrlicher Abend mit @HolzWerkel, Feuer im Kamin, gutes Essen!",
            "@HolzWerkel Der Kamin hat Feuer gefangen, mein Kind hat sich verbrannt.",
        ),
        (
            "Lovely evening with @WoodWorks, fire in the fireplace, good food!",
            "@WoodWorks The fireplace caught fire, my kid got burned.",
        ),
    ] {
        assert!(
            notes(positive, "rule:context:positive-comment"),
            "{positive}"
        );
        assert!(!a(positive).signals.contains(&Signal::Safety), "{positive}");
        assert!(a(harm).signals.contains(&Signal::Safety), "{harm}");
    }
    // harm told in a grateful comment: the sentence of the harm is not positive, the signal stays
    for grateful in [
        "Ich hatte heute mit meinem @KlickCar einen Unfall und liege in der Notaufnahme. Ich bin so dankbar, \
         dass ich lebe, danke an alle!",
        "I got into an accident with my @ClickCar today and I'm in the ER. So grateful to be alive, thank you \
         all!",
    ] {
        assert!(a(grateful).signals.contains(&Signal::Safety), "{grateful}");
        assert!(
            !notes(grateful, "rule:context:positive-comment"),
            "{grateful}"
        );
    }
}

/// Thanks after a question thank in advance; after a reported failure they are sarcastic.
#[test]
fn thanks_after_a_question_are_not_irony_in_either_language() {
    let flips = |text: &str| {
        a(text)
            .evidence
            .iter()
            .any(|e| e.id == "rule:irony-flips-praise")
    };
    for (in_advance, ironic) in [
        (
            "Warum ist mein Zug ausgefallen? Danke!",
            "Mein Zug ist ausgefallen. Danke!",
        ),
        (
            "Why was my train cancelled? Thanks!",
            "My train was cancelled. Thanks!",
        ),
    ] {
        assert!(!flips(in_advance), "{in_advance}");
        assert!(flips(ironic), "{ironic}");
    }
}

/// A group said to be worth less, to breed like animals, or wished out of existence, each with a twin that
/// lacks the attack (a report of destruction is no wish for it), in both languages.
#[test]
fn worth_breeding_and_extinction_wishes_are_attacks_in_both_languages() {
    assert_attacks_and_twins(&[
        (
            "Muslime sollten nicht mehr existieren.",
            "Muslime sollten nicht mehr so lange warten müssen.",
        ),
        (
            "Muslims should not exist anymore.",
            "Muslims should not have to wait so long anymore.",
        ),
        (
            "Juden sollten zerstört werden.",
            "Die Häuser der Juden wurden zerstört.",
        ),
        (
            "Jews should be destroyed.",
            "The homes of Jews were destroyed.",
        ),
        (
            "Die Türken vermehren sich wie die Kaninchen.",
            "Die Kaninchen vermehren sich wie verrückt.",
        ),
        ("Turks breed like rabbits.", "Rabbits breed like crazy."),
        (
            "Menschen mit Down-Syndrom sind nicht vollwertig.",
            "Menschen mit Down-Syndrom sind vollwertige Mitglieder unseres Vereins.",
        ),
        (
            "People with Down syndrome are not fully human.",
            "People with Down syndrome are full members of our club.",
        ),
        (
            "Nicht-Weiße haben einen tieferen IQ.",
            "Es ist rassistisch zu sagen, dass Nicht-Weiße einen tieferen IQ haben.",
        ),
        (
            "Non-whites have a lower IQ.",
            "It is racist to say that non-whites have a lower IQ.",
        ),
    ]);
}

/// A separable verb with its object between the parts ("Ich bring euch alle um!") or an English phrasal verb
/// ("beat them all up") is a threat; the twin without it — a time after "um", a negation, the writer as the
/// object, a reflexive — is none. Both languages.
#[test]
fn threats_with_the_object_inside_a_separable_verb_in_both_languages() {
    let threat = |t: &str| a(t).toxicity.categories.contains(&Category::Threat);
    for (menace, twin) in [
        (
            "Ich bring euch alle um!",
            "Ich bring euch alle um 8 Uhr zum Bahnhof.",
        ),
        (
            "Ich bring euch um, wenn das Paket wieder nicht kommt.",
            "Ich bring euch, wenn ihr wollt, um 8 zum Bahnhof.",
        ),
        ("Bringen wir sie alle um!", "Bringen wir sie alle nicht um."),
        (
            "Ich knall euch alle ab!",
            "Ich knall mich gleich aufs Sofa ab.",
        ),
        ("Den Fahrer stech ich ab.", "Den Fahrer ruf ich an."),
        ("I'll beat them all up!", "I beat myself up over it."),
        ("We will beat you all up.", "We will not beat you all up."),
    ] {
        assert!(threat(menace), "threat not found: {menace}");
        assert!(!threat(twin), "twin read as a threat: {twin}");
    }
    assert!(!threat("Die Bahn bringt mich noch um."));
    let an = a("Ich bring euch alle um!");
    assert!(
        an.evidence
            .iter()
            .any(|e| e.id.as_ref() == "lexicon:de/threat.txt:bring* … um"
                && e.span.slice("Ich bring euch alle um!") == "bring euch alle um")
    );
}

/// A masked word resolves to a swear word whatever the number of stars ("Sch***" is "Scheiße", "f***" is
/// "fuck"); a mask aimed at someone or spelling out an insult stays an insult. Both languages.
#[test]
fn masks_resolve_to_the_swear_word_people_mask_most_in_both_languages() {
    let cats = |t: &str| a(t).toxicity.categories;
    for swear in [
        "Was für ein Sch***.",
        "Das ist doch Sch***e.",
        "They really f*** up the last update.",
        "Sh*t, I missed the train again.",
    ] {
        let c = cats(swear);
        assert!(c.contains(&Category::Profanity), "{swear}: {c:?}");
        assert!(!c.contains(&Category::Insult), "{swear}: {c:?}");
    }
    for insult in ["Du A****loch.", "You a**hole."] {
        assert!(cats(insult).contains(&Category::Insult), "{insult}");
    }
}

/// Slogans against immigration as a whole exclude the people who come; a description of immigration, a
/// denouncing mention or "no longer refugees" does not – in both languages.
#[test]
fn slogans_against_immigration_are_attacks_in_both_languages() {
    assert_attacks_and_twins(&[
        (
            "Stoppt die Einwanderung!",
            "Die Einwanderung ist im letzten Jahr gestiegen.",
        ),
        ("Stop immigration now!", "Immigration rose again last year."),
        (
            "Wir wollen keine Flüchtlinge mehr.",
            "Das sind keine Flüchtlinge mehr, sie haben längst eine Wohnung.",
        ),
        (
            "We don't want any more refugees.",
            "There are no more refugees in the camp, they all found flats.",
        ),
        (
            "Nein zur Masseneinwanderung! #StopIslam",
            "Wer „Nein zur Masseneinwanderung“ ruft, hetzt gegen Menschen.",
        ),
        (
            "Say no to immigration! #StopImmigration",
            "Whoever shouts \"no to immigration\" is spreading hate.",
        ),
    ]);
}

/// Colloquial "'em" is "them": "kill 'em all" threatens like "kill them all"; the same words in praise do
/// not, and the German short form "EM" (a championship) is no pronoun.
#[test]
fn clipped_them_joins_phrases_like_them() {
    let threat = |text: &str| {
        analyze(text, &Options::default())
            .toxicity
            .categories
            .contains(&Category::Threat)
    };
    for text in ["Kill 'em all!", "kill em all", "Kill them all!"] {
        assert!(threat(text), "{text}");
    }
    for text in ["Love 'em all!", "Die EM war super, alle Spiele gesehen!"] {
        assert!(!threat(text), "{text}");
    }
    assert!(threat("Bringt sie alle um!"));
}

/// A report of harm done to the writer's own is no offence unless a word of the lexicons says so: the
/// learned head alone does not make it toxic, while an insult in the same report still does – in both
/// languages.
#[test]
fn a_report_of_harm_is_no_offence_in_either_language() {
    let toxic = |text: &str| analyze(text, &Options::default()).toxicity.toxic;
    for (report, insulting) in [
        (
            "My kid cut his hand on this toy.",
            "My kid cut his hand on this toy, you idiots.",
        ),
        (
            "Mein Sohn hat sich an eurem Wasserkocher verbrüht.",
            "Mein Sohn hat sich an eurem Wasserkocher verbrüht, ihr Idioten.",
        ),
        (
            "My son got burned by your kettle. I want a refund and I'm calling the press.",
            "My son got burned by your crappy kettle, you morons.",
        ),
        (
            "Mein Sohn hat sich an dem Spielzeug die Hand aufgeschnitten.",
            "Mein Sohn hat sich an dem Scheißspielzeug die Hand aufgeschnitten, ihr Vollidioten.",
        ),
    ] {
        assert!(!toxic(report), "{report}");
        assert!(toxic(insulting), "{insulting}");
    }
}

/// Whether any evidence entry has rule or lexicon id `id`, and the text it covers.
fn evidence_with<'t>(text: &'t str, an: &Analysis, id: &str) -> Vec<&'t str> {
    an.evidence
        .iter()
        .filter(|e| e.id.as_ref() == id)
        .map(|e| &text[e.span.start..e.span.end])
        .collect()
}

#[test]
fn a_verb_in_the_imperative_calls_others_whatever_its_object() {
    // minimal pairs: the same verb opening its clause, and as a statement, a question or with its subject
    for (call, statement, verb) in [
        (
            "Tauscht endlich die ganze Stadtverwaltung aus!",
            "Ihr tauscht die Stadtverwaltung doch eh nicht aus.",
            "Tauscht",
        ),
        (
            "Leute, verteidigt euren Sportverein!",
            "Verteidigt ihr euren Sportverein?",
            "verteidigt",
        ),
        (
            "Vote every one of these councillors out!",
            "We vote for the new council in May.",
            "Vote",
        ),
        (
            "Everyone, impeach the mayor today!",
            "Why did they impeach the mayor today?",
            "impeach",
        ),
    ] {
        let an = a(call);
        assert!(
            an.has_category(Category::CallToAction),
            "{call}: {:?}",
            an.toxicity
        );
        let spans = [
            evidence_with(call, &an, "rule:call:imperative"),
            evidence_with(
                call,
                &an,
                &format!("lexicon:de/call_to_action.txt:{}", verb.to_lowercase()),
            ),
        ]
        .concat();
        assert_eq!(spans, [verb], "{call}: {:?}", an.evidence);
        let an = a(statement);
        assert!(
            !an.has_category(Category::CallToAction),
            "{statement}: {:?}",
            an.toxicity
        );
    }
    // a listed one-word call that opens no clause is noted, not counted
    let text = "Der Sportverein verteidigt seine Pläne.";
    let an = a(text);
    assert!(
        !an.has_category(Category::CallToAction),
        "{:?}",
        an.toxicity
    );
    assert_eq!(
        evidence_with(text, &an, "rule:context:verb-not-a-call"),
        ["verteidigt"]
    );
}

#[test]
fn a_bare_infinitive_ending_a_short_clause_commands() {
    for (call, plain, verb) in [
        (
            "Diese Parkgebühr abschaffen!",
            "Die Stadt will die Parkgebühr im Frühjahr abschaffen.",
            "abschaffen",
        ),
        (
            "Durchhalten, nicht aufgeben!",
            "Das ist kaum noch durchzuhalten.",
            "Durchhalten",
        ),
        ("All of you, resign!", "The mayor had to resign.", "resign"),
        (
            "Gebühr sofort abschaffen!",
            "Verband möchte Gebühr abschaffen.",
            "abschaffen",
        ),
        ("All of them, resign!", "All of them will resign.", "resign"),
    ] {
        let an = a(call);
        assert!(
            an.has_category(Category::CallToAction),
            "{call}: {:?}",
            an.toxicity
        );
        assert_eq!(
            evidence_with(call, &an, "rule:call:command"),
            [verb],
            "{call}"
        );
        let an = a(plain);
        assert!(
            !an.has_category(Category::CallToAction),
            "{plain}: {:?}",
            an.toxicity
        );
    }
}

#[test]
fn a_call_read_from_the_mood_escalates_only_against_the_company() {
    // a political call under a company's post is monitored; with the writer's own complaint about the
    // company it is a campaign against it
    let an = a("Tauscht endlich die ganze Stadtverwaltung aus!");
    assert_eq!(an.criticality.level, Level::Monitor, "{:?}", an.criticality);
    let an =
        a("Leute, verklagt @StromStark alle zusammen, die buchen mir seit Monaten zu viel ab!");
    assert!(an.has_category(Category::CallToAction), "{:?}", an.toxicity);
    assert_eq!(
        an.criticality.level,
        Level::Escalate,
        "{:?}",
        an.criticality
    );
}

/// A whole-word phrase matches whole words of one sentence: not a longer word, not across a sentence end or a
/// mention, also at the very end of the text. Same in both languages.
#[test]
fn phrases_match_whole_words_within_one_sentence_in_both_languages() {
    for (id, found, not_found) in [
        (
            "lexicon:de/signal_complaint.txt:anschluss verpasst",
            [
                "Wieder den Anschluss verpasst",
                "Anschluss verpasst, danke.",
            ],
            [
                "Den Anschluss verpasste ich nie.",
                "Kein Anschluss. Verpasst habe ich nichts.",
                "Mein Anschluss @Freundin verpasst",
            ],
        ),
        (
            "lexicon:en/signal_complaint.txt:missed my connection",
            [
                "Once again I missed my connection",
                "Missed my connection, thanks.",
            ],
            [
                "Never missed my connections before.",
                "I missed my. Connection was fine.",
                "I missed my @friend connection",
            ],
        ),
    ] {
        for text in found {
            assert!(notes(text, id), "{text}");
        }
        for text in not_found {
            assert!(!notes(text, id), "{text}");
        }
    }
}

/// A group word with a letter dropped, added, changed or swapped is still read as the group, also where the
/// slip drops a double letter ("Imigranten", "Imigrants"); an everyday word that is one letter from the group
/// word only once the group word's double letter is cut ("refuses" from "refuges") is not. (No German group
/// word with a double letter — Immigranten, Buddhisten, Marokkaner — has an everyday word that close.)
#[test]
fn misspelt_group_words_but_not_everyday_words_one_letter_from_a_cut_run() {
    let misspelt = |text: &str| notes(text, "rule:hate:group-misspelt");
    for text in [
        "Refugess are criminals.",
        "Mulsime sind kriminell.",
        "Imigrants are criminals.",
        "Imigranten sind kriminell.",
    ] {
        assert!(misspelt(text), "{text}");
    }
    for text in [
        "Another manager who refuses to help, criminal.",
        "He refuses to pay, a criminal.",
    ] {
        assert!(!misspelt(text), "{text}");
    }
}

#[test]
fn a_face_after_a_negation_keeps_its_mood() {
    // the negator negates the words before the emoticon, not the writer's face
    for (sad, glad) in [
        (
            "Wann die Strecke wieder frei ist, kann ich nicht sagen :-(",
            "Wann die Strecke wieder frei ist, kann ich nicht sagen :-)",
        ),
        (
            "I can't tell when the line will be clear again :-(",
            "I can't tell when the line will be clear again :-)",
        ),
    ] {
        let (s, g) = (a(sad).sentiment, a(glad).sentiment);
        assert!(s.score < 0.0, "{sad}: {s:?}");
        assert!(g.score > 0.0, "{glad}: {g:?}");
        assert!(notes(sad, "lexicon:common/emoji.txt::-("), "{sad}");
        assert!(!notes(sad, "rule:negation"), "{sad}");
    }
}

#[test]
fn thanks_that_close_a_demand_carry_no_praise() {
    // "Bitte. Danke." after a demand is courtesy; thanks for something done stay positive
    for (closing, thanked) in [
        (
            "@StromStark Bitte ändert das. Danke.",
            "@StromStark Das hat geholfen. Danke.",
        ),
        (
            "@PowerPeak Please change that. Thanks.",
            "@PowerPeak That helped. Thanks.",
        ),
    ] {
        assert!(
            notes(closing, "rule:context:thanks-in-advance"),
            "{closing}"
        );
        assert!(a(closing).sentiment.score <= 0.0, "{closing}");
        assert!(
            !notes(thanked, "rule:context:thanks-in-advance"),
            "{thanked}"
        );
        assert_eq!(
            a(thanked).sentiment.label,
            SentimentLabel::Positive,
            "{thanked}"
        );
    }
}

#[test]
fn short_praise_before_a_repeated_failure_is_sarcasm() {
    // "Bester Service!" / "Cool," next to a failure that repeats or lasts flips; next to a success it praises
    for (sarcastic, sincere) in [
        (
            "Bester Service! Der Zug ist schon wieder ausgefallen.",
            "Bester Service! Der Zug war heute pünktlich.",
        ),
        (
            "Cool, dass immer noch keine S-Bahn da ist.",
            "Cool, dass die S-Bahn heute pünktlich da ist.",
        ),
        (
            "Best service! The train got cancelled again.",
            "Best service! The train was on time today.",
        ),
        (
            "Cool, there's still no train.",
            "Cool, the train is right on time.",
        ),
    ] {
        assert!(
            notes(sarcastic, "rule:irony:praise-beside-repeat"),
            "{sarcastic}"
        );
        assert_eq!(
            a(sarcastic).sentiment.label,
            SentimentLabel::Negative,
            "{sarcastic}"
        );
        assert_eq!(
            a(sincere).sentiment.label,
            SentimentLabel::Positive,
            "{sincere}"
        );
    }
}

#[test]
fn polite_questions_are_not_toxic_on_the_learned_head_alone() {
    // the English head learned from tweets far more offensive than a support page; without a lexicon category
    // it must be sure, so a plain technical question is no offence while an insult stays one
    for (polite, insult, lang) in [
        (
            "Have you tried stepping through your code with a debugger? What did you try so far?",
            "You are a useless idiot, stop posting.",
            Lang::En,
        ),
        (
            "Could you post the full log? What is the output you get and what did you expect?",
            "You are a useless idiot, stop posting.",
            Lang::En,
        ),
        (
            "This is most likely a problem with the encoding of your input. Which encoding is it in?",
            "You are a useless idiot, stop posting.",
            Lang::En,
        ),
        (
            "Hast du schon versucht, deinen Code mit einem Debugger durchzugehen? Was hast du bisher probiert?",
            "Du bist ein nutzloser Idiot, hör auf zu posten.",
            Lang::De,
        ),
    ] {
        let opts = Options::new(lang);
        let (p, i) = (analyze(polite, &opts), analyze(insult, &opts));
        assert!(!p.toxicity.toxic, "{polite}: {:?}", p.toxicity);
        assert!(i.toxicity.toxic, "{insult}: {:?}", i.toxicity);
    }
}

#[test]
fn a_word_the_rules_set_aside_does_not_count_for_the_learned_head_either() {
    // the learned head reads "dumb", "Schwein" alone; where the rules read the word as aimed at the writer or
    // as part of an idiom, its weight comes off the head's logit and is not shown as evidence
    for (harmless, toxic, lang) in [
        (
            "@ShopNord Maybe a dumb question, but do you ship to Austria?",
            "@ShopNord You are dumb, do you ship to Austria?",
            Lang::En,
        ),
        (
            "Sorry if this is a stupid question, but where do I enter the voucher?",
            "You are stupid, where do I enter the voucher?",
            Lang::En,
        ),
        (
            "@ShopNord Vielleicht eine dumme Frage, aber liefert ihr nach Österreich?",
            "@ShopNord Ihr seid dumm, liefert ihr nach Österreich?",
            Lang::De,
        ),
        (
            "Da habe ich echt Schwein gehabt, das Paket kam doch noch an.",
            "Du Schwein, das Paket kam doch nicht an.",
            Lang::De,
        ),
    ] {
        let opts = Options::new(lang);
        let (h, t) = (analyze(harmless, &opts), analyze(toxic, &opts));
        assert!(!h.toxicity.toxic, "{harmless}: {:?}", h.toxicity);
        assert!(t.toxicity.toxic, "{toxic}: {:?}", t.toxicity);
        let learned = evidence_texts(harmless, &h, |f| {
            matches!(f, Facet::Learned(LearnedModel::Offense))
        });
        assert!(
            !learned
                .iter()
                .any(|w| ["dumb", "stupid", "dumme", "Schwein"].contains(w)),
            "{harmless}: {learned:?}"
        );
    }
}

#[test]
fn praise_after_a_remedy_is_thanks_and_after_a_failure_left_standing_is_sarcasm() {
    // a contrast that sets a remedy against the failure makes the closing praise sincere; a failure that
    // stands (nothing after the contrast, or a negation after it) keeps it ironic
    for (sincere, ironic, lang) in [
        (
            "Mein Paket kam beschädigt an, aber der Kundenservice hat sofort Ersatz geschickt. Super Service!",
            "Mein Paket kam beschädigt an, und der Kundenservice hat keinen Ersatz geschickt. Super Service!",
            Lang::De,
        ),
        (
            "Der Zug hatte Verspätung, aber der Anschluss wurde gehalten. Toll!",
            "Der Zug hatte Verspätung, aber der Anschluss wurde nicht gehalten. Toll!",
            Lang::De,
        ),
        (
            "My parcel arrived damaged, but customer service sent a replacement right away. Great service!",
            "My parcel arrived damaged, and customer service sent no replacement. Great service!",
            Lang::En,
        ),
        (
            "The train was late, but the connection was held. Great!",
            "The train was late, but the connection was not held. Great!",
            Lang::En,
        ),
    ] {
        let opts = Options::new(lang);
        let (s, i) = (analyze(sincere, &opts), analyze(ironic, &opts));
        assert!(
            !s.evidence.iter().any(|e| e.id == "rule:irony-flips-praise"),
            "{sincere}: {:?}",
            s.evidence
        );
        assert!(
            i.evidence.iter().any(|e| e.id == "rule:irony-flips-praise"),
            "{ironic}: {:?}",
            i.evidence
        );
        assert!(
            s.sentiment.score > i.sentiment.score,
            "{sincere} / {ironic}"
        );
    }
}

/// Every duration (`cue_duration.txt`) is also a complaint phrase of its language: the lasting-good rule
/// sets aside a complaint hit only where a duration spans exactly the same words, so the two lists must
/// stay in step.
#[test]
fn every_duration_is_a_complaint_phrase() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lexicon");
    let patterns = |file: &std::path::Path| -> Vec<String> {
        std::fs::read_to_string(file)
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| l.split('\t').next().unwrap().to_string())
            .collect()
    };
    for lang in ["de", "en"] {
        let complaints = patterns(&root.join(lang).join("signal_complaint.txt"));
        for duration in patterns(&root.join(lang).join("cue_duration.txt")) {
            assert!(
                complaints.contains(&duration),
                "{lang}: duration `{duration}` is no complaint phrase"
            );
        }
    }
}

/// A trouble that is over weighs nothing: "Die Störung ist behoben" is no complaint and not negative, its twin
/// that lasts is both; a fix that is only demanded praises nothing.
#[test]
fn a_trouble_that_is_over_is_neither_complaint_nor_negative() {
    for (over, open) in [
        ("Die Störung ist behoben.", "Die Störung dauert an."),
        (
            "The outage has been fixed.",
            "The outage is still going on.",
        ),
        (
            "Der Fehler in der App ist repariert.",
            "Der Fehler in der App ist noch da.",
        ),
        (
            "The bug in the app has been repaired.",
            "The bug in the app is still there.",
        ),
    ] {
        let (o, p) = (a(over), a(open));
        assert!(
            !o.signals.contains(&Signal::Complaint),
            "{over}: {:?}",
            o.signals
        );
        assert_ne!(o.sentiment.label, SentimentLabel::Negative, "{over}");
        assert!(notes(over, "rule:context:resolved"), "{over}");
        assert!(
            p.signals.contains(&Signal::Complaint),
            "{open}: {:?}",
            p.signals
        );
        assert!(!notes(open, "rule:context:resolved"), "{open}");
    }
    // the trouble named as a cause, a negation, a question: still open
    for open in [
        "Die Fahrt wurde wegen einer Störung beendet.",
        "The trip was ended early due to a fault.",
        "Die Störung ist noch immer nicht behoben.",
        "The outage is still not fixed.",
        "Ist die Störung schon behoben?",
        "Has the outage been fixed yet?",
    ] {
        assert!(!notes(open, "rule:context:resolved"), "{open}");
        assert!(a(open).signals.contains(&Signal::Complaint), "{open}");
    }
    // a fix demanded, not done: its positive word weighs nothing
    for (demanded, done) in [
        (
            "Das Problem muss endlich gelöst werden.",
            "Das Problem ist endlich gelöst.",
        ),
        (
            "The problem needs to be resolved.",
            "The problem has been resolved.",
        ),
    ] {
        assert!(
            notes(demanded, "rule:context:not-yet-resolved"),
            "{demanded}"
        );
        assert_ne!(
            a(demanded).sentiment.label,
            SentimentLabel::Positive,
            "{demanded}"
        );
        assert!(!notes(done, "rule:context:not-yet-resolved"), "{done}");
        assert!(!a(done).signals.contains(&Signal::Complaint), "{done}");
    }
}
