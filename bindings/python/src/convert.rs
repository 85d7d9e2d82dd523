//! Argument conversion: Python values to core types, with clear errors.

use polner::topics::TopicsOptions;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyInt, PyString, PyTuple};

/// The text argument of every entry point: a `str`, copied out as UTF-8.
pub fn text_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    match obj.cast::<PyString>() {
        Ok(s) => s
            .to_cow()
            .map(|c| c.into_owned())
            .map_err(|e| PyValueError::new_err(format!("{what}: {}", e.value(obj.py())))),
        Err(_) => Err(PyTypeError::new_err(format!(
            "{what} must be str, not {}",
            type_name(obj)
        ))),
    }
}

/// The name of an object's type, for error messages.
pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_string())
}

/// A date argument: `None`, an ISO `str` (`"2025-10-20"`) or a `datetime.date`
/// (a `datetime.datetime` counts by its date).
pub fn date_arg(obj: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Option<polner::Date>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_cow()?;
        return s.parse::<polner::Date>().map(Some).map_err(|e| {
            PyValueError::new_err(format!(
                "{what}: invalid date {s:?} ({e}); expected YYYY-MM-DD"
            ))
        });
    }
    let py = obj.py();
    static DATE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let date_type = DATE
        .get_or_try_init(py, || -> PyResult<Py<PyAny>> {
            Ok(py.import("datetime")?.getattr("date")?.unbind())
        })?
        .bind(py);
    if obj.is_instance(date_type)? {
        let year: i32 = obj.getattr("year")?.extract()?;
        let month: u8 = obj.getattr("month")?.extract()?;
        let day: u8 = obj.getattr("day")?.extract()?;
        return polner::Date::new(year, month, day)
            .map(Some)
            .ok_or_else(|| {
                PyValueError::new_err(format!(
                    "{what}: date {year:04}-{month:02}-{day:02} is out of the supported range"
                ))
            });
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be a datetime.date or an ISO date str (YYYY-MM-DD), not {}",
        type_name(obj)
    )))
}

/// Label names: one `str` or an iterable of them.
pub fn labels_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<polner::Label>> {
    let parse = |s: &str| {
        s.parse::<polner::Label>()
            .map_err(|e| PyValueError::new_err(format!("labels: {e}")))
    };
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(vec![parse(&s.to_cow()?)?]);
    }
    let iter = obj.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "labels must be an iterable of label names, not {}",
            type_name(obj)
        ))
    })?;
    let mut labels = Vec::new();
    for item in iter {
        let item = item?;
        let name = item.cast::<PyString>().map_err(|_| {
            PyTypeError::new_err(format!("labels must contain str, not {}", type_name(&item)))
        })?;
        labels.push(parse(&name.to_cow()?)?);
    }
    Ok(labels)
}

/// One gazetteer argument: a path (`str` or `os.PathLike`) or a
/// `(name, tsv_text)` pair.
pub enum GazetteerArg {
    Path(std::path::PathBuf),
    Inline(String, String),
}

pub fn gazetteers_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<GazetteerArg>> {
    if obj.cast::<PyString>().is_ok() {
        return Ok(vec![GazetteerArg::Path(obj.extract()?)]);
    }
    let iter = obj.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "gazetteers must be a list of paths or (name, tsv_text) pairs, not {}",
            type_name(obj)
        ))
    })?;
    let mut out = Vec::new();
    for item in iter {
        let item = item?;
        if let Ok(pair) = item.cast::<PyTuple>() {
            if pair.len() == 2 {
                let name = text_arg(&pair.get_item(0)?, "gazetteer name")?;
                let tsv = text_arg(&pair.get_item(1)?, "gazetteer text")?;
                out.push(GazetteerArg::Inline(name, tsv));
                continue;
            }
        }
        let path = item.extract::<std::path::PathBuf>().map_err(|_| {
            PyTypeError::new_err(format!(
                "gazetteers: each item must be a path (str or os.PathLike) or a (name, tsv_text) pair, not {}",
                type_name(&item)
            ))
        })?;
        out.push(GazetteerArg::Path(path));
    }
    Ok(out)
}

/// A core score as a Python float: the shortest decimal that reads back as
/// the same `f32` (`0.9`, not `0.8999999761581421`), as in the JSON output.
pub fn score(x: f32) -> f64 {
    format!("{x}").parse().unwrap_or(x as f64)
}

/// `json.loads`, looked up once.
pub fn json_loads<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let loads = LOADS.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py.import("json")?.getattr("loads")?.unbind())
    })?;
    loads.bind(py).call1((json,))
}

/// A `topics_k` argument: `None`, one `int` for all three parts, or a dict of
/// some of `keyphrases`, `categories` and `entities` to `int` (the parts not
/// named keep their defaults).
pub fn topics_k_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<TopicsOptions>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    let count = |value: &Bound<'_, PyAny>, what: &str| -> PyResult<usize> {
        if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
            return Err(PyTypeError::new_err(format!(
                "{what}: expected an int, got {}",
                type_name(value)
            )));
        }
        value.extract::<usize>().map_err(|_| {
            PyValueError::new_err(format!(
                "{what}: expected a number of items (0 or more), got {value}"
            ))
        })
    };
    if let Ok(parts) = obj.cast::<PyDict>() {
        let mut options = TopicsOptions::default();
        for (key, value) in parts.iter() {
            let name: String = key.extract().map_err(|_| {
                PyTypeError::new_err("topics_k: the dict's keys are the names of parts")
            })?;
            let Some(slot) = options.part_mut(&name) else {
                return Err(PyValueError::new_err(format!(
                    "topics_k: unknown part {name:?} (expected one of {:?})",
                    TopicsOptions::PARTS
                )));
            };
            *slot = count(&value, &format!("topics_k[{name:?}]"))?;
        }
        return Ok(Some(options));
    }
    count(obj, "topics_k").map(|k| Some(TopicsOptions::with_k(k)))
}

/// `topics_k` as `Extractor.config` and pickles give it back: `None`, an
/// `int` when the three parts keep the same number, else a dict of all three.
pub fn topics_k_value(py: Python<'_>, options: Option<TopicsOptions>) -> PyResult<Py<PyAny>> {
    let Some(o) = options else {
        return Ok(py.None());
    };
    if o == TopicsOptions::with_k(o.keyphrases) {
        return Ok(o.keyphrases.into_pyobject(py)?.into_any().unbind());
    }
    let d = PyDict::new(py);
    for (name, k) in TopicsOptions::PARTS.iter().zip(o.parts()) {
        d.set_item(name, k)?;
    }
    Ok(d.into_any().unbind())
}
