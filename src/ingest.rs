//! Stage 1, ingest: bytes → text with its origin.
//!
//! The decoded text is *the original* for every later stage: all byte offsets that kansli reports
//! (repairs, amounts, allocation rows) are offsets into this string. Decoding does three things
//! to the bytes, and only these:
//!
//! 1. the encoding is decoded (a byte-order mark decides; otherwise UTF-8, UTF-16 without a mark,
//!    or a legacy encoding such as windows-1252 detected with chardetng), and recorded in
//!    `source.encoding`;
//! 2. line ends are made `\n` (`\r\n` and a lone `\r` alike; recorded in `source.line_ends`);
//!    form feeds are kept: layout reads them as page breaks;
//! 3. decomposed Unicode (NFD, as some Mac tools write it) is composed to NFC, with a warning.
//!
//! So the same document gives the same records in any encoding and with any line ends, and for a
//! UTF-8 file with `\n` line ends (the common case) the offsets are also offsets into the file.
//!
//! Invariants: the input is never modified (files are opened read-only); a document is either
//! decoded completely or refused with an [`IngestError`] that names the file and the problem;
//! binary data is refused, never parsed as garbage; nothing here panics, whatever the bytes.

use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::fmt;
use std::io::Read;
use std::path::Path;

/// Where a document came from, as reported in the `source` key of every record.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Source {
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
    /// The encoding the bytes were decoded from (`UTF-8`, `UTF-16LE`, `windows-1252`, …).
    pub encoding: String,
    /// The line ends of the input (`LF`, `CRLF`, `CR`, `mixed`, or `none` for a single line).
    /// The decoded text always has `\n`.
    pub line_ends: String,
}

/// A decoded document: its origin and its text.
#[derive(Debug, Clone)]
pub struct Document {
    pub source: Source,
    pub text: String,
    /// Things a reviewer should know that do not stop processing (e.g. an empty file).
    pub warnings: Vec<String>,
}

/// Why a document could not be read. `Display` gives a sentence that names the file.
#[derive(Debug)]
pub enum IngestError {
    Io {
        path: String,
        message: String,
    },
    NotText {
        path: String,
        reason: String,
    },
    TooLarge {
        path: String,
        /// The size, when the file system knows it (not for standard input or a pipe).
        bytes: Option<u64>,
        limit: u64,
    },
    /// A line of `--stdin-jsonl` input that is not a JSON object with a `text` string.
    BadLine {
        path: String,
        message: String,
    },
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IngestError::Io { path, message } => write!(f, "{path}: cannot read it: {message}"),
            IngestError::NotText { path, reason } => {
                write!(f, "{path}: not a text document ({reason})")
            }
            IngestError::TooLarge {
                path,
                bytes: Some(bytes),
                limit,
            } => write!(
                f,
                "{path}: the file is {bytes} bytes, over the limit of {limit} bytes (raise it with --max-bytes)"
            ),
            IngestError::TooLarge {
                path,
                bytes: None,
                limit,
            } => write!(
                f,
                "{path}: the input is over the limit of {limit} bytes (raise it with --max-bytes)"
            ),
            IngestError::BadLine { path, message } => write!(
                f,
                "{path}: the line is not a JSON object with a \"text\" string ({message})"
            ),
        }
    }
}

impl std::error::Error for IngestError {}

impl IngestError {
    /// The file (or `<stdin>:LINE`) the error is about.
    pub fn path(&self) -> &str {
        match self {
            IngestError::Io { path, .. }
            | IngestError::NotText { path, .. }
            | IngestError::TooLarge { path, .. }
            | IngestError::BadLine { path, .. } => path,
        }
    }
}

/// Default size limit: far above any real decision, low enough to keep memory bounded.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Reads and decodes a file, refusing files over `max_bytes`. The file is opened read-only.
pub fn read_path(path: &Path, max_bytes: u64) -> Result<Document, IngestError> {
    let name = path.display().to_string();
    let io_error = |e: std::io::Error| IngestError::Io {
        path: name.clone(),
        message: describe_io_error(&e),
    };
    let file = std::fs::File::open(path).map_err(io_error)?;
    let meta = file.metadata().map_err(io_error)?;
    if meta.is_dir() {
        return Err(IngestError::Io {
            path: name,
            message: "it is a directory".into(),
        });
    }
    // the size the file system reports is only trusted for regular files (a pipe says 0)
    if meta.is_file() && meta.len() > max_bytes {
        return Err(IngestError::TooLarge {
            path: name,
            bytes: Some(meta.len()),
            limit: max_bytes,
        });
    }
    read_limited(&name, file, max_bytes, meta.is_file().then_some(meta.len()))
}

/// Reads everything from `reader` (standard input, a pipe, a file that grows) up to `max_bytes`,
/// and decodes it.
pub fn read_reader(name: &str, reader: impl Read, max_bytes: u64) -> Result<Document, IngestError> {
    read_limited(name, reader, max_bytes, None)
}

fn read_limited(
    name: &str,
    reader: impl Read,
    max_bytes: u64,
    size_hint: Option<u64>,
) -> Result<Document, IngestError> {
    let mut bytes = Vec::with_capacity(size_hint.unwrap_or(0).min(max_bytes) as usize);
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| IngestError::Io {
            path: name.to_string(),
            message: describe_io_error(&e),
        })?;
    if bytes.len() as u64 > max_bytes {
        return Err(IngestError::TooLarge {
            path: name.to_string(),
            bytes: None,
            limit: max_bytes,
        });
    }
    decode(name, &bytes)
}

/// A sentence for an I/O error, without the OS error number.
pub fn describe_io_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or directory".into(),
        PermissionDenied => "permission denied".into(),
        IsADirectory => "it is a directory".into(),
        InvalidData => "the data is not valid".into(),
        _ => {
            // "Input/output error (os error 5)" → "input/output error"
            let s = e.to_string();
            let s = s.split(" (os error").next().unwrap_or(&s).to_string();
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_lowercase().chain(c).collect())
                .unwrap_or(s)
        }
    }
}

/// Decodes bytes into a [`Document`] (see the module documentation for what is done to them).
/// Binary data is refused rather than parsed as garbage.
pub fn decode(path: &str, bytes: &[u8]) -> Result<Document, IngestError> {
    if let Some(kind) = binary_format(bytes) {
        return Err(not_text(path, kind));
    }
    let mut warnings = Vec::new();
    let (text, encoding): (Cow<str>, &'static str) =
        if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
            if had_errors {
                let bad = text.matches('\u{FFFD}').count();
                if bad * 100 > text.chars().count().max(1) {
                    return Err(not_text(
                        path,
                        &format!("it is not valid {} after its byte-order mark", enc.name()),
                    ));
                }
                warnings.push(replaced_warning(bad, enc.name()));
            }
            (text, enc.name())
        } else if let Ok(text) = std::str::from_utf8(bytes) {
            (Cow::Borrowed(text), "UTF-8")
        } else if let Some(enc) = bomless_utf16(bytes) {
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            if had_errors {
                warnings.push(replaced_warning(
                    text.matches('\u{FFFD}').count(),
                    enc.name(),
                ));
            }
            (text, enc.name())
        } else if bytes.contains(&0) {
            return Err(not_text(path, "it contains NUL bytes"));
        } else if let Some(bad) = mostly_utf8(bytes) {
            warnings.push(replaced_warning(bad, "UTF-8"));
            (String::from_utf8_lossy(bytes), "UTF-8")
        } else {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            let enc = detector.guess(Some(b"se"), true);
            let (text, _, _) = enc.decode(bytes);
            (text, enc.name())
        };
    check_is_text(path, &text)?;
    let (text, line_ends) = normalize_line_ends(text);
    let text = compose(text, &mut warnings);
    if text.trim().is_empty() {
        warnings.push("the document is empty".to_string());
    }
    Ok(Document {
        source: Source {
            path: path.to_string(),
            bytes: bytes.len() as u64,
            sha256: hex_sha256(bytes),
            encoding: encoding.to_string(),
            line_ends: line_ends.to_string(),
        },
        text: text.into_owned(),
        warnings,
    })
}

/// A document given as text (a line of `--stdin-jsonl`): the same checks and normalisation as
/// [`decode`], with `UTF-8` as its encoding (JSON text is Unicode).
pub fn from_text(path: &str, text: &str) -> Result<Document, IngestError> {
    decode(path, text.as_bytes()).map(|mut doc| {
        doc.source.encoding = "UTF-8".into();
        doc
    })
}

/// One line of streaming input (`--stdin-jsonl`): `{"id": …, "text": "…"}`, with an optional
/// `"path"` string used as `source.path` (by default `path`, e.g. `<stdin>:12`). Other keys are
/// ignored. Returns the id (null when absent or unreadable) and the document or why not.
pub fn parse_json_line(
    path: &str,
    line: &[u8],
) -> (serde_json::Value, Result<Document, IngestError>) {
    use serde_json::Value;
    let bad = |message: String| IngestError::BadLine {
        path: path.to_string(),
        message,
    };
    let value: Value = match serde_json::from_slice(line) {
        Ok(v) => v,
        Err(e) => return (Value::Null, Err(bad(e.to_string()))),
    };
    let Value::Object(mut object) = value else {
        return (Value::Null, Err(bad("it is not an object".into())));
    };
    let id = object.remove("id").unwrap_or(Value::Null);
    let name = match object.get("path") {
        Some(Value::String(p)) => p.as_str(),
        _ => path,
    };
    let result = match object.get("text") {
        Some(Value::String(text)) => from_text(name, text),
        Some(_) => Err(bad("\"text\" is not a string".into())),
        None => Err(bad("it has no \"text\" key".into())),
    };
    (id, result)
}

fn not_text(path: &str, reason: &str) -> IngestError {
    IngestError::NotText {
        path: path.to_string(),
        reason: reason.to_string(),
    }
}

fn replaced_warning(count: usize, encoding: &str) -> String {
    format!(
        "{count} byte sequence{} that {} not valid {encoding} replaced by U+FFFD",
        if count == 1 { "" } else { "s" },
        if count == 1 { "was" } else { "were" }
    )
}

/// Common binary formats, by their first bytes: a clearer refusal than "NUL bytes".
fn binary_format(bytes: &[u8]) -> Option<&'static str> {
    const FORMATS: &[(&[u8], &str)] = &[
        (
            b"%PDF-",
            "it is a PDF file: extract its text first, e.g. with OCR or pdftotext",
        ),
        (
            b"\x89PNG\r\n\x1a\n",
            "it is a PNG image: run OCR on it first",
        ),
        (b"\xFF\xD8\xFF", "it is a JPEG image: run OCR on it first"),
        (b"GIF87a", "it is a GIF image: run OCR on it first"),
        (b"GIF89a", "it is a GIF image: run OCR on it first"),
        (b"II*\0", "it is a TIFF image: run OCR on it first"),
        (b"MM\0*", "it is a TIFF image: run OCR on it first"),
        (
            b"PK\x03\x04",
            "it is a ZIP archive or an office document (docx, odt): unpack or convert it first",
        ),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "it is an old office document (doc, xls): convert it to text first",
        ),
        (b"\x1F\x8B", "it is gzip-compressed: decompress it first"),
        (b"BZh", "it is bzip2-compressed: decompress it first"),
        (b"\xFD7zXZ\0", "it is xz-compressed: decompress it first"),
        (
            b"\x28\xB5\x2F\xFD",
            "it is zstd-compressed: decompress it first",
        ),
        (b"\x7FELF", "it is an executable program"),
    ];
    FORMATS
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|&(_, what)| what)
        // "BZh" could start a text: only a real bzip2 header (BZh1–BZh9) counts
        .filter(|what| {
            !what.contains("bzip2") || bytes.get(3).is_some_and(|b| (b'1'..=b'9').contains(b))
        })
}

/// UTF-16 without a byte-order mark: in Swedish (mostly ASCII) text one byte of nearly every
/// pair is zero. Returns the byte order, or `None` when the bytes do not look like that.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let (mut even_zero, mut odd_zero) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        even_zero += usize::from(pair[0] == 0);
        odd_zero += usize::from(pair[1] == 0);
    }
    // ≥ 70 % of the high bytes zero and hardly any low byte zero
    let looks = |high: usize, low: usize| high * 10 >= pairs * 7 && low * 20 <= pairs;
    if looks(odd_zero, even_zero) {
        Some(encoding_rs::UTF_16LE)
    } else if looks(even_zero, odd_zero) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// UTF-8 with a few damaged bytes (a transfer error, a truncated last character): when valid
/// multi-byte characters far outnumber the invalid sequences, the text is UTF-8 and the bad
/// sequences are replaced. Returns their number. A legacy 8-bit text has no valid multi-byte
/// characters, so it is left to the encoding detector.
fn mostly_utf8(bytes: &[u8]) -> Option<usize> {
    let (mut valid_multibyte, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid_multibyte += s.bytes().filter(|&b| b >= 0xC0).count();
                break;
            }
            Err(e) => {
                let (good, after) = rest.split_at(e.valid_up_to());
                valid_multibyte += good.iter().filter(|&&b| b >= 0xC0).count();
                invalid += 1;
                match e.error_len() {
                    Some(n) => rest = &after[n..],
                    None => break, // truncated at the end
                }
            }
        }
    }
    (invalid > 0 && valid_multibyte >= 3 * invalid).then_some(invalid)
}

/// Refuses text that is mostly control characters: a binary file that happens to decode.
fn check_is_text(path: &str, text: &str) -> Result<(), IngestError> {
    if text.contains('\0') {
        return Err(not_text(path, "it contains NUL bytes"));
    }
    let (mut total, mut control) = (0usize, 0usize);
    for c in text.chars() {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c') {
            control += 1;
        }
    }
    if total > 0 && control * 20 > total {
        return Err(not_text(path, "too many control characters"));
    }
    Ok(())
}

/// `\r\n` and lone `\r` become `\n`. Returns the text and what the line ends were.
fn normalize_line_ends(text: Cow<'_, str>) -> (Cow<'_, str>, &'static str) {
    let lf_total = memchr_count(text.as_bytes(), b'\n');
    let cr_total = memchr_count(text.as_bytes(), b'\r');
    if cr_total == 0 {
        return (text, if lf_total == 0 { "none" } else { "LF" });
    }
    let crlf = text.matches("\r\n").count();
    let (lone_cr, lone_lf) = (cr_total - crlf, lf_total - crlf);
    let kind = match (crlf > 0, lone_cr > 0, lone_lf > 0) {
        (true, false, false) => "CRLF",
        (false, true, false) => "CR",
        _ => "mixed",
    };
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    (Cow::Owned(out), kind)
}

fn memchr_count(bytes: &[u8], needle: u8) -> usize {
    bytes.iter().filter(|&&b| b == needle).count()
}

/// Composes decomposed characters ("a" + U+0308 → "ä"), which the lexicon and the registers need.
fn compose<'a>(text: Cow<'a, str>, warnings: &mut Vec<String>) -> Cow<'a, str> {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return text;
    }
    let composed: String = text.nfc().collect();
    if composed == *text {
        return text;
    }
    warnings.push(
        "the text was in decomposed Unicode (NFD) and was composed (NFC); offsets refer to the composed text"
            .to_string(),
    );
    Cow::Owned(composed)
}

pub(crate) fn hex_sha256(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(64);
    for b in Sha256::digest(bytes) {
        let _ = write!(out, "{b:02x}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Regeringen ger Kammarkollegiet i uppdrag att utbetala 30 000 000 kronor till kommunerna för stärkt hälso- och sjukvård.";

    fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
        }
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
    fn utf8_with_and_without_bom_decode_alike() {
        let plain = decode("a", "Göteborg 960 934 kr".as_bytes()).unwrap();
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice("Göteborg 960 934 kr".as_bytes());
        let bom = decode("b", &with_bom).unwrap();
        assert_eq!(plain.text, bom.text);
        assert_eq!(plain.source.encoding, "UTF-8");
        assert_eq!(plain.source.line_ends, "none");
    }

    #[test]
    fn utf16_and_windows_1252_are_detected() {
        let doc = decode("u16", &utf16(TEXT, true, true)).unwrap();
        assert_eq!(doc.text, TEXT);
        assert_eq!(doc.source.encoding, "UTF-16LE");
        let doc = decode("u16be", &utf16(TEXT, false, true)).unwrap();
        assert_eq!(doc.text, TEXT);
        assert_eq!(doc.source.encoding, "UTF-16BE");
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(TEXT);
        let doc = decode("latin", &latin).unwrap();
        assert_eq!(doc.text, TEXT);
        assert_eq!(doc.source.encoding, "windows-1252");
    }

    #[test]
    fn utf16_without_bom_is_detected() {
        for le in [true, false] {
            let doc = decode("u16", &utf16(TEXT, le, false)).unwrap();
            assert_eq!(doc.text, TEXT);
            assert_eq!(
                doc.source.encoding,
                if le { "UTF-16LE" } else { "UTF-16BE" }
            );
        }
    }

    #[test]
    fn utf8_with_a_damaged_byte_stays_utf8() {
        let mut bytes = TEXT.as_bytes().to_vec();
        bytes.extend_from_slice(" Åtgärder för äldre ".as_bytes());
        bytes.push(0xFF);
        bytes.extend_from_slice(" i Göteborg och Malmö.".as_bytes());
        let doc = decode("damaged", &bytes).unwrap();
        assert_eq!(doc.source.encoding, "UTF-8");
        assert!(doc.text.contains("stärkt hälso-"));
        assert!(doc.text.contains('\u{FFFD}'));
        assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
    }

    #[test]
    fn line_ends_are_normalised_and_recorded() {
        for (text, kind) in [
            ("a\nb\n", "LF"),
            ("a\r\nb\r\n", "CRLF"),
            ("a\rb\r", "CR"),
            ("a\r\nb\rc\n", "mixed"),
        ] {
            let doc = decode("x", text.as_bytes()).unwrap();
            assert_eq!(doc.source.line_ends, kind, "{text:?}");
            assert!(doc.text == "a\nb\n" || doc.text == "a\nb\nc\n", "{text:?}");
        }
        // form feeds stay: they are page breaks
        assert_eq!(decode("x", b"a\x0cb").unwrap().text, "a\x0cb");
    }

    #[test]
    fn decomposed_text_is_composed() {
        let nfd = "Ga\u{308}vle och Malmo\u{308}";
        let doc = decode("nfd", nfd.as_bytes()).unwrap();
        assert_eq!(doc.text, "Gävle och Malmö");
        assert_eq!(doc.warnings.len(), 1);
    }

    #[test]
    fn binary_is_refused_with_the_file_name() {
        let err = decode("scan.bin", b"\x01\x02\x03hello\0\0\0\rIHDR").unwrap_err();
        assert_eq!(
            err.to_string(),
            "scan.bin: not a text document (it contains NUL bytes)"
        );
        let err = decode("scan.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        assert_eq!(
            err.to_string(),
            "scan.png: not a text document (it is a PNG image: run OCR on it first)"
        );
        let err = decode("beslut.pdf", b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n").unwrap_err();
        assert!(err
            .to_string()
            .starts_with("beslut.pdf: not a text document (it is a PDF"));
        let err = decode("ctl", &[7u8; 100]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "ctl: not a text document (too many control characters)"
        );
        // "BZh" starting a text is not a bzip2 header
        assert!(decode("t", b"BZh is not a word").is_ok());
    }

    #[test]
    fn empty_file_is_a_warning_not_an_error() {
        let doc = decode("empty.txt", b"").unwrap();
        assert_eq!(doc.warnings, vec!["the document is empty".to_string()]);
        let doc = decode("blank.txt", b" \r\n\t\n").unwrap();
        assert_eq!(doc.warnings, vec!["the document is empty".to_string()]);
    }

    #[test]
    fn short_latin1_texts_are_detected_too() {
        for text in [
            "ö",
            "Hälsa",
            "Malmö stad",
            "Växjö kommun och Umeå",
            "Ärende: Överenskommelse om år 2020",
            "Regeringens beslut\nPå regeringens vägnar\nLena Hallengren",
        ] {
            let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(text);
            let doc = decode("latin", &latin).unwrap();
            assert_eq!(doc.text, text);
            assert_eq!(doc.source.encoding, "windows-1252");
        }
    }

    #[test]
    fn json_lines_give_id_and_document() {
        let (id, doc) = parse_json_line("<stdin>:1", br#"{"id": 7, "text": "Hej\r\nda"}"#);
        assert_eq!(id, serde_json::json!(7));
        let doc = doc.unwrap();
        assert_eq!(doc.text, "Hej\nda");
        assert_eq!(doc.source.path, "<stdin>:1");
        let (id, doc) = parse_json_line(
            "<stdin>:2",
            br#"{"id": "a", "path": "s3://x/1.txt", "text": ""}"#,
        );
        assert_eq!(id, serde_json::json!("a"));
        assert_eq!(doc.unwrap().source.path, "s3://x/1.txt");
        let (id, err) = parse_json_line("<stdin>:3", br#"{"id": "b", "text": 5}"#);
        assert_eq!(id, serde_json::json!("b"));
        assert_eq!(
            err.unwrap_err().to_string(),
            "<stdin>:3: the line is not a JSON object with a \"text\" string (\"text\" is not a string)"
        );
        let (id, err) = parse_json_line("<stdin>:4", b"not json");
        assert!(id.is_null());
        assert!(err
            .unwrap_err()
            .to_string()
            .starts_with("<stdin>:4: the line is not a JSON"));
    }

    #[test]
    fn missing_files_and_directories_are_named() {
        let err = read_path(Path::new("/nonexistent/beslut.txt"), 100).unwrap_err();
        assert_eq!(
            err.to_string(),
            "/nonexistent/beslut.txt: cannot read it: no such file or directory"
        );
        let dir = std::env::temp_dir();
        let err = read_path(&dir, 100).unwrap_err();
        assert!(err
            .to_string()
            .ends_with(": cannot read it: it is a directory"));
    }

    #[test]
    fn the_size_limit_applies_to_streams_too() {
        let err = read_reader("<stdin>", &b"0123456789"[..], 5).unwrap_err();
        assert_eq!(
            err.to_string(),
            "<stdin>: the input is over the limit of 5 bytes (raise it with --max-bytes)"
        );
        assert!(read_reader("<stdin>", &b"0123456789"[..], 10).is_ok());
    }
}
