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
    pattern: Regex,
    /// The entry of each capture group of `pattern` (group `g{i}` is `entries[i]` by name,
    /// `a{i}` by abbreviation).
    groups: Vec<(String, usize)>,
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
    let mut abbreviation_count: HashMap<&str, usize> = HashMap::new();
    for a in entries.iter().filter_map(|e| e.abbreviation) {
        *abbreviation_count.entry(a).or_default() += 1;
    }
    let is_name = |a: &str| entries.iter().any(|e| e.name == a);
    let mut alternatives: Vec<(usize, String, String)> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        alternatives.push((e.name.len(), format!("g{i}"), name_pattern(e.name)));
        // An abbreviation stands alone in prose ("SKR", "FN:s") only when it names one body, is
        // not itself a body's name ("Sida") and has two capitals: single-letter and mixed-case
        // ministry codes ("S", "Fi") are diarienummer prefixes, not names.
        if let Some(a) = e.abbreviation.filter(|a| {
            abbreviation_count[a] == 1
                && !is_name(a)
                && a.chars().filter(|c| c.is_uppercase()).count() >= 2
        }) {
            alternatives.push((a.len(), format!("a{i}"), regex::escape(a)));
        }
    }
    // Longest first, so that "Länsstyrelsen i Skåne län" wins over "Länsstyrelsen".
    alternatives.sort_by(|x, y| y.0.cmp(&x.0));
    let pattern = alternatives
        .iter()
        .map(|(_, group, p)| format!("(?P<{group}>{p})"))
        .collect::<Vec<_>>()
        .join("|");
    // A name may take the genitive s ("Socialstyrelsens rapport").
    let pattern = Regex::new(&format!(r"\b(?:{pattern})s?\b")).unwrap();
    let groups = alternatives
        .into_iter()
        .map(|(_, group, _)| {
            let index = group[1..].parse().unwrap();
            (group, index)
        })
        .collect();
    Dictionary {
        longest: entries.iter().map(|e| e.name.len()).max().unwrap_or(0),
        entries,
        pattern,
        groups,
    }
});

/// Every mention of a body in `text`, in order.
pub fn mentions(text: &str) -> Vec<Mention> {
    let dict = &*DICTIONARY;
    dict.pattern
        .captures_iter(text)
        .filter_map(|caps| {
            let (m, index) = dict
                .groups
                .iter()
                .find_map(|(g, i)| caps.name(g).map(|m| (m, *i)))?;
            Some(Mention {
                entry: &dict.entries[index],
                start: m.start(),
                end: m.end(),
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
