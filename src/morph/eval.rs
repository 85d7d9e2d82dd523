//! Measuring name lemmatization against annotated data.
//!
//! [`lemma_accuracy`] reads a directory in the SlavicNER layout —
//! `raw/<topic>/<lang>/<doc>.txt` and `ner/<topic>/<lang>/<doc>.tsv`, the TSV
//! columns being `start end surface lemma category id` with Unicode character
//! offsets — and lemmatizes every gold mention from its gold span: the span
//! text is tokenized with [`crate::tokenize`] and lemmatized as by
//! [`Morphology::lemmatize_name`] with the gold category
//! ([`Morphology::lemmatize_span`], which keeps the span's spacing).

use super::Morphology;
use crate::error::Error;
use crate::model::Label;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// Correct and total counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    /// Mentions whose lemma matched.
    pub correct: usize,
    /// Mentions evaluated.
    pub total: usize,
}

impl Count {
    /// `correct / total`, 0 when empty.
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }

    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.correct += usize::from(ok);
    }
}

/// A mention whose lemma did not match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// The mention as written.
    pub surface: String,
    /// The gold lemma.
    pub gold: String,
    /// What [`Morphology::lemmatize_name`] returned.
    pub predicted: String,
    /// The gold category.
    pub label: Label,
}

/// The result of [`lemma_accuracy`].
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// All mentions.
    pub overall: Count,
    /// Mentions per gold category.
    pub per_label: BTreeMap<Label, Count>,
    /// Mentions whose lemma equals the surface, counted as if the surface were the prediction.
    pub surface_baseline: Count,
    /// Mentions skipped because their offsets did not match their surface
    /// or their category is not a name label.
    pub skipped: usize,
    /// Every mismatch, in reading order.
    pub mismatches: Vec<Mismatch>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "lemma accuracy {:.4} ({}/{}); surface unchanged {:.4}; skipped {}",
            self.overall.accuracy(),
            self.overall.correct,
            self.overall.total,
            self.surface_baseline.accuracy(),
            self.skipped
        )?;
        for (label, c) in &self.per_label {
            writeln!(
                f,
                "  {label:<4} {:.4} ({}/{})",
                c.accuracy(),
                c.correct,
                c.total
            )?;
        }
        Ok(())
    }
}

/// Lemmatizes every gold mention of a SlavicNER-format directory and compares
/// with the gold lemmas. Reads every `<lang>` folder (Polish data has `pl`).
///
/// ```no_run
/// let report = polner::morph::eval::lemma_accuracy("data/slavicner-pl-dev").unwrap();
/// println!("{report}");
/// ```
pub fn lemma_accuracy(dir: impl AsRef<Path>) -> Result<Report, Error> {
    let m = Morphology::embedded();
    let mut report = Report::default();
    // one reader of the SlavicNER format: `crate::eval`
    for (_, text, gold) in crate::eval::read_slavicner(dir.as_ref())? {
        let chars: Vec<char> = text.chars().collect();
        for mention in gold {
            let (Some(span), Some(lemma)) = (chars.get(mention.start..mention.end), mention.lemma)
            else {
                report.skipped += 1;
                continue;
            };
            let surface: String = span.iter().collect();
            let label = mention.label;
            // Tokenized with `crate::tokenize`, lemmatized with
            // `lemmatize_name`'s rules, joined with the span's own spacing.
            let predicted = m.lemmatize_span(&surface, label);
            let ok = predicted == lemma;
            report.overall.add(ok);
            report.per_label.entry(label).or_default().add(ok);
            report.surface_baseline.add(surface == lemma);
            if !ok {
                report.mismatches.push(Mismatch {
                    surface,
                    gold: lemma,
                    predicted,
                    label,
                });
            }
        }
    }
    Ok(report)
}
