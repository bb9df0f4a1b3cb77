//! The whole pipeline from bytes to JSON: whatever the bytes, no panic, and the record (or the
//! refusal) is well-formed. `cargo +nightly fuzz run pipeline` from the repository root.
#![no_main]

use kansli::ingest;
use kansli::pipeline;
use kansli::repair::Repairer;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match ingest::decode("fuzz.txt", data) {
        Ok(doc) => {
            let text_len = doc.text.len();
            let record = pipeline::process(doc, &Repairer::default());
            for edit in record.repairs.iter().chain(&record.review) {
                assert!(edit.start <= edit.end && edit.end <= text_len, "edit out of range");
            }
            let json = serde_json::to_vec(&record).expect("records serialize");
            assert!(serde_json::from_slice::<serde_json::Value>(&json).is_ok());
        }
        Err(e) => {
            assert!(e.to_string().starts_with("fuzz.txt: "));
        }
    }
});
