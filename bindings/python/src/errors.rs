//! Core errors as Python exceptions: the one place they are mapped.

use pyo3::PyErr;
use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyPermissionError, PyValueError};
use std::error::Error as _;
use std::io::ErrorKind;

/// Maps a build error of the core: unreadable gazetteer files become
/// `OSError` subclasses (`FileNotFoundError`, `PermissionError`), everything
/// else — a malformed gazetteer line, an invalid option — `ValueError`. The
/// message is the core's, which names the file and line.
pub fn build_error(err: polner::Error) -> PyErr {
    let message = err.to_string();
    match err
        .source()
        .and_then(|s| s.downcast_ref::<std::io::Error>())
    {
        Some(io) if io.kind() == ErrorKind::NotFound => PyFileNotFoundError::new_err(message),
        Some(io) if io.kind() == ErrorKind::PermissionDenied => PyPermissionError::new_err(message),
        Some(_) => PyOSError::new_err(message),
        None => PyValueError::new_err(message),
    }
}
