//! Output formats for people and for other tools: highlighted HTML and CoNLL.
//!
//! Both take the input text and the [`Document`](crate::Document) extracted
//! from it, and both only read the document: they never fail and never panic, even when the
//! document does not belong to the text (spans out of range are skipped).
//!
//! - [`html`] highlights entities by label, with base form and value on hover.
//!   The same markup is the CLI's `--format html` and the Python binding's
//!   `Document._repr_html_()` (notebooks). [`html_page`] wraps it in a
//!   complete page.
//! - [`conll`] writes one token per line with its IOB2 tag, for training and
//!   evaluation tools.
//!
//! ```
//! use polner::Extractor;
//! let text = "Spotkanie odbyło się w Krakowie.";
//! let doc = Extractor::new().extract(text);
//! assert!(polner::render::html(text, &doc).contains(r#"title="LOC · Kraków""#));
//! assert!(polner::render::conll(text, &doc).contains("Krakowie\tB-LOC\n"));
//! ```

mod conll;
mod html;

pub use conll::conll;
pub use html::{html, html_page};
