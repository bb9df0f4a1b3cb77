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
