//! Assignments (uppdrag): "Regeringen ger Socialstyrelsen i uppdrag att …", "Kammarkollegiet får i
//! uppdrag att …", "En särskild utredare ges i uppdrag att …": who is assigned, and what to do.

use super::texts::Texts;
use crate::record::Assignment;
use crate::words::WordRegex;
use std::ops::Range;
use std::sync::LazyLock;

/// Who can be given an assignment: a name ("Kammarkollegiet", "Sveriges Kommuner och Regioner")
/// within one paragraph, or a special investigator.
const WHO: &str = r"\p{Lu}[\p{L}-]*(?:[\s&&[^\n]]+(?:\p{Lu}[\p{L}-]*|och|för|i|med))*?|[Ee]n\s+särskild\s+utredare|[Uu]tredaren";

/// Adverbs that may stand around the assigned ("ger också Kammarkollegiet", "får därför").
const ADVERB: &str = r"(?:(?:också|även|därför|nu)\s+)?";

/// "ger X i uppdrag att" (X after the verb, also "får X i uppdrag" after a fronted phrase) or
/// "X får/ges i uppdrag att".
static ASSIGNMENT: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(&format!(
        r"\b(?:ger|gett|ge|gav|får|fick)\s+{ADVERB}(?P<who>{WHO})\s+{ADVERB}i\s+uppdrag\s+att\s+|(?P<subject>{WHO})\s+(?:får|fick|ges|gavs)\s+{ADVERB}i\s+uppdrag\s+att\s+"
    ))
});

/// Who the assignment a match found goes to.
fn assigned<'t>(caps: &regex::Captures<'t>) -> Option<&'t str> {
    Some(caps.name("who").or(caps.name("subject"))?.as_str())
}

/// Every assignment in the reading text, in order; `what` runs to the end of the sentence (or to
/// the next assignment in it).
pub fn assignments(texts: &Texts) -> Vec<Assignment> {
    let reading = texts.reading();
    let found: Vec<(Range<usize>, &str)> = ASSIGNMENT
        .captures_iter(reading)
        .filter_map(|c| Some((c.get(0)?.range(), assigned(&c)?)))
        .collect();
    found
        .iter()
        .enumerate()
        .map(|(i, (whole, who))| {
            let next = found.get(i + 1).map_or(reading.len(), |n| n.0.start);
            let end = texts.sentence(whole.end).end.min(next).max(whole.end);
            let span = texts.span(whole.start..end);
            Assignment {
                who: who.split_whitespace().collect::<Vec<_>>().join(" "),
                what: reading[whole.end..end].trim().to_string(),
                start: span.start,
                end: span.end,
            }
        })
        .collect()
}

/// Who the first assignment goes to: a decision's recipient.
pub fn first_assigned(reading: &str) -> Option<String> {
    assigned(&ASSIGNMENT.captures(reading)?).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::analyze;
    use crate::offsets::MappedText;

    fn extract(text: &str) -> Vec<(String, String)> {
        let repaired = MappedText::identity(text);
        let layout = analyze(text);
        let reading = layout.reading_text(text);
        assignments(&Texts::new(text, &repaired, &reading, &layout))
            .into_iter()
            .map(|a| (a.who, a.what))
            .collect()
    }

    #[test]
    fn the_assigned_stands_after_the_verb_or_before_it() {
        let found = extract(
            "Publicerad\n\nRegeringen ger Socialstyrelsen i uppdrag att följa och stödja regionernas arbete. Publicerad\n\nSocialstyrelsen får därför i uppdrag att genomföra en sådan analys. Med anledning av beslutet får Trafikverket i uppdrag att ta fram en plan. En särskild utredare ges i uppdrag att utreda frågan.",
        );
        let want = [
            ("Socialstyrelsen", "följa och stödja regionernas arbete"),
            ("Socialstyrelsen", "genomföra en sådan analys"),
            ("Trafikverket", "ta fram en plan"),
            ("En särskild utredare", "utreda frågan"),
        ];
        assert_eq!(
            found,
            want.map(|(w, x)| (w.to_string(), x.to_string())).to_vec()
        );
    }
}
