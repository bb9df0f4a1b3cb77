//! The decision itself (regeringsbeslut): diarienummer, ministry, recipient, total, budget
//! appropriation, payment period, signatories and copy recipients.

use super::money::find_money;
use crate::layout::{Layout, LineKind};
use crate::record::{Appropriation, Budget, Decision, Numbered};
use crate::words::WordRegex;
use regex::Regex;
use std::sync::LazyLock;

static UTGIFTSOMRADEN_TSV: &str = include_str!("../../dictionaries/utgiftsomraden.tsv");

static DIARIENUMMER: LazyLock<WordRegex> =
    LazyLock::new(|| WordRegex::new(r"\b\p{Lu}\p{Ll}?\d{4}/\d{3,6}(?:/\p{Lu}{1,4})?\b"));
static MINISTRY: LazyLock<WordRegex> =
    LazyLock::new(|| WordRegex::new(r"\b(?:\p{Lu}\p{Ll}+departementet|Statsrådsberedningen)\b"));
static UTGIFTSOMRADE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)utgiftsområde\s+(?P<n>\d{1,2})\b(?:\s+(?P<name>[^,]+))?")
});
static ANSLAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)anslaget\s+(?P<code>\d{1,2}:\d{1,2})\s+(?P<name>[^,.]+)").unwrap()
});
static ANSLAGSPOST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)anslagsposten\s+(?P<n>\d{1,2})\s+(?P<name>.+?)(?:\s+för\s+budgetåret|[,.])")
        .unwrap()
});
static BUDGET_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)budgetåret\s+(?P<y>\d{4})").unwrap());
static PAYMENT_PERIOD: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(
        r"(?i)\bunder\s+(?P<month>januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)(?:\s+månad)?\s+(?P<year>\d{4})",
    )
});

/// The official name of an expenditure area (utgiftsområde) by its number.
fn utgiftsomrade_name(number: u32) -> Option<String> {
    UTGIFTSOMRADEN_TSV.lines().skip(1).find_map(|l| {
        let (n, name) = l.split_once('\t')?;
        (n.trim().parse::<u32>().ok()? == number).then(|| name.trim().to_string())
    })
}

/// The first amount of money that starts right after `anchor` (within a few words).
pub(crate) fn money_after(reading: &str, anchor: &WordRegex) -> Option<i64> {
    anchor.find_iter(reading).find_map(|m| {
        let rest = &reading[m.end()..];
        let sentence_end = rest.find(". ").unwrap_or(rest.len());
        find_money(&rest[..sentence_end])
            .next()
            .map(|money| money.value_sek)
    })
}

static TOTAL_ANCHOR: LazyLock<WordRegex> = LazyLock::new(|| WordRegex::new(r"(?i)\butbetala\b"));

/// Lines of body text that follow the first line containing `heading` (lowercase, without
/// diacritics; matched with diacritics folded, so that OCR damage does not hide it), up to a
/// table, page noise, a page break or two blank lines in a row.
fn lines_after(layout: &Layout, text: &str, heading: &str) -> Vec<String> {
    let Some(at) = layout
        .lines
        .iter()
        .position(|l| crate::swedish::folded(&text[l.start..l.end]).contains(heading))
    else {
        return Vec::new();
    };
    let page = layout.lines[at].page;
    let mut out = Vec::new();
    let mut blanks = 0;
    for line in &layout.lines[at + 1..] {
        if line.page != page || matches!(line.kind, LineKind::PageNoise | LineKind::TableRow) {
            break;
        }
        let content = text[line.start..line.end].trim();
        if content.is_empty() {
            blanks += 1;
            if blanks >= 2 && !out.is_empty() {
                break;
            }
            continue;
        }
        blanks = 0;
        out.push(content.to_string());
    }
    out
}

/// Extracts the decision from its (repaired) text, its layout and its reading text.
pub fn decision(text: &str, layout: &Layout, reading: &str) -> Decision {
    let budget = Budget {
        utgiftsomrade: UTGIFTSOMRADE.captures(reading).and_then(|c| {
            let number = c["n"].parse().ok()?;
            let printed = c.name("name").map(|m| m.as_str().trim().to_string());
            Some(Numbered {
                number,
                name: utgiftsomrade_name(number).or(printed),
            })
        }),
        anslag: ANSLAG.captures(reading).map(|c| Appropriation {
            code: c["code"].to_string(),
            name: Some(c["name"].trim().to_string()),
        }),
        anslagspost: ANSLAGSPOST.captures(reading).and_then(|c| {
            Some(Numbered {
                number: c["n"].parse().ok()?,
                name: Some(c["name"].trim().to_string()),
            })
        }),
        budget_year: BUDGET_YEAR
            .captures(reading)
            .and_then(|c| c["y"].parse().ok()),
    };
    let payment_period = PAYMENT_PERIOD.captures(reading).map(|c| {
        let month = crate::swedish::MONTHS
            .iter()
            .position(|m| c["month"].eq_ignore_ascii_case(m))
            .unwrap_or(0)
            + 1;
        format!("{}-{month:02}", &c["year"])
    });
    let signatories = lines_after(layout, text, "regeringens vagnar")
        .into_iter()
        .take_while(|l| !l.to_lowercase().starts_with("kopia till"))
        .filter(|l| l.split_whitespace().count() <= 4 && l.starts_with(char::is_uppercase))
        .collect();
    Decision {
        diarienummer: DIARIENUMMER.find(text).map(|m| m.as_str().to_string()),
        ministry: MINISTRY.find(text).map(|m| m.as_str().to_string()),
        recipient: super::assignments::first_assigned(reading),
        total_sek: money_after(reading, &TOTAL_ANCHOR),
        budget: (budget != Budget::default()).then_some(budget),
        payment_period,
        signatories,
        copies_to: lines_after(layout, text, "kopia till"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::analyze;

    #[test]
    fn budget_and_period_are_read_from_the_prose() {
        let text = "Medlen ska utbetalas från utgiftsområde 9 Hälsovård, sjukvård och social omsorg, anslaget 1:6 Bidrag till folkhälsa och sjukvård, anslagsposten 1 Professionssatsningen för budgetåret 2020. Medlen utbetalas av Kammarkollegiet under november månad 2020 till kommunerna.\n\nPå regeringens vägnar\n\nLena Hallengren\n\nMartina Bergström\n\nKopia till\n\nFinansdepartementet/BA, K\nSocialstyrelsen\n";
        let layout = analyze(text);
        let reading = layout.reading_text(text);
        let d = decision(text, &layout, &reading.text);
        let budget = d.budget.unwrap();
        assert_eq!(
            budget.utgiftsomrade.unwrap().name.as_deref(),
            Some("Hälsovård, sjukvård och social omsorg")
        );
        assert_eq!(
            budget.anslag.unwrap().name.as_deref(),
            Some("Bidrag till folkhälsa och sjukvård")
        );
        assert_eq!(
            budget.anslagspost.unwrap().name.as_deref(),
            Some("Professionssatsningen")
        );
        assert_eq!(budget.budget_year, Some(2020));
        assert_eq!(d.payment_period.as_deref(), Some("2020-11"));
        assert_eq!(d.signatories, vec!["Lena Hallengren", "Martina Bergström"]);
        assert_eq!(
            d.copies_to,
            vec!["Finansdepartementet/BA, K", "Socialstyrelsen"]
        );
    }
}
