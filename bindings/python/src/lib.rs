//! Python bindings for polner: conversion only, the Rust core does the work.
//!
//! The native module is `polner._polner`; the Python package `polner`
//! re-exports it (see `python/polner/__init__.py`) and adds the pure-Python
//! spaCy component.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod convert;
mod document;
mod errors;
mod extractor;

use document::{Document, Entity, Sentence, Token};
use extractor::{Extractor, Pipe};
use pyo3::prelude::*;

/// Splits `text` into tokens.
///
/// Args:
///     text: the input.
///
/// Returns:
///     The tokens, in order; `start`/`end` are Python string indices.
///
/// Raises:
///     TypeError: `text` is not a `str`.
#[pyfunction]
fn tokenize(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Vec<Token>> {
    let text = convert::text_arg(text, "text")?;
    let tokens = py.detach(|| polner::tokenize(&text));
    Ok(tokens.iter().map(|t| Token::new(&text, t, None)).collect())
}

/// Splits `text` into sentences.
///
/// Args:
///     text: the input.
///
/// Returns:
///     The sentences, in order, each with its span and the range of its
///     tokens in `tokenize(text)`.
///
/// Raises:
///     TypeError: `text` is not a `str`.
#[pyfunction]
fn sentences(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Vec<Sentence>> {
    let text = convert::text_arg(text, "text")?;
    let sentences = py.detach(|| polner::sentences(&text));
    Ok(sentences.iter().map(|s| Sentence::new(&text, s)).collect())
}

/// Splits `text` into tokens and gives each its base form (`lemma`).
///
/// Words get the lemma of their most confident reading in the embedded
/// morphology (SGJP; the guesser for unknown words): `poszły` → `pójść`,
/// `Krakowie` → `Kraków`. Words are not disambiguated in context. Other
/// tokens (numbers, punctuation, symbols, …) are their own lemma.
///
/// Args:
///     text: the input.
///
/// Returns:
///     The tokens, in order, with `lemma` set.
///
/// Raises:
///     TypeError: `text` is not a `str`.
#[pyfunction]
fn lemmatize(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Vec<Token>> {
    let text = convert::text_arg(text, "text")?;
    let lemmas = py.detach(|| {
        let morphology = polner::morph::Morphology::embedded();
        let mut readings = Vec::new();
        let tokens = polner::tokenize(&text);
        let lemmas: Vec<String> = tokens
            .iter()
            .map(|t| {
                let word = t.text(&text);
                // An abbreviation token (`r.`, `ul.`) is looked up without
                // its period and read as an abbreviation (`rok`, `ulica`);
                // a word prefers its other readings (`w` is a preposition
                // before it is `wiek`).
                let (lookup, abbreviation) = match t.kind {
                    polner::TokenKind::Word => (word, false),
                    polner::TokenKind::Abbreviation => (word.trim_end_matches('.'), true),
                    _ => return word.to_string(),
                };
                morphology.analyze_into(lookup, &mut readings);
                let rank = |a: &polner::morph::Analysis| {
                    (
                        (a.pos == polner::morph::Pos::Abbr) == abbreviation,
                        a.confidence,
                    )
                };
                let mut best: Option<&polner::morph::Analysis> = None;
                for reading in &readings {
                    if abbreviation && reading.pos != polner::morph::Pos::Abbr {
                        continue;
                    }
                    // the first of the best-ranked readings
                    if best.is_none_or(|b| rank(reading) > rank(b)) {
                        best = Some(reading);
                    }
                }
                best.map_or_else(|| word.to_string(), |a| a.lemma.clone())
            })
            .collect();
        (tokens, lemmas)
    });
    let (tokens, lemmas) = lemmas;
    Ok(tokens
        .iter()
        .zip(lemmas)
        .map(|(t, lemma)| Token::new(&text, t, Some(lemma)))
        .collect())
}

/// Times the Rust core alone: `extract` over `texts`, `repeat` times, on the
/// calling thread, without building any Python object. For `bench.py`, which
/// compares it with the same work done through the Python API.
#[pyfunction]
fn _time_core(py: Python<'_>, extractor: &Extractor, texts: Vec<String>, repeat: usize) -> f64 {
    let ex = extractor.inner().clone();
    py.detach(move || {
        let start = std::time::Instant::now();
        let mut entities = 0usize;
        for _ in 0..repeat {
            for text in &texts {
                entities += std::hint::black_box(ex.extract(text)).entities.len();
            }
        }
        std::hint::black_box(entities);
        start.elapsed().as_secs_f64()
    })
}

#[pymodule]
fn _polner(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("LABELS", polner::Label::ALL.map(|l| l.as_str()).to_vec())?;
    m.add_class::<Extractor>()?;
    m.add_class::<Pipe>()?;
    m.add_class::<Document>()?;
    m.add_class::<Entity>()?;
    m.add_class::<Token>()?;
    m.add_class::<Sentence>()?;
    m.add_function(wrap_pyfunction!(tokenize, m)?)?;
    m.add_function(wrap_pyfunction!(sentences, m)?)?;
    m.add_function(wrap_pyfunction!(lemmatize, m)?)?;
    m.add_function(wrap_pyfunction!(_time_core, m)?)?;
    Ok(())
}
