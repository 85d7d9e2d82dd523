//! Python bindings for polner: conversion only, the Rust core does the work.
//!
//! The native module is `polner._polner`; the Python package `polner`
//! re-exports it (see `python/polner/__init__.py`) and adds the pure-Python
//! spaCy component.

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
    let tokens = py.detach(|| polner::tokenize(&text));
    // TODO(morph): once `polner::morph` is merged, the lemma of a word token
    // is the first analysis of `Morphology::embedded().analyze(token.text(&text))`.
    // Until then every token is its own lemma (its normalized text).
    Ok(tokens
        .iter()
        .map(|t| Token::new(&text, t, Some(t.text(&text).to_string())))
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
