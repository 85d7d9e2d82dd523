//! `Extractor`: building from Python arguments, single and batch extraction,
//! streaming, and pickling by configuration.

use crate::convert::{self, GazetteerArg};
use crate::document::Document;
use crate::errors;
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyString, PyTuple, PyType};
use rayon::prelude::*;
use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex};

/// Finds entities, dates, amounts and topics in Polish text.
///
/// Build one and reuse it: building compiles the gazetteers; extraction is
/// thread-safe and releases the GIL.
///
/// Args:
///     reference_date: the date relative expressions ("wczoraj", "15 maja")
///         are resolved against, as a `datetime.date` or `"YYYY-MM-DD"`.
///     labels: produce only these labels (e.g. `["PER", "LOC"]`).
///     gazetteers: extra gazetteers, each a path to a TSV file or a
///         `(name, tsv_text)` pair; they take precedence over the built-in
///         ones (pairs first, then files, each in the order given).
///     builtin_gazetteers: use the built-in gazetteers.
///     topics: compute topics.
///     topics_k: how many keyphrases, categories and salient entities the
///         topics keep: one int for all three, or a dict of some of
///         `"keyphrases"`, `"categories"` and `"entities"` to an int (the
///         others keep the core's defaults, 10, 3 and 10, as all do when
///         `None`). A part kept to 0 is not computed: `{"keyphrases": 0}`
///         leaves out the costliest part of topics.
///
/// Raises:
///     ValueError: a bad date, an unknown label, or a malformed gazetteer
///         (the message names the gazetteer and the line).
///     FileNotFoundError: a gazetteer file does not exist.
///     TypeError: an argument of the wrong type.
#[pyclass(frozen, module = "polner")]
pub struct Extractor {
    inner: polner::Extractor,
}

impl Extractor {
    pub fn inner(&self) -> &polner::Extractor {
        &self.inner
    }
}

/// Compiled extractors by configuration, so that unpickling the same
/// extractor many times in one process (one Spark task after another, a
/// `multiprocessing` pool) compiles it once.
static REBUILT: Mutex<Vec<(polner::Config, polner::Extractor)>> = Mutex::new(Vec::new());
const REBUILT_KEEP: usize = 8;

/// Thread pools by size, for `n_threads`; `None` uses rayon's global pool.
static POOLS: Mutex<Vec<(usize, Arc<rayon::ThreadPool>)>> = Mutex::new(Vec::new());

fn pool(n: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    let mut pools = POOLS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, p)) = pools.iter().find(|(k, _)| *k == n) {
        return Ok(p.clone());
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(|i| format!("polner-{i}"))
        .build()
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start {n} threads: {e}")))?;
    let p = Arc::new(p);
    pools.push((n, p.clone()));
    Ok(p)
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

type BatchResult = Result<Vec<polner::Document>, (usize, String)>;

/// Extracts from every text with the GIL released, in parallel unless
/// `n_threads == Some(1)`; results in input order. A failure names its index.
fn run_batch(
    py: Python<'_>,
    ex: &polner::Extractor,
    texts: &[String],
    date: Option<polner::Date>,
    n_threads: Option<usize>,
) -> PyResult<Vec<polner::Document>> {
    let one = |i: usize, text: &String| {
        catch_unwind(AssertUnwindSafe(|| ex.extract_with_date(text, date)))
            .map_err(|p| (i, panic_message(p)))
    };
    let pool = match n_threads {
        Some(0) => return Err(PyValueError::new_err("n_threads must be at least 1")),
        Some(n) if n > 1 && texts.len() > 1 => Some(pool(n)?),
        _ => None,
    };
    let result: BatchResult = py.detach(|| match (n_threads, pool) {
        (_, Some(pool)) => pool.install(|| {
            texts
                .par_iter()
                .enumerate()
                .map(|(i, t)| one(i, t))
                .collect()
        }),
        (None, None) if texts.len() > 1 => texts
            .par_iter()
            .enumerate()
            .map(|(i, t)| one(i, t))
            .collect(),
        _ => texts.iter().enumerate().map(|(i, t)| one(i, t)).collect(),
    });
    result.map_err(|(i, message)| {
        PyRuntimeError::new_err(format!("texts[{i}]: internal error in polner: {message}"))
    })
}

/// Pulls the texts out of a Python iterable, naming the index of a bad one.
fn collect_texts(
    texts: &Bound<'_, PyAny>,
    offset: usize,
) -> PyResult<(Vec<Py<PyString>>, Vec<String>)> {
    if texts.cast::<PyString>().is_ok() {
        return Err(PyTypeError::new_err(
            "texts must be an iterable of str, not a single str (use extract() for one text)",
        ));
    }
    let iter = texts.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "texts must be an iterable of str, not {}",
            convert::type_name(texts)
        ))
    })?;
    let (mut objects, mut sources) = (Vec::new(), Vec::new());
    for (i, item) in iter.enumerate() {
        let item = item?;
        let what = format!("texts[{}]", offset + i);
        let source = convert::text_arg(&item, &what)?;
        objects.push(item.cast_into::<PyString>()?.unbind());
        sources.push(source);
    }
    Ok((objects, sources))
}

fn documents(
    objects: Vec<Py<PyString>>,
    sources: Vec<String>,
    docs: Vec<polner::Document>,
) -> Vec<Document> {
    objects
        .into_iter()
        .zip(sources)
        .zip(docs)
        .map(|((object, source), doc)| Document::new(object, source, doc))
        .collect()
}

/// What an extractor pickles to: every field of `polner::Config` (a field
/// added there must be added here, or `_from_state` does not compile).
type State = (
    Option<String>,
    Option<Vec<String>>,
    Vec<(String, String)>,
    bool,
    bool,
    Py<PyAny>,
);

#[pymethods]
impl Extractor {
    #[new]
    #[pyo3(signature = (reference_date=None, labels=None, gazetteers=None, *, builtin_gazetteers=true, topics=true, topics_k=None))]
    fn py_new(
        py: Python<'_>,
        reference_date: Option<&Bound<'_, PyAny>>,
        labels: Option<&Bound<'_, PyAny>>,
        gazetteers: Option<&Bound<'_, PyAny>>,
        builtin_gazetteers: bool,
        topics: bool,
        topics_k: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Extractor> {
        let mut builder = polner::Extractor::builder()
            .builtin_gazetteers(builtin_gazetteers)
            .topics(topics);
        if let Some(options) = convert::topics_k_arg(topics_k)? {
            builder = builder.topics_options(options);
        }
        if let Some(date) = convert::date_arg(reference_date, "reference_date")? {
            builder = builder.reference_date(date);
        }
        if let Some(labels) = labels.filter(|l| !l.is_none()) {
            builder = builder.labels(convert::labels_arg(labels)?);
        }
        if let Some(gazetteers) = gazetteers.filter(|g| !g.is_none()) {
            for gazetteer in convert::gazetteers_arg(gazetteers)? {
                builder = match gazetteer {
                    GazetteerArg::Path(path) => builder.gazetteer(path),
                    GazetteerArg::Inline(name, tsv) => builder.gazetteer_tsv(name, tsv),
                };
            }
        }
        let inner = py.detach(|| builder.build()).map_err(errors::build_error)?;
        Ok(Extractor { inner })
    }

    /// Extracts entities, sentences, tokens and topics from one text.
    ///
    /// Args:
    ///     text: the input.
    ///     date: the reference date for this text (overrides the
    ///         extractor's), as a `datetime.date` or `"YYYY-MM-DD"`.
    ///
    /// Returns:
    ///     The `Document`.
    ///
    /// Raises:
    ///     TypeError: `text` is not a `str`.
    ///     ValueError: `date` is not a valid date, or `text` holds lone
    ///         surrogates.
    #[pyo3(signature = (text, date=None))]
    fn extract(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        date: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Document> {
        let source = convert::text_arg(text, "text")?;
        let date = convert::date_arg(date, "date")?;
        let doc = py.detach(|| self.inner.extract_with_date(&source, date));
        let object = text.cast::<PyString>()?.clone().unbind();
        Ok(Document::new(object, source, doc))
    }

    /// Extracts from many texts in parallel, with the GIL released.
    ///
    /// Args:
    ///     texts: an iterable of `str`.
    ///     n_threads: how many threads; `None` uses one per core, `1` runs
    ///         on the calling thread.
    ///     date: the reference date for all texts.
    ///
    /// Returns:
    ///     One `Document` per text, in input order.
    ///
    /// Raises:
    ///     TypeError: an item is not a `str` (the message names its index,
    ///         `texts[3]`).
    ///     ValueError: a bad `date` or `n_threads`, or a text with lone
    ///         surrogates (named by index).
    #[pyo3(signature = (texts, n_threads=None, date=None))]
    fn extract_batch(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        n_threads: Option<usize>,
        date: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<Document>> {
        let date = convert::date_arg(date, "date")?;
        let (objects, sources) = collect_texts(texts, 0)?;
        let docs = run_batch(py, &self.inner, &sources, date, n_threads)?;
        Ok(documents(objects, sources, docs))
    }

    /// Extracts from a stream of texts, `batch_size` at a time, yielding
    /// documents in input order. Memory stays bounded by one batch.
    ///
    /// Args:
    ///     texts: any iterable of `str` (a generator, a file's lines), or of
    ///         `(text, context)` pairs when `as_tuples` is true.
    ///     batch_size: texts per parallel batch.
    ///     n_threads: as for `extract_batch`.
    ///     date: the reference date for all texts.
    ///     as_tuples: yield `(Document, context)` pairs, passing `context`
    ///         (an id, a dict) through untouched.
    ///
    /// Returns:
    ///     An iterator of `Document` (or of `(Document, context)`).
    #[pyo3(signature = (texts, batch_size=256, n_threads=None, date=None, as_tuples=false))]
    fn pipe(
        &self,
        texts: &Bound<'_, PyAny>,
        batch_size: usize,
        n_threads: Option<usize>,
        date: Option<&Bound<'_, PyAny>>,
        as_tuples: bool,
    ) -> PyResult<Pipe> {
        if batch_size == 0 {
            return Err(PyValueError::new_err("batch_size must be at least 1"));
        }
        if n_threads == Some(0) {
            return Err(PyValueError::new_err("n_threads must be at least 1"));
        }
        if texts.cast::<PyString>().is_ok() {
            return Err(PyTypeError::new_err(
                "texts must be an iterable of str, not a single str (use extract() for one text)",
            ));
        }
        Ok(Pipe {
            extractor: self.inner.clone(),
            iter: texts.try_iter()?.unbind(),
            batch_size,
            n_threads,
            date: convert::date_arg(date, "date")?,
            as_tuples,
            ready: VecDeque::new(),
            seen: 0,
            done: false,
        })
    }

    /// The options this extractor was built with, as a dict
    /// (`reference_date`, `labels`, `gazetteers` — their names —,
    /// `builtin_gazetteers`, `topics`, `topics_k`).
    #[getter]
    fn config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let (date, labels, gazetteers, builtin, topics, topics_k) = self.state(py)?;
        let d = PyDict::new(py);
        d.set_item("reference_date", date)?;
        d.set_item("labels", labels)?;
        let names: Vec<String> = gazetteers.into_iter().map(|(n, _)| n).collect();
        d.set_item("gazetteers", names)?;
        d.set_item("builtin_gazetteers", builtin)?;
        d.set_item("topics", topics)?;
        d.set_item("topics_k", topics_k)?;
        Ok(d)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let (date, labels, gazetteers, builtin, topics, topics_k) = self.state(py)?;
        let mut parts = Vec::new();
        if let Some(date) = date {
            parts.push(format!("reference_date={date:?}"));
        }
        if let Some(labels) = labels {
            parts.push(format!("labels={labels:?}"));
        }
        if !gazetteers.is_empty() {
            let names: Vec<String> = gazetteers.into_iter().map(|(n, _)| n).collect();
            parts.push(format!("gazetteers={names:?}"));
        }
        if !builtin {
            parts.push("builtin_gazetteers=False".into());
        }
        if !topics {
            parts.push("topics=False".into());
        }
        if !topics_k.is_none(py) {
            parts.push(format!("topics_k={}", topics_k.bind(py).repr()?));
        }
        Ok(format!("Extractor({})", parts.join(", ")))
    }

    /// Pickles by configuration (gazetteers travel as their text, so worker
    /// machines need no files); unpickling rebuilds the extractor, once per
    /// process for the same configuration.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, State)> {
        let rebuild = slf.get_type().getattr("_from_state")?;
        Ok((rebuild, slf.get().state(slf.py())?))
    }

    /// Rebuilds an extractor from the state `__reduce__` stores.
    #[classmethod]
    #[pyo3(signature = (reference_date, labels, gazetteers, builtin_gazetteers, topics, topics_k=None))]
    #[allow(clippy::too_many_arguments)]
    fn _from_state(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        reference_date: Option<String>,
        labels: Option<Vec<String>>,
        gazetteers: Vec<(String, String)>,
        builtin_gazetteers: bool,
        topics: bool,
        topics_k: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Extractor> {
        let topics_options = convert::topics_k_arg(topics_k)?;
        let reference_date = match reference_date {
            Some(d) => Some(d.parse::<polner::Date>().map_err(|e| {
                PyValueError::new_err(format!("reference_date: invalid date {d:?} ({e})"))
            })?),
            None => None,
        };
        let labels = match labels {
            Some(labels) => Some(
                labels
                    .iter()
                    .map(|l| l.parse::<polner::Label>())
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| PyValueError::new_err(format!("labels: {e}")))?,
            ),
            None => None,
        };
        let config = polner::Config {
            reference_date,
            labels,
            gazetteers,
            no_builtin_gazetteers: !builtin_gazetteers,
            no_topics: !topics,
            topics_options,
        };
        let cached = {
            let cache = REBUILT.lock().unwrap_or_else(|e| e.into_inner());
            cache
                .iter()
                .find(|(c, _)| *c == config)
                .map(|(_, e)| e.clone())
        };
        let inner = match cached {
            Some(inner) => inner,
            None => {
                let key = config.clone();
                let inner = py
                    .detach(|| polner::Extractor::from_config(config))
                    .map_err(errors::build_error)?;
                let mut cache = REBUILT.lock().unwrap_or_else(|e| e.into_inner());
                if cache.len() >= REBUILT_KEEP {
                    cache.remove(0);
                }
                cache.push((key, inner.clone()));
                inner
            }
        };
        Ok(Extractor { inner })
    }
}

impl Extractor {
    fn state(&self, py: Python<'_>) -> PyResult<State> {
        let config = self.inner.config();
        Ok((
            config.reference_date.map(|d| d.to_string()),
            config
                .labels
                .as_ref()
                .map(|ls| ls.iter().map(|l| l.as_str().to_string()).collect()),
            config.gazetteers.clone(),
            !config.no_builtin_gazetteers,
            !config.no_topics,
            convert::topics_k_value(py, config.topics_options)?,
        ))
    }
}

/// The iterator `Extractor.pipe` returns: documents in input order, computed
/// one batch at a time.
#[pyclass(module = "polner")]
pub struct Pipe {
    extractor: polner::Extractor,
    iter: Py<PyIterator>,
    batch_size: usize,
    n_threads: Option<usize>,
    date: Option<polner::Date>,
    as_tuples: bool,
    ready: VecDeque<Py<PyAny>>,
    seen: usize,
    done: bool,
}

impl Pipe {
    fn fill(&mut self, py: Python<'_>) -> PyResult<()> {
        let mut iter = self.iter.bind(py).clone();
        let (mut objects, mut sources, mut contexts) = (Vec::new(), Vec::new(), Vec::new());
        while objects.len() < self.batch_size {
            let Some(item) = iter.next() else {
                self.done = true;
                break;
            };
            let item = item?;
            let index = self.seen + objects.len();
            let text = if self.as_tuples {
                let pair = item
                    .cast::<PyTuple>()
                    .ok()
                    .filter(|t| t.len() == 2)
                    .ok_or_else(|| {
                        PyTypeError::new_err(format!(
                            "texts[{index}] must be a (text, context) pair when as_tuples=True, not {}",
                            convert::type_name(&item)
                        ))
                    })?;
                contexts.push(pair.get_item(1)?.unbind());
                pair.get_item(0)?
            } else {
                item
            };
            sources.push(convert::text_arg(&text, &format!("texts[{index}]"))?);
            objects.push(text.cast_into::<PyString>()?.unbind());
        }
        let docs =
            run_batch(py, &self.extractor, &sources, self.date, self.n_threads).map_err(|e| {
                // run_batch numbers texts within the batch; renumber in the stream.
                let message = e.value(py).to_string();
                match message
                    .strip_prefix("texts[")
                    .and_then(|m| m.split_once(']'))
                {
                    Some((i, rest)) => match i.parse::<usize>() {
                        Ok(i) => PyRuntimeError::new_err(format!("texts[{}]{rest}", self.seen + i)),
                        Err(_) => e,
                    },
                    None => e,
                }
            })?;
        self.seen += objects.len();
        let mut contexts = contexts.into_iter();
        for doc in documents(objects, sources, docs) {
            let doc = Py::new(py, doc)?.into_any();
            let out = match (self.as_tuples, contexts.next()) {
                (true, Some(context)) => PyTuple::new(py, [doc, context])?.into_any().unbind(),
                _ => doc,
            };
            self.ready.push_back(out);
        }
        Ok(())
    }
}

#[pymethods]
impl Pipe {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        while self.ready.is_empty() && !self.done {
            if let Err(e) = self.fill(py) {
                self.done = true;
                return Err(e);
            }
        }
        Ok(self.ready.pop_front())
    }
}
