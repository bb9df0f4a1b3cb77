//! Deadlines: "senast den 31 januari 2021" → 2021-01-31, with what is due by then. A date printed
//! without its year ("senast den 31 oktober") takes the year from the document's context.

use super::dates::{self, Date, DATE, SEP};
use super::texts::Texts;
use crate::record::{Deadline, Decision};
use crate::words::WordRegex;
use std::sync::LazyLock;

/// "senast (den) <date>", with the stray punctuation the OCR puts between the words.
static DEADLINE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(&format!(
        r"\b(?i:senast){SEP}(?:(?i:den){SEP})?(?:{})",
        *DATE
    ))
});

/// Where a date printed without a year gets its year.
#[derive(Debug, Clone, Copy, Default)]
pub struct YearContext {
    /// The decision's budget year, else the year of its payment period.
    pub budget_year: Option<i32>,
    /// The document's publication date.
    pub published: Option<Date>,
}

impl YearContext {
    pub fn new(decision: Option<&Decision>, published: Option<Date>) -> YearContext {
        let budget_year = decision.and_then(|d| {
            d.budget
                .as_ref()
                .and_then(|b| b.budget_year)
                .or_else(|| d.payment_period.as_ref()?.get(..4)?.parse().ok())
        });
        YearContext {
            budget_year,
            published,
        }
    }

    /// The date with a year: the budget year; else the publication year, or the year after when
    /// the date would come before publication (a deadline lies ahead of the text that sets it).
    pub fn complete(&self, date: Date) -> Option<Date> {
        if date.year.is_some() {
            return Some(date);
        }
        if let Some(year) = self.budget_year {
            return Some(date.in_year(year));
        }
        let published = self.published?;
        let year = published.year?;
        let same_year = date.in_year(year);
        Some(if same_year < published {
            date.in_year(year + 1)
        } else {
            same_year
        })
    }
}

/// Every deadline in the reading text, in order.
pub fn deadlines(texts: &Texts, context: YearContext) -> Vec<Deadline> {
    let reading = texts.reading();
    let mut previous_end = 0;
    let mut deadlines = Vec::new();
    for caps in DEADLINE.captures_iter(reading) {
        let whole = caps.get(0).expect("a match");
        let Some(printed) = dates::from_captures(&caps) else {
            continue;
        };
        let date = context.complete(printed);
        let sentence = texts.sentence(whole.start());
        // What is due: the sentence before "senast" (after any earlier deadline in it), or after
        // the date when the sentence starts with it ("Senast den 1 mars ska …").
        let before =
            reading[sentence.start.max(previous_end).min(whole.start())..whole.start()].trim();
        let what = if before.is_empty() {
            reading[whole.end()..sentence.end.max(whole.end())].trim()
        } else {
            before
        };
        previous_end = whole.end();
        let span = texts.span(whole.start()..whole.end());
        deadlines.push(Deadline {
            date: date.and_then(|d| d.iso()),
            year_inferred: printed.year.is_none() && date.is_some(),
            text: texts.original[span.clone()].to_string(),
            what: (!what.is_empty()).then(|| what.to_string()),
            start: span.start,
            end: span.end,
        });
    }
    deadlines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        dates::date_at_start(text).unwrap()
    }

    #[test]
    fn a_missing_year_comes_from_the_budget_year_first() {
        let context = YearContext {
            budget_year: Some(2020),
            published: Some(date("2019-12-01")),
        };
        let d = context.complete(date("31 oktober")).unwrap();
        assert_eq!(d.iso().as_deref(), Some("2020-10-31"));
    }

    #[test]
    fn a_missing_year_after_publication_rolls_forward() {
        let context = YearContext {
            budget_year: None,
            published: Some(date("28 oktober 2022")),
        };
        let next = |d| context.complete(date(d)).unwrap().iso().unwrap();
        assert_eq!(next("31 januari"), "2023-01-31");
        assert_eq!(next("30 november"), "2022-11-30");
        assert_eq!(YearContext::default().complete(date("30 november")), None);
    }
}
