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
    pub pages: usize,
    pub decision: Option<Decision>,
    pub allocations: Vec<Allocation>,
    pub footnotes: Vec<Footnote>,
    pub reconciliation: Option<Reconciliation>,
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
    /// True when every row matched exactly one entry, none is missing, the sum equals the stated
    /// total and no row is below the minimum.
    pub ok: bool,
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
