//! The extraction result and its parts, as Python objects.

use crate::convert;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyType};
use serde::Serialize;
use std::sync::Arc;

/// The result of `Extractor.extract`: the text, its tokens, sentences,
/// entities and topics.
///
/// Offsets (`start`, `end`) everywhere are Python string indices:
/// `doc.text[e.start:e.end] == e.text`.
#[pyclass(frozen, module = "polner")]
pub struct Document {
    text: Py<PyString>,
    source: String,
    doc: Arc<polner::Document>,
    entities: PyOnceLock<Vec<Py<Entity>>>,
}

impl Document {
    pub fn new(text: Py<PyString>, source: String, doc: polner::Document) -> Document {
        Document {
            text,
            source,
            doc: Arc::new(doc),
            entities: PyOnceLock::new(),
        }
    }
}

/// The serialized form: the core's serde form with the text first, so that
/// `to_json()` is the same object the CLI writes for one document.
#[derive(Serialize)]
struct WithText<'a> {
    text: &'a str,
    #[serde(flatten)]
    doc: &'a polner::Document,
}

#[pymethods]
impl Document {
    /// The input text, the very `str` object that was passed in.
    #[getter]
    fn text(&self, py: Python<'_>) -> Py<PyString> {
        self.text.clone_ref(py)
    }

    /// The entities, sorted by `start`, never overlapping.
    #[getter]
    fn entities(&self, py: Python<'_>) -> PyResult<Vec<Py<Entity>>> {
        let cached = self.entities.get_or_try_init(py, || -> PyResult<_> {
            (0..self.doc.entities.len())
                .map(|index| {
                    Py::new(
                        py,
                        Entity {
                            doc: self.doc.clone(),
                            index,
                        },
                    )
                })
                .collect()
        })?;
        Ok(cached.iter().map(|e| e.clone_ref(py)).collect())
    }

    /// The tokens, in order.
    #[getter]
    fn tokens(&self) -> Vec<Token> {
        self.doc
            .tokens
            .iter()
            .map(|t| Token::new(&self.source, t, None))
            .collect()
    }

    /// The sentences, in order.
    #[getter]
    fn sentences(&self) -> Vec<Sentence> {
        self.doc
            .sentences
            .iter()
            .map(|s| Sentence::new(&self.source, s))
            .collect()
    }

    /// What the document is about: a dict with `keyphrases`, `categories`
    /// and `entities` (salient entities), each a list of dicts, best first.
    #[getter]
    fn topics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::json_loads(py, &to_json(&self.doc.topics, None)?)
    }

    /// The document as plain Python data (`dict`, `list`, `str`, numbers):
    /// the same object as `json.loads(doc.to_json())`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::json_loads(py, &self.to_json(None)?)
    }

    /// The document as JSON: the serde form of the core's document (the
    /// output schema of the CLI's JSON), with `text` first.
    ///
    /// Args:
    ///     indent: spaces per level for pretty output; compact when `None`.
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        to_json(
            &WithText {
                text: &self.source,
                doc: &self.doc,
            },
            indent,
        )
    }

    /// One flat dict per entity (`start`, `end`, `text`, `label`, `subtype`,
    /// `lemma`, `value`, `source`, `score`), ready for
    /// `pandas.DataFrame(doc.to_records())`.
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.doc
            .entities
            .iter()
            .map(|e| entity_dict(py, e))
            .collect()
    }

    /// The dict `spacy.displacy.render(doc.to_displacy(), style="ent",
    /// manual=True)` takes: `text`, `ents` (`start`, `end`, `label`), `title`.
    ///
    /// Args:
    ///     title: an optional title shown above the text.
    #[pyo3(signature = (title=None))]
    fn to_displacy<'py>(
        &self,
        py: Python<'py>,
        title: Option<String>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let ents = PyList::empty(py);
        for e in &self.doc.entities {
            let ent = PyDict::new(py);
            ent.set_item("start", e.span.start)?;
            ent.set_item("end", e.span.end)?;
            ent.set_item("label", e.label.as_str())?;
            ents.append(ent)?;
        }
        let out = PyDict::new(py);
        out.set_item("text", self.text.bind(py))?;
        out.set_item("ents", ents)?;
        out.set_item("title", title)?;
        Ok(out)
    }

    /// The text with entities highlighted by label, as self-contained HTML
    /// (the CLI's `--format html`); hover an entity for its lemma and value.
    ///
    /// Args:
    ///     page: a complete HTML page instead of a fragment.
    #[pyo3(signature = (page=false))]
    fn to_html(&self, page: bool) -> String {
        if page {
            polner::render::html_page(&self.source, &self.doc)
        } else {
            polner::render::html(&self.source, &self.doc)
        }
    }

    /// Notebook display: the HTML of `to_html()`.
    fn _repr_html_(&self) -> String {
        polner::render::html(&self.source, &self.doc)
    }

    /// The tokens in CoNLL format with IOB2 tags (`token<TAB>B-LOC`), a blank
    /// line after each sentence.
    fn to_conll(&self) -> String {
        polner::render::conll(&self.source, &self.doc)
    }

    fn __repr__(&self) -> String {
        let mut preview: String = self.source.chars().take(40).collect();
        if preview.len() < self.source.len() {
            preview.push('…');
        }
        format!(
            "Document(text={preview:?}, entities={}, sentences={}, tokens={})",
            self.doc.entities.len(),
            self.doc.sentences.len(),
            self.doc.tokens.len()
        )
    }

    /// Pickles as (text, JSON); see `_from_json`.
    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Py<PyString>, String))> {
        let this = slf.get();
        let rebuild = slf.get_type().getattr("_from_json")?;
        Ok((
            rebuild,
            (this.text.clone_ref(slf.py()), this.to_json(None)?),
        ))
    }

    /// Rebuilds a document from its text and `to_json()` output (used by
    /// pickle).
    #[classmethod]
    fn _from_json(
        _cls: &Bound<'_, PyType>,
        text: Bound<'_, PyString>,
        json: &str,
    ) -> PyResult<Document> {
        let mut doc: polner::Document = serde_json::from_str(json).map_err(|e| {
            pyo3::exceptions::PyValueError::new_err(format!("not a polner document: {e}"))
        })?;
        // Token ranges of sentences are not serialized: recover them from spans.
        for sentence in &mut doc.sentences {
            let first = doc
                .tokens
                .partition_point(|t| t.span.byte_start < sentence.span.byte_start);
            let last = doc
                .tokens
                .partition_point(|t| t.span.byte_end <= sentence.span.byte_end);
            sentence.tokens = first..last.max(first);
        }
        let source = text.to_cow()?.into_owned();
        Ok(Document::new(text.unbind(), source, doc))
    }
}

fn to_json<T: Serialize>(value: &T, indent: Option<usize>) -> PyResult<String> {
    let result = match indent {
        None => serde_json::to_string(value),
        Some(n) => {
            let spaces = vec![b' '; n];
            let mut out = Vec::new();
            let formatter = serde_json::ser::PrettyFormatter::with_indent(&spaces);
            let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
            value
                .serialize(&mut ser)
                .map(|()| String::from_utf8(out).unwrap_or_default())
        }
    };
    result.map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
}

/// The serde name of a token kind, without serializing for the common ones.
fn kind_name(kind: polner::TokenKind) -> &'static str {
    use polner::TokenKind as K;
    #[allow(unreachable_patterns)]
    let name = match kind {
        K::Word => "word",
        K::Number => "number",
        K::DateTime => "date_time",
        K::Abbreviation => "abbreviation",
        K::Punct => "punct",
        K::Symbol => "symbol",
        K::Url => "url",
        K::Email => "email",
        K::Mention => "mention",
        K::Hashtag => "hashtag",
        K::Emoji => "emoji",
        K::Other => "other",
        _ => return leak(variant_name(&kind)),
    };
    name
}

/// The serde name of a shape, as for [`kind_name`].
fn shape_name(shape: polner::Shape) -> &'static str {
    use polner::Shape as S;
    #[allow(unreachable_patterns)]
    let name = match shape {
        S::Lower => "lower",
        S::Capitalized => "capitalized",
        S::Upper => "upper",
        S::Mixed => "mixed",
        S::Digits => "digits",
        S::Other => "other",
        _ => return leak(variant_name(&shape)),
    };
    name
}

/// A variant name the match above does not know yet (a kind added to the
/// core): computed once per variant and kept for the life of the process.
fn leak(name: String) -> &'static str {
    static NAMES: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    let mut names = NAMES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(known) = names.iter().find(|n| **n == name) {
        return known;
    }
    let leaked: &'static str = Box::leak(name.into_boxed_str());
    names.push(leaked);
    leaked
}

/// The serde name of a unit variant (`TokenKind::DateTime` → `date_time`).
fn variant_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// A mention found in the text: `doc.text[e.start:e.end] == e.text`.
///
/// A view into its document: creating one costs no copy, and each attribute
/// is converted when it is read.
#[pyclass(frozen, module = "polner")]
pub struct Entity {
    doc: Arc<polner::Document>,
    index: usize,
}

impl Entity {
    fn core(&self) -> &polner::Entity {
        &self.doc.entities[self.index]
    }
}

/// The fields Python sees, for comparison.
#[allow(clippy::type_complexity)]
fn visible(
    e: &polner::Entity,
) -> (
    usize,
    usize,
    &str,
    polner::Label,
    Option<&str>,
    &str,
    Option<&str>,
    &str,
    f32,
) {
    (
        e.span.start,
        e.span.end,
        &e.text,
        e.label,
        e.subtype.as_deref(),
        &e.lemma,
        e.value.as_deref(),
        e.source.as_ref(),
        e.score,
    )
}

fn entity_dict<'py>(py: Python<'py>, e: &polner::Entity) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("start", e.span.start)?;
    d.set_item("end", e.span.end)?;
    d.set_item("text", &e.text)?;
    d.set_item("label", e.label.as_str())?;
    d.set_item("subtype", e.subtype.as_deref())?;
    d.set_item("lemma", &e.lemma)?;
    d.set_item("value", &e.value)?;
    d.set_item("source", e.source.as_ref())?;
    d.set_item("score", convert::score(e.score))?;
    Ok(d)
}

#[pymethods]
impl Entity {
    #[new]
    #[pyo3(signature = (start, end, text, label, lemma, subtype=None, value=None, source=None, score=1.0))]
    #[allow(clippy::too_many_arguments)]
    fn py_new(
        start: usize,
        end: usize,
        text: String,
        label: &str,
        lemma: String,
        subtype: Option<String>,
        value: Option<String>,
        source: Option<String>,
        score: f64,
    ) -> PyResult<Entity> {
        let label = label
            .parse::<polner::Label>()
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
        // Byte offsets are unknown for an entity built in Python; they are
        // never shown there.
        let span = polner::Span {
            byte_start: start,
            byte_end: end,
            start,
            end,
        };
        let entity = polner::Entity {
            span,
            text,
            label,
            subtype: subtype.map(Into::into),
            lemma,
            value,
            source: source.unwrap_or_default().into(),
            score: score as f32,
        };
        let doc = polner::Document {
            entities: vec![entity],
            ..Default::default()
        };
        Ok(Entity {
            doc: Arc::new(doc),
            index: 0,
        })
    }

    /// Index of the first character in `Document.text`.
    #[getter]
    fn start(&self) -> usize {
        self.core().span.start
    }

    /// Index one past the last character.
    #[getter]
    fn end(&self) -> usize {
        self.core().span.end
    }

    /// The mention exactly as written: `doc.text[start:end]`.
    #[getter]
    fn text(&self) -> &str {
        &self.core().text
    }

    /// `PER`, `ORG`, `LOC`, `EVT`, `PRO`, `DATE`, `TIME`, `MONEY` or `PERCENT`.
    #[getter]
    fn label(&self) -> &'static str {
        self.core().label.as_str()
    }

    /// A finer type (`city`, `country`, …), or `None`.
    #[getter]
    fn subtype(&self) -> Option<&str> {
        self.core().subtype.as_deref()
    }

    /// The base form (`Krakowie` → `Kraków`).
    #[getter]
    fn lemma(&self) -> &str {
        &self.core().lemma
    }

    /// The normalized value of a DATE, TIME, MONEY or PERCENT, else `None`.
    #[getter]
    fn value(&self) -> Option<&str> {
        self.core().value.as_deref()
    }

    /// The gazetteer or rule that produced it.
    #[getter]
    fn source(&self) -> &str {
        self.core().source.as_ref()
    }

    /// Confidence in 0..1.
    #[getter]
    fn score(&self) -> f64 {
        convert::score(self.core().score)
    }

    /// The entity as a flat dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        entity_dict(py, self.core())
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        match other.cast::<Entity>() {
            Ok(other) => visible(self.core()) == visible(other.get().core()),
            Err(_) => false,
        }
    }

    fn __repr__(&self) -> String {
        let e = self.core();
        let value = e
            .value
            .as_ref()
            .map(|v| format!(", value={v:?}"))
            .unwrap_or_default();
        format!(
            "Entity({}..{} {:?} {} lemma={:?}{value})",
            e.span.start, e.span.end, e.text, e.label, e.lemma
        )
    }

    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> (
        Bound<'py, PyType>,
        (
            usize,
            usize,
            String,
            &'static str,
            String,
            Option<String>,
            Option<String>,
            String,
            f64,
        ),
    ) {
        let e = slf.get().core();
        (
            slf.get_type(),
            (
                e.span.start,
                e.span.end,
                e.text.clone(),
                e.label.as_str(),
                e.lemma.clone(),
                e.subtype.as_deref().map(String::from),
                e.value.clone(),
                e.source.to_string(),
                convert::score(e.score),
            ),
        )
    }
}

/// A token of the input.
#[pyclass(frozen, get_all, eq, hash, module = "polner")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Token {
    /// Index of the first character.
    pub start: usize,
    /// Index one past the last character.
    pub end: usize,
    /// The token as written: `text[start:end]`.
    pub text: String,
    /// The normalized form (NFC, unified quotes and dashes, no soft hyphens)
    /// when it differs from `text`, else `None`.
    pub norm: Option<String>,
    /// `word`, `number`, `date_time`, `abbreviation`, `punct`, `symbol`,
    /// `url`, `email`, `mention`, `hashtag`, `emoji` or `other`.
    pub kind: &'static str,
    /// `lower`, `capitalized`, `upper`, `mixed`, `digits` or `other`.
    pub shape: &'static str,
    /// The base form, from `lemmatize()`; `None` elsewhere.
    pub lemma: Option<String>,
}

impl Token {
    pub fn new(text: &str, t: &polner::Token, lemma: Option<String>) -> Token {
        Token {
            start: t.span.start,
            end: t.span.end,
            text: text.get(t.byte_range()).unwrap_or_default().to_string(),
            norm: t.norm.clone(),
            kind: kind_name(t.kind),
            shape: shape_name(t.shape),
            lemma,
        }
    }
}

#[pymethods]
impl Token {
    fn __repr__(&self) -> String {
        let lemma = self
            .lemma
            .as_ref()
            .map(|l| format!(" lemma={l:?}"))
            .unwrap_or_default();
        format!(
            "Token({}..{} {:?} {}{lemma})",
            self.start, self.end, self.text, self.kind
        )
    }
}

/// A sentence of the input.
#[pyclass(frozen, get_all, eq, hash, module = "polner")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Sentence {
    /// Index of the first character.
    pub start: usize,
    /// Index one past the last character.
    pub end: usize,
    /// The sentence as written: `text[start:end]`.
    pub text: String,
    /// Index of its first token in `Document.tokens`.
    pub token_start: usize,
    /// Index one past its last token.
    pub token_end: usize,
}

impl Sentence {
    pub fn new(text: &str, s: &polner::Sentence) -> Sentence {
        Sentence {
            start: s.span.start,
            end: s.span.end,
            text: text.get(s.span.bytes()).unwrap_or_default().to_string(),
            token_start: s.tokens.start,
            token_end: s.tokens.end,
        }
    }
}

#[pymethods]
impl Sentence {
    fn __repr__(&self) -> String {
        format!("Sentence({}..{} {:?})", self.start, self.end, self.text)
    }
}
