//! Compiles the lexicon into an fst map at build time, so the binary starts with it ready (no
//! parsing at start-up). Keys: lowercase NFC word forms; values: frequency per billion words.
//! Sources: dictionaries/lexicon.tsv (wordfreq + hunspell-sv, see dictionaries/README.md),
//! dictionaries/names.tsv, and the words of the official municipality and region names.

use std::collections::BTreeMap;
use std::path::Path;

/// Frequency given to a proper name that the word list does not know.
const NAME_COUNT: u64 = 300;

fn main() {
    let dict = Path::new("dictionaries");
    let mut words: BTreeMap<String, u64> = BTreeMap::new();
    let mut add = |word: &str, count: u64| {
        let w = word.trim().to_lowercase();
        if !w.is_empty() {
            let e = words.entry(w).or_insert(0);
            *e = (*e).max(count);
        }
    };
    for file in [
        "lexicon.tsv",
        "names.tsv",
        "municipalities.tsv",
        "regions.tsv",
    ] {
        println!("cargo:rerun-if-changed=dictionaries/{file}");
        let text = std::fs::read_to_string(dict.join(file))
            .unwrap_or_else(|e| panic!("dictionaries/{file}: {e}"));
        let is_register = file != "lexicon.tsv" && file != "names.tsv";
        for line in text
            .lines()
            .skip(usize::from(is_register))
            .filter(|l| !l.starts_with('#'))
        {
            let cols: Vec<&str> = line.split('\t').collect();
            match file {
                "lexicon.tsv" => {
                    if let (Some(w), Some(Ok(c))) =
                        (cols.first(), cols.get(1).map(|c| c.trim().parse::<u64>()))
                    {
                        add(w, c);
                    }
                }
                "names.tsv" => add(cols[0], NAME_COUNT),
                // the name column of the registers; their words are names too
                _ => {
                    let name = cols.get(1).copied().unwrap_or("");
                    for w in name.split([' ', '-']) {
                        add(w, NAME_COUNT);
                    }
                }
            }
        }
    }
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("lexicon.fst");
    let mut builder = fst::MapBuilder::new(std::io::BufWriter::new(
        std::fs::File::create(&out).unwrap(),
    ))
    .unwrap();
    for (w, c) in &words {
        builder.insert(w, *c).unwrap();
    }
    builder.finish().unwrap();
}
