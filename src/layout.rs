//! Stage 2, layout: pages, lines and what each line is (body text, table row, footnote, page
//! noise), and the reading text in which hyphenated line breaks are joined.
//!
//! Layout never changes characters; it only says where things are. Line offsets are byte offsets
//! into the text it was given, without the line terminator.

use crate::offsets::{MappedText, OffsetMap};
use crate::words::WordRegex;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    Blank,
    Text,
    /// A line of a table: a label followed by one or more amounts.
    TableRow,
    /// A footnote: a mark ("*", "1)") followed by its text, after a table.
    Footnote,
    /// Scanner and letterhead debris: logos read as text ("% Regeringen"), page numbers.
    PageNoise,
}

#[derive(Debug, Clone)]
pub struct Line {
    /// Byte range of the line's content (terminator excluded).
    pub start: usize,
    pub end: usize,
    /// 1-based page number.
    pub page: usize,
    pub kind: LineKind,
    /// A table row's cells (offsets within the line), found once for every stage that reads
    /// them.
    pub cells: Option<RowCells>,
}

#[derive(Debug, Clone)]
pub struct Layout {
    pub lines: Vec<Line>,
    pub pages: usize,
}

/// Cells of a table row: the label and the amounts, as byte ranges in the line.
#[derive(Debug, Clone, PartialEq)]
pub struct RowCells {
    pub label: (usize, usize),
    /// The footnote mark printed after the label, if any ("*").
    pub mark: Option<String>,
    pub amounts: Vec<(usize, usize)>,
}

/// The most words a row's label has ("Gotlands kommun (landstingsdel)", "Region Jämtland
/// Härjedalen"); a longer one is a sentence.
const MAX_LABEL_WORDS: usize = 6;

/// Runs of this many blank lines are page breaks in text exported from scans.
const BLANK_LINES_PER_PAGE_BREAK: usize = 3;

/// A printed number in a table cell: digit groups joined by dots, hyphens or colons as the OCR
/// leaves separators ("199.629", "7-477", "158:999", "11 484-2 178"), and a decimal comma, or the
/// semicolon the OCR reads for one ("37,8", "63;2").
const NUMBER: &str = r"\d+(?:[.:-]\d+)*(?:[,;]\d+)?";
/// The currency a cell may carry after its number.
const CURRENCY: &str = r"(?:kr|kronor|:-)";
/// A stray mark the OCR puts before a digit group ("36 728 '193").
const STRAY: &str = r"['‘’]?";
/// The characters [`STRAY`] stands for.
const STRAY_MARKS: [char; 3] = ['\'', '‘', '’'];

/// A cell: numbers separated by single spaces (digit groups), with its currency.
fn cell_pattern() -> String {
    format!(r"{NUMBER}(?:[ \u{{a0}}]{STRAY}{NUMBER})*(?:\s*{CURRENCY})?")
}

static AMOUNT_CELL: LazyLock<Regex> = LazyLock::new(|| Regex::new(&cell_pattern()).unwrap());
/// A label, its footnote mark, and cells; stray dots and commas the OCR leaves before the first
/// cell or after the last ("Rattvik .7 983 458", "3 334 119.") are not part of either.
static ROW: LazyLock<Regex> = LazyLock::new(|| {
    let cell = cell_pattern();
    Regex::new(&format!(
        r"^\s*(?P<label>\p{{L}}[\p{{L}} .,:'’/()-]*?)(?P<mark>\*+)?\s+[.,]?{STRAY}(?P<amounts>{cell}(?:\s+{STRAY}{cell})*)[.,]?\s*$"
    ))
    .unwrap()
});
static DATE_OR_REFERENCE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(
        r"\b\d{4}-\d\d-\d\d\b|\b(?:19|20)\d\d(?::\d+|-(?:\d\d|(?:19|20)\d\d))\b|^\d{1,2}:\d{1,2}\b",
    )
});
static FOOTNOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?P<mark>\*+|\d\)|\(\d\))\s+\p{L}").unwrap());
static NOISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[%&#@£$§¤|~^®©]+\s*\p{L}+(?:\s+\p{L}+)?|\d+\s*\(\d+\)|-\s*\d+\s*-)\s*$")
        .unwrap()
});

/// Whether a line could be [`NOISE`]: every kind of it starts, after white space, with a symbol,
/// a digit or a hyphen, so a line that starts with a letter, as most do, is not, and is not
/// handed to the regex (whose every call costs some hundred instructions, even one that fails
/// on the first letter).
fn may_be_noise(line: &str) -> bool {
    !line.trim_start().starts_with(char::is_alphabetic)
}

/// Whether a line could be a [`ROW`]: it has a digit and ends in an amount, perhaps with a stray
/// dot or comma after it: in a digit, the "r" of "kr" or the "-" of ":-" (a digit beyond ASCII
/// before a stray mark is left to the regex). Most prose lines end in a letter and a full stop.
fn may_be_row(line: &str) -> bool {
    let is_amount_end = |c: char| c.is_ascii_digit() || matches!(c, 'r' | '-');
    let body = line.trim_end();
    let ends_in_amount = match body.strip_suffix(['.', ',']) {
        Some(amount) => (amount.chars().last()).is_some_and(|c| is_amount_end(c) || !c.is_ascii()),
        None => body.chars().last().is_some_and(is_amount_end),
    };
    ends_in_amount && line.bytes().any(|b| b.is_ascii_digit())
}

/// Splits a table row into label and amount cells; `None` when the line is not a row.
pub fn row_cells(line: &str) -> Option<RowCells> {
    // cheap test first
    if !may_be_row(line) {
        return None;
    }
    if !ROW.is_match(line) {
        return None;
    }
    let parts = RowParts::by_shape(line).unwrap_or_else(|| RowParts::by_groups(line));
    let (label, amounts_text) = (&line[parts.label.clone()], &line[parts.amounts.clone()]);
    let after = line[parts.amounts.end..].trim();
    // most lines the regex takes for rows are prose, told apart before their cells are found
    if !plausible_amounts(label, amounts_text, after) {
        return None;
    }
    let amounts = AMOUNT_CELL
        .find_iter(amounts_text)
        .map(|m| {
            (
                parts.amounts.start + m.start(),
                parts.amounts.start + m.end(),
            )
        })
        .collect::<Vec<_>>();
    Some(RowCells {
        label: (parts.label.start, parts.label.end),
        mark: parts.mark.map(|mark| line[mark].to_string()),
        amounts,
    })
}

/// Where the groups of [`ROW`] are in a line it matches.
#[derive(Debug, PartialEq)]
struct RowParts {
    label: Range<usize>,
    mark: Option<Range<usize>>,
    amounts: Range<usize>,
}

impl RowParts {
    /// The groups as the regex resolves them. That runs its bounded backtracker, whose setup
    /// alone (a bitmap of line length × the states of `\p{L}` and `\s`, kilobytes) costs more
    /// than deciding the match, hence [`RowParts::by_shape`] wherever it can answer.
    fn by_groups(line: &str) -> RowParts {
        let caps = ROW.captures(line).expect("a line ROW matches");
        RowParts {
            label: caps.name("label").expect("a group of ROW").range(),
            mark: caps.name("mark").map(|m| m.range()),
            amounts: caps.name("amounts").expect("a group of ROW").range(),
        }
    }

    /// The groups of a line ROW matches, read off its shape: nothing before the amounts is a
    /// digit (label letters and punctuation, mark, white space, a stray dot or comma and quote),
    /// so the amounts start at the first digit; they end in a digit, an "r" or a "-", so before
    /// the dot or comma and white space that may end the line. Between label and amounts stand,
    /// from the end, a stray quote, a dot or comma, white space and the mark's stars, none of
    /// which the shortest label ends in. `None` when a character before the first ASCII digit
    /// might be a digit of another script (which `\d` also matches): neither ASCII, a letter nor
    /// white space.
    fn by_shape(line: &str) -> Option<RowParts> {
        let first_digit = line.find(|c: char| c.is_ascii_digit())?;
        let before = &line[..first_digit];
        if !before
            .chars()
            .all(|c| c.is_ascii() || c.is_alphabetic() || c.is_whitespace())
        {
            return None;
        }
        let label_start = before.len() - before.trim_start().len();
        let lead = before.strip_suffix(STRAY_MARKS).unwrap_or(before);
        let lead = lead.strip_suffix(['.', ',']).unwrap_or(lead).trim_end();
        let label_end = lead.trim_end_matches('*').len();
        let body = line.trim_end();
        let amounts_end = body.strip_suffix(['.', ',']).unwrap_or(body).len();
        Some(RowParts {
            label: label_start..label_end,
            mark: (label_end < lead.len()).then_some(label_end..lead.len()),
            amounts: first_digit..amounts_end,
        })
    }
}

/// Whether a label and the numbers after it are a table row rather than a sentence that ends
/// in, or wraps at, a number: the label is a name (capitalised and short: "kollegiet om 35 000"
/// and "Regeringen ger Kammarkollegiet i uppdrag att utbetala 30 000 000 kronor" are prose), an
/// amount with its currency is not followed by a full stop (`after`: what follows the amounts),
/// the numbers carry a currency or at least one digit group (a bare year is prose) or are a
/// decimal ("37,8" mnkr), and they are neither a date or a span of years ("2020-11-30",
/// "2021-2025"), a reference ("1:6", "Dir. 2024:50") nor a telephone number, which starts with a
/// zero ("08-405 10 00").
fn plausible_amounts(label: &str, amounts: &str, after: &str) -> bool {
    let has_currency = amounts.contains("kr") || amounts.contains(":-");
    let leading_zero =
        amounts.starts_with('0') && amounts[1..].starts_with(|c: char| c.is_ascii_digit());
    label.starts_with(char::is_uppercase)
        && label.split_whitespace().count() <= MAX_LABEL_WORDS
        && (after.is_empty() || !has_currency)
        && (has_currency || amounts.contains([',', ';']) || amounts.trim().len() >= 5)
        && !leading_zero
        && !DATE_OR_REFERENCE.is_match(amounts)
}

/// The footnote mark at the start of a line, if the line is a footnote.
pub fn footnote_mark(line: &str) -> Option<&str> {
    FOOTNOTE
        .captures(line)
        .and_then(|c| c.name("mark"))
        .map(|m| m.as_str())
}

/// Byte ranges of the lines of `text`, terminators (`\n`, `\r\n`, `\r`, form feed) excluded; the
/// flag says whether a form feed ended the line. The terminators are found by `memchr`, many
/// bytes at a time, and the list is allocated for at most as many lines as there are
/// terminators, each kind counted on its own (which `memchr` does many bytes at a time too,
/// not match by match).
fn split_lines(text: &str) -> Vec<(usize, usize, bool)> {
    let bytes = text.as_bytes();
    let ends = memchr::memchr3_iter(b'\n', b'\r', b'\x0c', bytes);
    let terminators: usize = (b"\n\r\x0c".iter())
        .map(|&b| memchr::memchr_iter(b, bytes).count())
        .sum();
    let mut lines = Vec::with_capacity(terminators + 1);
    let mut start = 0;
    for at in ends {
        if at < start {
            // the "\n" of a "\r\n", which ended its line at the "\r"
            continue;
        }
        lines.push((start, at, bytes[at] == b'\x0c'));
        let crlf = bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n');
        start = at + 1 + usize::from(crlf);
    }
    if start < bytes.len() {
        lines.push((start, bytes.len(), false));
    }
    lines
}

/// What a line's own content makes it, before its neighbours are considered.
enum Content {
    Blank,
    Noise,
    Row(RowCells),
    Other,
}

impl Content {
    fn of(content: &str) -> Content {
        if content.trim().is_empty() {
            Content::Blank
        } else if may_be_noise(content) && NOISE.is_match(content) {
            Content::Noise
        } else if let Some(cells) = row_cells(content) {
            Content::Row(cells)
        } else {
            Content::Other
        }
    }

    /// What a line already classified was found to be.
    fn as_found(line: &Line) -> Content {
        match (line.kind, &line.cells) {
            (LineKind::Blank, _) => Content::Blank,
            (LineKind::PageNoise, _) => Content::Noise,
            (LineKind::TableRow, Some(cells)) => Content::Row(cells.clone()),
            _ => Content::Other,
        }
    }
}

/// Finds pages and classifies lines.
pub fn analyze(text: &str) -> Layout {
    let lines = split_lines(text)
        .into_iter()
        .map(|(start, end, form_feed)| (start, end, form_feed, Content::of(&text[start..end])));
    assemble(text, lines)
}

/// The layout of `text`, made by `changes` from a text whose layout is `old`, as repair makes
/// them: each `(start, end, len)` replaced bytes `start..end` of a line with `len` bytes (no line
/// terminator), in order. The lines are `old`'s, moved by the changes before them; a line without
/// a change keeps what was found in it, and only the changed lines are matched again. Exactly
/// [`analyze`]`(text)`.
pub fn reanalyze(
    text: &str,
    old: &Layout,
    changes: impl IntoIterator<Item = (usize, usize, usize)>,
) -> Layout {
    let mut changes = changes.into_iter().peekable();
    // how far the changes so far moved the text
    let mut shift = 0isize;
    let lines = old.lines.iter().map(|was| {
        let start = was.start.wrapping_add_signed(shift);
        let mut changed = false;
        while let Some((s, e, len)) = changes.next_if(|&(s, _, _)| s <= was.end) {
            shift += len as isize - (e - s) as isize;
            changed = true;
        }
        let end = was.end.wrapping_add_signed(shift);
        let found = match changed {
            true => Content::of(&text[start..end]),
            false => Content::as_found(was),
        };
        // a line ended by a form feed turns the page, as in `split_lines`
        let form_feed = text.as_bytes().get(end) == Some(&b'\x0c');
        (start, end, form_feed, found)
    });
    assemble(text, lines)
}

/// Pages and line kinds from each line's content, in order: a footnote is one only after a table
/// row, and blank runs and form feeds turn pages.
fn assemble(text: &str, contents: impl Iterator<Item = (usize, usize, bool, Content)>) -> Layout {
    let mut lines = Vec::with_capacity(contents.size_hint().0);
    let mut page = 1;
    let mut blank_run = 0;
    let mut seen_table = false;
    for (start, end, form_feed, found) in contents {
        let (kind, cells) = match found {
            Content::Blank => (LineKind::Blank, None),
            Content::Noise => (LineKind::PageNoise, None),
            Content::Row(cells) => {
                seen_table = true;
                (LineKind::TableRow, Some(cells))
            }
            Content::Other if seen_table && footnote_mark(&text[start..end]).is_some() => {
                (LineKind::Footnote, None)
            }
            Content::Other => (LineKind::Text, None),
        };
        if kind == LineKind::Blank {
            blank_run += 1;
        } else {
            if blank_run >= BLANK_LINES_PER_PAGE_BREAK {
                page += 1;
            }
            blank_run = 0;
        }
        lines.push(Line {
            start,
            end,
            page,
            kind,
            cells,
        });
        if form_feed {
            page += 1;
            blank_run = 0;
        }
    }
    Layout { lines, pages: page }
}

/// Words after which a line-end hyphen is a Swedish suspended compound ("hälso- och sjukvård"),
/// not a word broken across lines.
const SUSPENSION_WORDS: &[&str] = &["och", "eller", "samt", "respektive", "resp.", "som", "till"];

impl Layout {
    /// The reading text: body lines of each paragraph joined with spaces, words broken at a
    /// line-end hyphen joined again ("Kammar-" + "kollegiet" → "Kammarkollegiet"), paragraphs
    /// separated by a newline, page noise left out. Table rows and footnotes stay one per line.
    pub fn reading_text(&self, text: &str) -> MappedText {
        let mut out = String::with_capacity(text.len());
        let mut map = OffsetMap::default();
        let mut prev: Option<&Line> = None;
        for line in &self.lines {
            if matches!(line.kind, LineKind::PageNoise) {
                continue;
            }
            if line.kind == LineKind::Blank {
                if prev.is_some_and(|p| p.kind != LineKind::Blank) {
                    map.push(out.len(), line.start, false);
                    out.push('\n');
                }
                prev = Some(line);
                continue;
            }
            let content = &text[line.start..line.end];
            let lead = content.len() - content.trim_start().len();
            let mut start = line.start + lead;
            if let Some(p) = prev.filter(|p| p.kind != LineKind::Blank) {
                let joins_paragraph = p.kind == LineKind::Text && line.kind == LineKind::Text;
                let broken_word = joins_paragraph
                    && out.ends_with('-')
                    && out[..out.len() - 1].ends_with(|c: char| c.is_alphabetic())
                    && content.trim_start().starts_with(|c: char| c.is_lowercase())
                    && !SUSPENSION_WORDS
                        .iter()
                        .any(|w| content.split_whitespace().next() == Some(*w));
                if broken_word {
                    out.pop();
                } else {
                    map.push(out.len(), p.end, false);
                    out.push(if joins_paragraph { ' ' } else { '\n' });
                }
            }
            let trimmed_end = line.end - (content.len() - content.trim_end().len());
            if trimmed_end > start {
                map.push(out.len(), start, true);
                out.push_str(&text[start..trimmed_end]);
            } else {
                start = trimmed_end;
                map.push(out.len(), start, true);
            }
            prev = Some(line);
        }
        MappedText { text: out, map }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_footnotes_and_noise_are_classified() {
        let text = "Kommun Belopp\n\nAle 84 465 kr\nFalun* 152 784 kr\nBjuv 71129 kr\n % Regeringen\n* Uppgift saknas för 2019.\n";
        let layout = analyze(text);
        let kinds: Vec<_> = layout.lines.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            vec![
                LineKind::Text,
                LineKind::Blank,
                LineKind::TableRow,
                LineKind::TableRow,
                LineKind::TableRow,
                LineKind::PageNoise,
                LineKind::Footnote
            ]
        );
    }

    #[test]
    fn reanalysis_of_changed_lines_is_analysis() {
        let before = "Goéteborg 71129 kr\nStockholm 1 000 kr\x0c* Not\n\n\n\nText\n";
        let old = analyze(before);
        for (after, changes) in [
            (
                "Göteborg 71 129 kr\nStockholm 1 000 kr\x0c* Not\n\n\n\nText\n",
                [(0, 10, 9), (11, 16, 6)].as_slice(),
            ),
            (
                "Göteborg och mer\nStockholm 1 000 kr\x0c* Not\n\n\n\nText\n",
                &[(0, 19, 17)],
            ),
            (
                "Goéteborg 71129 kr\nStockholm 1 000 kr\x0c* Not\n\n\n\nTexts\n",
                &[(48, 52, 5)],
            ),
        ] {
            let fresh = analyze(after);
            let again = reanalyze(after, &old, changes.iter().copied());
            assert_eq!(format!("{again:?}"), format!("{fresh:?}"), "{after:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn reanalysis_of_any_changed_lines_is_analysis(
            lines in proptest::collection::vec(("[A-Za-zö* ]{0,12}( [0-9]{1,3}( [0-9]{3})?( kr)?)?", "[A-Za-zö* ]{0,12}( [0-9]{1,3}( [0-9]{3})?( kr)?)?", proptest::bool::ANY), 0..12)
        ) {
            let before: String = lines.iter().map(|(a, _, _)| format!("{a}\n")).collect();
            let after: String = lines
                .iter()
                .map(|(a, b, change)| format!("{}\n", if *change { b } else { a }))
                .collect();
            let mut changes = Vec::new();
            let mut start = 0;
            for (a, b, change) in &lines {
                if *change {
                    changes.push((start, start + a.len(), b.len()));
                }
                start += a.len() + 1;
            }
            let again = reanalyze(&after, &analyze(&before), changes);
            proptest::prop_assert_eq!(format!("{again:?}"), format!("{:?}", analyze(&after)));
        }
    }

    #[test]
    fn row_cells_split_label_mark_and_amount() {
        let cells = row_cells("Virmdo* 87 372 kr").unwrap();
        assert_eq!(cells.label, (0, 6));
        assert_eq!(cells.mark.as_deref(), Some("*"));
        assert_eq!(cells.amounts, vec![(8, 17)]);
        let cells = row_cells("Upplands Visby 88 560 kr").unwrap();
        assert_eq!(
            &"Upplands Visby 88 560 kr"[cells.label.0..cells.label.1],
            "Upplands Visby"
        );
        assert!(row_cells("den 1 november 2019").is_none());
    }

    /// The lines of every text in the fixtures and the corpus.
    fn sample_lines() -> Vec<String> {
        let mut folders = vec![std::path::PathBuf::from("fixtures"), "corpus".into()];
        let mut lines = Vec::new();
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    lines.extend(
                        split_lines(&text)
                            .iter()
                            .map(|&(s, e, _)| text[s..e].to_string()),
                    );
                }
            }
        }
        lines
    }

    fn assert_shape_gives_the_groups(line: &str) {
        if ROW.is_match(line) {
            if let Some(parts) = RowParts::by_shape(line) {
                assert_eq!(parts, RowParts::by_groups(line), "{line:?}");
            }
        }
    }

    #[test]
    fn row_parts_read_off_the_shape_are_the_groups() {
        let lines = sample_lines();
        assert!(lines.iter().filter(|l| ROW.is_match(l)).count() > 1000);
        for line in &lines {
            assert_shape_gives_the_groups(line);
        }
        // a digit of another script before the first ASCII one is left to the groups
        assert!(RowParts::by_shape("Ale ٣ 100 kr").is_none());
    }

    proptest::proptest! {
        #[test]
        fn row_parts_of_any_row_like_line_read_off_the_shape_are_the_groups(
            line in "[ \t]{0,2}[A-Za-zåÖé٣][A-Za-zåé٣ .,:'’/()-]{0,10}[*]{0,2}[ \t\u{a0}.,'‘’]{1,3}[0-9]{1,3}([ \u{a0}.:;,'‘-]{1,2}[0-9]{1,3}){0,3}( ?kr| kronor|:-)?[ .,\t]{0,2}"
        ) {
            assert_shape_gives_the_groups(&line);
        }
    }

    #[test]
    fn rows_survive_ocr_marks_and_prose_does_not_pass_for_rows() {
        for row in [
            "Orebro 39 933 062 3 334 119.",
            "Rattvik .7 983 458",
            "Dalarna 63;2 220",
            "Varmland 36 728 '193",
            "Ostergotland 18 237-176",
            "Region Sérmland 13 400.945",
            "Summa 1 470,0",
            "Sävsjö 11 484-2 178 25 012 152",
        ] {
            assert!(row_cells(row).is_some(), "{row}");
        }
        for prose in [
            "kollegiet om 35 000",
            "Telefon 08-405 10 00",
            "Stockholm 2020-11-30",
            "Anslag 1:6",
            "Anslag 10:15 2 000 000",
            "Nationell samordning av försörjningsberedskapen, Dir. 2021:65",
            "Totalförsvaret. 2021-2025",
            "En ändamålsenlig kommunal redovisning, Dir. 2014:125",
            "Beslut: 2621-09-02",
            "Regeringen avsätter 30 000 kronor.",
            "Regeringen ger Kammarkollegiet i uppdrag att utbetala 1 357 000 000 kronor",
        ] {
            assert!(row_cells(prose).is_none(), "{prose}");
        }
    }

    #[test]
    fn rows_are_never_ruled_out_wrongly() {
        let mut lines = sample_lines();
        lines.extend(
            [
                "Ale 1 ٣.",
                "Ale 1 kr,",
                "Ale 12:-",
                "Ale 1 000 .",
                "Ale 1 000..",
            ]
            .map(String::from),
        );
        let rows = lines.iter().filter(|l| ROW.is_match(l)).collect::<Vec<_>>();
        assert!(rows.len() > 1000);
        for row in rows {
            assert!(may_be_row(row), "{row:?}");
        }
        assert!(!may_be_row("Ale 1 000..") && !may_be_row("Summa 1 000 kronor per kommun."));
    }

    #[test]
    fn noise_is_never_ruled_out_wrongly() {
        let lines = sample_lines();
        let noise = lines
            .iter()
            .filter(|l| NOISE.is_match(l))
            .collect::<Vec<_>>();
        assert!(!noise.is_empty());
        assert!(noise.iter().all(|l| may_be_noise(l)));
        for line in [
            "% Regeringen",
            " © Regeringskansliet",
            "12 (14)",
            "- 3 -",
            "٣ (4)",
        ] {
            assert!(NOISE.is_match(line) && may_be_noise(line), "{line}");
        }
    }

    #[test]
    fn lines_end_at_every_terminator() {
        assert_eq!(
            split_lines("a\r\n\rb\x0c\n\r\nc"),
            vec![
                (0, 1, false),
                (3, 3, false),
                (4, 5, true),
                (6, 6, false),
                (7, 7, false),
                (9, 10, false)
            ]
        );
    }

    #[test]
    fn pages_break_at_form_feeds_and_blank_runs() {
        let layout = analyze("a\n\n\n\n\nb\x0cc\r\nd\re");
        let pages: Vec<_> = layout
            .lines
            .iter()
            .filter(|l| l.kind != LineKind::Blank)
            .map(|l| l.page)
            .collect();
        assert_eq!(pages, vec![1, 2, 3, 3, 3]);
    }

    #[test]
    fn reading_text_joins_broken_words_and_keeps_suspended_compounds() {
        let text = "utbetalas av Kammar-\nkollegiet under hälso-\noch sjukvården.\n\nNästa";
        let reading = analyze(text).reading_text(text);
        assert_eq!(
            reading.text,
            "utbetalas av Kammarkollegiet under hälso- och sjukvården.\nNästa"
        );
        let at = reading.text.find("kollegiet").unwrap();
        assert_eq!(reading.map.to_source(at), text.find("kollegiet").unwrap());
        let at = reading.text.find("Nästa").unwrap();
        assert_eq!(reading.map.to_source(at), text.find("Nästa").unwrap());
    }
}
