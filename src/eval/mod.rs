//! Evaluation of name extraction against annotated corpora.
//!
//! Two gold formats are read:
//! - a SlavicNER-style directory: `raw/<topic>/<lang>/<doc>.txt` with the
//!   text and `ner/<topic>/<lang>/<doc>.tsv` with one mention per line,
//!   `start end surface lemma category id` (character offsets, end
//!   exclusive) — see [`evaluate_slavicner`];
//! - CoNLL / IOB2 files: one token per line, the token first and the tag
//!   last, blank lines between sentences — see [`evaluate_conll`].
//!
//! Only the name labels (PER ORG LOC EVT PRO) are scored. A prediction
//! counts as a *strict* hit when span and label are both exact, as a
//! *relaxed* hit when it overlaps a gold mention of the same label. Lemma
//! accuracy is measured over the strict hits of gold data that has lemmas.
//!
//! ```
//! use polner::eval::{score_document, GoldMention, Report};
//! use polner::{Extractor, Label};
//! let text = "Spotkanie w Krakowie.";
//! let gold = [GoldMention { start: 12, end: 20, label: Label::Loc, lemma: Some("Kraków".into()) }];
//! let mut report = Report::default();
//! score_document(&mut report, "doc", text, &gold, &Extractor::new());
//! assert_eq!(report.strict().f1(), 1.0);
//! assert_eq!(report.lemma_accuracy(), Some(1.0));
//! ```

use crate::error::Error;
use crate::model::Label;
use crate::pipeline::Extractor;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The labels that evaluation scores.
pub const NAME_LABELS: [Label; 5] = [Label::Per, Label::Org, Label::Loc, Label::Evt, Label::Pro];

/// One gold mention: character offsets (end exclusive), label, lemma if annotated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldMention {
    /// Start, in characters.
    pub start: usize,
    /// End (exclusive), in characters.
    pub end: usize,
    /// Label.
    pub label: Label,
    /// Base form, when the gold data has one.
    pub lemma: Option<String>,
}

/// Precision, recall and F1 counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Correct predictions.
    pub tp: usize,
    /// Predictions with no matching gold mention.
    pub fp: usize,
    /// Gold mentions with no matching prediction.
    pub fn_: usize,
}

impl Counts {
    /// tp / (tp + fp), 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// tp / (tp + fn), 0 when there is no gold mention.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// What kind of mistake an [`ErrorCase`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ErrorKind {
    /// A gold mention nothing overlaps.
    Missed,
    /// A prediction that overlaps no gold mention.
    Spurious,
    /// Same span, other label.
    WrongLabel,
    /// Overlapping span of the same label, different boundaries.
    WrongSpan,
    /// Overlapping span, different label and boundaries.
    WrongSpanAndLabel,
    /// Exact span and label, wrong lemma.
    WrongLemma,
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ErrorKind::Missed => "missed",
            ErrorKind::Spurious => "spurious",
            ErrorKind::WrongLabel => "wrong-label",
            ErrorKind::WrongSpan => "wrong-span",
            ErrorKind::WrongSpanAndLabel => "wrong-span+label",
            ErrorKind::WrongLemma => "wrong-lemma",
        })
    }
}

/// One mistake, with enough context to study it.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorCase {
    /// The document's name.
    pub doc: String,
    /// What went wrong.
    pub kind: ErrorKind,
    /// Gold mention text, label and lemma, when there is one.
    pub gold: Option<(String, Label, String)>,
    /// Predicted text, label, lemma and source, when there is one.
    pub predicted: Option<(String, Label, String, String)>,
    /// The surrounding text, the mention marked with `[[ ]]`.
    pub context: String,
}

impl fmt::Display for ErrorCase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\t{}\t", self.kind, self.doc)?;
        match &self.gold {
            Some((t, l, lem)) => write!(f, "gold={t}/{l}/{lem}\t")?,
            None => write!(f, "gold=-\t")?,
        }
        match &self.predicted {
            Some((t, l, lem, src)) => write!(f, "pred={t}/{l}/{lem}/{src}\t")?,
            None => write!(f, "pred=-\t")?,
        }
        write!(f, "{}", self.context)
    }
}

/// Scores over a corpus: overall, per label, lemma accuracy, and the errors.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Documents scored.
    pub documents: usize,
    /// Strict counts per label.
    pub strict_by_label: BTreeMap<Label, Counts>,
    /// Relaxed counts per label.
    pub relaxed_by_label: BTreeMap<Label, Counts>,
    /// Strict hits whose gold has a lemma.
    pub lemma_total: usize,
    /// Of those, how many lemmas were right.
    pub lemma_correct: usize,
    /// Every mistake, in document order.
    pub errors: Vec<ErrorCase>,
}

impl Report {
    /// Strict counts over all labels.
    pub fn strict(&self) -> Counts {
        sum(&self.strict_by_label)
    }
    /// Relaxed counts over all labels.
    pub fn relaxed(&self) -> Counts {
        sum(&self.relaxed_by_label)
    }
    /// Share of right lemmas among strict hits, `None` without lemma data.
    pub fn lemma_accuracy(&self) -> Option<f64> {
        (self.lemma_total > 0).then(|| ratio(self.lemma_correct, self.lemma_total))
    }
    /// Error counts per kind and label, most frequent first.
    pub fn error_classes(&self) -> Vec<((ErrorKind, Label), usize)> {
        let mut m: BTreeMap<(ErrorKind, Label), usize> = BTreeMap::new();
        for e in &self.errors {
            let label = e
                .gold
                .as_ref()
                .map(|g| g.1)
                .or(e.predicted.as_ref().map(|p| p.1))
                .unwrap_or(Label::Per);
            *m.entry((e.kind, label)).or_default() += 1;
        }
        let mut v: Vec<_> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }
    /// Writes every error, one per line, to `out`.
    pub fn write_errors(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        for e in &self.errors {
            writeln!(out, "{e}")?;
        }
        Ok(())
    }
}

fn sum(m: &BTreeMap<Label, Counts>) -> Counts {
    let mut c = Counts::default();
    for v in m.values() {
        c.add(*v);
    }
    c
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "documents: {}", self.documents)?;
        writeln!(
            f,
            "{:<6} {:>6} {:>6} {:>6}  {:>6} {:>6} {:>6}  {:>6} {:>6} {:>6}",
            "label", "P", "R", "F1", "relP", "relR", "relF1", "tp", "fp", "fn"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, s: Counts, r: Counts| {
            writeln!(
                f,
                "{:<6} {:>6.3} {:>6.3} {:>6.3}  {:>6.3} {:>6.3} {:>6.3}  {:>6} {:>6} {:>6}",
                name,
                s.precision(),
                s.recall(),
                s.f1(),
                r.precision(),
                r.recall(),
                r.f1(),
                s.tp,
                s.fp,
                s.fn_
            )
        };
        for l in NAME_LABELS {
            let s = self.strict_by_label.get(&l).copied().unwrap_or_default();
            let r = self.relaxed_by_label.get(&l).copied().unwrap_or_default();
            row(f, l.as_str(), s, r)?;
        }
        row(f, "ALL", self.strict(), self.relaxed())?;
        match self.lemma_accuracy() {
            Some(a) => writeln!(
                f,
                "lemma accuracy: {:.3} ({}/{})",
                a, self.lemma_correct, self.lemma_total
            )?,
            None => writeln!(f, "lemma accuracy: n/a")?,
        }
        writeln!(f, "top error classes:")?;
        for ((k, l), n) in self.error_classes().into_iter().take(12) {
            writeln!(f, "  {n:>6}  {k} {l}")?;
        }
        Ok(())
    }
}

/// Runs `extractor` on `text` and adds the comparison with `gold` to `report`.
pub fn score_document(
    report: &mut Report,
    doc: &str,
    text: &str,
    gold: &[GoldMention],
    extractor: &Extractor,
) {
    let document = extractor.extract(text);
    let pred: Vec<(usize, usize, Label, &str, &str)> = document
        .entities
        .iter()
        .filter(|e| e.label.is_name())
        .map(|e| {
            let r = e.char_range();
            (r.start, r.end, e.label, e.lemma.as_str(), e.source.as_ref())
        })
        .collect();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let slice = |s: usize, e: usize| -> String {
        chars
            .iter()
            .skip(s)
            .take(e.saturating_sub(s))
            .map(|c| c.1)
            .collect()
    };
    let context = |s: usize, e: usize| -> String {
        let a = s.saturating_sub(50);
        let b = (e + 50).min(chars.len());
        format!("{}[[{}]]{}", slice(a, s), slice(s, e), slice(e, b)).replace('\n', " ")
    };
    report.documents += 1;
    let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
    let mut pred_strict = vec![false; pred.len()];
    let mut pred_relaxed = vec![false; pred.len()];
    for g in gold.iter().filter(|g| g.label.is_name()) {
        let strict = pred
            .iter()
            .position(|p| p.0 == g.start && p.1 == g.end && p.2 == g.label);
        let relaxed = pred
            .iter()
            .position(|p| overlaps((p.0, p.1), (g.start, g.end)) && p.2 == g.label);
        let gold_info = (
            slice(g.start, g.end),
            g.label,
            g.lemma.clone().unwrap_or_default(),
        );
        let s = report.strict_by_label.entry(g.label).or_default();
        if let Some(i) = strict {
            s.tp += 1;
            pred_strict[i] = true;
            if let Some(lemma) = &g.lemma {
                report.lemma_total += 1;
                if lemma == pred[i].3 {
                    report.lemma_correct += 1;
                } else {
                    report.errors.push(ErrorCase {
                        doc: doc.to_string(),
                        kind: ErrorKind::WrongLemma,
                        gold: Some(gold_info.clone()),
                        predicted: Some(pinfo(&pred[i], &slice)),
                        context: context(g.start, g.end),
                    });
                }
            }
        } else {
            s.fn_ += 1;
            let any = pred
                .iter()
                .position(|p| overlaps((p.0, p.1), (g.start, g.end)));
            let kind = match any {
                None => ErrorKind::Missed,
                Some(i) => {
                    let p = &pred[i];
                    if p.0 == g.start && p.1 == g.end {
                        ErrorKind::WrongLabel
                    } else if p.2 == g.label {
                        ErrorKind::WrongSpan
                    } else {
                        ErrorKind::WrongSpanAndLabel
                    }
                }
            };
            report.errors.push(ErrorCase {
                doc: doc.to_string(),
                kind,
                gold: Some(gold_info),
                predicted: any.map(|i| pinfo(&pred[i], &slice)),
                context: context(g.start, g.end),
            });
        }
        let r = report.relaxed_by_label.entry(g.label).or_default();
        match relaxed {
            Some(i) => {
                r.tp += 1;
                pred_relaxed[i] = true;
            }
            None => r.fn_ += 1,
        }
    }
    for (i, p) in pred.iter().enumerate() {
        if !pred_strict[i] {
            report.strict_by_label.entry(p.2).or_default().fp += 1;
            let touches = gold
                .iter()
                .any(|g| g.label.is_name() && overlaps((p.0, p.1), (g.start, g.end)));
            if !touches {
                report.errors.push(ErrorCase {
                    doc: doc.to_string(),
                    kind: ErrorKind::Spurious,
                    gold: None,
                    predicted: Some(pinfo(p, &slice)),
                    context: context(p.0, p.1),
                });
            }
        }
        if !pred_relaxed[i] {
            report.relaxed_by_label.entry(p.2).or_default().fp += 1;
        }
    }
}

fn pinfo(
    p: &(usize, usize, Label, &str, &str),
    slice: &dyn Fn(usize, usize) -> String,
) -> (String, Label, String, String) {
    (slice(p.0, p.1), p.2, p.3.to_string(), p.4.to_string())
}

/// Reads one SlavicNER annotation file (`start end surface lemma category id`).
///
/// Lines whose category is not a name label are skipped; a malformed line is
/// an error naming the file and line.
///
/// ```
/// let gold = polner::eval::parse_slavicner_tsv("d.tsv", "0\t6\tKraków\tKraków\tLOC\tGPE-Krakow\n").unwrap();
/// assert_eq!((gold[0].start, gold[0].end, gold[0].lemma.as_deref()), (0, 6, Some("Kraków")));
/// ```
pub fn parse_slavicner_tsv(name: &str, text: &str) -> Result<Vec<GoldMention>, Error> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 5 {
            return Err(Error::resource(
                name,
                i + 1,
                format!(
                    "expected at least 5 tab-separated columns, found {}",
                    cols.len()
                ),
            ));
        }
        let (Ok(start), Ok(end)) = (cols[0].trim().parse(), cols[1].trim().parse()) else {
            if i == 0 {
                continue; // a header line
            }
            return Err(Error::resource(
                name,
                i + 1,
                "start and end must be numbers",
            ));
        };
        let Ok(label) = cols[4].trim().parse::<Label>() else {
            continue;
        };
        if !label.is_name() {
            continue;
        }
        let lemma = cols[3].trim();
        out.push(GoldMention {
            start,
            end,
            label,
            lemma: (!lemma.is_empty() && lemma != "-").then(|| lemma.to_string()),
        });
    }
    Ok(out)
}

fn files_with_ext(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in rd {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        if path.is_dir() {
            files_with_ext(&path, ext, out)?;
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    Ok(())
}

/// The (text, gold) pairs of a SlavicNER-style directory, sorted by path.
pub fn read_slavicner(dir: &Path) -> Result<Vec<(String, String, Vec<GoldMention>)>, Error> {
    let ner = dir.join("ner");
    let raw = dir.join("raw");
    let mut files = Vec::new();
    files_with_ext(&ner, "tsv", &mut files)?;
    files.sort();
    if files.is_empty() {
        return Err(Error::config(format!(
            "{}: no annotation files under ner/",
            dir.display()
        )));
    }
    let mut docs = Vec::new();
    for f in files {
        let rel = f.strip_prefix(&ner).unwrap_or(&f);
        let txt = raw.join(rel).with_extension("txt");
        let gold_text = std::fs::read_to_string(&f).map_err(|e| Error::io(&f, e))?;
        let text = std::fs::read_to_string(&txt).map_err(|e| Error::io(&txt, e))?;
        let gold = parse_slavicner_tsv(&f.display().to_string(), &gold_text)?;
        docs.push((rel.display().to_string(), text, gold));
    }
    Ok(docs)
}

/// Evaluates `extractor` on a SlavicNER-style directory (see the module doc).
pub fn evaluate_slavicner(dir: &Path, extractor: &Extractor) -> Result<Report, Error> {
    let mut report = Report::default();
    for (name, text, gold) in read_slavicner(dir)? {
        score_document(&mut report, &name, &text, &gold, extractor);
    }
    Ok(report)
}

/// Parses CoNLL / IOB2 text into documents of (text, gold mentions).
///
/// The first column is the token, the last the tag (`B-PER`, `I-PER`, `O`;
/// IOB1's `I-` at a start is read as `B-`). Tokens are joined by one space,
/// sentences by a newline; `-DOCSTART-` lines start a new document.
///
/// ```
/// let docs = polner::eval::parse_conll("t", "W O\nNowym B-LOC\nSączu I-LOC\n. O\n").unwrap();
/// assert_eq!(docs[0].0, "W Nowym Sączu .");
/// assert_eq!((docs[0].1[0].start, docs[0].1[0].end), (2, 13));
/// ```
pub fn parse_conll(name: &str, text: &str) -> Result<Vec<(String, Vec<GoldMention>)>, Error> {
    let mut docs = Vec::new();
    let mut doc = String::new();
    let mut chars = 0usize;
    let mut gold: Vec<GoldMention> = Vec::new();
    let mut open: Option<(usize, usize, Label)> = None;
    let mut new_sentence = false;
    let close = |open: &mut Option<(usize, usize, Label)>, gold: &mut Vec<GoldMention>| {
        if let Some((s, e, l)) = open.take() {
            gold.push(GoldMention {
                start: s,
                end: e,
                label: l,
                lemma: None,
            });
        }
    };
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            close(&mut open, &mut gold);
            new_sentence = !doc.is_empty();
            continue;
        }
        let cols: Vec<&str> = line.split(['\t', ' ']).filter(|c| !c.is_empty()).collect();
        if cols[0] == "-DOCSTART-" {
            close(&mut open, &mut gold);
            if !doc.is_empty() {
                docs.push((std::mem::take(&mut doc), std::mem::take(&mut gold)));
            }
            chars = 0;
            new_sentence = false;
            continue;
        }
        if cols.len() < 2 {
            return Err(Error::resource(name, i + 1, "expected a token and a tag"));
        }
        let token = cols[0];
        let tag = cols[cols.len() - 1];
        if !doc.is_empty() {
            doc.push(if new_sentence { '\n' } else { ' ' });
            chars += 1;
        }
        new_sentence = false;
        let start = chars;
        doc.push_str(token);
        chars += token.chars().count();
        let (prefix, label) = match tag.split_once('-') {
            Some((p, l)) => (p, Some(l)),
            None => (tag, None),
        };
        let label = match label {
            None => None,
            Some(l) => {
                let l = match l {
                    "PERSON" => "PER",
                    "GPE" => "LOC",
                    "EVENT" => "EVT",
                    "PRODUCT" => "PRO",
                    other => other,
                };
                l.parse::<Label>().ok().filter(|l| l.is_name())
            }
        };
        match (prefix, label) {
            ("I", Some(l)) if matches!(open, Some((_, _, ol)) if ol == l) => {
                if let Some(o) = open.as_mut() {
                    o.1 = chars;
                }
            }
            ("B" | "I" | "S" | "U" | "E", Some(l)) => {
                close(&mut open, &mut gold);
                open = Some((start, chars, l));
            }
            ("O", _) | (_, None) => close(&mut open, &mut gold),
            (p, _) => {
                return Err(Error::resource(
                    name,
                    i + 1,
                    format!("unknown tag prefix {p:?}"),
                ));
            }
        }
    }
    close(&mut open, &mut gold);
    if !doc.is_empty() {
        docs.push((doc, gold));
    }
    Ok(docs)
}

/// Evaluates `extractor` on a CoNLL / IOB2 file (see [`parse_conll`]).
pub fn evaluate_conll(path: &Path, extractor: &Extractor) -> Result<Report, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let name = path.display().to_string();
    let mut report = Report::default();
    for (i, (doc, gold)) in parse_conll(&name, &text)?.into_iter().enumerate() {
        score_document(
            &mut report,
            &format!("{name}#{}", i + 1),
            &doc,
            &gold,
            extractor,
        );
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gm(start: usize, end: usize, label: Label, lemma: &str) -> GoldMention {
        GoldMention {
            start,
            end,
            label,
            lemma: Some(lemma.into()),
        }
    }

    #[test]
    fn strict_relaxed_and_error_kinds() {
        let ex = Extractor::builder()
            .builtin_gazetteers(false)
            .gazetteer_tsv(
                "t",
                "Nowy Sącz\tLOC\tcity\t\tNowym Sączu\nSącz\tORG\nAla\tPER\n",
            )
            .build()
            .unwrap();
        let text = "W Nowym Sączu i Sącz był Ala.";
        let gold = [
            gm(2, 7, Label::Loc, "Nowy"),     // wrong span (pred 2..13)
            gm(16, 20, Label::Loc, "Sącz"),   // wrong label (pred ORG)
            gm(25, 28, Label::Per, "Alicja"), // wrong lemma
        ];
        let mut r = Report::default();
        score_document(&mut r, "d", text, &gold, &ex);
        assert_eq!(r.strict().tp, 1);
        assert_eq!(r.strict().fp, 2);
        assert_eq!(r.strict().fn_, 2);
        assert_eq!(r.relaxed().tp, 2);
        assert_eq!(r.lemma_accuracy(), Some(0.0));
        let kinds: Vec<ErrorKind> = r.errors.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            [
                ErrorKind::WrongSpan,
                ErrorKind::WrongLabel,
                ErrorKind::WrongLemma
            ]
        );
        assert!(r.errors[0].context.contains("[[Nowym]]"));
        assert!(r.to_string().contains("ALL"));
    }

    #[test]
    fn conll_iob1_and_docstart() {
        let docs = parse_conll(
            "t",
            "-DOCSTART- O\n\nJan I-PER\nKowalski I-PER\n\nw O\nPolsce B-GPE\n-DOCSTART- O\nx O\n",
        )
        .unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].0, "Jan Kowalski\nw Polsce");
        let g: Vec<(usize, usize, Label)> = docs[0]
            .1
            .iter()
            .map(|g| (g.start, g.end, g.label))
            .collect();
        assert_eq!(g, [(0, 12, Label::Per), (15, 21, Label::Loc)]);
        assert!(parse_conll("t", "tok\n").is_err());
    }

    #[test]
    fn slavicner_tsv_errors_name_the_line() {
        let err = parse_slavicner_tsv("x.tsv", "0\t1\ta\ta\tPER\tid\n0\t1\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.tsv, line 2: expected at least 5 tab-separated columns, found 2"
        );
    }
}
