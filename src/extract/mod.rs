//! Stage 4, extract: structured records from the repaired text.
//!
//! Every extractor reads the repaired text (or its reading text, where line breaks and hyphenated
//! words are joined) and reports positions in the original through the offset maps.

pub mod agencies;
pub mod allocations;
pub mod amounts;
pub mod assignments;
pub mod dates;
pub mod deadlines;
pub mod decision;
pub mod document;
pub mod money;
pub mod people;
pub mod tables;
pub mod texts;

use crate::record::Kind;
use crate::swedish::folded;

/// The kind of document, from its own markers: a decision says "Regeringens beslut" or is signed
/// "På regeringens vägnar"; a press release says "Pressmeddelande", is "Publicerad", or quotes a
/// minister ("säger socialminister …"). Markers are found with diacritics folded, in damaged
/// text too.
pub fn kind(text: &str) -> Kind {
    let f = folded(text);
    if f.contains("regeringens beslut") || f.contains("pa regeringens vagnar") {
        Kind::Decision
    } else if f.contains("pressmeddelande")
        || f.contains("publicerad")
        || f.contains("presskontakt")
        || (f.contains("sager ") && f.contains("minister"))
    {
        Kind::PressRelease
    } else {
        Kind::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_markers_even_when_damaged() {
        assert_eq!(
            kind("Regeringens beslut\n\nPa regeringens vagnar"),
            Kind::Decision
        );
        assert_eq!(
            kind("Pressmeddelande från Socialdepartementet"),
            Kind::PressRelease
        );
        assert_eq!(
            kind("– Nu, säger socialminister Lena Hallengren."),
            Kind::PressRelease
        );
        assert_eq!(kind("Nyhetsinfo"), Kind::Unknown);
    }
}
