//! What the document says about itself: its title, the ministry it comes from and when it was
//! published.

use super::agencies;
use super::dates::{self, Date};
use super::texts::Texts;
use crate::layout::LineKind;
use crate::record::Decision;
use crate::words::WordRegex;
use std::sync::LazyLock;

/// Lines that open a press release page but are not its title (matched with diacritics folded).
const BOILERPLATE: &[&str] = &[
    "pressmeddelande",
    "innehallet publicerades",
    "report this content",
];

/// A title has at most this many words; longer first lines are body text.
const MAX_TITLE_WORDS: usize = 25;

/// "Pressmeddelande från X" and "Departement: X" name the ministry that wrote the document.
static FROM_MINISTRY: LazyLock<WordRegex> =
    LazyLock::new(|| WordRegex::new(r"(?i)\b(?:pressmeddelande\s+fr[aåä]n|departement:)\s*"));

static PUBLISHED: LazyLock<WordRegex> = LazyLock::new(|| WordRegex::new(r"(?i)\bpublicerad[\s:]+"));

/// Whether a line is page furniture rather than a title: a boilerplate opener or a rule of
/// dashes.
fn is_boilerplate(line: &str) -> bool {
    let line = line.trim();
    let folded = crate::swedish::folded(line);
    BOILERPLATE.iter().any(|b| folded.starts_with(b)) || line.chars().all(|c| c == '-')
}

/// Whether a paragraph reads as a heading: a few words with a lowercase letter, not a sentence
/// ending in a full stop or colon, and not boilerplate.
fn is_heading(paragraph: &str) -> bool {
    let p = paragraph.trim();
    (1..=MAX_TITLE_WORDS).contains(&p.split_whitespace().count())
        && p.chars().any(char::is_lowercase)
        && !p.ends_with(['.', ':'])
        && !is_boilerplate(p)
}

/// Whether a paragraph marks the end of the document's head: "Publicerad" (with or without a
/// date) on a press release, "Regeringens beslut" on a decision.
fn is_head_end(paragraph: &str) -> bool {
    // Folding keeps one character for each, so a few more characters than the longest marker
    // decide it: folding a whole long paragraph would be wasted.
    const LONGEST: &str = "regeringens beslut";
    let folded: String = paragraph
        .trim()
        .chars()
        .take(LONGEST.len() + 1)
        .map(crate::swedish::base_letter)
        .collect();
    folded == LONGEST || folded == "publicerad" || folded.starts_with("publicerad ")
}

/// The title: the heading right before "Publicerad" or "Regeringens beslut" (its lines joined),
/// else the first line when it reads as a heading (and is not boilerplate).
pub fn title(texts: &Texts) -> Option<String> {
    let paragraphs: Vec<&str> = texts.reading().split('\n').collect();
    let before_anchor = paragraphs
        .iter()
        .position(|p| is_head_end(p))
        .and_then(|at| paragraphs[..at].iter().rev().find(|p| !p.trim().is_empty()))
        .filter(|p| is_heading(p));
    let first_line = || {
        let text = texts.text();
        texts
            .layout
            .lines
            .iter()
            .filter(|l| l.kind == LineKind::Text)
            .map(|l| &text[l.start..l.end])
            .find(|l| !is_boilerplate(l))
            .filter(|l| is_heading(l))
    };
    before_anchor
        .copied()
        .or_else(first_line)
        .map(|t| t.trim().to_string())
}

/// The ministry: named after "Pressmeddelande från" or "Departement:", else a decision's own.
pub fn ministry(texts: &Texts, decision: Option<&Decision>) -> Option<String> {
    let reading = texts.reading();
    FROM_MINISTRY
        .find_iter(reading)
        .find_map(|m| {
            agencies::named_at_start(&reading[m.end()..])
                .filter(|entry| entry.kind == "ministry")
                .map(|entry| entry.name.to_string())
        })
        .or_else(|| decision.and_then(|d| d.ministry.clone()))
}

/// The publication date, from "Publicerad 28 oktober 2022" (a date with its year).
pub fn published(texts: &Texts) -> Option<Date> {
    let reading = texts.reading();
    PUBLISHED
        .find_iter(reading)
        .find_map(|m| dates::date_at_start(&reading[m.end()..]).filter(|d| d.year.is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::analyze;
    use crate::offsets::MappedText;

    fn with_texts<T>(text: &str, f: impl Fn(&Texts) -> T) -> T {
        let repaired = MappedText::identity(text);
        let layout = analyze(text);
        let reading = layout.reading_text(text);
        f(&Texts::new(text, &repaired, &reading, &layout))
    }

    #[test]
    fn press_release_head() {
        let text = "Pressmeddelande från Finansdepartementet\n\nKommundelegation för tillfälligt\nstöd till vissa kommuner\n\nPublicerad 28 oktober 2022\n\nI budgetpropositionen för 2021 föreslår regeringen.\n";
        with_texts(text, |t| {
            assert_eq!(
                title(t).as_deref(),
                Some("Kommundelegation för tillfälligt stöd till vissa kommuner")
            );
            assert_eq!(ministry(t, None).as_deref(), Some("Finansdepartementet"));
            assert_eq!(
                published(t).and_then(|d| d.iso()).as_deref(),
                Some("2022-10-28")
            );
        });
    }

    #[test]
    fn without_an_anchor_the_first_line_is_the_title_only_if_it_is_a_heading() {
        with_texts(
            "Miljardsatsning för nära vård\n\nReport this content\n\nRegeringen har.\n",
            |t| {
                assert_eq!(title(t).as_deref(), Some("Miljardsatsning för nära vård"));
                assert_eq!((ministry(t, None), published(t)), (None, None));
            },
        );
        with_texts(
            "Regeringen har tillsammans med SKL gjort en överenskommelse.\n",
            |t| assert_eq!(title(t), None),
        );
    }
}
