//! Calendar dates as Swedish documents print them: "31 januari 2021", "31 oktober" (no year) and
//! "2021-01-31".

use crate::swedish::MONTHS;
use crate::words::WordRegex;
use std::sync::LazyLock;

/// A date printed in a text; `year` is `None` when the text leaves it out ("den 31 oktober").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// "YYYY-MM-DD", or `None` without a year.
    pub fn iso(&self) -> Option<String> {
        self.year
            .map(|y| format!("{y:04}-{:02}-{:02}", self.month, self.day))
    }

    /// The date with its year: the printed one, else `year`.
    pub fn in_year(&self, year: i32) -> Date {
        Date {
            year: Some(self.year.unwrap_or(year)),
            ..*self
        }
    }
}

/// What may separate the words of a date or deadline: one to three characters that are neither
/// letters, digits nor a line break (spaces, and OCR punctuation: "31:maj.2023", "senast-.den").
pub const SEP: &str = r"[^\p{L}\p{N}\n]{1,3}";

/// "31 januari 2021" (day, month name, optional year) or "2021-01-31", as a pattern.
pub static DATE: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?P<day>\d{{1,2}}){SEP}(?P<month>(?i:{months}))\b(?:{SEP}(?P<year>(?:19|20)\d\d)\b)?|(?P<iso_year>(?:19|20)\d\d)-(?P<iso_month>\d\d)-(?P<iso_day>\d\d)\b",
        months = MONTHS.join("|")
    )
});

static DATE_ONLY: LazyLock<WordRegex> =
    LazyLock::new(|| WordRegex::new(&format!(r"^(?:{})", *DATE)));

/// The date from the captures of a pattern that contains [`struct@DATE`]; `None` when it does not exist
/// on a calendar (day 0, month 13, 31 april).
pub fn from_captures(caps: &regex::Captures) -> Option<Date> {
    let number = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let year = |name: &str| caps.name(name).and_then(|m| m.as_str().parse().ok());
    let date = if let Some(month) = caps.name("month") {
        Date {
            year: year("year"),
            month: MONTHS
                .iter()
                .position(|m| m.eq_ignore_ascii_case(month.as_str()))? as u32
                + 1,
            day: number("day")?,
        }
    } else {
        Date {
            year: year("iso_year"),
            month: number("iso_month")?,
            day: number("iso_day")?,
        }
    };
    let days_in_month = match date.month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => 0,
    };
    (1..=days_in_month).contains(&date.day).then_some(date)
}

/// The date at the very start of `text`, if there is one.
pub fn date_at_start(text: &str) -> Option<Date> {
    from_captures(&DATE_ONLY.captures(text)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_parse_and_impossible_dates_do_not() {
        let d = date_at_start("31 januari 2021 kl. 10").unwrap();
        assert_eq!(d.iso().as_deref(), Some("2021-01-31"));
        assert_eq!(
            date_at_start("2020-12-01").unwrap().iso().as_deref(),
            Some("2020-12-01")
        );
        let yearless = date_at_start("31 oktober.").unwrap();
        assert_eq!(yearless.iso(), None);
        assert_eq!(yearless.in_year(2020).iso().as_deref(), Some("2020-10-31"));
        assert_eq!(
            date_at_start("31:maj.2023").unwrap().iso().as_deref(),
            Some("2023-05-31")
        );
        assert_eq!(date_at_start("31 april 2021"), None);
        assert_eq!(date_at_start("2021-13-01"), None);
    }
}
