//! Gazetteers: lists of names matched over tokens.
//!
//! # File format
//!
//! Built-in and user gazetteers share one TSV format (see
//! [`crate::resources::tsv_rows`] for comments and blank lines):
//!
//! ```text
//! lemma <TAB> label <TAB> subtype <TAB> id <TAB> forms
//! Kraków<TAB>LOC<TAB>city<TAB>geonames:3094802<TAB>Krakowa|Krakowie|Krakowem
//! ```
//!
//! - `lemma`: the base form; it is also matched itself.
//! - `label`: one of `PER ORG LOC EVT PRO` (see [`crate::Label`]).
//! - `subtype`, `id`: optional (empty or `-`).
//! - `forms`: optional `|`-separated surface forms that mean the same entity
//!   (inflected forms, acronyms, alternative names).
//!
//! Forms are matched token by token, with the same tokenizer and
//! normalization as the text, and case-sensitively (`Kraków` is a name,
//! `kraków` is not).
//!
//! # Merging
//!
//! User gazetteers are compiled together, in load order; when several of
//! their entries share a surface form, the first one wins, and exact
//! duplicates (same form, label and lemma) are merged silently. The built-in
//! gazetteer ([`builtin`]: `resources/gazetteer/builtin.tsv`, generated, plus
//! `seed.tsv`) is compiled once per process and matched separately; a user
//! match outranks any built-in match it overlaps (priority 70 against 50).
//!
//! A hyphenated token that is no name as a whole is matched part by part
//! (`Rosja-USA` gives `Rosja` and `USA`).

mod matcher;
pub(crate) mod stage;
mod trie;

pub use matcher::{Gazetteer, GazetteerMatch};

use crate::error::Error;
use crate::model::Label;
use crate::resources::tsv_rows;

/// One entry of a gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerEntry {
    /// The base form.
    pub lemma: String,
    /// The entity label.
    pub label: Label,
    /// The subtype, e.g. `city`.
    pub subtype: Option<String>,
    /// An identifier, e.g. `geonames:3094802`.
    pub id: Option<String>,
    /// Surface forms besides the lemma.
    pub forms: Vec<String>,
    /// The gazetteer's name (`builtin`, a file name), used in `source`.
    pub source: String,
}

/// Parses a gazetteer in the TSV format above.
///
/// `name` is used in error messages and as the entries' source.
///
/// ```
/// let entries = polner::gazetteer::parse_tsv("mine.tsv", "Wisła\tLOC\tgeo\t\tWisły|Wiśle\n").unwrap();
/// assert_eq!(entries[0].forms, ["Wisły", "Wiśle"]);
/// let err = polner::gazetteer::parse_tsv("mine.tsv", "# names\nWisła\n").unwrap_err();
/// assert_eq!(err.to_string(), "mine.tsv, line 2: expected at least 2 tab-separated columns (lemma, label), found 1");
/// ```
pub fn parse_tsv(name: &str, text: &str) -> Result<Vec<GazetteerEntry>, Error> {
    let mut entries = Vec::new();
    for (line, cols) in tsv_rows(text) {
        if cols.len() < 2 {
            return Err(Error::resource(
                name,
                line,
                format!(
                    "expected at least 2 tab-separated columns (lemma, label), found {}",
                    cols.len()
                ),
            ));
        }
        if cols.len() > 5 {
            return Err(Error::resource(
                name,
                line,
                format!(
                    "expected at most 5 tab-separated columns, found {}",
                    cols.len()
                ),
            ));
        }
        let lemma = cols[0].trim();
        if lemma.is_empty() {
            return Err(Error::resource(name, line, "empty lemma"));
        }
        let label: Label = cols[1]
            .parse()
            .map_err(|e: crate::model::UnknownLabel| Error::resource(name, line, e.to_string()))?;
        let optional = |i: usize| {
            cols.get(i)
                .map(|s| s.trim())
                .filter(|s| !s.is_empty() && *s != "-")
                .map(str::to_string)
        };
        let forms = cols
            .get(4)
            .map(|f| {
                f.split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        entries.push(GazetteerEntry {
            lemma: lemma.to_string(),
            label,
            subtype: optional(2),
            id: optional(3),
            forms,
            source: name.to_string(),
        });
    }
    Ok(entries)
}

/// The built-in seed gazetteer (`resources/gazetteer/seed.tsv`).
pub(crate) const BUILTIN_SEED: &str = include_str!("../../resources/gazetteer/seed.tsv");

/// The generated built-in gazetteer (`resources/gazetteer/builtin.tsv`, made
/// by `resources/scripts/gazetteer/build_gazetteer.py` from the curated lists,
/// SGJP and GeoNames; see `resources/SOURCES.md`).
pub(crate) const BUILTIN_GENERATED: &str = include_str!("../../resources/gazetteer/builtin.tsv");

/// The built-in gazetteers, compiled once per process on first use.
///
/// ```
/// let g = polner::gazetteer::builtin();
/// assert!(g.len() > 1000);
/// ```
pub fn builtin() -> &'static Gazetteer {
    static BUILTIN: once_cell::sync::Lazy<Gazetteer> = once_cell::sync::Lazy::new(|| {
        let mut entries =
            parse_tsv("builtin", BUILTIN_GENERATED).expect("built-in gazetteer is valid");
        entries.extend(parse_tsv("builtin", BUILTIN_SEED).expect("seed gazetteer is valid"));
        Gazetteer::new(entries)
    });
    &BUILTIN
}
