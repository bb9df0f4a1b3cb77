//! The record kansli writes for each document: the JSON contract that users' scripts rely on.
//!
//! Keys are never renamed or removed; new keys may be added. The README documents every one.
//! Absent values are `null` (or an empty list), never omitted.

use crate::ingest::Source;
use crate::repair::Edit;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Decision,
    PressRelease,
    Unknown,
}

#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub source: Source,
    pub kind: Kind,
    /// The document's title, as the repaired text gives it (lines joined).
    pub title: Option<String>,
    /// The ministry the document comes from ("Pressmeddelande från …", "Departement: …", a
    /// decision's letterhead).
    pub ministry: Option<String>,
    /// Publication date, "YYYY-MM-DD", where the text prints one ("Publicerad 28 oktober 2022").
    pub published: Option<String>,
    pub pages: usize,
    pub decision: Option<Decision>,
    pub allocations: Vec<Allocation>,
    pub footnotes: Vec<Footnote>,
    pub reconciliation: Option<Reconciliation>,
    /// Amounts of money in the running text (allocation-table rows are in `allocations`).
    pub amounts: Vec<Amount>,
    pub people: Vec<Person>,
    /// Government bodies named, each once, in order of first mention.
    pub agencies: Vec<Agency>,
    pub assignments: Vec<Assignment>,
    pub deadlines: Vec<Deadline>,
    /// Every change the repair stage made, with its offsets in the original text.
    pub repairs: Vec<Edit>,
    /// Words the repair stage suspects but did not change: for a human to look at.
    pub review: Vec<Edit>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Decision {
    pub diarienummer: Option<String>,
    pub ministry: Option<String>,
    pub recipient: Option<String>,
    pub total_sek: Option<i64>,
    pub budget: Option<Budget>,
    /// The month the money is paid, "YYYY-MM".
    pub payment_period: Option<String>,
    pub signatories: Vec<String>,
    pub copies_to: Vec<String>,
}

/// Where in the state budget the money comes from.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Budget {
    pub utgiftsomrade: Option<Numbered>,
    pub anslag: Option<Appropriation>,
    pub anslagspost: Option<Numbered>,
    pub budget_year: Option<i32>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Numbered {
    pub number: u32,
    pub name: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Appropriation {
    /// "1:6"
    pub code: String,
    pub name: Option<String>,
}

/// One row of an allocation table, matched to the official register.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Allocation {
    /// 1-based position in the table.
    pub row: usize,
    /// The recipient's name as printed (OCR included, footnote mark excluded).
    pub name_ocr: String,
    /// The official name, or null when the row matches no register entry.
    pub name: Option<String>,
    pub municipality_code: Option<String>,
    pub county_code: Option<String>,
    pub county: Option<String>,
    pub amount_sek: Option<i64>,
    /// True when the row carries a footnote mark ("*").
    pub footnote: bool,
    /// How sure the match to the register is, 0–1.
    pub confidence: f64,
    /// 1-based line number and byte range of the row in the original text.
    pub line: usize,
    pub start: usize,
    pub end: usize,
    /// The region's county code ("04") when the recipient is a region (named "Region Sörmland",
    /// "Västra Götalandsregionen" or by its county, "Södermanland"); null for a municipality.
    pub region_code: Option<String>,
    /// One amount per money column of the table, in kronor, in the order of
    /// [`Reconciliation::columns`]; `amount_sek` is the first. A column printed in mnkr or tkr is
    /// converted ("37,8" mnkr → 37 800 000).
    pub amounts_by_column: Vec<Option<i64>>,
    /// Kronor per inhabitant, when the table prints it beside the amount (kept, not reconciled:
    /// the register has no populations).
    pub per_inhabitant_sek: Option<f64>,
    /// The heading the row stands under in a table grouped by county ("Blekinge län"), as printed.
    pub group: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Footnote {
    pub mark: String,
    pub text: String,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Reconciliation {
    pub rows: usize,
    pub matched: usize,
    pub unmatched: Vec<RowRef>,
    pub missing: Vec<RegisterRef>,
    pub duplicates: Vec<Duplicate>,
    pub sum_sek: i64,
    pub stated_total_sek: Option<i64>,
    pub sum_matches: Option<bool>,
    pub minimum_sek: Option<i64>,
    pub below_minimum: Vec<RowRef>,
    /// True when every row matched exactly one entry, none is missing, no row is below the
    /// minimum, every row's amount is confirmed by a stated total that agrees with it (the total
    /// in the text, the table's own total row, or a subtotal; a rounding difference agrees), no
    /// stated figure disagrees (`discrepancies` is empty) and every split of run-together digits
    /// was decided by the table's figures.
    pub ok: bool,
    /// Regions of the register without a row, for a table of regions (more than half of them
    /// present). A region whose county is a single municipality (Gotland) counts as present when
    /// that municipality has a row.
    pub missing_regions: Vec<RegionRef>,
    /// Regions that more than one row matched.
    pub duplicate_regions: Vec<RegionDuplicate>,
    /// The money columns of the table, each summed over its rows and checked against the table's
    /// own total row.
    pub columns: Vec<ColumnReconciliation>,
    /// Total rows that cover part of the table ("Summa kommuner", "Totalt länet"), each checked
    /// against the rows it covers. Subtotal rows are never allocations.
    pub subtotals: Vec<Subtotal>,
    /// Every stated figure that disagrees with what it should equal by more than rounding, naming
    /// both figures; never resolved silently.
    pub discrepancies: Vec<Discrepancy>,
    /// Rows whose digit groups could be cut into the table's columns in more than one way (the
    /// OCR leaves one space between columns as between thousands), and how they were cut.
    pub splits: Vec<Split>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RegionRef {
    pub name: String,
    pub region_code: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RegionDuplicate {
    pub name: String,
    pub region_code: String,
    pub rows: Vec<usize>,
}

/// How a stated figure compares with the sum it states.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// Equal to the krona.
    Ok,
    /// Off by no more than the rounding of the printed figures allows: half the last printed
    /// digit's value per figure summed ("1 470,0" mnkr over 21 rows of one decimal: 1,1 mnkr; a
    /// table in whole kronor over 5 rows: 3 kr).
    Rounding,
    /// Off by more than rounding: an error, listed in `discrepancies`.
    Mismatch,
    /// Nothing stated to check against.
    #[default]
    Unchecked,
}

/// One money column of a table, reconciled against its own total row.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ColumnReconciliation {
    /// 1-based, in printed order among the money columns.
    pub column: usize,
    /// The column's title in the header ("Landsbygdssatsning kronor"), empty without a header.
    pub title: String,
    /// The unit the column is printed in: "kronor", "tkr", "mnkr" or "mdkr".
    pub unit: String,
    /// Sum of the column over the recipient rows, in kronor.
    pub sum_sek: i64,
    /// The table's own total row for this column, in kronor.
    pub total_sek: Option<i64>,
    /// `total_sek - sum_sek`.
    pub difference_sek: Option<i64>,
    pub status: CheckStatus,
}

/// A total row that covers part of the table, checked against the rows it covers.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Subtotal {
    /// The row's label as printed ("Summa kommuner", "Totalt länet").
    pub label: String,
    /// The heading the subtotal stands under ("Blekinge län").
    pub group: Option<String>,
    /// The allocation rows it covers, first and last (1-based, inclusive).
    pub first_row: usize,
    pub last_row: usize,
    /// 1-based line number and byte range in the original text.
    pub line: usize,
    pub start: usize,
    pub end: usize,
    /// One check per money column.
    pub checks: Vec<ColumnCheck>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ColumnCheck {
    pub column: usize,
    pub stated_sek: Option<i64>,
    pub sum_sek: i64,
    /// `stated_sek - sum_sek`.
    pub difference_sek: Option<i64>,
    pub status: CheckStatus,
}

/// What a discrepancy compares.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DiscrepancyKind {
    /// The total stated in the text against the table's total (its total row, or without one the
    /// sum of its rows).
    ProseTotal,
    /// The table's own total row against the sum of its rows.
    TableTotal,
    /// A subtotal row against the rows it covers.
    Subtotal,
}

/// A stated figure that disagrees with the figure it should equal, by more than rounding.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Discrepancy {
    pub kind: DiscrepancyKind,
    /// The money column concerned (1-based).
    pub column: usize,
    /// The figure as stated: in the text, or in the total or subtotal row.
    pub stated_sek: i64,
    /// The figure it is checked against: the table's total, or the sum of the rows.
    pub found_sek: i64,
    /// `stated_sek - found_sek`.
    pub difference_sek: i64,
    /// Both figures and where they come from, in words.
    pub message: String,
}

/// How the digit groups of a row were cut into the table's columns when they could be cut in
/// more than one way ("36 379 118 809 901" under two columns).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Split {
    /// The allocation row (1-based), or null for a total row.
    pub row: Option<usize>,
    /// The row's label as printed.
    pub label: String,
    /// 1-based line number in the original text.
    pub line: usize,
    /// The cells as cut, in printed order (per-inhabitant columns included).
    pub cells: Vec<String>,
    /// True when the table's own figures decided the cut: exactly one makes the columns add up
    /// to their totals, or makes inhabitants × kronor per inhabitant give the amount. False when
    /// they could not, and the cut that best fits the columns' other figures was taken.
    pub decided: bool,
    /// The choice in words.
    pub note: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RowRef {
    pub row: usize,
    pub name_ocr: String,
    pub amount_sek: Option<i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RegisterRef {
    pub name: String,
    pub municipality_code: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Duplicate {
    pub name: String,
    pub municipality_code: String,
    pub rows: Vec<usize>,
}

/// An amount of money in the running text, with what its sentence says about it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Amount {
    /// As printed in the original ("5,9 miljarder kronor").
    pub text: String,
    pub value_sek: i64,
    /// The upper end of a range ("10–20 miljoner kronor"); `value_sek` is the lower end.
    pub upper_sek: Option<i64>,
    /// The word before the amount that qualifies it ("drygt", "totalt", "högst", …).
    pub qualifier: Option<String>,
    /// Who receives it, when the sentence says ("kommunerna", "Kammarkollegiet").
    pub recipient: Option<String>,
    /// The year the sentence ties it to ("för 2020").
    pub year: Option<i32>,
    /// The clause it funds, short ("att stötta kommunernas arbete …").
    pub purpose: Option<String>,
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
}

/// A person named with a title or role, or signing a decision.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Person {
    pub name: String,
    /// "socialminister", "Pressekreterare hos socialminister Lena Hallengren"; null for a
    /// signatory the text gives no title.
    pub title: Option<String>,
    pub phones: Vec<Phone>,
    /// Byte range of the first mention in the original text.
    pub start: usize,
    pub end: usize,
}

/// A phone number as printed, with the label before it ("Mobil", "Telefon (växel)").
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Phone {
    pub label: Option<String>,
    pub number: String,
}

/// A government body named in the text, as listed in `dictionaries/agencies.tsv`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Agency {
    pub name: String,
    pub abbreviation: Option<String>,
    /// ministry, agency, organisation, court, region_body or other.
    pub kind: String,
    /// Byte range of the first mention in the original text.
    pub start: usize,
    pub end: usize,
}

/// An assignment (uppdrag): who is given it and what they are to do.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Assignment {
    pub who: String,
    /// The task, after "i uppdrag att", to the end of the sentence.
    pub what: String,
    /// Byte range of the sentence part in the original text.
    pub start: usize,
    pub end: usize,
}

/// A deadline ("senast den 31 januari 2021").
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Deadline {
    /// "YYYY-MM-DD"; null when the text gives no year and the document no context for one.
    pub date: Option<String>,
    /// True when the year is not printed but taken from the document's context.
    pub year_inferred: bool,
    /// As printed in the original ("senast den 31 oktober").
    pub text: String,
    /// What is due: the sentence up to the deadline.
    pub what: Option<String>,
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
}
