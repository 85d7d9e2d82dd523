//! The extraction pipeline: stages, their order, and the [`Extractor`].
//!
//! Stages run in this order over one shared [`Context`]:
//!
//! 1. text — normalize and tokenize ([`crate::tokenize`]), split sentences;
//! 2. gazetteer — token-level matching of names ([`crate::gazetteer`]);
//! 3. temporal — dates, times, money and percentages ([`crate::temporal`]);
//! 4. resolve — one non-overlapping set of entities (higher priority, then
//!    longer span, then higher score wins);
//! 5. topics.
//!
//! Each stage proposes [`Candidate`]s; only the resolver decides which become
//! entities, so a stage never has to know about the others.

use crate::Date;
use crate::error::Error;
use crate::gazetteer::{self, Gazetteer, GazetteerEntry};
use crate::model::{Document, Label, Sentence, Token};
use std::borrow::Cow;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Per-token vectors that a stage keeps in its thread from one document to
/// the next (so that a document allocates none of them, and glibc's malloc
/// does not trim and fault them in again at every call) are kept for
/// documents of at most this many tokens (about 1.6 MB of news text, more
/// than the CLI's 1 MB pieces); a larger document's are freed, so that a
/// thread keeps a few MB at most.
pub(crate) const KEPT_TOKENS: usize = 1 << 18;

/// A proposed entity: what a stage found, before overlaps are resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Byte range in the input.
    pub bytes: Range<usize>,
    /// Label.
    pub label: Label,
    /// Subtype, if known.
    pub subtype: Option<Cow<'static, str>>,
    /// Base form.
    pub lemma: String,
    /// Normalized value (DATE, TIME, MONEY, PERCENT).
    pub value: Option<String>,
    /// The rule or gazetteer that produced it.
    pub source: Cow<'static, str>,
    /// Confidence in 0..=1.
    pub score: f32,
    /// Priority class for overlap resolution: a candidate with a higher
    /// priority wins over any candidate it overlaps.
    pub priority: u8,
}

/// What the stages share while processing one document.
#[derive(Debug)]
pub struct Context<'t> {
    /// The input.
    pub text: &'t str,
    /// Tokens of the input.
    pub tokens: Vec<Token>,
    /// Sentences.
    pub sentences: Vec<Sentence>,
    /// Proposed entities.
    pub candidates: Vec<Candidate>,
    /// The date relative expressions are resolved against.
    pub reference_date: Option<Date>,
}

impl<'t> Context<'t> {
    /// The context a document starts the stages with: its tokens and
    /// sentences, no candidates yet, and the date relative expressions are
    /// resolved against.
    ///
    /// ```
    /// use polner::pipeline::Context;
    /// let cx = Context::new("Sejm obradował. Posłowie głosowali.", None);
    /// assert_eq!(cx.sentences.len(), 2);
    /// assert!(cx.candidates.is_empty());
    /// ```
    pub fn new(text: &'t str, reference_date: Option<Date>) -> Context<'t> {
        let tokens = crate::tokenize(text);
        let sentences = crate::text::sentences::split(text, &tokens);
        // (room for the usual number of candidates, about one per seven
        // tokens of news text, so that the stages rarely grow the list)
        let candidates = Vec::with_capacity(tokens.len() / 6 + 4);
        Context {
            text,
            tokens,
            sentences,
            candidates,
            reference_date,
        }
    }
}

/// One step of the pipeline.
pub trait Stage: Send + Sync + std::panic::RefUnwindSafe + std::fmt::Debug {
    /// A short name, used in benchmarks and `source` prefixes.
    fn name(&self) -> &'static str;
    /// Reads and extends the context.
    fn run(&self, cx: &mut Context<'_>);
}

/// The configuration an [`Extractor`] is built from. Cloneable and
/// comparable, so that bindings can rebuild an extractor from it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// Reference date for relative expressions when a call gives none.
    pub reference_date: Option<Date>,
    /// Labels to produce; `None` means all.
    pub labels: Option<Vec<Label>>,
    /// User gazetteers: (name, TSV text), loaded before the built-in ones.
    pub gazetteers: Vec<(String, String)>,
    /// Whether the built-in gazetteers are used.
    pub no_builtin_gazetteers: bool,
    /// Whether topics are computed.
    pub no_topics: bool,
    /// How many keyphrases, categories and salient entities topics return
    /// (a part limited to 0 is not computed); `None` means
    /// [`crate::topics::TopicsOptions::default`].
    pub topics_options: Option<crate::topics::TopicsOptions>,
}

/// Builds an [`Extractor`] with options.
///
/// ```
/// use polner::{Date, Extractor, Label};
/// let ex = Extractor::builder()
///     .reference_date(Date::new(2025, 10, 20).unwrap())
///     .labels([Label::Loc, Label::Date])
///     .gazetteer_tsv("mine", "Nowa Huta\tLOC\tother\t\tNowej Hucie\n")
///     .build()
///     .unwrap();
/// let doc = ex.extract("W Nowej Hucie 15 października.");
/// let found: Vec<(&str, &str)> = doc.entities.iter().map(|e| (e.lemma.as_str(), e.value.as_deref().unwrap_or(""))).collect();
/// assert_eq!(found, [("Nowa Huta", ""), ("15 października", "2025-10-15")]);
/// ```
#[derive(Debug, Clone, Default)]
pub struct ExtractorBuilder {
    config: Config,
    paths: Vec<PathBuf>,
}

impl ExtractorBuilder {
    /// Sets the reference date used when [`Extractor::extract`] is called
    /// without one.
    pub fn reference_date(mut self, date: Date) -> Self {
        self.config.reference_date = Some(date);
        self
    }

    /// Restricts output to these labels.
    pub fn labels(mut self, labels: impl IntoIterator<Item = Label>) -> Self {
        self.config.labels = Some(labels.into_iter().collect());
        self
    }

    /// Adds a gazetteer file (TSV, see [`crate::gazetteer`]); read at `build`.
    pub fn gazetteer(mut self, path: impl AsRef<Path>) -> Self {
        self.paths.push(path.as_ref().to_path_buf());
        self
    }

    /// Adds a gazetteer from TSV text; `name` appears in errors and sources.
    pub fn gazetteer_tsv(mut self, name: impl Into<String>, tsv: impl Into<String>) -> Self {
        self.config.gazetteers.push((name.into(), tsv.into()));
        self
    }

    /// Turns the built-in gazetteers off (user gazetteers only).
    pub fn builtin_gazetteers(mut self, enabled: bool) -> Self {
        self.config.no_builtin_gazetteers = !enabled;
        self
    }

    /// Turns topic extraction on or off (on by default).
    pub fn topics(mut self, enabled: bool) -> Self {
        self.config.no_topics = !enabled;
        self
    }

    /// Returns at most `k` keyphrases, `k` categories and `k` salient
    /// entities (default: 10, 3 and 10).
    ///
    /// ```
    /// let ex = polner::Extractor::builder().topics_k(2).build().unwrap();
    /// let doc = ex.extract("Szpital, lekarze, pacjenci, pielęgniarki i szpitalne łóżka.");
    /// assert!(doc.topics.keyphrases.len() <= 2);
    /// ```
    pub fn topics_k(mut self, k: usize) -> Self {
        self.config.topics_options = Some(crate::topics::TopicsOptions::with_k(k));
        self
    }

    /// Sets how many keyphrases, categories and salient entities topics
    /// return, each on its own. A part limited to 0 is not computed at all:
    /// categories and salient entities without keyphrases cost about two
    /// fifths of what all three do.
    ///
    /// ```
    /// use polner::topics::TopicsOptions;
    /// let options = TopicsOptions { keyphrases: 0, categories: 1, entities: 3 };
    /// let ex = polner::Extractor::builder().topics_options(options).build().unwrap();
    /// let doc = ex.extract("Mecz w Gdańsku: Lechia pokonała Legię, a kibice w Gdańsku świętowali.");
    /// assert!(doc.topics.keyphrases.is_empty());
    /// assert_eq!(doc.topics.categories[0].name, "sport");
    /// assert_eq!(doc.topics.entities[0].lemma, "Gdańsk");
    /// ```
    pub fn topics_options(mut self, options: crate::topics::TopicsOptions) -> Self {
        self.config.topics_options = Some(options);
        self
    }

    /// Reads gazetteer files and compiles the extractor.
    pub fn build(mut self) -> Result<Extractor, Error> {
        for path in std::mem::take(&mut self.paths) {
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            let name = path.display().to_string();
            self.config.gazetteers.push((name, text));
        }
        Extractor::from_config(self.config)
    }
}

/// Finds entities, dates, amounts and topics in Polish text.
///
/// Build one and share it: it is `Send + Sync`, and [`Extractor::extract`]
/// takes `&self`.
///
/// ```
/// use polner::{Extractor, Label};
/// let ex = Extractor::new();
/// let text = "Przedstawiciele Unii Europejskiej przyjechali do Krakowa.";
/// let doc = ex.extract(text);
/// let found: Vec<(&str, Label, &str)> = doc.entities.iter()
///     .map(|e| (&text[e.byte_range()], e.label, e.lemma.as_str())).collect();
/// assert_eq!(found, [
///     ("Unii Europejskiej", Label::Org, "Unia Europejska"),
///     ("Krakowa", Label::Loc, "Kraków"),
/// ]);
/// ```
#[derive(Debug, Clone)]
pub struct Extractor {
    config: Config,
    stages: Arc<Vec<Box<dyn Stage>>>,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl Extractor {
    /// An extractor with the embedded resources and default options.
    pub fn new() -> Extractor {
        Extractor::from_config(Config::default()).expect("built-in resources are valid")
    }

    /// A builder for options.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// Compiles an extractor from a configuration.
    pub fn from_config(config: Config) -> Result<Extractor, Error> {
        let mut entries: Vec<GazetteerEntry> = Vec::new();
        for (name, tsv) in &config.gazetteers {
            entries.extend(gazetteer::parse_tsv(name, tsv)?);
        }
        let user = (!entries.is_empty()).then(|| Gazetteer::new(entries));
        let builtin = (!config.no_builtin_gazetteers).then(gazetteer::builtin);
        let stages: Vec<Box<dyn Stage>> = vec![
            Box::new(crate::gazetteer::stage::GazetteerStage::new(user, builtin)),
            Box::new(crate::rules::NameRules::new(!config.no_builtin_gazetteers)),
            Box::new(crate::temporal::TemporalStage::default()),
        ];
        Ok(Extractor {
            config,
            stages: Arc::new(stages),
        })
    }

    /// The configuration this extractor was built from.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The stages that propose candidates, in the order they run (see the
    /// [module documentation](self)); overlap resolution and topics follow
    /// them in [`Extractor::extract`]. Running them by hand over a
    /// [`Context`] shows what each proposes, or what each costs.
    ///
    /// ```
    /// use polner::pipeline::Context;
    /// let ex = polner::Extractor::new();
    /// let names: Vec<&str> = ex.stages().iter().map(|s| s.name()).collect();
    /// assert_eq!(names, ["gazetteer", "rules", "temporal"]);
    /// let mut cx = Context::new("Premier Jan Kowalski przyjechał 15 października do Krakowa.", None);
    /// for stage in ex.stages() {
    ///     stage.run(&mut cx);
    /// }
    /// let sources: Vec<&str> = cx.candidates.iter().map(|c| c.source.as_ref()).collect();
    /// assert!(sources.iter().any(|s| s.starts_with("gazetteer")));
    /// assert!(sources.contains(&"rule:per.first_name"));
    /// assert!(sources.iter().any(|s| s.starts_with("rule:date")));
    /// ```
    pub fn stages(&self) -> &[Box<dyn Stage>] {
        &self.stages
    }

    /// Extracts from `text`, resolving relative dates against the builder's
    /// reference date (if any).
    pub fn extract(&self, text: &str) -> Document {
        self.extract_with_date(text, self.config.reference_date)
    }

    /// Extracts from `text` with an explicit reference date (overriding the
    /// builder's when `Some`).
    pub fn extract_with_date(&self, text: &str, reference_date: Option<Date>) -> Document {
        let mut cx = Context::new(text, reference_date.or(self.config.reference_date));
        for stage in self.stages.iter() {
            stage.run(&mut cx);
        }
        if let Some(labels) = &self.config.labels {
            cx.candidates.retain(|c| labels.contains(&c.label));
        }
        let entities =
            crate::resolve::resolve(text, &cx.tokens, std::mem::take(&mut cx.candidates));
        let topics = if self.config.no_topics {
            Default::default()
        } else {
            let options = self.config.topics_options.unwrap_or_default();
            crate::topics::compute(text, &cx.tokens, &cx.sentences, &entities, &options)
        };
        Document {
            tokens: cx.tokens,
            sentences: cx.sentences,
            entities,
            topics,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extractor_is_send_sync_and_cheap_to_clone() {
        fn assert_send_sync<T: Send + Sync + Clone>() {}
        assert_send_sync::<Extractor>();
    }

    #[test]
    fn labels_filter_output() {
        let ex = Extractor::builder().labels([Label::Date]).build().unwrap();
        let doc = ex.extract("W Krakowie 15 października.");
        assert_eq!(doc.entities.len(), 1);
        assert_eq!(doc.entities[0].label, Label::Date);
    }

    #[test]
    fn user_gazetteer_comes_first_and_builtins_can_be_off() {
        let ex = Extractor::builder()
            .gazetteer_tsv("mine", "Kraków\tORG\tcompany\n")
            .build()
            .unwrap();
        assert_eq!(ex.extract("Kraków").entities[0].label, Label::Org);
        let ex = Extractor::builder()
            .builtin_gazetteers(false)
            .build()
            .unwrap();
        assert!(ex.extract("Kraków").entities.is_empty());
    }

    #[test]
    fn missing_gazetteer_file_is_an_error_naming_it() {
        let err = Extractor::builder()
            .gazetteer("/nonexistent/g.tsv")
            .build()
            .unwrap_err();
        assert!(err.to_string().starts_with("/nonexistent/g.tsv: "), "{err}");
    }
}
