//! Embedded resources and the plain-text formats they are written in.
//!
//! Hand-written lists live in `resources/lists/` as tab-separated files:
//! one record per line, `#` starts a comment line, blank lines are ignored.
//! [`tsv_rows`] is the one reader of that format.

/// Iterates over the records of a TSV resource: `(line_number, columns)`.
///
/// Line numbers start at 1. Comment lines (first non-space character `#`) and
/// blank lines are skipped; a trailing `\r` is removed.
///
/// ```
/// let rows: Vec<_> = polner::resources::tsv_rows("# c\nKraków\tLOC\n\nŁódź\tLOC\r\n").collect();
/// assert_eq!(rows, [(2, vec!["Kraków", "LOC"]), (4, vec!["Łódź", "LOC"])]);
/// ```
pub fn tsv_rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return None;
        }
        Some((i + 1, line.split('\t').collect()))
    })
}
