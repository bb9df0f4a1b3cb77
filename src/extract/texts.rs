//! The texts the extractors read, and the one way back from them to the original document.
//!
//! Extractors search the reading text (repaired, paragraphs joined, hyphenated words rejoined) or
//! the repaired text (same lines as the original); every range they report goes through
//! [`Texts::span`] or [`Texts::span_repaired`], so that it is a byte range of the original.

use crate::layout::{Layout, LineKind};
use crate::offsets::MappedText;
use std::ops::Range;

/// The original, repaired and reading texts of one document, with its layout and the sentences
/// of its reading text.
pub struct Texts<'a> {
    /// The decoded document: every reported offset points into it.
    pub original: &'a str,
    /// The repaired text, mapped to the original.
    pub repaired: &'a MappedText,
    /// The reading text of the repaired text, mapped to the repaired text.
    pub reading: &'a MappedText,
    /// The layout of the repaired text.
    pub layout: &'a Layout,
    /// Byte ranges of the reading text's sentences, in order: found once, since searching for
    /// sentence ends around every item would be quadratic in a long paragraph.
    sentences: Vec<Range<usize>>,
}

impl<'a> Texts<'a> {
    pub fn new(
        original: &'a str,
        repaired: &'a MappedText,
        reading: &'a MappedText,
        layout: &'a Layout,
    ) -> Texts<'a> {
        Texts {
            original,
            repaired,
            reading,
            layout,
            sentences: sentences(&reading.text),
        }
    }

    /// The repaired text.
    pub fn text(&self) -> &'a str {
        &self.repaired.text
    }

    /// The reading text.
    pub fn reading(&self) -> &'a str {
        &self.reading.text
    }

    /// Byte range in the original of a range of the reading text.
    ///
    /// The end is mapped through the range's last character: the character after it may be a
    /// paragraph break, which maps past the line terminator.
    pub fn span(&self, range: Range<usize>) -> Range<usize> {
        let start = self.reading.map.to_source(range.start);
        let end = match self.reading.text[range.clone()].chars().next_back() {
            Some(last) => self.reading.map.to_source(range.end - last.len_utf8()) + last.len_utf8(),
            None => start,
        };
        self.span_repaired(start..end)
    }

    /// Byte range in the original of a range of the repaired text.
    pub fn span_repaired(&self, range: Range<usize>) -> Range<usize> {
        let map = &self.repaired.map;
        map.to_source(range.start)..map.to_source(range.end)
    }

    /// What kind of layout line the reading-text offset `at` comes from.
    pub fn line_kind(&self, at: usize) -> LineKind {
        let repaired_at = self.reading.map.to_source(at);
        let lines = &self.layout.lines;
        let i = lines.partition_point(|l| l.start <= repaired_at);
        i.checked_sub(1).map_or(LineKind::Blank, |i| lines[i].kind)
    }

    /// The sentence of the reading text that offset `at` is in (between two sentences: the one
    /// before it).
    pub fn sentence(&self, at: usize) -> Range<usize> {
        let i = self.sentences.partition_point(|s| s.start <= at);
        i.checked_sub(1)
            .map_or(at..at, |i| self.sentences[i].clone())
    }
}

/// List bullets: each item of a list is a sentence of its own, even when the reading text has
/// joined the items' lines into one paragraph.
const BULLETS: [char; 4] = ['•', '▪', '●', '◦'];

/// Whether a sentence ends at byte `i` of `text`: a full stop, question or exclamation mark
/// followed by a space and a capital letter, digit or dash (so that "t.ex. kan" and "bl.a.
/// handla" stay one sentence), a paragraph break or a list bullet.
fn sentence_ends_at(text: &str, i: usize) -> bool {
    let rest = &text[i..];
    if rest.starts_with('\n') || rest.starts_with(BULLETS) {
        return true;
    }
    if !rest.starts_with(['.', '!', '?']) {
        return false;
    }
    let after = &rest[1..];
    let next = after.trim_start_matches([' ', '\u{a0}']);
    next.is_empty()
        || next.starts_with('\n')
        || (next.len() < after.len()
            && next.starts_with(|c: char| {
                c.is_uppercase() || c.is_ascii_digit() || c == '–' || c == '-'
            }))
}

/// The sentences of `text`, in order: each from after the previous sentence end (or the start)
/// to its own end, final stop and surrounding spaces excluded; blank ones left out.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut push = |range: Range<usize>| {
        let sentence = &text[range.clone()];
        let lead = sentence.len() - sentence.trim_start().len();
        if !sentence.trim().is_empty() {
            out.push(range.start + lead..range.start + sentence.trim_end().len());
        }
    };
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if sentence_ends_at(text, i) {
            push(start..i);
            start = i + c.len_utf8();
        }
    }
    push(start..text.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::analyze;

    #[test]
    fn sentences_do_not_end_at_abbreviations_and_list_items_are_sentences() {
        let text =
            "Det kan bl.a. handla om stöd. Medlen betalas ut.\nNästa stycke: • Ale, 5 kr • Bjuv";
        let found: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            found,
            vec![
                "Det kan bl.a. handla om stöd",
                "Medlen betalas ut",
                "Nästa stycke:",
                "Ale, 5 kr",
                "Bjuv"
            ]
        );
    }

    #[test]
    fn spans_map_reading_offsets_back_to_the_original() {
        // The repair changes "f6r" to "för" (one byte longer); the reading text joins the lines.
        let original = "Medlen f6r Kammar-\nkollegiet om 35 000\nkronor\n\nSlut";
        let edit = crate::repair::Edit {
            start: 7,
            end: 10,
            line: 1,
            old: "f6r".into(),
            new: "för".into(),
            confidence: 1.0,
            reason: crate::repair::Reason::DigitForLetter,
        };
        let repaired = crate::repair::apply_edits(original, &[edit]);
        let layout = analyze(&repaired.text);
        let reading = layout.reading_text(&repaired.text);
        let texts = Texts::new(original, &repaired, &reading, &layout);
        assert_eq!(
            texts.reading(),
            "Medlen för Kammarkollegiet om 35 000 kronor\nSlut"
        );
        let at = texts.reading().find("Kammarkollegiet").unwrap();
        assert_eq!(
            &original[texts.span(at..at + "Kammarkollegiet".len())],
            "Kammar-\nkollegiet"
        );
        let at = texts.reading().find("35").unwrap();
        assert_eq!(
            &original[texts.span(at..at + "35 000 kronor".len())],
            "35 000\nkronor"
        );
        let at = texts.reading().find("för").unwrap();
        assert_eq!(&original[texts.span(at..at + "för".len())], "f6r");
    }
}
