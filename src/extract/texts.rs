//! The texts the extractors read, and the one way back from them to the original document.
//!
//! Extractors search the reading text (repaired, paragraphs joined, hyphenated words rejoined) or
//! the repaired text (same lines as the original); every range they report goes through
//! [`Texts::span`] or [`Texts::span_repaired`], so that it is a byte range of the original.

use crate::layout::{Layout, LineKind};
use crate::offsets::MappedText;
use std::ops::Range;

/// The original, repaired and reading texts of one document, with its layout.
pub struct Texts<'a> {
    /// The decoded document: every reported offset points into it.
    pub original: &'a str,
    /// The repaired text, mapped to the original.
    pub repaired: &'a MappedText,
    /// The reading text of the repaired text, mapped to the repaired text.
    pub reading: &'a MappedText,
    /// The layout of the repaired text.
    pub layout: &'a Layout,
}

impl<'a> Texts<'a> {
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

    /// The original text of a range of the reading text: what the page printed.
    pub fn printed(&self, range: Range<usize>) -> &'a str {
        &self.original[self.span(range)]
    }

    /// What kind of layout line the reading-text offset `at` comes from.
    pub fn line_kind(&self, at: usize) -> LineKind {
        let repaired_at = self.reading.map.to_source(at);
        let lines = &self.layout.lines;
        let i = lines.partition_point(|l| l.start <= repaired_at);
        i.checked_sub(1)
            .map_or(LineKind::Blank, |i| lines[i].kind)
    }

    /// The sentence of the reading text around offset `at`: from after the previous sentence end
    /// (or paragraph start) to its own end, final stop excluded.
    pub fn sentence(&self, at: usize) -> Range<usize> {
        sentence_around(self.reading(), at)
    }
}

/// Whether a sentence ends at byte `i` of `text`: a full stop, question or exclamation mark
/// followed by a space and a capital letter, digit or dash (so that "t.ex. kan" and "bl.a.
/// handla" stay one sentence), or a paragraph break.
fn sentence_ends_at(text: &str, i: usize) -> bool {
    let rest = &text[i..];
    if rest.starts_with('\n') {
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
            && next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '–' || c == '-'))
}

/// The sentence of `text` around byte offset `at` (see [`Texts::sentence`]).
pub fn sentence_around(text: &str, at: usize) -> Range<usize> {
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|&(i, _)| sentence_ends_at(text, i))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .char_indices()
        .find(|&(i, _)| sentence_ends_at(text, at + i))
        .map_or(text.len(), |(i, _)| at + i);
    let skipped = text[start..end].len() - text[start..end].trim_start().len();
    (start + skipped)..end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::analyze;

    #[test]
    fn sentences_do_not_end_at_abbreviations() {
        let text = "Det kan bl.a. handla om stöd. Medlen betalas ut.\nNästa stycke.";
        let at = text.find("stöd").unwrap();
        assert_eq!(&text[sentence_around(text, at)], "Det kan bl.a. handla om stöd");
        let at = text.find("betalas").unwrap();
        assert_eq!(&text[sentence_around(text, at)], "Medlen betalas ut");
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
        let texts = Texts {
            original,
            repaired: &repaired,
            reading: &reading,
            layout: &layout,
        };
        assert_eq!(texts.reading(), "Medlen för Kammarkollegiet om 35 000 kronor\nSlut");
        let at = texts.reading().find("Kammarkollegiet").unwrap();
        assert_eq!(texts.printed(at..at + "Kammarkollegiet".len()), "Kammar-\nkollegiet");
        let at = texts.reading().find("35").unwrap();
        assert_eq!(texts.printed(at..at + "35 000 kronor".len()), "35 000\nkronor");
        let at = texts.reading().find("för").unwrap();
        assert_eq!(texts.printed(at..at + "för".len()), "f6r");
    }
}
