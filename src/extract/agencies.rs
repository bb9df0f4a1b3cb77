//! Government bodies named in a text (Kammarkollegiet, Socialstyrelsen, SKR, …), from
//! `dictionaries/agencies.tsv`: `name<TAB>abbreviation<TAB>kind`, after `#` comment lines.

use super::texts::Texts;
use crate::record::Agency;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

static AGENCIES_TSV: &str = include_str!("../../dictionaries/agencies.tsv");

/// One row of the dictionary.
#[derive(Debug)]
pub struct Entry {
    pub name: &'static str,
    pub abbreviation: Option<&'static str>,
    /// ministry, agency, organisation, court, region_body or other.
    pub kind: &'static str,
}

/// The government itself writes every document; naming it says nothing about the document.
const AUTHOR: &str = "Regeringen";

/// The dictionary and one pattern that finds any of its bodies.
struct Dictionary {
    entries: Vec<Entry>,
    /// Any name or standalone abbreviation, without word boundaries: they are checked apart,
    /// since a Unicode `\b` (or a capture group per entry) in a pattern this large forces the
    /// regex crate onto its slowest engine.
    pattern: Regex,
    /// Entries by folded name (see [`fold`]).
    by_name: HashMap<String, usize>,
    /// Entries by standalone abbreviation, as printed.
    by_abbreviation: HashMap<&'static str, usize>,
    /// Byte length of the longest name.
    longest: usize,
}

/// A body named in a text: its entry and the byte range of the mention.
#[derive(Debug)]
pub struct Mention {
    pub entry: &'static Entry,
    pub start: usize,
    pub end: usize,
}

/// A name as a pattern: first letter as printed, the rest in any case ("Sveriges kommuner och
/// regioner"), å/ä/ö also without their diacritics (as the OCR prints them), any run of spaces
/// between words.
fn name_pattern(name: &str) -> String {
    let mut chars = name.chars();
    let first = chars
        .next()
        .map(|c| regex::escape(&c.to_string()))
        .unwrap_or_default();
    let rest: String = chars
        .map(|c| match c {
            'å' | 'ä' => "[åäa]".to_string(),
            'ö' => "[öo]".to_string(),
            ' ' => r"\s+".to_string(),
            c => regex::escape(&c.to_string()),
        })
        .collect();
    format!("{first}(?i:{rest})")
}

/// The key of a name: what [`name_pattern`] lets vary made uniform (case, diacritics, spaces).
fn fold(name: &str) -> String {
    name.split_whitespace()
        .map(crate::swedish::folded)
        .collect::<Vec<_>>()
        .join(" ")
}

static DICTIONARY: LazyLock<Dictionary> = LazyLock::new(|| {
    let entries: Vec<Entry> = AGENCIES_TSV
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let name = cols.next()?.trim();
            let abbreviation = cols.next().map(str::trim).filter(|a| !a.is_empty());
            let kind = cols.next().unwrap_or("other").trim();
            (name != AUTHOR).then_some(Entry {
                name,
                abbreviation,
                kind,
            })
        })
        .collect();
    let by_name: HashMap<String, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (fold(e.name), i))
        .collect();
    let mut abbreviation_count: HashMap<&str, usize> = HashMap::new();
    for a in entries.iter().filter_map(|e| e.abbreviation) {
        *abbreviation_count.entry(a).or_default() += 1;
    }
    // An abbreviation stands alone in prose ("SKR", "FN:s") only when it names one body, is not
    // itself a body's name ("Sida") and has two capitals: single-letter and mixed-case ministry
    // codes ("S", "Fi") are diarienummer prefixes, not names.
    let by_abbreviation: HashMap<&'static str, usize> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Some((e.abbreviation?, i)))
        .filter(|(a, _)| {
            abbreviation_count[a] == 1
                && !by_name.contains_key(&fold(a))
                && a.chars().filter(|c| c.is_uppercase()).count() >= 2
        })
        .collect();
    let mut alternatives: Vec<(usize, String)> = entries
        .iter()
        .map(|e| (e.name.len(), name_pattern(e.name)))
        .chain(by_abbreviation.keys().map(|a| (a.len(), regex::escape(a))))
        .collect();
    // Longest first, so that "Länsstyrelsen i Skåne län" wins over "Länsstyrelsen".
    alternatives.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| x.1.cmp(&y.1)));
    let alternatives: Vec<String> = alternatives.into_iter().map(|(_, p)| p).collect();
    // A name may take the genitive s ("Socialstyrelsens rapport").
    let pattern = Regex::new(&format!("(?:{})s?", alternatives.join("|"))).unwrap();
    Dictionary {
        longest: entries.iter().map(|e| e.name.len()).max().unwrap_or(0),
        entries,
        pattern,
        by_name,
        by_abbreviation,
    }
});

/// Every mention of a body in `text`, in order: a match standing as words of its own, read as a
/// name or abbreviation, with or without a genitive s.
pub fn mentions(text: &str) -> Vec<Mention> {
    let dict = &*DICTIONARY;
    let is_word = |c: char| c.is_alphanumeric();
    dict.pattern
        .find_iter(text)
        .filter(|m| !text[..m.start()].ends_with(is_word) && !text[m.end()..].starts_with(is_word))
        .filter_map(|m| {
            let printed = m.as_str();
            let lookup = |s: &str| {
                dict.by_abbreviation
                    .get(s)
                    .or_else(|| dict.by_name.get(&fold(s)))
                    .copied()
            };
            let (index, len) = match lookup(printed) {
                Some(i) => (i, printed.len()),
                None => {
                    let bare = printed.strip_suffix('s')?;
                    (lookup(bare)?, bare.len())
                }
            };
            Some(Mention {
                entry: &dict.entries[index],
                start: m.start(),
                end: m.start() + len,
            })
        })
        .collect()
}

/// The body named at the very start of `text`, if any.
pub fn named_at_start(text: &str) -> Option<&'static Entry> {
    // Only the first few bytes can hold it: looking further would scan the whole text.
    let mut end = text.len().min(DICTIONARY.longest + 1);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    mentions(&text[..end])
        .into_iter()
        .find(|m| m.start == 0)
        .map(|m| m.entry)
}

/// The bodies a document names, each once, in order of first mention (found in the reading text,
/// so names broken over lines count).
pub fn agencies(texts: &Texts) -> Vec<Agency> {
    let mut out: Vec<Agency> = Vec::new();
    for m in mentions(texts.reading()) {
        if out.iter().any(|a| a.name == m.entry.name) {
            continue;
        }
        let span = texts.span(m.start..m.end);
        out.push(Agency {
            name: m.entry.name.to_string(),
            abbreviation: m.entry.abbreviation.map(str::to_string),
            kind: m.entry.kind.to_string(),
            start: span.start,
            end: span.end,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&'static str> {
        mentions(text).iter().map(|m| m.entry.name).collect()
    }

    #[test]
    fn the_dictionary_skips_its_comment_lines() {
        assert!(DICTIONARY.entries.len() > 200);
        assert!(DICTIONARY.entries.iter().all(|e| !e.name.starts_with('#')));
        let skr = DICTIONARY
            .entries
            .iter()
            .find(|e| e.name == "Sveriges Kommuner och Regioner")
            .unwrap();
        assert_eq!(skr.abbreviation, Some("SKR"));
    }

    #[test]
    fn names_abbreviations_genitives_and_damaged_names_are_found() {
        assert_eq!(
            names("Regeringen ger Kammarkollegiet i uppdrag. Enligt Socialstyrelsens rapport och SKR:s"),
            vec!["Kammarkollegiet", "Socialstyrelsen", "Sveriges Kommuner och Regioner"]
        );
        assert_eq!(
            names("Lansstyrelsen i Skane lan och Sveriges kommuner och landsting"),
            vec![
                "Länsstyrelsen i Skåne län",
                "Sveriges Kommuner och Landsting"
            ]
        );
    }

    #[test]
    fn ministry_codes_and_the_author_are_not_bodies() {
        assert!(names("S2020/06722/FS från Fi och Regeringen").is_empty());
    }
}
