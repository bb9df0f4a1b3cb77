//! The OCR confusion model: which printed strings the OCR reads as which others, and how likely.
//!
//! It is learned from aligned OCR/truth pairs (`scripts/learn_confusions.py` over the training
//! corpus made by `scan_sim.py`) and embedded from `dictionaries/ocr_confusions.tsv`. Two things use
//! it: the repair stage generates candidate words from it, and register matching measures how far
//! an OCR'd name is from an official one.

use rustc_hash::FxHashMap as HashMap;
use std::sync::{Arc, LazyLock};

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

    /// Weighted edit distance from an OCR'd string to a candidate truth, case-insensitive, with
    /// learned one- and two-character confusions ("oé" → "ö"). Inserting or deleting a letter
    /// costs 1; a digit or punctuation mark (OCR debris inside a word) costs half. Infinite when
    /// more than `limit`: the computation stops as soon as every way on costs more.
    pub fn distance(&self, ocr: &str, truth: &str, limit: f32) -> f32 {
        self.printed(ocr).distance(truth, limit)
    }

    /// `ocr` made ready for [`Printed::distance`] to many candidate truths: what the model says
    /// of its characters is looked up once, not once a candidate.
    pub fn printed(&self, ocr: &str) -> Printed {
        let chars: Vec<char> = ocr.chars().flat_map(char::to_lowercase).collect();
        let mut key = String::new();
        let mut readings_of = |printed: &[char]| {
            key.clear();
            key.extend(printed);
            let mut readings = Readings::default();
            for c in self.readings_of(&key) {
                // the cost of a learned confusion; only the first reading of a truth counts
                let cost = (0.15 - 0.1 * c.prob.ln()).min(0.9) as f32;
                let mut truth = c.truth.chars();
                match (truth.next(), truth.next(), truth.next()) {
                    (Some(a), None, _) if !readings.as_one.iter().any(|r| r.0 == a) => {
                        readings.as_one.push((a, cost));
                    }
                    (Some(a), Some(b), None) if !readings.as_two.iter().any(|r| r.0 == [a, b]) => {
                        readings.as_two.push(([a, b], cost));
                    }
                    _ => {}
                }
            }
            readings
        };
        let one = (0..chars.len())
            .map(|i| readings_of(&chars[i..=i]))
            .collect();
        let two = chars.windows(2).map(readings_of).collect();
        Printed {
            letters: chars.iter().map(|&c| Letter::new(c)).collect(),
            one,
            two,
        }
    }
}

/// An OCR'd string made ready for measuring its distance to candidate truths (see
/// [`ConfusionModel::printed`]).
pub struct Printed {
    /// The string in lower case.
    letters: Vec<Letter>,
    /// The model's readings of each character.
    one: Vec<Readings>,
    /// The model's readings of each character with the next.
    two: Vec<Readings>,
}

/// The readings the model knows of one or two printed characters, by what they are read as, with
/// their costs.
#[derive(Default)]
struct Readings {
    as_one: Vec<(char, f32)>,
    as_two: Vec<([char; 2], f32)>,
}

impl Readings {
    fn as_one(&self, truth: char) -> Option<f32> {
        self.as_one.iter().find(|r| r.0 == truth).map(|r| r.1)
    }

    fn as_two(&self, truth: [char; 2]) -> Option<f32> {
        self.as_two.iter().find(|r| r.0 == truth).map(|r| r.1)
    }
}

/// A lowercase character with what the distance asks of it, worked out once.
#[derive(Clone, Copy)]
struct Letter {
    char: char,
    /// Without its diacritic (see [`crate::swedish::base_letter`]).
    base: char,
    /// The cost of inserting or deleting it.
    indel: f32,
}

impl Letter {
    fn new(char: char) -> Letter {
        Letter {
            char,
            base: crate::swedish::base_letter(char),
            indel: if char.is_alphabetic() {
                UNEXPLAINED
            } else {
                0.5
            },
        }
    }
}

impl Printed {
    /// The cost of reading the printed letter `o` (with `readings`, the model's readings of it)
    /// as `truth`: 0 for equal letters, low for a learned confusion, [`DIACRITIC_ONLY`] or
    /// [`UNEXPLAINED`] otherwise.
    fn substitution_cost(o: Letter, truth: Letter, readings: &Readings) -> f32 {
        if o.char == truth.char {
            return 0.0;
        }
        let fallback = if o.base == truth.base {
            DIACRITIC_ONLY
        } else {
            UNEXPLAINED
        };
        readings
            .as_one(truth.char)
            .map_or(fallback, |learned| learned.min(fallback))
    }

    /// The weighted edit distance to `truth` (see [`ConfusionModel::distance`]).
    pub fn distance(&self, truth: &str, limit: f32) -> f32 {
        let o = &self.letters;
        let t: Vec<Letter> = truth
            .chars()
            .flat_map(char::to_lowercase)
            .map(Letter::new)
            .collect();
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
                if j < t.len() {
                    relax(i, j + 1, t[j].indel);
                }
                if i == o.len() {
                    continue;
                }
                relax(i + 1, j, o[i].indel);
                if j == t.len() {
                    continue;
                }
                // learned confusions of two characters with one, one way or the other ("oé" →
                // "ö", "m" → "rn")
                relax(
                    i + 1,
                    j + 1,
                    Self::substitution_cost(o[i], t[j], &self.one[i]),
                );
                if let Some(cost) = self.two.get(i).and_then(|r| r.as_one(t[j].char)) {
                    relax(i + 2, j + 1, cost);
                }
                if let Some(cost) = t
                    .get(j + 1)
                    .and_then(|next| self.one[i].as_two([t[j].char, next.char]))
                {
                    relax(i + 1, j + 2, cost);
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
pub fn cuts_letters(ocr: &[char], truth: &[char]) -> bool {
    let cut = ocr.strip_prefix(truth).or_else(|| ocr.strip_suffix(truth));
    cut.is_some_and(|d| d.iter().copied().any(char::is_alphabetic))
}

/// A few letters held in place: what the page had where the OCR printed something else (the
/// truth of a learned confusion has at most four letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Letters {
    chars: [char; 4],
    len: u8,
}

impl Letters {
    /// The letters of `s`, if it has at most four.
    pub fn new(s: &str) -> Option<Letters> {
        let mut letters = Letters {
            chars: ['\0'; 4],
            len: 0,
        };
        for c in s.chars() {
            *letters.chars.get_mut(usize::from(letters.len))? = c;
            letters.len += 1;
        }
        Some(letters)
    }

    /// The letter `c` alone.
    pub fn one(c: char) -> Letters {
        let mut chars = ['\0'; 4];
        chars[0] = c;
        Letters { chars, len: 1 }
    }

    /// These letters then `more`, if they are at most four.
    pub fn then(self, more: Letters) -> Option<Letters> {
        let mut letters = self;
        for &c in more.chars() {
            *letters.chars.get_mut(usize::from(letters.len))? = c;
            letters.len += 1;
        }
        Some(letters)
    }

    /// The letters `chars`, if they are at most four.
    pub fn of(chars: &[char]) -> Option<Letters> {
        let mut letters = Letters {
            chars: ['\0'; 4],
            len: u8::try_from(chars.len()).ok()?,
        };
        letters.chars.get_mut(..chars.len())?.copy_from_slice(chars);
        Some(letters)
    }

    pub fn chars(&self) -> &[char] {
        &self.chars[..usize::from(self.len)]
    }
}

impl std::fmt::Display for Letters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.chars()
            .iter()
            .try_for_each(|c| std::fmt::Write::write_char(f, *c))
    }
}

/// One way of reading one or two printed characters, and its cost.
#[derive(Debug, Clone, Copy)]
pub struct Alternative {
    pub truth: Letters,
    pub cost: f64,
}

/// The confusion model as costs (−ln P(truth | OCR)), adapted to one document.
#[derive(Debug, Clone)]
pub struct Channel {
    /// The readings of one printed character, keyed `(c, None)`, or of two, `(c, Some(d))`,
    /// cheapest first (of equal costs, in the model's order). Shared, so that an adapted
    /// channel copies only what it changes.
    alternatives: HashMap<(char, Option<char>), Arc<[Alternative]>>,
    identity: HashMap<char, f64>,
    /// The least probability of a letter read for å, ä or ö.
    diacritic_floor: f64,
    /// The printed strings whose readings (and identity cost) took something observed into
    /// account: elsewhere the channel reads as the one made with nothing observed.
    adapted: Vec<(char, Option<char>)>,
}

/// The key of a printed string of one or two characters in [`Channel`].
fn printed_key(ocr: &str) -> Option<(char, Option<char>)> {
    let mut chars = ocr.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some(a), b, None) => Some((a, b)),
        _ => None,
    }
}

impl Channel {
    /// Costs from `model`, where a probability is raised to `observed[(ocr, truth)]` (what this
    /// document shows) and, for a letter read for å, ä or ö, to at least `diacritic_floor`.
    /// Only confusions of one or two printed characters are kept: the repair stage reads no
    /// longer ones.
    pub fn new(
        model: &ConfusionModel,
        observed: &HashMap<(String, String), f64>,
        diacritic_floor: f64,
    ) -> Channel {
        let mut channel = Channel {
            alternatives: HashMap::default(),
            identity: HashMap::default(),
            diacritic_floor,
            adapted: Vec::new(),
        };
        for (ocr, confusions) in &model.by_ocr {
            channel.read(ocr, confusions, observed);
        }
        channel
    }

    /// This channel, made by [`Channel::new`] from `model` with nothing observed, as `new` would
    /// make it with `observed`: only the readings of the printed strings observed, and their
    /// identity costs, differ, so only those are worked out again.
    pub fn adapted(
        &self,
        model: &ConfusionModel,
        observed: &HashMap<(String, String), f64>,
    ) -> Channel {
        let mut channel = self.clone();
        for (ocr, _) in observed.keys() {
            if let Some(confusions) = model.by_ocr.get(ocr) {
                channel.read(ocr, confusions, observed);
            }
        }
        channel
    }

    /// Sets the readings of the printed string `ocr` (and, for one character, the cost of
    /// reading it as itself) from the model's `confusions` of it.
    fn read(
        &mut self,
        ocr: &str,
        confusions: &[Confusion],
        observed: &HashMap<(String, String), f64>,
    ) {
        let (Some(key), Some(printed)) = (printed_key(ocr), Letters::new(ocr)) else {
            return;
        };
        if observed.keys().any(|(o, _)| o == ocr) && !self.adapted.contains(&key) {
            self.adapted.push(key);
        }
        let mut changed = 0.0;
        let mut list = Vec::with_capacity(confusions.len());
        for c in confusions {
            let mut prob = c.prob;
            // (a document shows a few confusions: a scan is cheaper than building a key)
            let seen = observed
                .iter()
                .find(|((o, t), _)| o == ocr && *t == c.truth);
            if let Some((_, &seen)) = seen {
                prob = prob.max(seen);
            }
            let to_diacritic = matches!(c.truth.as_str(), "å" | "ä" | "ö");
            if to_diacritic && key.1.is_none() {
                prob = prob.max(self.diacritic_floor);
            }
            changed += prob;
            if let Some(truth) = Letters::new(&c.truth) {
                let mut cost = (-prob.ln()).max(0.05);
                if cuts_letters(printed.chars(), truth.chars()) {
                    cost = cost.max(LETTER_DELETION_COST);
                }
                list.push(Alternative { truth, cost });
            }
        }
        list.sort_by(|a, b| a.cost.total_cmp(&b.cost));
        self.alternatives.insert(key, list.into());
        if let (c, None) = key {
            self.identity
                .insert(c, -(1.0 - f64::min(changed, 0.95)).ln());
        }
    }

    /// What the page may have had where the OCR printed `first` (followed by `second`, for a
    /// reading of both), cheapest first.
    pub fn alternatives(&self, first: char, second: Option<char>) -> &[Alternative] {
        self.alternatives
            .get(&(first, second))
            .map_or(&[], |list| list)
    }

    /// Whether the readings of `first` (followed by `second`) may differ from those of the
    /// channel made with nothing observed.
    pub fn is_adapted(&self, first: char, second: Option<char>) -> bool {
        self.adapted.contains(&(first, second))
    }

    /// The least probability of a letter read for å, ä or ö: with the model, what a channel
    /// made with nothing observed reads as.
    pub fn diacritic_floor(&self) -> f64 {
        self.diacritic_floor
    }

    /// The cost of reading `ocr` (one or two characters) as `truth`, if the model knows that
    /// confusion.
    pub fn cost_of(&self, ocr: &str, truth: &str) -> Option<f64> {
        let (first, second) = printed_key(ocr)?;
        let truth = Letters::new(truth)?;
        self.alternatives(first, second)
            .iter()
            .find(|a| a.truth == truth)
            .map(|a| a.cost)
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

    /// A channel's readings and identity costs, in order, to the bit.
    fn table(ch: &Channel) -> Vec<String> {
        let mut rows: Vec<String> = (ch.alternatives.iter())
            .map(|(k, list)| {
                let list: Vec<_> = list.iter().map(|a| (a.truth, a.cost.to_bits())).collect();
                format!("{k:?} {list:?}")
            })
            .chain(
                ch.identity
                    .iter()
                    .map(|(c, i)| format!("{c} {}", i.to_bits())),
            )
            .collect();
        rows.sort();
        rows
    }

    #[test]
    fn an_adapted_channel_is_the_channel_made_with_what_was_observed() {
        let model = ConfusionModel::embedded();
        let observed: HashMap<(String, String), f64> = [
            ("a", "ä", 0.25),
            ("a", "å", 0.5),
            ("o", "ö", 0.5),
            ("oé", "ö", 0.5),
            ("6", "ö", 0.125),
            ("xyz", "q", 0.5),
        ]
        .into_iter()
        .map(|(o, t, p)| ((o.to_string(), t.to_string()), p))
        .collect();
        for floor in [0.0, 0.02] {
            let base = Channel::new(model, &HashMap::default(), floor);
            let adapted_channel = base.adapted(model, &observed);
            let adapted = table(&adapted_channel);
            assert_eq!(adapted, table(&Channel::new(model, &observed, floor)));
            assert_ne!(adapted, table(&base));
            // elsewhere than where it is adapted, it reads as the base channel
            for (&(first, second), list) in &base.alternatives {
                if !adapted_channel.is_adapted(first, second) {
                    let readings = |l: &[Alternative]| -> Vec<_> {
                        l.iter().map(|a| (a.truth, a.cost.to_bits())).collect()
                    };
                    let other = adapted_channel.alternatives(first, second);
                    assert_eq!(readings(list), readings(other));
                    if second.is_none() {
                        let identity = |ch: &Channel| ch.identity(first).to_bits();
                        assert_eq!(identity(&base), identity(&adapted_channel));
                    }
                }
            }
            assert!(adapted_channel.is_adapted('a', None) && !base.is_adapted('a', None));
        }
    }

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
