//! Robustness: any encoding and line end gives the same records; bad input is refused clearly;
//! nothing panics, whatever the bytes (property tests over random and damaged input, and the
//! inputs the fuzzer found, kept in tests/regressions/).

use kansli::ingest;
use kansli::pipeline;
use kansli::repair::Repairer;
use proptest::prelude::*;
use std::path::Path;
use std::time::{Duration, Instant};

fn seed(name: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with(name))
        .unwrap();
    std::fs::read_to_string(file.path()).unwrap()
}

/// The record as JSON, without the keys that describe the bytes rather than the document.
fn record_json(bytes: &[u8]) -> serde_json::Value {
    let doc = ingest::decode("doc.txt", bytes).expect("decodes");
    let mut v = serde_json::to_value(pipeline::process(doc, &Repairer::default())).unwrap();
    let source = v["source"].as_object_mut().unwrap();
    for key in ["bytes", "sha256", "encoding", "line_ends"] {
        source.remove(key);
    }
    v
}

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let mut out = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if le {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

#[test]
fn every_encoding_and_line_end_gives_the_same_records() {
    // seed 003: a decision with an allocation table and footnotes
    let text = seed("003");
    let reference = record_json(text.as_bytes());
    assert_eq!(reference["kind"], "decision");
    assert!(!reference["allocations"].as_array().unwrap().is_empty());
    let (latin, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    let variants: Vec<(&str, Vec<u8>, &str)> = vec![
        ("UTF-8 with BOM", bom, "UTF-8"),
        ("UTF-16LE", utf16(&text, true), "UTF-16LE"),
        ("UTF-16BE", utf16(&text, false), "UTF-16BE"),
        ("windows-1252", latin.into_owned(), "windows-1252"),
        ("CRLF", text.replace('\n', "\r\n").into_bytes(), "UTF-8"),
        ("CR", text.replace('\n', "\r").into_bytes(), "UTF-8"),
    ];
    for (what, bytes, encoding) in variants {
        let doc = ingest::decode("doc.txt", &bytes).unwrap();
        assert_eq!(doc.source.encoding, encoding, "{what}");
        assert_eq!(record_json(&bytes), reference, "{what} gave other records");
    }
}

#[test]
fn form_feeds_are_page_breaks() {
    let text = "Regeringens beslut\n\nFörsta sidan.\n\x0cAndra sidan.\n\x0cTredje sidan.\n";
    let doc = ingest::decode("ff.txt", text.as_bytes()).unwrap();
    let record = pipeline::process(doc, &Repairer::default());
    assert_eq!(record.pages, 3);
}

#[test]
fn binary_and_nul_bytes_are_refused_clearly() {
    for (bytes, reason) in [
        (&b"%PDF-1.7\n1 0 obj\n"[..], "it is a PDF file"),
        (&b"PK\x03\x04\x14\x00\x06\x00"[..], "it is a ZIP archive"),
        (&b"\xFF\xD8\xFF\xE0\x00\x10JFIF"[..], "it is a JPEG image"),
        (&b"text with a \0 in it"[..], "it contains NUL bytes"),
        (
            &b"\x01\x02\x03\x04\x05\x06 abc"[..],
            "too many control characters",
        ),
    ] {
        let err = ingest::decode("in.bin", bytes).unwrap_err().to_string();
        assert!(
            err.starts_with("in.bin: not a text document (") && err.contains(reason),
            "{err}"
        );
    }
}

#[test]
fn an_empty_document_is_unknown_with_a_warning() {
    for bytes in [&b""[..], b"\n\n  \r\n", b"\xEF\xBB\xBF"] {
        let doc = ingest::decode("empty.txt", bytes).unwrap();
        let record = pipeline::process(doc, &Repairer::default());
        assert_eq!(record.kind, kansli::record::Kind::Unknown);
        assert_eq!(record.warnings, vec!["the document is empty".to_string()]);
        assert!(record.allocations.is_empty());
    }
}

/// Time of the full pipeline on `text`, best of two.
fn time_of(text: &str) -> Duration {
    (0..2)
        .map(|_| {
            let doc = ingest::decode("long.txt", text.as_bytes()).unwrap();
            let t = Instant::now();
            let record = pipeline::process(doc, &Repairer::default());
            std::hint::black_box(serde_json::to_vec(&record).unwrap());
            t.elapsed()
        })
        .min()
        .unwrap()
}

/// Whether the pipeline's time on `unit` repeated grows linearly with the input, on one long
/// line and on many lines (quadratic growth would show as ×16 for ×4 the input; allow ×8 for a
/// noisy machine).
fn assert_linear(unit: &str, n: usize) {
    for (what, sep) in [("one long line", ""), ("many lines", "\n")] {
        let make = |n: usize| {
            let mut s = String::from("Regeringens beslut\n");
            for _ in 0..n {
                s.push_str(unit);
                s.push_str(sep);
            }
            s
        };
        let small = time_of(&make(n));
        let big = time_of(&make(4 * n));
        assert!(
            big < small * 8 + Duration::from_millis(200),
            "{what}: {n} units took {small:?}, {} took {big:?}",
            4 * n
        );
    }
}

#[test]
fn long_lines_and_large_documents_take_linear_time() {
    let n = if cfg!(debug_assertions) { 25 } else { 200 };
    assert_linear(
        "Ale 84 465 kr, Alingsås 152 534 kr och kommunerna samt regeringen; ",
        n,
    );
}

/// Protected spans (e-mail and web addresses, diarienummer, "t.ex.") once made repair quadratic,
/// every word checked against every span; now a word is checked against its neighbours only.
#[test]
fn documents_full_of_addresses_take_linear_time() {
    let n = if cfg!(debug_assertions) { 200 } else { 2000 };
    assert_linear(
        "Ale 84 465 kr, t.ex. info@regeringen.se samt S2020/06722/FS; ",
        n,
    );
}

/// Runs bytes through everything the command line does with them; panics are failures.
fn whole_pipeline(bytes: &[u8]) {
    match ingest::decode("prop.txt", bytes) {
        Ok(doc) => {
            let len = doc.text.len();
            let record = pipeline::process(doc, &Repairer::default());
            for e in record.repairs.iter().chain(&record.review) {
                assert!(e.start <= e.end && e.end <= len, "edit out of range: {e:?}");
            }
            let json = serde_json::to_string(&record).unwrap();
            serde_json::from_str::<serde_json::Value>(&json).unwrap();
        }
        Err(e) => assert!(e.to_string().starts_with("prop.txt: ")),
    }
    let (_, doc) = ingest::parse_json_line("<stdin>:1", bytes);
    if let Ok(doc) = doc {
        let _ = pipeline::process(doc, &Repairer::default());
    }
}

/// Pieces of Swedish government OCR (and its damage) that random text is built from.
const PIECES: &[&str] = &[
    "Regeringens beslut",
    "Pressmeddelande",
    "På regeringens vägnar",
    "Kopia till",
    "kr",
    "kronor",
    " 000",
    "84 465",
    "1:6",
    "utgiftsområde 9",
    "anslaget",
    "Ale",
    "Alingsås",
    "Goéteborg",
    "f6r",
    "hilso-",
    "och",
    "1",
    "*",
    "Kommun Belopp",
    "Kammar-\nkollegiet",
    "S2020/06722/FS",
    "t.ex.",
    "å",
    "ä",
    "ö",
    "Ö",
    "é",
    "ß",
    "\u{308}",
    "\u{FEFF}",
    "\u{FFFD}",
    "\u{202E}",
    "ﬁ",
    "İ",
    "ǅ",
    "€",
    "½",
    "١٢٣",
    "𝟙",
    "\n",
    "\r\n",
    "\r",
    "\x0c",
    "\t",
    " ",
    "  ",
    "\n\n\n\n",
    "-",
    "–",
    "%",
    "£6r",
    "§",
    "|",
    "(1)",
    "1)",
    "minimibelopp",
    "september 2020",
];

fn config(release_cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: if cfg!(debug_assertions) {
            release_cases / 8
        } else {
            release_cases
        },
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..1500)) {
        whole_pipeline(&bytes);
    }

    #[test]
    fn random_text_never_panics(text in any::<String>()) {
        whole_pipeline(text.as_bytes());
    }

    #[test]
    fn documents_made_of_ocr_pieces_never_panic(
        picks in proptest::collection::vec((0..PIECES.len(), 0u8..4), 0..200)
    ) {
        let mut text = String::new();
        for (i, space) in picks {
            text.push_str(PIECES[i]);
            if space == 0 { text.push(' '); }
        }
        whole_pipeline(text.as_bytes());
    }
}

proptest! {
    // a whole decision each case: fewer cases
    #![proptest_config(config(128))]

    #[test]
    fn damaged_fixtures_never_panic(
        cut in 0usize..10_000,
        edits in proptest::collection::vec((0usize..10_000, any::<u8>()), 0..20)
    ) {
        // seed 003, truncated anywhere (even inside a character) and with bytes overwritten
        let text = seed("003");
        let mut bytes = text.as_bytes().to_vec();
        bytes.truncate(cut % (bytes.len() + 1));
        for (at, b) in edits {
            if !bytes.is_empty() {
                let n = bytes.len();
                bytes[at % n] = b;
            }
        }
        whole_pipeline(&bytes);
    }
}

/// Every input the fuzzer (or anyone) found to crash kansli is kept in tests/regressions/.
#[test]
fn regression_inputs_do_not_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let result = std::panic::catch_unwind(|| whole_pipeline(&bytes));
        assert!(result.is_ok(), "{} panics", path.display());
        n += 1;
    }
    assert!(n > 0, "no regression inputs in {}", dir.display());
}
