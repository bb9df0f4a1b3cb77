//! Lists the known words that repair may read as another word in a text that lost its diacritics
//! (`ar` → `är`, `for` → `för`), surely enough to list the reading at least for review, with
//! those readings, by reading every word of the embedded lexicon through the embedded confusion
//! model: `dictionaries/real_word_confusables.tsv` (see `src/repair/confusables.rs`), which
//! spares repair the search of every known word there. Run it again whenever the lexicon, the
//! confusion model or the search changes (a test compares the list with what repair reads):
//!
//! ```text
//! cargo run --release --example list_real_word_confusables > /tmp/confusables.tsv
//! mv /tmp/confusables.tsv dictionaries/real_word_confusables.tsv
//! ```
//!
//! (A few seconds on two cores. The list is written elsewhere first: the program reads every
//! word itself and does not use it, but it is compiled with whichever list is there.)

use kansli::lexicon::Lexicon;
use kansli::repair::Repairer;
use rayon::prelude::*;

fn main() {
    let repairer = Repairer::default();
    let words = Lexicon::embedded().words();
    let rows: Vec<String> = (words.par_iter())
        .filter_map(|w| repairer.real_word_confusable(w))
        .collect();
    println!("# The known words that kansli's repair may read as another word in a text that");
    println!("# lost its diacritics, surely enough to list the reading at least for review:");
    println!("# {} of the lexicon's {} words.", rows.len(), words.len());
    println!("# Made by examples/list_real_word_confusables.rs from dictionaries/lexicon.tsv,");
    println!("# names.tsv, the registers and ocr_confusions.tsv (their licences apply).");
    println!("# word\treading\tconfidence\tconfusions read (printed→truth)");
    for row in rows {
        println!("{row}");
    }
}
