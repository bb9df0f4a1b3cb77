//! A line of `--stdin-jsonl` input: whatever the bytes, no panic; a document when it is a JSON
//! object with a "text" string, else an error naming the line.
#![no_main]

use kansli::ingest;
use kansli::pipeline;
use kansli::repair::Repairer;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (_id, doc) = ingest::parse_json_line("<stdin>:1", data);
    match doc {
        Ok(doc) => {
            let record = pipeline::process(doc, &Repairer::default());
            serde_json::to_vec(&record).expect("records serialize");
        }
        Err(e) => assert!(e.to_string().contains("<stdin>:1") || !e.path().is_empty()),
    }
});
