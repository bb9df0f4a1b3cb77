//! People a document names with their title or role: ministers ("socialminister Lena
//! Hallengren"), people quoted with their role ("säger Lena Micko, ordförande …"), press contacts
//! with their role line and phone numbers, and a decision's signatories.

use super::texts::Texts;
use crate::record::{Person, Phone};
use crate::words::WordRegex;
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// A first name and a surname, each capitalised, either possibly hyphenated ("Carl-Martin").
/// Names are two words: a third capitalised word is as often the next line of a contact block
/// ("Lena Hallengren Mobil …" in the reading text) as a second surname.
const NAME: &str = r"\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?[ \t]+\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?\b";

/// "socialminister Lena Hallengren", "folkhälso-, sjukvårds- och idrottsminister Gabriel
/// Wikström".
static MINISTER: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(&format!(
        r"\b(?P<title>(?:(?:\p{{Ll}}+-,?\s+)+och\s+)?\p{{L}}\p{{Ll}}*minister)\s+(?P<name>{NAME})"
    ))
});

/// "säger Lena Micko, ordförande Sveriges Kommuner och Landsting."
static QUOTED: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(&format!(
        r"\b(?:säger|sa|kommenterar|skriver|berättar|konstaterar)\s+(?P<name>{NAME}),\s+(?P<title>[^.\n]+)"
    ))
});

/// The role line of a press contact ("Pressekreterare hos socialminister Lena Hallengren").
static ROLE_LINE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(
        r"^(?i:(?:tf\.?\s+)?(?:pressekreterare|pressansvarig|presschef|kommunikationschef|informationschef|kommunikatör))\b",
    )
});

static NAME_LINE: LazyLock<WordRegex> = LazyLock::new(|| WordRegex::new(&format!(r"^{NAME}$")));

/// "Telefon (växel) 08-405 10 00", "Mobil 073-065 16 12", "Telefon: 08-700 08 63".
static PHONE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?P<label>\p{L}[\p{L} ()./-]*?)\s*:?\s*)?(?P<number>\+?\d[\d -]{5,}\d)$")
        .unwrap()
});

/// The people of a document in order of first mention, each once: a later mention adds a title
/// the first lacked, and phones.
pub fn people(texts: &Texts, signatories: &[String]) -> Vec<Person> {
    let reading = texts.reading();
    let person = |name: &str, title: Option<&str>, phones, span: Range<usize>| Person {
        name: name.to_string(),
        title: title.map(|t| t.trim().to_string()),
        phones,
        start: span.start,
        end: span.end,
    };
    let mut found: Vec<Person> = Vec::new();
    for pattern in [&*MINISTER, &*QUOTED] {
        for c in pattern.captures_iter(reading) {
            let name = c.name("name").expect("every pattern has a name");
            let span = texts.span(name.range());
            found.push(person(name.as_str(), Some(&c["title"]), Vec::new(), span));
        }
    }
    found.extend(press_contacts(texts));
    for name in signatories {
        if let Some(at) = texts.text().find(name.as_str()) {
            let span = texts.span_repaired(at..at + name.len());
            found.push(person(name, None, Vec::new(), span));
        }
    }
    found.sort_by_key(|p| p.start);
    let mut people: Vec<Person> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for p in found {
        match index.get(&p.name) {
            Some(&i) => {
                let q = &mut people[i];
                q.title = q.title.take().or(p.title);
                for phone in p.phones {
                    if !q.phones.contains(&phone) {
                        q.phones.push(phone);
                    }
                }
            }
            None => {
                index.insert(p.name.clone(), people.len());
                people.push(p);
            }
        }
    }
    people
}

/// Lines after a press contact's role or name that may hold its phone numbers ("Telefon
/// (växel)", "Mobil", then "e-post till …").
const CONTACT_LINES: usize = 4;

/// Press contacts: a role line with the name on the line before or after it, and the phone
/// lines among the few that follow, up to a blank line. Read line by line in the repaired text,
/// since the reading text joins the block into one paragraph.
fn press_contacts(texts: &Texts) -> Vec<Person> {
    let text = texts.text();
    let lines: Vec<(Range<usize>, &str)> = texts
        .layout
        .lines
        .iter()
        .map(|l| {
            let content = &text[l.start..l.end];
            let lead = content.len() - content.trim_start().len();
            let trimmed = content.trim();
            (l.start + lead..l.start + lead + trimmed.len(), trimmed)
        })
        .collect();
    let name_at = |i: usize| {
        lines
            .get(i)
            .filter(|(_, l)| NAME_LINE.is_match(l))
            .map(|(range, l)| (i, range.clone(), *l))
    };
    let mut out = Vec::new();
    for (i, (_, role)) in lines.iter().enumerate() {
        if !ROLE_LINE.is_match(role) {
            continue;
        }
        let Some((name_line, range, name)) = i
            .checked_sub(1)
            .and_then(name_at)
            .or_else(|| name_at(i + 1))
        else {
            continue;
        };
        let phones = lines[i.max(name_line) + 1..]
            .iter()
            .take(CONTACT_LINES)
            .take_while(|(_, l)| !l.is_empty())
            .filter_map(|(_, l)| PHONE_LINE.captures(l))
            .map(|c| Phone {
                label: c.name("label").map(|m| m.as_str().to_string()),
                number: c["number"].to_string(),
            })
            .collect();
        let span = texts.span_repaired(range);
        out.push(Person {
            name: name.to_string(),
            title: Some(role.to_string()),
            phones,
            start: span.start,
            end: span.end,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::analyze;
    use crate::offsets::MappedText;

    fn extract(text: &str, signatories: &[String]) -> Vec<Person> {
        let repaired = MappedText::identity(text);
        let layout = analyze(text);
        let reading = layout.reading_text(text);
        people(&Texts::new(text, &repaired, &reading, &layout), signatories)
    }

    #[test]
    fn ministers_quoted_people_and_press_contacts() {
        let text = "– Nu, säger folkhälso-, sjukvårds- och idrottsminister Gabriel Wikström och finansminister Magdalena Andersson.\n\n– Bra, säger Lena Micko, ordförande Sveriges Kommuner och Landsting.\n\nPresskontakt\n\nSofia Brändström\nPressekreterare hos socialminister Lena Hallengren\nTelefon (växel) 08-405 10 00\nMobil 073-065 16 12\ne-post till Sofia Brändström\n";
        let p = extract(text, &[]);
        let summary: Vec<_> = p
            .iter()
            .map(|p| (p.name.as_str(), p.title.as_deref()))
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "Gabriel Wikström",
                    Some("folkhälso-, sjukvårds- och idrottsminister")
                ),
                ("Magdalena Andersson", Some("finansminister")),
                (
                    "Lena Micko",
                    Some("ordförande Sveriges Kommuner och Landsting")
                ),
                (
                    "Sofia Brändström",
                    Some("Pressekreterare hos socialminister Lena Hallengren")
                ),
                ("Lena Hallengren", Some("socialminister")),
            ]
        );
        assert_eq!(
            p[3].phones,
            vec![
                Phone {
                    label: Some("Telefon (växel)".into()),
                    number: "08-405 10 00".into()
                },
                Phone {
                    label: Some("Mobil".into()),
                    number: "073-065 16 12".into()
                }
            ]
        );
        assert_eq!(&text[p[3].start..p[3].end], "Sofia Brändström");
    }

    #[test]
    fn a_role_line_may_come_first_and_signatories_have_no_title() {
        let text = "Kontakt\n\nPressansvarig\nMattias Axelsson\nTelefon: 08-700 08 63\n\nPå regeringens vägnar\n\nLena Hallengren\n";
        let p = extract(text, &["Lena Hallengren".to_string()]);
        assert_eq!(p[0].name, "Mattias Axelsson");
        assert_eq!(p[0].title.as_deref(), Some("Pressansvarig"));
        assert_eq!(p[0].phones[0].label.as_deref(), Some("Telefon"));
        assert_eq!(
            (p[1].name.as_str(), p[1].title.as_deref()),
            ("Lena Hallengren", None)
        );
    }
}
