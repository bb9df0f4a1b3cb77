//! The OCR confusion model: which printed strings the OCR reads as which others, and how likely.
//!
//! It is learned from aligned OCR/truth pairs (`scripts/learn_confusions.py` over the training
//! corpus made by `scan_sim.py`) and embedded from `dictionaries/ocr_confusions.tsv`. Two things use
//! it: the repair stage generates candidate words from it, and register matching measures how far
//! an OCR'd name is from an official one.

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

static EMBEDDED: &str = include_str!("../dictionaries/ocr_confusions.tsv");
/// Glyph-shape confusions that the synthetic training corpus rarely shows but archive scans do
/// ("£6r" for "för", "1" for "i"): a weak prior, used only where nothing was learned.
static GLYPH_PRIOR: &str = include_str!("../dictionaries/ocr_glyph_prior.tsv");

/// One way the OCR misreads: it printed `ocr` where the page had `truth`.
#[derive(Debug, Clone)]
pub struct Confusion {
    pub truth: String,
    /// P(truth | ocr) over the training corpus.
    pub prob: f64,
}

#[derive(Debug)]
pub struct ConfusionModel {
    /// Keyed by the OCR string (one or two characters).
    by_ocr: HashMap<String, Vec<Confusion>>,
}

/// Cost of an edit that no learned confusion explains.
const UNEXPLAINED: f32 = 1.0;
/// Cost of swapping a letter for the same letter with or without a diacritic (a ↔ ä).
const DIACRITIC_ONLY: f32 = 0.3;

impl ConfusionModel {
    /// The model embedded in the binary.
    pub fn embedded() -> &'static ConfusionModel {
        static MODEL: LazyLock<ConfusionModel> = LazyLock::new(|| {
            let mut model = ConfusionModel::parse(EMBEDDED);
            for (ocr, prior) in ConfusionModel::parse(GLYPH_PRIOR).by_ocr {
                let learned = model.by_ocr.entry(ocr).or_default();
                for c in prior {
                    if !learned.iter().any(|l| l.truth == c.truth) {
                        learned.push(c);
                    }
                }
            }
            model
        });
        &MODEL
    }

    /// Parses `ocr\ttruth\tcount\tprob` lines (header first).
    pub fn parse(tsv: &str) -> ConfusionModel {
        let mut by_ocr: HashMap<String, Vec<Confusion>> = HashMap::default();
        for line in tsv.lines().skip(1).filter(|l| !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 4 {
                continue;
            }
            let Ok(prob) = cols[3].parse::<f64>() else {
                continue;
            };
            by_ocr
                .entry(cols[0].to_string())
                .or_default()
                .push(Confusion {
                    truth: cols[1].to_string(),
                    prob,
                });
        }
        ConfusionModel { by_ocr }
    }

    /// What the page may have had where the OCR printed `ocr`, most likely first.
    pub fn readings_of(&self, ocr: &str) -> &[Confusion] {
        self.by_ocr.get(ocr).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The cost of reading `truth` where the OCR printed `ocr` (one or two characters each),
    /// given `learned`, the model's readings of `ocr`: 0 for equal strings, low for a learned
    /// confusion, [`UNEXPLAINED`] otherwise.
    fn substitution_cost(ocr: &[char], truth: &[char], learned: &[Confusion]) -> f32 {
        if ocr == truth {
            return 0.0;
        }
        let learned = learned
            .iter()
            .find(|c| c.truth.chars().eq(truth.iter().copied()))
            .map(|c| (0.15 - 0.1 * c.prob.ln()).min(0.9) as f32);
        let diacritic_only = match (ocr, truth) {
            ([a], [b]) => crate::swedish::base_letter(*a) == crate::swedish::base_letter(*b),
            _ => false,
        };
        let fallback = if diacritic_only {
            DIACRITIC_ONLY
        } else {
            UNEXPLAINED
        };
        learned.map_or(fallback, |l| l.min(fallback))
    }

    /// Weighted edit distance from an OCR'd string to a candidate truth, case-insensitive, with
    /// learned one- and two-character confusions ("oé" → "ö"). Inserting or deleting a letter
    /// costs 1; a digit or punctuation mark (OCR debris inside a word) costs half. Infinite when
    /// more than `limit`: the computation stops as soon as every way on costs more.
    pub fn distance(&self, ocr: &str, truth: &str, limit: f32) -> f32 {
        let o: Vec<char> = ocr.chars().flat_map(char::to_lowercase).collect();
        let t: Vec<char> = truth.chars().flat_map(char::to_lowercase).collect();
        // the model's readings of every one and two printed characters, looked up once
        let mut key = String::new();
        let learned: Vec<[&[Confusion]; 2]> = (0..o.len())
            .map(|i| {
                key.clear();
                key.push(o[i]);
                let one = self.readings_of(&key);
                let two = match o.get(i + 1) {
                    Some(&next) => {
                        key.push(next);
                        self.readings_of(&key)
                    }
                    None => &[],
                };
                [one, two]
            })
            .collect();
        let indel = |c: char| if c.is_alphabetic() { UNEXPLAINED } else { 0.5 };
        let w = t.len() + 1;
        let mut d = vec![f32::INFINITY; (o.len() + 1) * w];
        d[0] = 0.0;
        for i in 0..=o.len() {
            // every alignment passes through row i or jumps over it from row i - 1, and costs
            // only add up
            let row = |r: usize| d[r * w..(r + 1) * w].iter().copied();
            let least_on = row(i).chain(if i > 0 { row(i - 1) } else { row(i) });
            if least_on.fold(f32::INFINITY, f32::min) > limit {
                return f32::INFINITY;
            }
            for j in 0..=t.len() {
                let here = d[i * w + j];
                if here.is_infinite() {
                    continue;
                }
                let mut relax = |ii: usize, jj: usize, cost: f32| {
                    let cell = &mut d[ii * w + jj];
                    if here + cost < *cell {
                        *cell = here + cost;
                    }
                };
                if i < o.len() {
                    relax(i + 1, j, indel(o[i]));
                }
                if j < t.len() {
                    relax(i, j + 1, indel(t[j]));
                }
                for (take_o, take_t) in [(1, 1), (2, 1), (1, 2)] {
                    if i + take_o <= o.len() && j + take_t <= t.len() {
                        let cost = Self::substitution_cost(
                            &o[i..i + take_o],
                            &t[j..j + take_t],
                            learned[i][take_o - 1],
                        );
                        if take_o == 1 && take_t == 1 || cost < UNEXPLAINED {
                            relax(i + take_o, j + take_t, cost);
                        }
                    }
                }
            }
        }
        let distance = d[o.len() * w + t.len()];
        if distance > limit {
            f32::INFINITY
        } else {
            distance
        }
    }
}

/// Least cost of reading a printed letter as nothing: OCR rarely invents whole letters, and the
/// learned deletions are mostly alignment noise around split and merged words.
const LETTER_DELETION_COST: f64 = 6.0;

/// Whether reading `ocr` as `truth` only cuts letters from one of its ends: the OCR read
/// letters the page did not have.
pub fn cuts_letters(ocr: &str, truth: &str) -> bool {
    let cut = ocr.strip_prefix(truth).or_else(|| ocr.strip_suffix(truth));
    cut.is_some_and(|d| d.chars().any(char::is_alphabetic))
}

/// The confusion model as costs (−ln P(truth | OCR)), adapted to one document.
#[derive(Debug)]
pub struct Channel {
    readings: HashMap<String, Vec<(String, f64)>>,
    identity: HashMap<char, f64>,
}

impl Channel {
    /// Costs from `model`, where a probability is raised to `observed[(ocr, truth)]` (what this
    /// document shows) and, for a letter read for å, ä or ö, to at least `diacritic_floor`.
    pub fn new(
        model: &ConfusionModel,
        observed: &HashMap<(String, String), f64>,
        diacritic_floor: f64,
    ) -> Channel {
        let mut readings: HashMap<String, Vec<(String, f64)>> = HashMap::default();
        let mut identity = HashMap::default();
        for (ocr, confusions) in &model.by_ocr {
            let mut changed = 0.0;
            let list = readings.entry(ocr.clone()).or_default();
            for c in confusions {
                let mut prob = c.prob;
                // (a document shows a few confusions: a scan is cheaper than building a key)
                let seen = observed.iter().find(|((o, t), _)| o == ocr && *t == c.truth);
                if let Some((_, &seen)) = seen {
                    prob = prob.max(seen);
                }
                let to_diacritic = matches!(c.truth.as_str(), "å" | "ä" | "ö");
                if to_diacritic && ocr.chars().count() == 1 {
                    prob = prob.max(diacritic_floor);
                }
                changed += prob;
                let mut cost = (-prob.ln()).max(0.05);
                if cuts_letters(ocr, &c.truth) {
                    cost = cost.max(LETTER_DELETION_COST);
                }
                list.push((c.truth.clone(), cost));
            }
            let mut chars = ocr.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                identity.insert(c, -(1.0 - f64::min(changed, 0.95)).ln());
            }
        }
        Channel { readings, identity }
    }

    /// What the page may have had where the OCR printed `ocr`, with the cost of each reading.
    pub fn readings_of(&self, ocr: &str) -> &[(String, f64)] {
        self.readings.get(ocr).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The cost of reading `ocr` as `truth`, if the model knows that confusion.
    pub fn cost_of(&self, ocr: &str, truth: &str) -> Option<f64> {
        self.readings_of(ocr)
            .iter()
            .find(|r| r.0 == truth)
            .map(|r| r.1)
    }

    /// Cost of reading a printed character as itself. A digit inside a word is almost never right.
    pub fn identity(&self, c: char) -> f64 {
        if c.is_alphabetic() {
            self.identity.get(&c).copied().unwrap_or(0.0)
        } else {
            8.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ocr_damage_is_near_and_other_names_are_far() {
        let m = ConfusionModel::embedded();
        assert_eq!(m.distance("Habo", "Habo", f32::INFINITY), 0.0);
        assert!(m.distance("Goéteborg", "Göteborg", f32::INFINITY) < 1.0);
        assert!(m.distance("Hammaro6", "Hammarö", f32::INFINITY) < 1.0);
        assert!(m.distance("Virmdo", "Värmdö", f32::INFINITY) < 1.5);
        assert!(m.distance("Ockerd", "Öckerö", f32::INFINITY) < 1.5);
        assert!(m.distance("Habo", "Håbo", f32::INFINITY) > 0.0);
        assert!(m.distance("Sala", "Mala", f32::INFINITY) >= 1.0);
        assert_eq!(m.distance("Sala", "Mala", 0.5), f32::INFINITY);
        assert_eq!(
            m.distance("Hammaro6", "Hammarö", 1.0),
            m.distance("Hammaro6", "Hammarö", f32::INFINITY)
        );
        assert_eq!(m.distance("Stockholm", "Ale", 3.0), f32::INFINITY);
    }
}
