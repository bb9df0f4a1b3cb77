//! Stage 1, ingest: bytes → text with its origin.
//!
//! The decoded text is *the original* for every later stage: all byte offsets that kansli reports
//! (repairs, amounts, allocation rows) are offsets into this string. For a UTF-8 file without a
//! byte-order mark they are also offsets into the file itself.
//!
//! Invariants: the input is never modified; a document is either decoded completely or refused
//! with an [`IngestError`] that names the file and the problem.

use sha2::{Digest, Sha256};
use std::fmt;
use std::path::Path;

/// Where a document came from, as reported in the `source` key of every record.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Source {
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
    /// The encoding the bytes were decoded from (`UTF-8`, `UTF-16LE`, `windows-1252`, …).
    pub encoding: String,
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
        bytes: u64,
        limit: u64,
    },
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IngestError::Io { path, message } => write!(f, "{path}: cannot read the file: {message}"),
            IngestError::NotText { path, reason } => {
                write!(f, "{path}: not a text document ({reason})")
            }
            IngestError::TooLarge { path, bytes, limit } => write!(
                f,
                "{path}: the file is {bytes} bytes, over the limit of {limit} bytes (raise it with --max-bytes)"
            ),
        }
    }
}

impl std::error::Error for IngestError {}

/// Default size limit: far above any real decision, low enough to keep memory bounded.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Reads and decodes a file, refusing files over `max_bytes`.
pub fn read_path(path: &Path, max_bytes: u64) -> Result<Document, IngestError> {
    let name = path.display().to_string();
    let io_error = |e: std::io::Error| IngestError::Io {
        path: name.clone(),
        message: describe_io_error(&e),
    };
    let meta = std::fs::metadata(path).map_err(io_error)?;
    if meta.is_dir() {
        return Err(IngestError::Io {
            path: name,
            message: "it is a directory".into(),
        });
    }
    if meta.len() > max_bytes {
        return Err(IngestError::TooLarge {
            path: name,
            bytes: meta.len(),
            limit: max_bytes,
        });
    }
    let bytes = std::fs::read(path).map_err(io_error)?;
    decode(&name, &bytes)
}

fn describe_io_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Decodes bytes into a [`Document`]: a BOM decides (UTF-8, UTF-16LE/BE); otherwise valid UTF-8
/// is UTF-8, and anything else is detected among the legacy encodings (windows-1252 for most
/// Swedish archives). Binary data is refused rather than parsed as garbage.
pub fn decode(path: &str, bytes: &[u8]) -> Result<Document, IngestError> {
    let source = |encoding: &str| Source {
        path: path.to_string(),
        bytes: bytes.len() as u64,
        sha256: hex_sha256(bytes),
        encoding: encoding.to_string(),
    };
    let (text, encoding) = if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(not_text(
                path,
                &format!("invalid {} after its byte-order mark", enc.name()),
            ));
        }
        (text.into_owned(), enc.name())
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_string(), "UTF-8")
    } else {
        if bytes.contains(&0) {
            return Err(not_text(path, "it contains NUL bytes"));
        }
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(bytes, true);
        let enc = detector.guess(Some(b"se"), true);
        let (text, _, _) = enc.decode(bytes);
        (text.into_owned(), enc.name())
    };
    check_is_text(path, &text)?;
    let mut warnings = Vec::new();
    if text.trim().is_empty() {
        warnings.push("the document is empty".to_string());
    }
    Ok(Document {
        source: source(encoding),
        text,
        warnings,
    })
}

fn not_text(path: &str, reason: &str) -> IngestError {
    IngestError::NotText {
        path: path.to_string(),
        reason: reason.to_string(),
    }
}

/// Refuses text that is mostly control characters: a binary file that happens to decode.
fn check_is_text(path: &str, text: &str) -> Result<(), IngestError> {
    if text.contains('\0') {
        return Err(not_text(path, "it contains NUL bytes"));
    }
    let total = text.chars().count();
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c'))
        .count();
    if total > 0 && control * 20 > total {
        return Err(not_text(path, "too many control characters"));
    }
    Ok(())
}

pub(crate) fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom_decode_alike() {
        let plain = decode("a", "Göteborg 960 934 kr".as_bytes()).unwrap();
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice("Göteborg 960 934 kr".as_bytes());
        let bom = decode("b", &with_bom).unwrap();
        assert_eq!(plain.text, bom.text);
        assert_eq!(plain.source.encoding, "UTF-8");
    }

    #[test]
    fn utf16_and_windows_1252_are_detected() {
        let text = "Regeringen ger Kammarkollegiet i uppdrag att utbetala 30 000 000 kronor till kommunerna för stärkt hälso- och sjukvård.";
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        let doc = decode("u16", &utf16).unwrap();
        assert_eq!(doc.text, text);
        assert_eq!(doc.source.encoding, "UTF-16LE");
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let doc = decode("latin", &latin).unwrap();
        assert_eq!(doc.text, text);
        assert_eq!(doc.source.encoding, "windows-1252");
    }

    #[test]
    fn binary_is_refused_with_the_file_name() {
        let err = decode("scan.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        assert_eq!(
            err.to_string(),
            "scan.png: not a text document (it contains NUL bytes)"
        );
    }

    #[test]
    fn empty_file_is_a_warning_not_an_error() {
        let doc = decode("empty.txt", b"").unwrap();
        assert_eq!(doc.warnings, vec!["the document is empty".to_string()]);
    }
}
