//! The extraction result and its parts, as Python objects.

use crate::convert;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyType};
use serde::Serialize;

/// The result of `Extractor.extract`: the text, its tokens, sentences,
/// entities and topics.
///
/// Offsets (`start`, `end`) everywhere are Python string indices:
/// `doc.text[e.start:e.end] == e.text`.
#[pyclass(frozen, module = "polner")]
pub struct Document {
    text: Py<PyString>,
    source: String,
    doc: polner::Document,
    entities: PyOnceLock<Vec<Py<Entity>>>,
}

impl Document {
    pub fn new(text: Py<PyString>, source: String, doc: polner::Document) -> Document {
        Document {
            text,
            source,
            doc,
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
            self.doc
                .entities
                .iter()
                .map(|e| Py::new(py, Entity::from_core(e)))
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

    /// The document as JSON, the format of the CLI's `--format json`.
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
            .map(|e| Entity::from_core(e).to_dict(py))
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
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Py<PyString>, String))> {
        let this = slf.get();
        let rebuild = slf.get_type().getattr("_from_json")?;
        Ok((rebuild, (this.text.clone_ref(slf.py()), this.to_json(None)?)))
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

/// The serde name of a unit variant (`TokenKind::DateTime` → `date_time`).
fn variant_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// A mention found in the text.
#[pyclass(frozen, get_all, eq, module = "polner")]
#[derive(Clone, PartialEq)]
pub struct Entity {
    /// Index of the first character in `Document.text`.
    pub start: usize,
    /// Index one past the last character.
    pub end: usize,
    /// The mention exactly as written: `doc.text[start:end]`.
    pub text: String,
    /// `PER`, `ORG`, `LOC`, `EVT`, `PRO`, `DATE`, `TIME`, `MONEY` or `PERCENT`.
    pub label: String,
    /// A finer type (`city`, `country`, …), or `None`.
    pub subtype: Option<String>,
    /// The base form (`Krakowie` → `Kraków`).
    pub lemma: String,
    /// The normalized value of a DATE, TIME, MONEY or PERCENT, else `None`.
    pub value: Option<String>,
    /// The gazetteer or rule that produced it.
    pub source: String,
    /// Confidence in 0..1.
    pub score: f64,
}

impl Entity {
    fn from_core(e: &polner::Entity) -> Entity {
        Entity {
            start: e.span.start,
            end: e.span.end,
            text: e.text.clone(),
            label: e.label.as_str().to_string(),
            subtype: e.subtype.clone(),
            lemma: e.lemma.clone(),
            value: e.value.clone(),
            source: e.source.clone(),
            score: convert::score(e.score),
        }
    }
}

#[pymethods]
impl Entity {
    #[new]
    #[pyo3(signature = (start, end, text, label, lemma, subtype=None, value=None, source=String::new(), score=1.0))]
    #[allow(clippy::too_many_arguments)]
    fn py_new(
        start: usize,
        end: usize,
        text: String,
        label: String,
        lemma: String,
        subtype: Option<String>,
        value: Option<String>,
        source: String,
        score: f64,
    ) -> Entity {
        Entity {
            start,
            end,
            text,
            label,
            subtype,
            lemma,
            value,
            source,
            score,
        }
    }

    /// The entity as a flat dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("text", &self.text)?;
        d.set_item("label", &self.label)?;
        d.set_item("subtype", &self.subtype)?;
        d.set_item("lemma", &self.lemma)?;
        d.set_item("value", &self.value)?;
        d.set_item("source", &self.source)?;
        d.set_item("score", self.score)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let value = self
            .value
            .as_ref()
            .map(|v| format!(", value={v:?}"))
            .unwrap_or_default();
        format!(
            "Entity({}..{} {:?} {} lemma={:?}{value})",
            self.start, self.end, self.text, self.label, self.lemma
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
            String,
            String,
            Option<String>,
            Option<String>,
            String,
            f64,
        ),
    ) {
        let e = slf.get();
        (
            slf.get_type(),
            (
                e.start,
                e.end,
                e.text.clone(),
                e.label.clone(),
                e.lemma.clone(),
                e.subtype.clone(),
                e.value.clone(),
                e.source.clone(),
                e.score,
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
    pub kind: String,
    /// `lower`, `capitalized`, `upper`, `mixed`, `digits` or `other`.
    pub shape: String,
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
            kind: variant_name(&t.kind),
            shape: variant_name(&t.shape),
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
