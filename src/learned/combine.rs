//! The calibrated combination of the offence head with the rule and lexicon evidence: a logistic
//! regression over named inputs, fitted by the training tool on out-of-fold head probabilities, so that the
//! toxicity score is a probability and means the same in German and English.
//!
//! ```text
//! p = sigmoid(bias + head · logit(p_head) + rules · rule_sum + rule_toxic · [rules alone say toxic]
//!             + Σ weight_i · input_i)
//! ```
//!
//! `rule_sum` is the toxicity stage's weighted sum of the lexicon categories, negativity and emphasis (what
//! the rules alone turn into a score). The named inputs ([`RULE_INPUTS`]) let the fit weigh each kind of rule
//! evidence on its own: each lexicon category's sum (capped at 6), the negative and the positive words'
//! valence (`ln(1 + sum)`), the negativity and positivity of the sentiment score, and emphasis (0…1). A
//! comment is toxic when `p ≥ threshold`; the threshold is the one with the best macro-F1 out of fold on the
//! training files. The coefficients live in `models/offence_combine.tsv` (one line per language, written by
//! `krisenradar-train offence`).

use std::sync::OnceLock;

use crate::analyze::toxicity::RuleSide;
use crate::model::Lang;

static OFFENCE_TSV: &str = include_str!("models/offence_combine.tsv");

/// The rule inputs of the combination besides the rule sum and verdict, named as in the file's header.
pub const RULE_INPUTS: [&str; 9] = [
    "insult",
    "profanity",
    "threat",
    "identity_attack",
    "sexual_harassment",
    "call_to_action",
    "positive_words",
    "positivity",
    "emphasis",
];

/// Whether a rule input's weight must not be negative (evidence of offence never lowers the probability);
/// praise ("positive_words", "positivity") may.
pub fn rule_input_nonnegative(name: &str) -> bool {
    !matches!(name, "positive_words" | "positivity")
}

/// Coefficients of one language's combination.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Combiner {
    pub bias: f32,
    pub head: f32,
    pub rules: f32,
    pub rule_toxic: f32,
    /// One weight per [`RULE_INPUTS`] entry.
    pub inputs: [f32; RULE_INPUTS.len()],
    /// Probability at and above which a comment is toxic (at sensitivity 0.5).
    pub threshold: f32,
}

/// The file's columns: language, bias, head, rules, rule_toxic, the [`RULE_INPUTS`], threshold.
pub fn columns() -> Vec<&'static str> {
    let mut c = vec!["lang", "bias", "head", "rules", "rule_toxic"];
    c.extend(RULE_INPUTS);
    c.push("threshold");
    c
}

/// Largest |logit| taken from the head: a certain head cannot outvote everything else.
const HEAD_LOGIT_MAX: f32 = 8.0;

impl Combiner {
    /// The combined probability.
    pub fn p(&self, head_p: f32, side: &RuleSide) -> f32 {
        let z = self.bias
            + self.head * head_logit(head_p)
            + self.rules * side.sum
            + if side.toxic { self.rule_toxic } else { 0.0 }
            + self
                .inputs
                .iter()
                .zip(side.inputs)
                .map(|(w, x)| w * x)
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// One line of the file (the inverse of [`parse`]).
    pub fn line(&self, lang: Lang) -> String {
        let mut out = format!(
            "{}\t{:.4}\t{:.4}\t{:.4}\t{:.4}",
            lang.code(),
            self.bias,
            self.head,
            self.rules,
            self.rule_toxic
        );
        for w in self.inputs {
            out.push_str(&format!("\t{w:.4}"));
        }
        out.push_str(&format!("\t{:.2}", self.threshold));
        out
    }
}

/// The head's probability as a bounded logit.
pub fn head_logit(p: f32) -> f32 {
    let p = p.clamp(1e-6, 1.0 - 1e-6);
    (p / (1.0 - p)).ln().clamp(-HEAD_LOGIT_MAX, HEAD_LOGIT_MAX)
}

/// One data line of a coefficient file: its line number, its leading key columns and its numbers.
struct Line<'a> {
    n: usize,
    keys: Vec<&'a str>,
    nums: Vec<f32>,
}

/// The data lines of a coefficient file: `#` comments and blank lines skipped, the first other line must be
/// `columns`, every later line has `keys` key columns and then finite numbers for the other columns.
fn lines<'a>(tsv: &'a str, columns: &[&str], keys: usize) -> Result<Vec<Line<'a>>, String> {
    let mut out = Vec::new();
    let mut header = false;
    for (i, line) in tsv.lines().enumerate() {
        let (n, line) = (i + 1, line.trim_end());
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if !header {
            if cols != columns {
                return Err(format!("line {n}: header must be {}", columns.join(" ")));
            }
            header = true;
            continue;
        }
        if cols.len() != columns.len() {
            return Err(format!("line {n}: {} columns expected", columns.len()));
        }
        let nums = cols[keys..]
            .iter()
            .map(|v| v.parse::<f32>().ok().filter(|x| x.is_finite()))
            .collect::<Option<Vec<f32>>>()
            .ok_or_else(|| format!("line {n}: not a number"))?;
        out.push(Line {
            n,
            keys: cols[..keys].to_vec(),
            nums,
        });
    }
    Ok(out)
}

/// 0 for `de`, 1 for `en`.
fn lang_slot(lang: &str, n: usize) -> Result<usize, String> {
    match lang {
        "de" => Ok(0),
        "en" => Ok(1),
        other => Err(format!("line {n}: unknown language `{other}`")),
    }
}

/// Parses the coefficient file: `#` comments, a header naming [`columns`], then `de` and `en` lines.
pub fn parse(tsv: &str) -> Result<[Option<Combiner>; 2], String> {
    let mut out = [None, None];
    for Line { n, keys, nums } in lines(tsv, &columns(), 1)? {
        let slot = lang_slot(keys[0], n)?;
        // bias, head, rules, rule_toxic, the rule inputs, threshold (`lines` checked the count)
        let [bias, head, rules, rule_toxic] = [nums[0], nums[1], nums[2], nums[3]];
        let threshold = nums[nums.len() - 1];
        let mut inputs = [0.0; RULE_INPUTS.len()];
        inputs.copy_from_slice(&nums[4..nums.len() - 1]);
        if !(0.0..=1.0).contains(&threshold) || out[slot].is_some() {
            return Err(format!(
                "line {n}: bad threshold or second line for {}",
                keys[0]
            ));
        }
        out[slot] = Some(Combiner {
            bias,
            head,
            rules,
            rule_toxic,
            inputs,
            threshold,
        });
    }
    Ok(out)
}

/// The shipped combination for `lang` (None for [`Lang::Other`]).
pub fn offence(lang: Lang) -> Option<&'static Combiner> {
    static SHIPPED: OnceLock<[Option<Combiner>; 2]> = OnceLock::new();
    let all = SHIPPED.get_or_init(|| parse(OFFENCE_TSV).unwrap_or([None, None]));
    match lang {
        Lang::De => all[0].as_ref(),
        Lang::En => all[1].as_ref(),
        Lang::Other => None,
    }
}

// ---- polarity ------------------------------------------------------------------------------------------

static POLARITY_TSV: &str = include_str!("models/polarity_combine.tsv");

/// The polarity combination of one language: two logistic regressions over the same inputs,
/// `[bias, logit(p_negative_head), logit(p_positive_head), rule_score]`, one for "negative" and one for
/// "positive". A comment is negative when its negative probability reaches `negative_threshold` and is the
/// larger one, else positive when the positive probability reaches `positive_threshold`, else neutral.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Polarity {
    pub negative: [f32; 4],
    pub positive: [f32; 4],
    pub negative_threshold: f32,
    pub positive_threshold: f32,
}

/// Columns of `models/polarity_combine.tsv`.
pub const POLARITY_COLUMNS: [&str; 7] = [
    "lang",
    "class",
    "bias",
    "negative_head",
    "positive_head",
    "rules",
    "threshold",
];

impl Polarity {
    /// The probabilities of negative and positive.
    pub fn p(&self, negative_head: f32, positive_head: f32, rule_score: f32) -> (f32, f32) {
        let x = [
            1.0,
            head_logit(negative_head),
            head_logit(positive_head),
            rule_score,
        ];
        let p = |w: &[f32; 4]| {
            let z: f32 = w.iter().zip(x).map(|(a, b)| a * b).sum();
            1.0 / (1.0 + (-z).exp())
        };
        (p(&self.negative), p(&self.positive))
    }

    /// -1, 0 or 1 for probabilities `(pn, pp)`.
    pub fn decide(&self, pn: f32, pp: f32) -> i8 {
        if pn >= self.negative_threshold && pn >= pp {
            -1
        } else if pp >= self.positive_threshold {
            1
        } else {
            0
        }
    }

    /// The two lines of the file for `lang`.
    pub fn lines(&self, lang: Lang) -> String {
        let line = |class: &str, w: &[f32; 4], t: f32| {
            format!(
                "{}\t{class}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{t:.2}\n",
                lang.code(),
                w[0],
                w[1],
                w[2],
                w[3]
            )
        };
        line("negative", &self.negative, self.negative_threshold)
            + &line("positive", &self.positive, self.positive_threshold)
    }
}

/// One line of the polarity file: the weights and the threshold of one class.
type ClassLine = ([f32; 4], f32);

/// Parses the polarity file: `#` comments, the header [`POLARITY_COLUMNS`], a negative and a positive line
/// per language.
pub fn parse_polarity(tsv: &str) -> Result<[Option<Polarity>; 2], String> {
    // per language, per class (negative, positive): the weights and the threshold
    let mut parts: [[Option<ClassLine>; 2]; 2] = [[None; 2]; 2];
    for Line { n, keys, nums } in lines(tsv, &POLARITY_COLUMNS, 2)? {
        let slot = lang_slot(keys[0], n)?;
        let which = match keys[1] {
            "negative" => 0,
            "positive" => 1,
            other => return Err(format!("line {n}: unknown class `{other}`")),
        };
        let [b, hn, hp, r, t] = nums[..] else {
            return Err(format!("line {n}: {} numbers expected", nums.len()));
        };
        if !(0.0..=1.0).contains(&t) || parts[slot][which].is_some() {
            return Err(format!("line {n}: bad threshold or repeated line"));
        }
        parts[slot][which] = Some(([b, hn, hp, r], t));
    }
    let join = |[n, p]: [Option<ClassLine>; 2]| match (n, p) {
        (Some((negative, negative_threshold)), Some((positive, positive_threshold))) => {
            Some(Polarity {
                negative,
                positive,
                negative_threshold,
                positive_threshold,
            })
        }
        _ => None,
    };
    Ok([join(parts[0]), join(parts[1])])
}

/// The shipped polarity combination for `lang` (None for [`Lang::Other`]).
pub fn polarity(lang: Lang) -> Option<&'static Polarity> {
    static SHIPPED: OnceLock<[Option<Polarity>; 2]> = OnceLock::new();
    let all = SHIPPED.get_or_init(|| parse_polarity(POLARITY_TSV).unwrap_or([None, None]));
    match lang {
        Lang::De => all[0].as_ref(),
        Lang::En => all[1].as_ref(),
        Lang::Other => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_file_parses_for_both_languages() {
        let both = parse(OFFENCE_TSV).expect("offence_combine.tsv");
        assert!(both.iter().all(Option::is_some));
    }

    #[test]
    fn lines_round_trip_and_bad_files_are_refused() {
        let mut inputs = [0.0; RULE_INPUTS.len()];
        inputs[0] = 0.7;
        inputs[6] = -0.2;
        let c = Combiner {
            bias: -1.5,
            head: 0.6,
            rules: 1.1,
            rule_toxic: 0.4,
            inputs,
            threshold: 0.4,
        };
        let head = columns().join("\t");
        let tsv = format!("{head}\n{}\n", c.line(Lang::En));
        assert_eq!(parse(&tsv).unwrap()[1], Some(c));
        assert!(parse("lang\tbias\n").is_err());
        let line = |lang: &str, second: &str, threshold: &str| {
            let ones = vec!["1"; RULE_INPUTS.len()].join("\t");
            format!("{head}\n{lang}\t1\t{second}\t1\t1\t{ones}\t{threshold}\n")
        };
        assert!(parse(&line("de", "1", "0.5")).is_ok());
        assert!(parse(&line("fr", "1", "0.5")).is_err());
        assert!(parse(&line("de", "x", "0.5")).is_err());
        assert!(parse(&line("de", "1", "1.5")).is_err());
        // a line one number short
        assert!(parse(&format!("{head}\nde\t1\t1\t1\t1\t0.5\n")).is_err());
    }

    #[test]
    fn polarity_file_parses_and_refuses_bad_lines() {
        let shipped = parse_polarity(POLARITY_TSV).expect("polarity_combine.tsv");
        assert!(shipped[0].is_none() && shipped[1].is_some());
        let en = shipped[1].unwrap();
        let tsv = format!("{}\n{}", POLARITY_COLUMNS.join("\t"), en.lines(Lang::De));
        assert_eq!(parse_polarity(&tsv).unwrap()[0], Some(en));
        let head = POLARITY_COLUMNS.join("\t");
        assert!(parse_polarity(&format!("{head}\nde\tneutral\t1\t1\t1\t1\t0.5\n")).is_err());
        assert!(parse_polarity(&format!("{head}\nde\tnegative\t1\t1\t1\t0.5\n")).is_err());
        // one class alone is no combination
        let half = format!("{head}\nde\tnegative\t1\t1\t1\t1\t0.5\n");
        assert_eq!(parse_polarity(&half).unwrap()[0], None);
        // the decision: negative needs its threshold and the larger probability
        assert_eq!(en.decide(0.9, 0.1), -1);
        assert_eq!(en.decide(0.1, 0.9), 1);
        assert_eq!(en.decide(0.0, 0.0), 0);
    }

    #[test]
    fn more_evidence_never_lowers_the_probability() {
        for lang in [Lang::De, Lang::En] {
            let c = offence(lang).copied().unwrap();
            assert!(
                c.head > 0.0 && c.rules >= 0.0 && c.rule_toxic >= 0.0,
                "{c:?}"
            );
            for (name, w) in RULE_INPUTS.iter().zip(c.inputs) {
                assert!(w >= 0.0 || !rule_input_nonnegative(name), "{name} {w}");
            }
            let none = RuleSide::default();
            assert!(c.p(0.9, &none) > c.p(0.1, &none));
            let mut insulted = none;
            insulted.sum = 2.0;
            insulted.inputs[0] = 2.0;
            assert!(c.p(0.5, &insulted) > c.p(0.5, &none));
        }
    }
}
