//! Lists the known words that repair may read as another word in a text that lost its diacritics
//! (`ar` → `är`, `for` → `för`), surely enough to list the reading at least for review, by
//! reading every word of the embedded lexicon through the embedded confusion model:
//! `dictionaries/real_word_confusables.txt`, which spares repair the search of the words it
//! leaves out. Run it again whenever the lexicon, the confusion model or
//! the search changes (a test compares a sample of the list with what repair reads):
//!
//! ```text
//! cargo run --release --example list_real_word_confusables > /tmp/confusables.txt
//! mv /tmp/confusables.txt dictionaries/real_word_confusables.txt
//! ```
//!
//! (About half a minute on two cores. The list is written elsewhere first: the program reads
//! every word itself and does not use it, but it is compiled with whichever list is there.)

use kansli::lexicon::Lexicon;
use kansli::repair::Repairer;
use rayon::prelude::*;

fn main() {
    let repairer = Repairer::default();
    let words = Lexicon::embedded().words();
    let listed: Vec<&String> = words
        .par_iter()
        .filter(|w| repairer.may_read_as_another_word(w))
        .collect();
    println!("# The known words that kansli's repair may read as another word in a text that");
    println!("# lost its diacritics, surely enough to list the reading at least for review:");
    println!("# {} of the lexicon's {} words.", listed.len(), words.len());
    println!("# Made by examples/list_real_word_confusables.rs from dictionaries/lexicon.tsv,");
    println!("# names.tsv, the registers and ocr_confusions.tsv (their licences apply).");
    for word in listed {
        println!("{word}");
    }
}
