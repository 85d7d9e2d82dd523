//! # polner — what Polish news text is about
//!
//! polner reads Polish text and returns the people, organizations,
//! locations, events, products, dates, times, amounts of money and
//! percentages it mentions, each with its exact position, its base form and,
//! for dates and amounts, a normalized value — plus the document's topics.
//! It works from gazetteers, an embedded morphology and rules: no model
//! download, deterministic, and every entity names the gazetteer or rule that
//! produced it.
//!
//! ```
//! use polner::{Date, Extractor, Label};
//!
//! let extractor = Extractor::builder()
//!     .reference_date(Date::new(2025, 10, 20).unwrap())
//!     .build()
//!     .unwrap();
//! let text = "Kraków dołączył 15 października do sieci Eurocities.";
//! let doc = extractor.extract(text);
//!
//! let summary: Vec<(&str, Label, &str, Option<&str>)> = doc
//!     .entities
//!     .iter()
//!     .map(|e| (&text[e.byte_range()], e.label, e.lemma.as_str(), e.value.as_deref()))
//!     .collect();
//! assert_eq!(summary, [
//!     ("Kraków", Label::Loc, "Kraków", None),
//!     ("15 października", Label::Date, "15 października", Some("2025-10-15")),
//!     ("Eurocities", Label::Org, "Eurocities", None),
//! ]);
//!
//! // Offsets: bytes for Rust slicing, characters for JSON and Python.
//! let date = &doc.entities[1];
//! assert_eq!(date.byte_range(), 20..36);
//! assert_eq!(date.char_range(), 16..31);
//! ```
//!
//! The tokenizer and sentence splitter work on their own:
//!
//! ```
//! let text = "Dr hab. A. Nowak mieszka przy ul. Długiej. Pracuje w Gdańsku.";
//! assert_eq!(polner::tokenize(text).len(), 13);
//! assert_eq!(polner::sentences(text).len(), 2);
//! ```
//!
//! ## Crate features
//! - `cli` (default): the `polner` command-line program. Library users can
//!   turn it off with `default-features = false`, which drops clap, mimalloc,
//!   indicatif and serde_json from the dependency tree.
//! - `jsonl` (with `cli`): [`jsonl`], the reader of jsonl document streams.

#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

pub mod error;
pub mod eval;
pub mod gazetteer;
pub(crate) mod hash;
#[cfg(feature = "jsonl")]
pub mod jsonl;
pub mod model;
pub mod morph;
pub mod pipeline;
pub mod render;
pub(crate) mod resolve;
pub mod resources;
pub mod rules;
pub mod span;
pub mod temporal;
pub mod text;
pub mod topics;

pub use error::Error;
pub use model::{
    Category, Document, Entity, Keyphrase, Label, SalientEntity, Sentence, Shape, Token, TokenKind,
    Topics,
};
pub use morph::{Analysis, Form, Morphology, NameClass};
pub use pipeline::{Config, Extractor, ExtractorBuilder};
pub use span::Span;
pub use temporal::Date;
pub use text::sentences::sentences;
pub use text::tokenize::tokenize;

#[cfg(test)]
mod send_sync {
    fn assert_send_sync_unwind<T: Send + Sync + std::panic::UnwindSafe>() {}

    #[test]
    fn public_types_are_send_sync() {
        assert_send_sync_unwind::<crate::Document>();
        assert_send_sync_unwind::<crate::Extractor>();
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<crate::Error>();
        assert_send_sync_unwind::<crate::Entity>();
    }
}

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
