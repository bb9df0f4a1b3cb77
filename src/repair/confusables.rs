//! The real-word confusables: the known words that repair may read as another word in a text that
//! lost its diacritics (`ar` → `är`, `for` → `för`), with those readings, as the unadapted channel
//! without the engine's doubt reads them, surely enough to list a reading at least for review.
//!
//! `dictionaries/real_word_confusables.tsv` holds them, one row a word, sorted by the word:
//! `word`, `reading`, `confidence`, and the confusions read (`printed→truth`, space-separated).
//! `examples/list_real_word_confusables.rs` writes it by reading every word of the embedded
//! lexicon; `build.rs` compiles an fst map from each word to its row's byte offset. Through that
//! channel a known word's reading is then its row, or none: no search. (A less sure reading would
//! be dropped by every pass through it, where a word's confidence is its reading's alone.) It is
//! also the list of every change of a real word that repair can make in such a text, to review.

use super::search::Reading;
use crate::confusion::Letters;

pub(super) static ROWS: &str = include_str!("../../dictionaries/real_word_confusables.tsv");

/// The embedded list: each listed word's row in [`ROWS`].
pub(super) struct Confusables {
    rows: fst::Map<&'static [u8]>,
}

impl Confusables {
    /// The embedded list, if it lists any word (it lists none while it is being made).
    pub(super) fn embedded() -> Option<&'static Confusables> {
        static LIST: std::sync::LazyLock<Confusables> = std::sync::LazyLock::new(|| {
            let bytes = include_bytes!(concat!(env!("OUT_DIR"), "/real_word_confusables.fst"));
            let rows = fst::Map::new(bytes.as_slice()).expect("build.rs compiled the list");
            Confusables { rows }
        });
        Some(&*LIST).filter(|list| !list.rows.is_empty())
    }

    /// The listed reading of `word`, a known word, or `None` if it is not listed.
    pub(super) fn reading(&self, word: &str) -> Option<Reading> {
        let at = self.rows.get(word)? as usize;
        let row = ROWS[at..].lines().next().unwrap_or_default();
        Some(parse(row).unwrap_or_else(|| panic!("real_word_confusables.tsv: bad row {row:?}")))
    }
}

/// The row of `word`, read as `reading`.
pub(super) fn row(word: &str, reading: &Reading) -> String {
    let ops: Vec<String> = (reading.ops.iter())
        .map(|(printed, truth)| format!("{printed}→{truth}"))
        .collect();
    let (text, confidence) = (&reading.text, reading.confidence);
    format!("{word}\t{text}\t{confidence}\t{}", ops.join(" "))
}

/// The reading a row lists (confidences are written as Rust writes an `f64`, which reads back
/// to the same bits).
fn parse(row: &str) -> Option<Reading> {
    let mut fields = row.split('\t');
    let (_word, text, confidence, ops) = (
        fields.next()?,
        fields.next()?,
        fields.next()?,
        fields.next()?,
    );
    let ops = (ops.split(' ').filter(|op| !op.is_empty()))
        .map(|op| {
            let (printed, truth) = op.split_once('→')?;
            Some((Letters::new(printed)?, Letters::new(truth)?))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Reading {
        text: text.to_string(),
        confidence: confidence.parse().ok()?,
        printed_is_word: true,
        ops,
    })
}
