//! Stage 3, repair: restore Swedish letters that the OCR lost or mangled, conservatively and
//! audibly.
//!
//! A noisy-channel corrector. For each word, candidates are spelled by walking the lexicon's fst
//! while reading the OCR'd letters through the learned confusion model (`i` may be `ä`, `6` may be
//! `ö`, `oé` may be `ö`, …); a word may also be read as a compound of lexicon words. Each reading
//! costs its channel cost (−ln P(truth | OCR) for every letter) plus its lexical cost (from the
//! word's frequency). The reading as printed competes on the same terms, so a word is changed only
//! when the correction is clearly more likely; a weaker correction is listed for review instead.
//!
//! Invariants: line structure is kept (no newline is ever added or removed); every change is an
//! [`Edit`] with its byte range in the original; repairing repaired text changes nothing.

use crate::confusion::ConfusionModel;
use crate::lexicon::Lexicon;
use crate::offsets::{MappedText, OffsetMap};
use regex::Regex;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Why a word was changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// å, ä or ö printed without its diacritic ("stirka" counts here too: a→i is how the OCR
    /// loses ä).
    LostDiacritic,
    /// A diacritic the page did not have ("krönor").
    SpuriousDiacritic,
    /// A digit or symbol read for a letter ("f6r", "£6r", "1 den").
    DigitForLetter,
    /// Other letter confusions ("firdighehandlade", "Hudikswvall").
    LetterConfusion,
    /// The printed word exists, but its neighbours or the document make another word far likelier
    /// ("ar" → "är").
    Context,
}

/// One change (or, in `review`, one suggested change) with its place in the original text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edit {
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
    /// 1-based line number.
    pub line: usize,
    pub old: String,
    pub new: String,
    /// Posterior probability of the new reading against the printed one, 0–1.
    pub confidence: f64,
    pub reason: Reason,
}

/// The repaired text, mapped back to the original, with the audit trail.
#[derive(Debug, Clone)]
pub struct Repaired {
    pub text: MappedText,
    pub edits: Vec<Edit>,
    /// Suspect words left as printed because no correction was sure enough.
    pub review: Vec<Edit>,
}

/// Lexical cost of a word seen `count` times per billion: −ln P(word).
fn word_cost(count: u64) -> f64 {
    (1e9 / (count as f64 + 0.5)).ln()
}

/// Cost of a word the lexicon does not know, read as printed: a little above the rarest word.
const UNKNOWN_WORD_COST: f64 = 23.0;
/// Extra cost for every further part of a compound ("kompetens|försörjnings|utmaningar").
const COMPOUND_JOIN_COST: f64 = 2.5;
/// Weight of a compound part's own lexical cost: parts are freer than whole words.
const COMPOUND_PART_WEIGHT: f64 = 0.55;
/// A part's lexical cost is capped: rarity beyond this says little more.
const COMPOUND_PART_CAP: f64 = 16.0;
/// Cost of a linking "s" between compound parts ("försörjning|s|utmaningar").
const LINKING_S_COST: f64 = 0.7;
/// A correction is applied at or above this posterior, listed for review below it.
const APPLY_CONFIDENCE: f64 = 0.75;
/// Below this posterior a correction is not even worth a reviewer's time.
const REVIEW_CONFIDENCE: f64 = 0.35;
/// Most channel cost a reading may spend on confusions.
const MAX_CHANNEL_COST: f64 = 14.0;
/// Most confusions in one word.
const MAX_EDITS: usize = 4;
/// Share of letters that are å, ä or ö above which a text still has its diacritics, so real
/// words are left alone (Swedish prose has about 3.5 %).
const DIACRITICS_KEPT_RATE: f64 = 0.015;

/// English words whose presence next to a word marks it as English, not Swedish OCR.
const ENGLISH_MARKERS: &[&str] = &[
    "the", "and", "of", "to", "in", "is", "this", "that", "with", "content", "report", "on", "by",
    "from", "be", "are",
];
/// Words after which "1" is a number, not the preposition "i".
const NUMBER_CONTEXT_BEFORE: &[&str] = &[
    "den", "kapitel", "kap", "punkt", "nr", "avsnitt", "bilaga", "sidan", "sid", "steg", "och",
    "eller", "till", "med", "av", "om",
];
/// Words after which "1" is a number.
const NUMBER_CONTEXT_AFTER: &[&str] = &[
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
    "kap",
    "procent",
    "kr",
    "kronor",
    "miljon",
    "miljard",
    "st",
    "år",
    "ar",
    "timme",
    "dag",
    "vecka",
    "månad",
];

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[\p{L}\d£¢§|]+").unwrap());
/// Spans never touched: e-mail addresses, web addresses, diarienummer, abbreviations with dots.
static PROTECTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        [\w.+-]+@[\w-]+(?:\.[\w-]+)+        # e-mail
      | (?:https?://|www\.)\S+              # web address
      | \b\p{Lu}\p{Ll}?\d{4}/\d{3,6}(?:/\p{Lu}{1,4})?  # diarienummer
      | \b\p{L}{1,4}\.(?:\p{L}{1,4}\.)+    # abbreviations: t.ex. bl.a. m.m.
    ",
    )
    .unwrap()
});

/// What the search found for one word: its best reading and the printed reading's cost.
#[derive(Debug, Clone)]
struct Reading {
    text: String,
    cost: f64,
    /// Cost of the word read as printed (a known word, a compound of known words, or unknown).
    printed_cost: f64,
    printed_is_word: bool,
}

/// A candidate part of a reading found by the fst walk: `end` is in chars of the OCR word.
#[derive(Debug, Clone)]
struct Segment {
    end: usize,
    channel: f64,
    count: u64,
    spelled: String,
}

impl Segment {
    /// Channel plus lexical cost as a whole word: how segments ending at one place are ranked.
    fn total(&self) -> f64 {
        self.channel + word_cost(self.count)
    }
}

/// The state of one fst walk over a printed word.
struct Walk<'w> {
    word: &'w [char],
    allow_edits: bool,
    spelled: String,
    found: HashMap<usize, Vec<Segment>>,
}

/// Readings kept per end position of a segment: the cheapest few.
const SEGMENTS_PER_END: usize = 3;

pub struct Repairer {
    lexicon: &'static Lexicon,
    model: &'static ConfusionModel,
    /// −ln P(c | c): the cost of reading a printed letter as itself.
    identity_cost: HashMap<char, f64>,
}

impl Default for Repairer {
    fn default() -> Self {
        Repairer::new(Lexicon::embedded(), ConfusionModel::embedded())
    }
}

/// Whether the text has kept its diacritics (clean text or a Swedish OCR model) or lost them.
fn keeps_diacritics(text: &str) -> bool {
    let (mut letters, mut marked) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if matches!(c, 'å' | 'ä' | 'ö' | 'Å' | 'Ä' | 'Ö') {
            marked += 1;
        }
    }
    letters < 200 || marked as f64 >= letters as f64 * DIACRITICS_KEPT_RATE
}

fn apply_case(pattern: &str, word: &str) -> String {
    let letters: Vec<char> = pattern.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        return word.to_uppercase();
    }
    if pattern.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = word.chars();
        return chars
            .next()
            .map_or_else(String::new, |f| f.to_uppercase().chain(chars).collect());
    }
    word.to_string()
}

fn classify(old: &str, new: &str, printed_is_word: bool) -> Reason {
    let is_marked = |c: char| matches!(c.to_lowercase().next(), Some('å' | 'ä' | 'ö'));
    let marks = |s: &str| s.chars().filter(|&c| is_marked(c)).count();
    let same_base = old.chars().count() == new.chars().count()
        && old
            .chars()
            .zip(new.chars())
            .all(|(o, n)| crate::swedish::base_letter(o) == crate::swedish::base_letter(n));
    if old.chars().any(|c| !c.is_alphabetic()) {
        Reason::DigitForLetter
    } else if marks(new) > marks(old) && (same_base || !printed_is_word) {
        Reason::LostDiacritic
    } else if marks(new) < marks(old) {
        Reason::SpuriousDiacritic
    } else if printed_is_word {
        Reason::Context
    } else {
        Reason::LetterConfusion
    }
}

impl Repairer {
    pub fn new(lexicon: &'static Lexicon, model: &'static ConfusionModel) -> Repairer {
        let mut identity_cost = HashMap::new();
        for c in "abcdefghijklmnopqrstuvwxyzåäöé0123456789".chars() {
            let changed: f64 = model
                .readings_of(&c.to_string())
                .iter()
                .map(|r| r.prob)
                .sum();
            identity_cost.insert(c, -(1.0 - changed.min(0.95)).ln());
        }
        Repairer {
            lexicon,
            model,
            identity_cost,
        }
    }

    fn identity(&self, c: char) -> f64 {
        if c.is_alphabetic() {
            self.identity_cost.get(&c).copied().unwrap_or(0.0)
        } else {
            // a digit inside a word is almost never right
            8.0
        }
    }

    /// All lexicon words that the OCR letters `word[start..]` can be read as, by walking the fst
    /// with identity readings and learned confusions. Keeps the cheapest few per end.
    fn segments_from(&self, word: &[char], start: usize, allow_edits: bool) -> Vec<Segment> {
        let mut walk = Walk {
            word,
            allow_edits,
            spelled: String::new(),
            found: HashMap::new(),
        };
        self.walk(&mut walk, start, self.lexicon.root(), 0, 0.0, 0);
        let mut segs: Vec<Segment> = walk.found.into_values().flatten().collect();
        segs.sort_by_key(|s| s.end);
        segs
    }

    /// One step of the fst walk at printed position `i`, having spent `channel` on `edits`.
    fn walk<'a>(
        &'a self,
        w: &mut Walk<'_>,
        i: usize,
        node: fst::raw::Node<'a>,
        out: u64,
        channel: f64,
        edits: usize,
    ) {
        if let Some(count) = Lexicon::final_count(&node, out) {
            if !w.spelled.is_empty() {
                let ends_here = w.found.entry(i).or_default();
                if !ends_here.iter().any(|s| s.spelled == w.spelled) {
                    ends_here.push(Segment {
                        end: i,
                        channel,
                        count,
                        spelled: w.spelled.clone(),
                    });
                    ends_here.sort_by(|a, b| a.total().total_cmp(&b.total()));
                    ends_here.truncate(SEGMENTS_PER_END);
                }
            }
        }
        if i >= w.word.len() {
            return;
        }
        // read the letter as itself
        let c = w.word[i];
        let mut o = out;
        if let Some(next) = self.lexicon.step(node, c, &mut o) {
            w.spelled.push(c);
            self.walk(w, i + 1, next, o, channel + self.identity(c), edits);
            w.spelled.pop();
        }
        if !w.allow_edits || edits >= MAX_EDITS {
            return;
        }
        // read one or two printed characters as something else
        let mut key = String::new();
        for take in 1..=2 {
            if i + take > w.word.len() {
                break;
            }
            key.push(w.word[i + take - 1]);
            for reading in self.model.readings_of(&key) {
                let cost = channel + (-reading.prob.ln()).max(0.05);
                if cost > MAX_CHANNEL_COST {
                    continue;
                }
                let mut o = out;
                let mut n = Some(node);
                for t in reading.truth.chars() {
                    n = n.and_then(|nd| self.lexicon.step(nd, t, &mut o));
                }
                if let Some(next) = n {
                    let len = w.spelled.len();
                    w.spelled.push_str(&reading.truth);
                    self.walk(w, i + take, next, o, cost, edits + 1);
                    w.spelled.truncate(len);
                }
            }
        }
    }

    /// The cheapest reading of the whole word as one word or a compound of words.
    /// Returns (cost, spelled, is_single_word).
    fn best_reading(&self, word: &[char], allow_edits: bool) -> Option<(f64, String, bool)> {
        let n = word.len();
        // best[i]: (cost, spelled, parts) of reading word[..i]
        let mut best: Vec<Option<(f64, String, usize)>> = vec![None; n + 1];
        best[0] = Some((0.0, String::new(), 0));
        for start in 0..n {
            let Some((base, prefix, parts)) = best[start].clone() else {
                continue;
            };
            for seg in self.segments_from(word, start, allow_edits) {
                let len = seg.end - start;
                let whole = start == 0 && seg.end == n;
                if !whole && (len < 3 || (len == 3 && seg.count < 1000)) {
                    continue;
                }
                let lexical = if whole {
                    word_cost(seg.count)
                } else {
                    word_cost(seg.count).min(COMPOUND_PART_CAP) * COMPOUND_PART_WEIGHT
                        + COMPOUND_JOIN_COST
                };
                let mut consider = |end: usize, extra: f64, linker: &str| {
                    let cost = base + seg.channel + lexical + extra;
                    if best[end].as_ref().is_none_or(|b| cost < b.0) {
                        best[end] =
                            Some((cost, format!("{prefix}{}{linker}", seg.spelled), parts + 1));
                    }
                };
                consider(seg.end, 0.0, "");
                if seg.end < n && seg.end > start && word[seg.end] == 's' && !whole {
                    consider(seg.end + 1, LINKING_S_COST + self.identity('s'), "s");
                }
            }
        }
        best[n]
            .take()
            .map(|(cost, spelled, parts)| (cost, spelled, parts == 1))
    }

    /// Reads one lowercase word: its best reading against the printed one.
    fn read(&self, word: &str, allow_real_word: bool) -> Option<Reading> {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() < 2 || chars.len() > 60 {
            return None;
        }
        let printed = self.best_reading(&chars, false);
        let printed_is_word = printed.as_ref().is_some_and(|p| p.2);
        if printed_is_word && !allow_real_word {
            return None;
        }
        let printed_cost = printed
            .as_ref()
            .map_or(UNKNOWN_WORD_COST, |p| p.0.min(UNKNOWN_WORD_COST));
        let (cost, text, _) = self.best_reading(&chars, true)?;
        if text == word {
            return None;
        }
        Some(Reading {
            text,
            cost,
            printed_cost,
            printed_is_word,
        })
    }

    /// Repairs a whole text. Line structure and everything but the corrected words is kept.
    pub fn repair(&self, text: &str) -> Repaired {
        let allow_real_word = !keeps_diacritics(text);
        let protected: Vec<(usize, usize)> = PROTECTED
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect();
        let is_protected = |s: usize, e: usize| protected.iter().any(|&(ps, pe)| s < pe && e > ps);
        let tokens: Vec<(usize, usize)> =
            WORD.find_iter(text).map(|m| (m.start(), m.end())).collect();
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset);
        let lower_word = |i: usize| tokens.get(i).map(|&(s, e)| text[s..e].to_lowercase());

        let mut edits = Vec::new();
        let mut review = Vec::new();
        let mut cache: HashMap<String, Option<Reading>> = HashMap::new();
        let mut i = 0;
        while i < tokens.len() {
            let (start, end) = tokens[i];
            let token = &text[start..end];
            i += 1;
            if is_protected(start, end) {
                continue;
            }
            let has_letter = token.chars().any(char::is_alphabetic);
            if !has_letter {
                if token == "1" {
                    if let Some(edit) =
                        self.one_as_i(text, &tokens, i - 1, &lower_word, allow_real_word)
                    {
                        edits.push(Edit {
                            line: line_of(start),
                            ..edit
                        });
                    }
                }
                continue;
            }
            let letters: Vec<char> = token.chars().filter(|c| c.is_alphabetic()).collect();
            if letters.len() >= 2
                && letters.iter().all(|c| c.is_uppercase())
                && token.chars().all(char::is_alphabetic)
            {
                continue; // an abbreviation: SKR, LSS
            }
            // a word broken at a line-end hyphen is read whole
            let broken = self.continuation(text, &tokens, i - 1);
            let (parts, whole): (Vec<(usize, usize)>, String) = match broken {
                Some(next) => {
                    i += 1;
                    (
                        vec![(start, end), next],
                        format!("{token}{}", &text[next.0..next.1]),
                    )
                }
                None => (vec![(start, end)], token.to_string()),
            };
            let lower = whole.to_lowercase();
            let english = [i.checked_sub(2), Some(i)]
                .into_iter()
                .flatten()
                .filter_map(&lower_word)
                .any(|w| ENGLISH_MARKERS.contains(&w.as_str()));
            let real_word_ok = allow_real_word && !english;
            let reading = cache
                .entry(format!("{real_word_ok}{lower}"))
                .or_insert_with(|| self.read(&lower, real_word_ok))
                .clone();
            let Some(reading) = reading else { continue };
            let confidence = 1.0 / (1.0 + (reading.cost - reading.printed_cost).exp());
            let confidence = (confidence * 1000.0).round() / 1000.0;
            if confidence < REVIEW_CONFIDENCE {
                continue;
            }
            let new_whole = apply_case(&whole, &reading.text);
            let reason = classify(&whole, &new_whole, reading.printed_is_word);
            let target = if confidence >= APPLY_CONFIDENCE {
                &mut edits
            } else {
                &mut review
            };
            for (s, e, new) in split_like(&parts, text, &new_whole) {
                if text[s..e] != new {
                    target.push(Edit {
                        start: s,
                        end: e,
                        line: line_of(s),
                        old: text[s..e].to_string(),
                        new,
                        confidence,
                        reason,
                    });
                }
            }
        }
        Repaired {
            text: apply_edits(text, &edits),
            edits,
            review,
        }
    }

    /// The next token, when token `i` ends a line with a hyphen and the next line starts with the
    /// rest of the word in lower case.
    fn continuation(
        &self,
        text: &str,
        tokens: &[(usize, usize)],
        i: usize,
    ) -> Option<(usize, usize)> {
        let (_, end) = tokens[i];
        let next = *tokens.get(i + 1)?;
        let between = &text[end..next.0];
        let rest = between.strip_prefix('-')?;
        if !rest.contains('\n') || !rest.trim().is_empty() {
            return None;
        }
        let next_word = &text[next.0..next.1];
        if !next_word.starts_with(char::is_lowercase)
            || matches!(next_word, "och" | "eller" | "samt" | "respektive")
        {
            return None;
        }
        Some(next)
    }

    /// "1" read for the preposition "i", between two lowercase words of running text.
    fn one_as_i(
        &self,
        text: &str,
        tokens: &[(usize, usize)],
        i: usize,
        lower_word: &dyn Fn(usize) -> Option<String>,
        damaged: bool,
    ) -> Option<Edit> {
        if !damaged || i == 0 {
            return None;
        }
        let (start, end) = tokens[i];
        let (prev, next) = (tokens[i - 1], *tokens.get(i + 1)?);
        // single spaces on both sides, on one line
        if &text[prev.1..start] != " " || &text[end..next.0] != " " {
            return None;
        }
        let before = lower_word(i - 1)?;
        let after_raw = &text[next.0..next.1];
        let after = after_raw.to_lowercase();
        let is_word = |w: &str| w.chars().all(char::is_alphabetic) && w.chars().count() >= 2;
        if !is_word(&before) || !is_word(after_raw) || !after_raw.starts_with(char::is_lowercase) {
            return None;
        }
        if NUMBER_CONTEXT_BEFORE.contains(&before.as_str())
            || NUMBER_CONTEXT_AFTER.contains(&after.as_str())
        {
            return None;
        }
        Some(Edit {
            start,
            end,
            line: 0,
            old: "1".into(),
            new: "i".into(),
            confidence: 0.9,
            reason: Reason::DigitForLetter,
        })
    }
}

/// Splits a corrected word back over the printed parts it was read from (a word broken across
/// lines), keeping each part's length in letters; the last part takes the rest.
fn split_like(
    parts: &[(usize, usize)],
    text: &str,
    new_whole: &str,
) -> Vec<(usize, usize, String)> {
    if parts.len() == 1 {
        return vec![(parts[0].0, parts[0].1, new_whole.to_string())];
    }
    let new_chars: Vec<char> = new_whole.chars().collect();
    let first_len = text[parts[0].0..parts[0].1].chars().count();
    let total_old: usize = parts.iter().map(|&(s, e)| text[s..e].chars().count()).sum();
    // the second part keeps its printed length; the first takes what the correction added or removed
    let cut = if new_chars.len() + first_len >= total_old {
        new_chars.len() + first_len - total_old
    } else {
        first_len.min(new_chars.len())
    };
    vec![
        (parts[0].0, parts[0].1, new_chars[..cut].iter().collect()),
        (parts[1].0, parts[1].1, new_chars[cut..].iter().collect()),
    ]
}

/// Applies edits (sorted, non-overlapping) and maps the result back to the original.
pub fn apply_edits(text: &str, edits: &[Edit]) -> MappedText {
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMap::default();
    let mut at = 0;
    for edit in edits {
        map.push(out.len(), at, true);
        out.push_str(&text[at..edit.start]);
        map.push(out.len(), edit.start, false);
        out.push_str(&edit.new);
        at = edit.end;
    }
    map.push(out.len(), at, true);
    out.push_str(&text[at..]);
    MappedText { text: out, map }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(text: &str) -> String {
        Repairer::default().repair(text).text.text
    }

    #[test]
    fn case_is_kept() {
        assert_eq!(apply_case("Goéteborg", "göteborg"), "Göteborg");
        assert_eq!(apply_case("SKR", "skr"), "SKR");
        assert_eq!(apply_case("6kat", "ökat"), "ökat");
    }

    #[test]
    fn edits_map_back_to_the_original() {
        let text = "ab oé cd";
        let edits = vec![Edit {
            start: 3,
            end: 6,
            line: 1,
            old: "oé".into(),
            new: "ö".into(),
            confidence: 1.0,
            reason: Reason::DigitForLetter,
        }];
        let m = apply_edits(text, &edits);
        assert_eq!(m.text, "ab ö cd");
        assert_eq!(m.map.to_source(m.text.find("cd").unwrap()), 7);
    }

    #[test]
    fn protected_spans_are_kept() {
        let text = "Skriv till elin.aarflot@regeringskansliet.se om S2020/06722/FS, t.ex. via SKR.";
        assert_eq!(repaired(text), text);
    }
}
