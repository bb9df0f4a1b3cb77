//! Allocation tables as printed: the money columns a header names, each row's numbers cut into
//! those columns, group headings, total rows, and the rows each total covers.
//!
//! The OCR leaves one space between two columns, the same as between two digit groups, so
//! "36 379 118 809 901" under two columns can be cut in several ways ([`cells`]). When several
//! cuts keep every number whole, the table's own figures decide ([`solve`]): the cut with which
//! the columns add up is taken, and the record says so ([`Split`]).

mod cells;
mod solve;

use crate::record::Split;
use crate::register::Level;
use cells::{certain_cells, readings, tokens, Reading, Token};
use solve::{Entry, Reader, Settled, TotalEntry};
use std::ops::Range;

/// What a column's figures count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Kronor,
    Thousand,
    Million,
    Billion,
    /// Kronor per inhabitant: kept beside the amount, never summed.
    PerInhabitant,
    /// A count beside the amounts (inhabitants): not money, left out.
    Count,
}

impl Unit {
    /// Kronor per printed unit.
    fn scale(self) -> i64 {
        match self {
            Unit::Kronor | Unit::PerInhabitant | Unit::Count => 1,
            Unit::Thousand => 1_000,
            Unit::Million => 1_000_000,
            Unit::Billion => 1_000_000_000,
        }
    }

    /// The unit's name in the record.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Kronor => "kronor",
            Unit::Thousand => "tkr",
            Unit::Million => "mnkr",
            Unit::Billion => "mdkr",
            Unit::PerInhabitant => "kronor_per_inhabitant",
            Unit::Count => "count",
        }
    }

    /// Whether the column's figures are amounts of money, summed and reconciled.
    fn is_money(self) -> bool {
        !matches!(self, Unit::PerInhabitant | Unit::Count)
    }
}

/// A printed amount column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The column's title in the header, empty without one.
    pub title: String,
    pub unit: Unit,
    /// Value in kronor of the column's last printed digit ("37,8" mnkr: 100 000): how far a sum
    /// of rounded figures may stray.
    pub precision_sek: i64,
}

impl Column {
    /// The most a stated figure may differ from the sum of `terms` figures and still be rounding:
    /// half a last digit for each figure and for the stated one.
    pub fn tolerance(&self, terms: usize) -> i64 {
        ((terms as i64 + 1) * self.precision_sek + 1) / 2
    }
}

/// A recipient row of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    /// The label as printed in the original (footnote mark excluded).
    pub name_ocr: String,
    /// One amount per money column, in kronor.
    pub amounts: Vec<Option<i64>>,
    pub per_inhabitant: Option<f64>,
    pub footnote: bool,
    /// The heading the row stands under, as printed.
    pub group: Option<String>,
    /// 1-based line number and byte range in the original.
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

impl TableRow {
    /// The amount of the first money column: the row's allocation.
    pub fn amount_sek(&self) -> Option<i64> {
        self.amounts.first().copied().flatten()
    }
}

/// A total or subtotal row ("Totalt", "Summa kommuner", "Totalt länet").
#[derive(Debug, Clone, PartialEq)]
pub struct TotalRow {
    pub label: String,
    pub group: Option<String>,
    /// One stated amount per money column, in kronor.
    pub amounts: Vec<Option<i64>>,
    /// The recipient rows (0-based indexes into [`Table::rows`]) the total covers.
    pub covers: Range<usize>,
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

/// An allocation table, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The money columns, in printed order (per-inhabitant columns left out).
    pub columns: Vec<Column>,
    pub rows: Vec<TableRow>,
    pub totals: Vec<TotalRow>,
    pub splits: Vec<Split>,
    /// What the header's first column calls the recipients ("Kommun"; "Region", "Landsting",
    /// "Län").
    pub level_hint: Option<Level>,
}

/// A row as the layout found it.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintedRow {
    /// The label as printed in the original.
    pub label: String,
    pub footnote: bool,
    /// The amounts part of the (repaired) line: every cell.
    pub amounts: String,
    /// 1-based line number and byte range of the line in the original.
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

/// A line of the table as the layout found it.
#[derive(Debug, Clone, PartialEq)]
pub enum PrintedLine {
    /// A group heading ("Blekinge län"), as printed.
    Heading(String),
    Row(PrintedRow),
}

/// Currency and unit words that end a column title.
const UNIT_WORDS: &[&str] = &["kronor", "kr", "sek", "mnkr", "mkr", "msek", "tkr", "mdkr"];
/// Words of a column that counts people ("Befolkning", "Antal invånare").
const COUNT_WORDS: &[&str] = &["befolkning", "folkmangd", "invanare", "inv"];
/// Other words that make a line a table header rather than a heading.
const HEADER_WORDS: &[&str] = &["belopp", "medel"];
/// First words of total rows.
const TOTAL_WORDS: &[&str] = &[
    "summa",
    "totalt",
    "total",
    "totalsumma",
    "sammanlagt",
    "samtliga",
    "riket",
    "hela",
];

/// Lowercase, diacritics folded, surrounding punctuation trimmed.
fn folded(word: &str) -> String {
    crate::swedish::folded(word.trim_matches(|c: char| !c.is_alphanumeric()))
}

/// Whether a (folded) word ends a column title: a unit, or what a count or a per-inhabitant
/// figure counts ("kr/invånare").
fn ends_title(word: &str) -> bool {
    UNIT_WORDS.contains(&word) || COUNT_WORDS.contains(&word) || word.contains("/inv")
}

/// Whether a line is a table header: column titles with a unit or a count, or a recipients'
/// column ("Kommun", "Region") with "Belopp" or "Medel".
pub fn is_header(line: &str) -> bool {
    let words: Vec<String> = line.split_whitespace().map(folded).collect();
    let names_recipients = line
        .split_whitespace()
        .next()
        .and_then(level_of_title)
        .is_some();
    words.len() >= 2
        && words
            .iter()
            .any(|w| ends_title(w) || (names_recipients && HEADER_WORDS.contains(&w.as_str())))
}

/// Whether a row's label makes it a total ("Summa kommuner", "Totalt länet", "Riket").
fn is_total(label: &str) -> bool {
    label
        .split_whitespace()
        .next()
        .is_some_and(|w| TOTAL_WORDS.contains(&folded(w).as_str()))
}

/// What a header's first word says the recipients are.
fn level_of_title(word: &str) -> Option<Level> {
    let w = folded(word);
    if w.starts_with("kommun") {
        Some(Level::Municipality)
    } else if w.starts_with("region") || w.starts_with("landsting") || w == "lan" {
        Some(Level::Region)
    } else {
        None
    }
}

/// The unit a column title names. Inhabitants with a currency or "per" are kronor per
/// inhabitant ("Belopp i kr/invånare", "Kronor per invånare"), alone a count ("Befolkning").
fn unit_of_title(title: &str) -> Unit {
    let words: Vec<String> = title.split_whitespace().map(folded).collect();
    let has = |set: &[&str]| words.iter().any(|w| set.contains(&w.as_str()));
    if words.iter().any(|w| w.contains("/inv"))
        || (has(COUNT_WORDS) && has(&["per", "kr", "kronor"]))
    {
        Unit::PerInhabitant
    } else if has(COUNT_WORDS) {
        Unit::Count
    } else if has(&["mnkr", "mkr", "msek", "miljoner"]) {
        Unit::Million
    } else if has(&["mdkr", "miljarder"]) {
        Unit::Billion
    } else if has(&["tkr", "tusental", "tusen"]) {
        Unit::Thousand
    } else {
        Unit::Kronor
    }
}

/// The column titles of a header after its first word (the recipients' column). A title ends
/// at a unit ("Medel i kronor", "Belopp per landsting, mnkr", "Belopp i kr/invånare") or a count
/// ("Befolkning"), except where "per invånare" follows; capitalised words after the last such end
/// make one more title ("Befolkning Fördelade medel"), others belong to the last title; a header
/// without any has one title ("Kommun Belopp").
fn header_titles(header: &str) -> (Option<Level>, Vec<String>) {
    let mut words = header.split_whitespace();
    let level = words.next().and_then(level_of_title);
    let rest: Vec<&str> = words.collect();
    let mut titles: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for (i, word) in rest.iter().enumerate() {
        current.push(word);
        let f = folded(word);
        let per_follows = rest
            .get(i + 1)
            .is_some_and(|next| folded(next) == "per" || next.starts_with('/'));
        if ends_title(&f) && !per_follows {
            titles.push(std::mem::take(&mut current));
        }
    }
    match titles.last_mut() {
        Some(last)
            if !current
                .first()
                .is_some_and(|w| w.starts_with(char::is_uppercase)) =>
        {
            last.extend(current)
        }
        _ if !current.is_empty() => titles.push(current),
        _ => {}
    }
    let titles = titles
        .into_iter()
        .map(|t| t.join(" ").trim_end_matches('*').to_string())
        .collect();
    (level, titles)
}

/// The most common value, the smallest among equals.
fn mode(values: impl Iterator<Item = usize>) -> Option<usize> {
    let mut counts = std::collections::BTreeMap::new();
    for v in values {
        *counts.entry(v).or_insert(0) += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(v, _)| v)
}

/// A printed row in its place in the table.
struct Placed<'a> {
    row: &'a PrintedRow,
    /// The heading it stands under.
    group: Option<&'a str>,
    /// For a total row, the recipient rows (indexes among them) it may cover, shortest first: the
    /// rows since the last heading or total, since the last heading, since the table began, and
    /// the whole table. `None` for a recipient.
    scopes: Option<Vec<Range<usize>>>,
}

/// Places each row under its heading, and tells totals from recipients.
fn place(lines: &[PrintedLine]) -> Vec<Placed<'_>> {
    let mut placed: Vec<Placed> = Vec::new();
    let mut group: Option<&str> = None;
    let (mut recipients, mut group_start, mut section_start) = (0, 0, 0);
    for line in lines {
        match line {
            PrintedLine::Heading(h) => {
                group = Some(h);
                (group_start, section_start) = (recipients, recipients);
            }
            PrintedLine::Row(row) => {
                let n = recipients;
                let scopes =
                    is_total(&row.label).then(|| vec![section_start..n, group_start..n, 0..n]);
                if scopes.is_some() {
                    section_start = n;
                } else {
                    recipients += 1;
                }
                placed.push(Placed { row, group, scopes });
            }
        }
    }
    for scopes in placed.iter_mut().filter_map(|p| p.scopes.as_mut()) {
        scopes.push(0..recipients);
        scopes.retain(|s| !s.is_empty());
        scopes.sort_by_key(|s| (s.len(), s.start));
        scopes.dedup();
    }
    placed
}

/// The printed columns: as many as the header names or the rows show for certain, whichever is
/// more, each with the unit of its title and the decimals its rows print.
fn printed_columns(
    titles: &[String],
    row_tokens: &[Vec<Token>],
) -> (Vec<Column>, Vec<Option<usize>>) {
    let width = titles
        .len()
        .max(mode(row_tokens.iter().map(|t| certain_cells(t))).unwrap_or(1));
    let units: Vec<Unit> = (0..width)
        .map(|j| titles.get(j).map_or(Unit::Kronor, |t| unit_of_title(t)))
        .collect();
    let decimals = column_decimals(row_tokens, &units);
    let columns = (0..width)
        .map(|j| Column {
            title: titles.get(j).cloned().unwrap_or_default(),
            unit: units[j],
            precision_sek: (units[j].scale() / 10i64.pow(decimals[j].unwrap_or(0) as u32)).max(1),
        })
        .collect();
    (columns, decimals)
}

/// The decimals each column prints: the most common among the rows that can be read only one
/// way; `None` for a column without such rows.
fn column_decimals(row_tokens: &[Vec<Token>], units: &[Unit]) -> Vec<Option<usize>> {
    let any = vec![None; units.len()];
    let certain: Vec<_> = row_tokens
        .iter()
        .map(|t| readings(t, units, &any))
        .filter(|r| r.len() == 1)
        .collect();
    (0..units.len())
        .map(|j| {
            mode(
                certain
                    .iter()
                    .filter_map(|r| r[0].values[j].map(|(_, d)| d)),
            )
        })
        .collect()
}

/// The check a row's own figures allow: with an inhabitants column, a per-inhabitant column and
/// an amount, the readings in which inhabitants × kronor per inhabitant give the amount.
fn row_check(columns: &[Column]) -> impl Fn(&Reading) -> bool {
    let position = |unit: Unit| columns.iter().position(|c| c.unit == unit);
    let amount = columns.iter().position(|c| c.unit.is_money());
    let check = match (position(Unit::Count), position(Unit::PerInhabitant), amount) {
        (Some(count), Some(rate), Some(amount)) => Some((count, rate, amount)),
        _ => None,
    };
    move |r: &Reading| check.is_none_or(|(c, p, a)| per_inhabitant_fits(r, c, p, a))
}

/// Whether a reading's inhabitants times kronor per inhabitant give its amount, within the
/// rounding of the printed rate (half its last digit per inhabitant).
fn per_inhabitant_fits(r: &Reading, count: usize, rate: usize, amount: usize) -> bool {
    match (r.values[count], r.values[rate], r.values[amount]) {
        (Some((inhabitants, _)), Some((per, decimals)), Some((total, _))) => {
            let half_digit = 0.5 / 10f64.powi(decimals as i32);
            (inhabitants * per - total).abs() <= inhabitants * half_digit + 1.0
        }
        _ => false,
    }
}

/// Reads a table: its header (if found), then its rows and headings in printed order.
pub fn build(header: Option<&str>, lines: &[PrintedLine]) -> Table {
    let (level_hint, titles) = header.map(header_titles).unwrap_or_default();
    let placed = place(lines);
    let row_tokens: Vec<Vec<Token>> = placed.iter().map(|p| tokens(&p.row.amounts)).collect();
    let (columns, decimals) = printed_columns(&titles, &row_tokens);
    let units: Vec<Unit> = columns.iter().map(|c| c.unit).collect();
    let fits_row = row_check(&columns);
    let mut reader = Reader {
        columns: &columns,
        money: (0..units.len()).filter(|&j| units[j].is_money()).collect(),
        rows: Vec::new(),
        totals: Vec::new(),
    };
    for (p, tokens) in placed.iter().zip(&row_tokens) {
        let entry = Entry::new(readings(tokens, &units, &decimals), &fits_row);
        match &p.scopes {
            Some(scopes) => reader.totals.push(TotalEntry {
                entry,
                scopes: scopes.clone(),
            }),
            None => reader.rows.push(entry),
        }
    }
    reader.rank_readings();
    reader.solve();
    assemble(&reader, &placed, level_hint)
}

/// The table as read: rows and totals with their chosen readings, and the splits to report.
fn assemble(reader: &Reader, placed: &[Placed], level_hint: Option<Level>) -> Table {
    let (total_lines, row_lines): (Vec<&Placed>, Vec<&Placed>) =
        placed.iter().partition(|p| p.scopes.is_some());
    let per_inhabitant = reader
        .columns
        .iter()
        .position(|c| c.unit == Unit::PerInhabitant);
    let money_of = |e: &Entry| reader.money.iter().map(|&j| e.money(j)).collect::<Vec<_>>();
    let rows = reader
        .rows
        .iter()
        .zip(&row_lines)
        .map(|(e, p)| TableRow {
            name_ocr: p.row.label.clone(),
            amounts: money_of(e),
            per_inhabitant: per_inhabitant
                .and_then(|j| e.reading().values[j])
                .map(|(v, _)| v),
            footnote: p.row.footnote,
            group: p.group.map(str::to_string),
            line: p.row.line,
            start: p.row.start,
            end: p.row.end,
        })
        .collect();
    let totals = reader
        .totals
        .iter()
        .zip(&total_lines)
        .map(|(t, p)| TotalRow {
            label: p.row.label.clone(),
            group: p.group.map(str::to_string),
            amounts: money_of(&t.entry),
            covers: reader.best_scope(t),
            line: p.row.line,
            start: p.row.start,
            end: p.row.end,
        })
        .collect();
    let row_entries = reader
        .rows
        .iter()
        .zip(&row_lines)
        .enumerate()
        .map(|(i, (e, p))| (Some(i + 1), e, p.row));
    let total_entries = reader
        .totals
        .iter()
        .zip(&total_lines)
        .map(|(t, p)| (None, &t.entry, p.row));
    let mut splits: Vec<Split> = row_entries
        .chain(total_entries)
        .filter(|(_, e, _)| e.cuts > 1)
        .map(|(row, e, printed)| split(row, e, printed))
        .collect();
    splits.sort_by_key(|s| s.line);
    Table {
        columns: reader
            .money
            .iter()
            .map(|&j| reader.columns[j].clone())
            .collect(),
        rows,
        totals,
        splits,
        level_hint,
    }
}

/// The record of how a line that could be cut several ways was cut.
fn split(row: Option<usize>, e: &Entry, printed: &PrintedRow) -> Split {
    let reading = e.reading();
    let run_together = if reading.cuts_a_token {
        " (the OCR ran two columns' digits together)"
    } else {
        ""
    };
    let why = match e.settled {
        Settled::ByTotals => "the only one with which the columns add up to their totals",
        Settled::ByRow => {
            "the only one with which inhabitants × kronor per inhabitant give the amount"
        }
        Settled::No | Settled::OneWay => {
            "the one that fits the columns' other figures best; no total decides between them"
        }
    };
    Split {
        row,
        label: printed.label.clone(),
        line: printed.line,
        cells: reading.cells.clone(),
        decided: e.settled != Settled::No,
        note: format!(
            "read as {}{run_together}: of {} ways to cut these digit groups into the columns, {why}",
            reading.cells.join(" | "),
            e.cuts
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, amounts: &str) -> PrintedLine {
        PrintedLine::Row(PrintedRow {
            label: label.into(),
            footnote: false,
            amounts: amounts.into(),
            line: 0,
            start: 0,
            end: 0,
        })
    }

    #[test]
    fn headers_name_their_columns_and_units() {
        let (level, titles) = header_titles("Län Medel i kronor Landsbygdssatsning kronor");
        assert_eq!(level, Some(Level::Region));
        assert_eq!(titles, vec!["Medel i kronor", "Landsbygdssatsning kronor"]);
        let (level, titles) =
            header_titles("Landsting Belopp per landsting, mnkr Belopp i kr/invånare*");
        assert_eq!(level, Some(Level::Region));
        assert_eq!(
            titles,
            vec!["Belopp per landsting, mnkr", "Belopp i kr/invånare"]
        );
        assert_eq!(unit_of_title(&titles[0]), Unit::Million);
        assert_eq!(unit_of_title(&titles[1]), Unit::PerInhabitant);
        let (_, titles) = header_titles("Kommun Kronor per invånare Belopp i kronor");
        assert_eq!(titles, vec!["Kronor per invånare", "Belopp i kronor"]);
        assert_eq!(unit_of_title(&titles[0]), Unit::PerInhabitant);
        let (_, titles) = header_titles("Region Befolkning Fördelade medel");
        assert_eq!(titles, vec!["Befolkning", "Fördelade medel"]);
        assert_eq!(unit_of_title(&titles[0]), Unit::Count);
        assert_eq!(unit_of_title(&titles[1]), Unit::Kronor);
        assert_eq!(header_titles("Kommun Belopp").1, vec!["Belopp"]);
        assert!(is_header("Kommun Belopp") && !is_header("Blekinge län"));
    }

    #[test]
    fn totals_decide_where_run_together_columns_split() {
        let lines = vec![
            row("Dalarna", "37 218 920 7 811 157"),
            row("Västmanland", "36 379 118 809 901"),
            row("Totalt", "73 598 038 8 621 058"),
        ];
        let t = build(Some("Län Medel i kronor Landsbygdssatsning kronor"), &lines);
        assert_eq!(t.columns.len(), 2);
        assert_eq!(t.rows[1].amounts, vec![Some(36_379_118), Some(809_901)]);
        assert_eq!(t.splits.len(), 1);
        assert!(t.splits[0].decided);
        assert_eq!(t.splits[0].cells, vec!["36 379 118", "809 901"]);
        assert_eq!(t.totals[0].covers, 0..2);
    }

    #[test]
    fn without_a_total_a_split_is_undecided() {
        let lines = vec![
            row("Dalarna", "37 218 920 7 811 157"),
            row("Västmanland", "36 379 118 809 901"),
        ];
        let t = build(Some("Län Medel i kronor Landsbygdssatsning kronor"), &lines);
        assert!(!t.splits[0].decided);
        assert_eq!(t.rows[1].amounts, vec![Some(36_379_118), Some(809_901)]);
    }

    #[test]
    fn totals_cover_their_section_group_or_table() {
        let lines = vec![
            PrintedLine::Heading("Blekinge län".into()),
            row("Karlshamn", "10"),
            row("Karlskrona", "20"),
            row("Summa kommuner", "30"),
            row("Blekinge läns landsting", "5"),
            row("Totalt länet", "35"),
            PrintedLine::Heading("Gotlands län".into()),
            row("Gotland", "7"),
            row("Totalt Gotlands län", "7"),
            row("Totalt", "42"),
        ];
        let t = build(Some("Kommun Belopp"), &lines);
        let covers: Vec<_> = t.totals.iter().map(|t| t.covers.clone()).collect();
        assert_eq!(covers, vec![0..2, 0..3, 3..4, 0..4]);
        assert_eq!(t.rows[2].group.as_deref(), Some("Blekinge län"));
        assert_eq!(t.level_hint, Some(Level::Municipality));
    }

    #[test]
    fn per_inhabitant_columns_are_kept_not_summed() {
        let lines = vec![row("Blekinge", "37,8 238"), row("Summa", "37,8 238")];
        let t = build(
            Some("Landsting Belopp per landsting, mnkr Belopp i kr/invånare*"),
            &lines,
        );
        assert_eq!(t.columns.len(), 1);
        assert_eq!(t.columns[0].precision_sek, 100_000);
        assert_eq!(t.rows[0].amounts, vec![Some(37_800_000)]);
        assert_eq!(t.rows[0].per_inhabitant, Some(238.0));
    }

    #[test]
    fn inhabitants_times_the_rate_decide_a_split() {
        let lines = vec![
            row("Aneby", "6 826 2 178 14 867 028"),
            row("Jönköping", "141 081 2 178 307 274 418"),
        ];
        let t = build(
            Some("Kommun Invånare Kronor per invånare Tillskott, kronor"),
            &lines,
        );
        assert_eq!(t.rows[1].amounts, vec![Some(307_274_418)]);
        assert_eq!(t.rows[1].per_inhabitant, Some(2_178.0));
        assert!(t.splits[0].decided);
    }

    #[test]
    fn a_total_without_its_per_inhabitant_figure_keeps_its_amount() {
        let lines = vec![
            row("Blekinge", "37,8 238"),
            row("Dalarna", "63,2 220"),
            row("Summa", "101,0"),
        ];
        let t = build(
            Some("Landsting Belopp per landsting, mnkr Belopp i kr/invånare*"),
            &lines,
        );
        assert_eq!(t.totals[0].amounts, vec![Some(101_000_000)]);
        assert!(t.splits.is_empty());
    }
}
