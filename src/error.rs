//! Errors: an opaque [`Error`] whose message names what was wrong and where.

use std::fmt;
use std::path::PathBuf;

/// An error from building an [`crate::Extractor`] or reading its inputs.
///
/// Extraction itself never fails: any `&str` gives a [`crate::Document`].
/// Errors come from configuration — a gazetteer file that cannot be read or
/// has a malformed line, an invalid option.
///
/// ```
/// let err = polner::Extractor::builder()
///     .gazetteer_tsv("users.tsv", "Kraków\tXYZ\n")
///     .build()
///     .unwrap_err();
/// assert_eq!(err.to_string(), "users.tsv, line 1: unknown label \"XYZ\" (expected one of PER ORG LOC EVT PRO DATE TIME MONEY PERCENT)");
/// ```
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Debug)]
enum ErrorKind {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A configuration or embedded-resource problem.
    Config(String),
    Resource {
        name: String,
        line: usize,
        message: String,
    },
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error {
            kind: ErrorKind::Io {
                path: path.into(),
                source,
            },
        }
    }

    pub(crate) fn resource(
        name: impl Into<String>,
        line: usize,
        message: impl Into<String>,
    ) -> Error {
        Error {
            kind: ErrorKind::Resource {
                name: name.into(),
                line,
                message: message.into(),
            },
        }
    }

    pub(crate) fn config(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Config(message.into()),
        }
    }

    /// The line of a resource file the error is about, if any.
    pub fn line(&self) -> Option<usize> {
        match &self.kind {
            ErrorKind::Resource { line, .. } => Some(*line),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Io { path, source } => write!(f, "{}: {}", path.display(), source),
            ErrorKind::Resource {
                name,
                line,
                message,
            } => write!(f, "{name}, line {line}: {message}"),
            ErrorKind::Config(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
