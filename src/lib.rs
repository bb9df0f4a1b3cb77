//! kansli turns scanned Swedish government decisions and press releases into trustworthy data.
//!
//! The stages, one module each, in the order data flows through them:
//! [`ingest`] (bytes → text with its origin) → [`layout`] (pages, lines, tables, footnotes) →
//! [`repair`] (OCR damage, with an audit trail) → [`extract`] (records) → [`reconcile`] (against
//! the official registers) → [`output`] (JSON, JSON Lines, CSV sinks). [`pipeline`] runs them.
//! Every offset reported is a byte offset into the decoded original text ([`offsets`]).

pub mod confusion;
pub mod extract;
pub mod ingest;
pub mod layout;
pub mod lexicon;
pub mod memo;
pub mod metrics;
pub mod ocr_xml;
pub mod offsets;
pub mod output;
pub mod pipeline;
pub mod reconcile;
pub mod record;
pub mod register;
pub mod repair;
pub mod review;
pub mod swedish;
pub mod words;

/// The allocator of every program built on kansli (the CLI, its benches, examples and tests, so
/// that they measure what the CLI does): jemalloc. Repair allocates a little for each word it
/// reads and each edit it records; against glibc's malloc, jemalloc takes 4 % fewer instructions
/// over a first pass through the OCR corpus and 0.93–0.95 of its time, for 4.5 MB more peak
/// memory on seed 003 (43 MB). (mimalloc was as fast but doubled peak memory.)
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;
