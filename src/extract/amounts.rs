//! Amounts of money in the running text, with what their sentence says about each: a qualifier
//! ("drygt 5,9 miljarder"), the recipient ("till regionerna"), the year ("för 2020") and the
//! purpose ("för att stärka …"). Allocation-table rows are left to [`super::allocations`].

use super::money::{find_money_where, MoneyMatch};
use super::texts::Texts;
use crate::layout::LineKind;
use crate::record::Amount;
use crate::swedish::folded;
use crate::words::WordRegex;
use regex::Regex;
use std::sync::LazyLock;

/// Words that qualify an amount when they stand right before it, in the form reported.
const QUALIFIERS: &[&str] = &[
    "upp till",
    "drygt",
    "knappt",
    "totalt",
    "sammanlagt",
    "högst",
    "maximalt",
    "minst",
    "ytterligare",
    "ungefär",
    "cirka",
    "ca",
    "omkring",
    "närmare",
    "nästan",
    "över",
    "runt",
    "uppemot",
];

/// Characters the OCR scatters between words; skipped when looking for the qualifier.
const OCR_JUNK: &[char] = &['\'', '‘', '’', '"', '”', ':', ';', '.', ',', '-'];

/// A count before a group ("17 kommuner", "fem regioner").
const COUNT: &str = r"\d+|två|tre|fyra|fem|sex|sju|åtta|nio|tio";

/// Municipalities, regions or county councils as a group.
const GROUP: &str = r"kommun(?:er|erna)|region(?:er|erna)|landsting(?:en)?";

/// A group, possibly counted or qualified, or two of them joined ("samtliga kommuner", "regioner
/// och kommuner", "17 kommuner och fem regioner").
static COLLECTIVE: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?:(?:{COUNT}|samtliga|alla|vissa|enskilda)\s+)?(?:{GROUP})(?:\s+och\s+(?:(?:{COUNT})\s+)?(?:{GROUP}))?\b"
    )
});

/// "till <recipient>" or "mellan <recipients>": a group of municipalities or regions, or a name
/// ("Kammarkollegiet", "Region Värmland", "Sveriges Kommuner och Regioner", "Härnösands kommun").
static TO_RECIPIENT: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(&format!(
        r"\b(?:till|mellan)\s+(?:de\s+)?(?:(?P<group>{collective})|(?P<name>\p{{Lu}}[\p{{L}}-]*(?:\s+(?:och\s+)?\p{{Lu}}[\p{{L}}-]*)*(?:\s+kommun\b)?))",
        collective = *COLLECTIVE
    ))
});

/// A list item that names its recipient before the amount: "• Härnösands kommun, 17,6 miljoner
/// kronor", "Region Värmland, 30 miljoner kronor".
static LISTED_RECIPIENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^\p{L}]*(?P<name>\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)*(?:\s+kommun)?),\s*$")
        .unwrap()
});

/// A group that receives, named next to its verb: "Regionerna tillförs …", "får regionerna …".
static RECEIVES: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(&format!(
        r"(?i)\b(?P<group>{collective})\s+(?:tillförs|får|erhåller|tilldelas)\b|\b(?:tillförs|får|erhåller|tilldelas|ges)\s+(?:också\s+|även\s+)?(?P<group2>{collective})",
        collective = *COLLECTIVE
    ))
});

static YEAR: LazyLock<WordRegex> = LazyLock::new(|| WordRegex::new(r"\b(?:19|20)\d\d\b"));

/// Where a purpose starts: "för att …", "för <noun>", "i syfte att …", "så att …".
static PURPOSE_MARK: LazyLock<WordRegex> =
    LazyLock::new(|| WordRegex::new(r"(?i)\b(?:för|i syfte|så)\s+"));

/// What follows "för" when it is not a purpose: a year or period ("för 2020", "för åren
/// 2022–2024"), or a reference back ("för detta ändamål").
static NOT_A_PURPOSE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"^(?:\d|(?:år|åren|året|budgetåret|perioden|detta|dessa|denna)\b)")
});

/// Where a purpose clause ends: punctuation, a relative clause, or the funding verb after a
/// fronted purpose ("För ökad tillgänglighet avsätts …").
static PURPOSE_END: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(
        r"[,;:()]|\s(?:som|avsätts|avsätter|avsatte|avsattes|satsas|satsar|tillförs|tillför|fördelas|fördelar|betalas|utbetalas|föreslås|föreslår|beräknas|anslås)\b",
    )
});

/// Every amount of money in the document's running text, in order.
pub fn amounts(texts: &Texts) -> Vec<Amount> {
    let reading = texts.reading();
    let found: Vec<MoneyMatch> =
        find_money_where(reading, |at| texts.line_kind(at) != LineKind::TableRow).collect();
    // The purpose clause that ends a sentence, found once per sentence (by its start).
    let mut tail_purpose: Option<(usize, Option<String>)> = None;
    let mut amounts = Vec::with_capacity(found.len());
    for (i, m) in found.iter().enumerate() {
        let sentence = texts.sentence(m.start);
        // The amount's share of its sentence: up to the amounts before and after it.
        let before_start = i
            .checked_sub(1)
            .map_or(sentence.start, |p| found[p].end.max(sentence.start));
        let after_end = found
            .get(i + 1)
            .map_or(sentence.end, |n| n.start.min(sentence.end))
            .max(m.end);
        let before = &reading[before_start..m.start];
        let after = &reading[m.end..after_end];
        let own_purpose = purpose(after).or_else(|| purpose(before));
        // A purpose at the end of the sentence covers every amount coordinated before it
        // ("1,8 miljarder till regionerna och 500 miljoner till kommunerna, så att …").
        let purpose = own_purpose.or_else(|| {
            if tail_purpose.as_ref().map(|t| t.0) != Some(sentence.start) {
                let last = found.partition_point(|n| n.start < sentence.end).max(i + 1) - 1;
                let tail_start = found[last].end;
                let tail = &reading[tail_start..sentence.end.max(tail_start)];
                tail_purpose = Some((sentence.start, purpose(tail)));
            }
            tail_purpose.as_ref().and_then(|t| t.1.clone())
        });
        let span = texts.span(m.start..m.end);
        amounts.push(Amount {
            text: texts.original[span.clone()].to_string(),
            value_sek: m.value_sek,
            upper_sek: m.upper_sek,
            qualifier: qualifier(before).map(str::to_string),
            recipient: recipient(before, after, before_start == sentence.start),
            year: year(before, after),
            purpose,
            start: span.start,
            end: span.end,
        });
    }
    amounts
}

/// The qualifier standing right before an amount (`before` ends where the amount starts). Read
/// with diacritics folded, since the OCR drops them ("hogst").
fn qualifier(before: &str) -> Option<&'static str> {
    static FOLDED: LazyLock<Vec<(&str, String)>> =
        LazyLock::new(|| QUALIFIERS.iter().map(|&q| (q, folded(q))).collect());
    let words = before.trim_end_matches(|c: char| c.is_whitespace() || OCR_JUNK.contains(&c));
    // only the end of `before` is read: the longest qualifier and the character before it
    // (folding keeps every character one character, and trimming first is trimming the folded)
    let reach = FOLDED
        .iter()
        .map(|(_, f)| f.chars().count())
        .max()
        .unwrap_or(0)
        + 1;
    let end_start = words
        .char_indices()
        .nth_back(reach - 1)
        .map_or(0, |(i, _)| i);
    let end = folded(&words[end_start..]);
    FOLDED.iter().find_map(|(q, folded_q)| {
        let rest = end.strip_suffix(folded_q.as_str())?;
        let alone = rest
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        alone.then_some(*q)
    })
}

/// The recipient the sentence names: "till X" after the amount, else a group that receives
/// before it ("Regionerna tillförs", "får regionerna"), else, when no other amount comes first in
/// the sentence, "till X" before it ("till samtliga kommuner om 35 000 kronor") or the name a list
/// item starts with. Groups are common nouns and reported in lower case; names as written.
fn recipient(before: &str, after: &str, starts_sentence: bool) -> Option<String> {
    let named = |c: regex::Captures| match c.name("group").or(c.name("group2")) {
        Some(group) => group.as_str().to_lowercase(),
        None => c["name"].to_string(),
    };
    TO_RECIPIENT
        .captures(after)
        .map(named)
        .or_else(|| RECEIVES.captures_iter(before).last().map(named))
        .or_else(|| {
            if !starts_sentence {
                return None;
            }
            TO_RECIPIENT
                .captures_iter(before)
                .last()
                .map(named)
                .or_else(|| {
                    let c = LISTED_RECIPIENT.captures(before)?;
                    Some(c["name"].to_string())
                })
        })
}

/// The year of an amount: the first after it in its share of the sentence ("1,8 miljarder kronor
/// för 2017"), else the last before it ("en generell resursförstärkning 2020 … på 1,5
/// miljarder").
fn year(before: &str, after: &str) -> Option<i32> {
    YEAR.find(after)
        .or_else(|| YEAR.find_iter(before).last())
        .and_then(|y| y.as_str().parse().ok())
}

/// The first purpose clause in `text`, without its marker ("för", "i syfte", "så"): "att stötta
/// kommunernas arbete …", "ökad tillgänglighet inom barnhälsovården".
fn purpose(text: &str) -> Option<String> {
    PURPOSE_MARK.find_iter(text).find_map(|mark| {
        let rest = &text[mark.end()..];
        let marker = mark.as_str().trim().to_lowercase();
        if NOT_A_PURPOSE.is_match(rest) || (marker != "för" && !rest.starts_with("att ")) {
            return None;
        }
        // A comma after a hyphen belongs to a suspended compound ("stöd-, utvecklings- och …").
        let end = PURPOSE_END
            .find_iter(rest)
            .find(|m| !(m.as_str() == "," && rest[..m.start()].ends_with('-')))
            .map_or(rest.len(), |m| m.start());
        // Cut short by the next amount, a clause may end in its conjunction ("för aktivitetsstöd
        // och 570 miljoner kronor för …").
        let clause = rest[..end].trim();
        let clause = ["och", "samt", "eller"]
            .iter()
            .find_map(|c| clause.strip_suffix(c).filter(|r| r.ends_with(' ')))
            .unwrap_or(clause)
            .trim();
        (!clause.is_empty()).then(|| clause.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::analyze;
    use crate::offsets::MappedText;

    fn extract(text: &str) -> Vec<Amount> {
        let repaired = MappedText::identity(text);
        let layout = analyze(text);
        let reading = layout.reading_text(text);
        amounts(&Texts::new(text, &repaired, &reading, &layout))
    }

    #[test]
    fn the_sentence_gives_qualifier_recipient_year_and_purpose() {
        let a = extract(
            "Regionerna tillförs 1,4 miljarder kronor under 2020 som bland annat kan användas för att förbättra\ntillgängligheten, öka kontinuiteten. Av dessa medel avsätts 1,8 miljarder kronor till regionerna, och 500 miljoner kronor till kommunerna, så att de ska kunna stärka planeringen.",
        );
        assert_eq!(a.len(), 3);
        assert_eq!(a[0].recipient.as_deref(), Some("regionerna"));
        assert_eq!(a[0].year, Some(2020));
        assert_eq!(
            a[0].purpose.as_deref(),
            Some("att förbättra tillgängligheten")
        );
        assert_eq!(a[1].recipient.as_deref(), Some("regionerna"));
        assert_eq!(a[1].year, None);
        assert_eq!(
            a[1].purpose.as_deref(),
            Some("att de ska kunna stärka planeringen")
        );
        assert_eq!(a[2].recipient.as_deref(), Some("kommunerna"));
        assert_eq!(
            a[2].purpose.as_deref(),
            Some("att de ska kunna stärka planeringen")
        );
    }

    #[test]
    fn a_year_after_the_amount_wins_and_list_items_name_the_recipient() {
        let a = extract("Regeringen har beslutat att 1,85 miljarder kronor ska betalas ut för 2016, 1,8 miljarder kronor för 2017 och 330 miljoner kronor för aktivitetsstöd och 570 miljoner kronor.\n• Härnösands kommun, 17,6 miljoner kronor (sökt 104,5 mnkr)");
        let years: Vec<_> = a.iter().map(|a| a.year).collect();
        assert_eq!(
            years,
            vec![Some(2016), Some(2017), Some(2017), None, None, None]
        );
        assert_eq!(a[2].purpose.as_deref(), Some("aktivitetsstöd"));
        assert_eq!(a[4].recipient.as_deref(), Some("Härnösands kommun"));
        assert_eq!(a[5].recipient, None);
    }

    #[test]
    fn qualifiers_are_read_through_ocr_damage() {
        let a = extract(
            "Satsningen omfattar drygt 5,9 miljarder kronor och hogst: 2 mnkr, utöver 3 kr.",
        );
        let q: Vec<_> = a.iter().map(|a| a.qualifier.as_deref()).collect();
        assert_eq!(q, vec![Some("drygt"), Some("högst"), None]);
        assert_eq!(qualifier("ca"), Some("ca"));
        assert_eq!(qualifier("inca "), None);
        assert_eq!(qualifier("och därtill UPP TILL "), Some("upp till"));
        assert_eq!(qualifier("beräknas till ungefar, ‘"), Some("ungefär"));
        assert_eq!(
            qualifier("en lång mening om ytterligare"),
            Some("ytterligare")
        );
    }

    #[test]
    fn fronted_purposes_end_at_the_verb() {
        let a = extract("För ökad tillgänglighet inom barnhälsovården avsätts 114 miljoner kronor till regionerna.");
        assert_eq!(
            a[0].purpose.as_deref(),
            Some("ökad tillgänglighet inom barnhälsovården")
        );
        assert_eq!(a[0].text, "114 miljoner kronor");
    }

    #[test]
    fn table_rows_are_not_amounts() {
        let a = extract(
            "Regeringen avsätter 30 000 kronor.\n\nKommun Belopp\nAle 84 465 kr\nBjuv 71 129 kr\n",
        );
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].value_sek, 30_000);
    }
}
