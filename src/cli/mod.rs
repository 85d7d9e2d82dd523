//! Argument parsing and the `extract` loop.

mod input;
mod lemmatize;
mod output;
mod stream;

use clap::{Parser, Subcommand, ValueEnum};
use input::InputError;
use polner::jsonl::{Lines, parse_line};
use polner::topics::TopicsOptions;
use polner::{Date, Extractor, Label};
use std::io::{BufRead, BufReader, IsTerminal};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "polner",
    version,
    about = "Entities, dates, amounts and topics in Polish news text"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract entities and topics from documents and print JSON.
    ///
    /// Documents are read, processed and written one batch at a time, in
    /// input order, so memory stays bounded whatever the size of the input
    /// (only a jsonl line is read whole before it is split). A document larger than 1 MB is processed in pieces of
    /// at most 1 MB cut after a blank line (else after a sentence end, else
    /// at a space): offsets are those in the whole document and the output
    /// has the same shape, but a name recognized in one piece does not tag
    /// its bare mentions in another, and the topics are the pieces' topics
    /// merged (scores: mean over the pieces weighted by their length;
    /// counts: summed). Sentences and tokens of such a document wait in a
    /// temporary file (in TMPDIR) until its entities are written.
    Extract(ExtractArgs),
    /// Print every token with its lemma candidates and morphological tags.
    Lemmatize(LemmatizeArgs),
    /// Score extraction against gold annotations (SlavicNER directory or CoNLL/IOB2 file).
    Eval(EvalArgs),
}

#[derive(clap::Args, Debug)]
struct EvalArgs {
    /// A SlavicNER-format directory (raw/<topic>/<lang>/*.txt, ner/<topic>/<lang>/*.tsv),
    /// or a CoNLL/IOB2 file with --format conll.
    path: String,
    /// Gold format.
    #[arg(long, value_enum, default_value = "slavicner")]
    format: GoldFormat,
    /// Write false positives and negatives with context to this file.
    #[arg(long, value_name = "FILE")]
    errors: Option<String>,
    /// Extra gazetteer (TSV); repeatable.
    #[arg(long, value_name = "FILE")]
    gazetteer: Vec<String>,
    /// Do not use the built-in gazetteers.
    #[arg(long)]
    no_builtin_gazetteers: bool,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum GoldFormat {
    /// raw/<topic>/<lang>/*.txt with ner/<topic>/<lang>/*.tsv (start end surface lemma label id).
    Slavicner,
    /// One token per line with B-/I-/O tags; blank lines between sentences.
    Conll,
}

#[derive(clap::Args, Debug)]
struct LemmatizeArgs {
    /// Input files; none or `-` reads standard input.
    files: Vec<String>,
    /// How the input is organized.
    #[arg(long, value_enum, default_value = "text")]
    input: InputFormat,
    /// `text`: token, lemmas and tags per line (TSV); `jsonl`: one object per document.
    #[arg(long, value_enum, default_value = "text")]
    format: LemmaFormat,
    /// Replace invalid UTF-8 instead of failing.
    #[arg(long)]
    lossy: bool,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum LemmaFormat {
    /// Tab-separated: token, lemma candidates, tags; a blank line ends a sentence.
    Text,
    /// One JSON object per document with its tokens and their analyses.
    Jsonl,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum InputFormat {
    /// Each FILE is one UTF-8 document.
    Text,
    /// One JSON object per line: {"id": ..., "text": "...", "date": "YYYY-MM-DD"}.
    Jsonl,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// Pretty JSON: one object for a single text document, else an array.
    Json,
    /// One compact JSON object per line.
    Jsonl,
    /// A self-contained HTML page with the entities highlighted.
    Html,
    /// CoNLL/IOB2: token and tag per line, blank line between sentences,
    /// `-DOCSTART- O` before each document when there are several.
    Conll,
}

#[derive(clap::Args, Debug)]
struct ExtractArgs {
    /// Input files; none or `-` reads standard input.
    files: Vec<String>,
    /// How the input is organized.
    #[arg(long, value_enum, default_value = "text")]
    input: InputFormat,
    /// Output format (default: json for text input, jsonl for jsonl input).
    #[arg(long, value_enum)]
    format: Option<OutputFormat>,
    /// Reference date for relative expressions (a jsonl "date" field overrides it).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    reference_date: Option<Date>,
    /// Include tokens in the output.
    #[arg(long)]
    tokens: bool,
    /// Worker threads (documents are still written in input order; reading
    /// and writing run on threads of their own).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
    threads: u16,
    /// Replace invalid UTF-8 instead of failing.
    #[arg(long)]
    lossy: bool,
    /// Report bad jsonl lines on stderr and go on with the others.
    #[arg(long)]
    skip_bad_lines: bool,
    /// Extra gazetteer (TSV: lemma, label, subtype, id, forms); repeatable.
    #[arg(long, value_name = "FILE")]
    gazetteer: Vec<String>,
    /// Do not use the built-in gazetteers.
    #[arg(long)]
    no_builtin_gazetteers: bool,
    /// Only these labels (comma-separated, e.g. PER,LOC,DATE).
    #[arg(long, value_delimiter = ',', value_parser = parse_label)]
    labels: Option<Vec<Label>>,
    /// Do not compute topics.
    #[arg(long)]
    no_topics: bool,
    /// How many keyphrases, categories and salient entities topics keep: one
    /// number for all three (default 10, 3, 10), or PART=N pairs, e.g.
    /// `keyphrases=0,entities=5`; a part kept to 0 is not computed.
    #[arg(long, value_name = "N|PART=N,...", value_parser = parse_topics_k)]
    topics_k: Option<TopicsOptions>,
    /// Text documents larger than this many bytes are processed in pieces
    /// of at most this size (for tests; see the README).
    #[arg(long, hide = true, default_value_t = input::PIECE_BYTES,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(16..))]
    piece_bytes: usize,
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>().map_err(|e| e.to_string())
}

fn parse_topics_k(s: &str) -> Result<TopicsOptions, String> {
    s.parse()
}

fn parse_label(s: &str) -> Result<Label, String> {
    s.parse::<Label>().map_err(|e| e.to_string())
}

/// Errors that end the run with exit code 1.
#[derive(Debug)]
enum Fatal {
    Input(InputError),
    Output(std::io::Error),
    Setup(String),
}

impl std::fmt::Display for Fatal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Fatal::Input(e) => write!(f, "{e}"),
            Fatal::Output(e) => write!(f, "cannot write output: {e}"),
            Fatal::Setup(e) => write!(f, "{e}"),
        }
    }
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Extract(args) => extract(args),
        Command::Lemmatize(args) => lemmatize(args),
        Command::Eval(args) => eval(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("polner: {e}");
            ExitCode::from(1)
        }
    }
}

fn build_extractor(args: &ExtractArgs) -> Result<Extractor, Fatal> {
    let mut builder = Extractor::builder()
        .builtin_gazetteers(!args.no_builtin_gazetteers)
        .topics(!args.no_topics);
    if let Some(date) = args.reference_date {
        builder = builder.reference_date(date);
    }
    if let Some(options) = args.topics_k {
        builder = builder.topics_options(options);
    }
    if let Some(labels) = &args.labels {
        builder = builder.labels(labels.iter().copied());
    }
    for path in &args.gazetteer {
        builder = builder.gazetteer(path);
    }
    builder.build().map_err(|e| Fatal::Setup(e.to_string()))
}

fn extract(args: ExtractArgs) -> Result<(), Fatal> {
    let extractor = build_extractor(&args)?;
    let format = args.format.unwrap_or(match args.input {
        InputFormat::Text => OutputFormat::Json,
        InputFormat::Jsonl => OutputFormat::Jsonl,
    });
    let files: Vec<String> = if args.files.is_empty() {
        vec!["-".to_string()]
    } else {
        args.files.clone()
    };
    let render = output::Render {
        format,
        single: args.input == InputFormat::Text && files.len() == 1,
        tokens: args.tokens,
        topics: extractor.config().topics_options.unwrap_or_default(),
    };
    let progress = Progress::new(files.len() > 1 || args.input == InputFormat::Jsonl);
    let options = stream::Options {
        files,
        jsonl: args.input == InputFormat::Jsonl,
        lossy: args.lossy,
        skip_bad_lines: args.skip_bad_lines,
        threads: args.threads as usize,
        piece_bytes: args.piece_bytes,
    };
    let stdout = std::io::stdout();
    let out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let summary =
        stream::run(&options, &extractor, render, out, &progress).map_err(|e| match e {
            stream::Stop::Input(e) => Fatal::Input(e),
            stream::Stop::Output(e) => Fatal::Output(e),
            stream::Stop::Internal(e) => Fatal::Setup(e),
        })?;
    progress.finish();
    if summary.skipped > 0 {
        eprintln!("polner: skipped {} bad line(s)", summary.skipped);
    }
    Ok(())
}

/// A progress bar on stderr, shown only when stderr is a terminal and the
/// input has more than one document.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn new(many: bool) -> Progress {
        let bar = (many && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {pos} documents, {msg} [{elapsed}]",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            bar
        });
        Progress { bar }
    }

    fn inc(&self, bytes: usize) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            let secs = bar.elapsed().as_secs_f64().max(1e-3);
            let total = BYTES.fetch_add(bytes, std::sync::atomic::Ordering::Relaxed) + bytes;
            bar.set_message(format!("{:.1} MB/s", total as f64 / 1e6 / secs));
        }
    }

    fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

static BYTES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn lemmatize(args: LemmatizeArgs) -> Result<(), Fatal> {
    let files: Vec<String> = if args.files.is_empty() {
        vec!["-".to_string()]
    } else {
        args.files.clone()
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let jsonl = args.format == LemmaFormat::Jsonl;
    for file in &files {
        match args.input {
            InputFormat::Text => {
                let doc = input::read_text(file, args.lossy).map_err(Fatal::Input)?;
                lemmatize::write_lemmas(&mut out, &doc.id, &doc.text, jsonl)
                    .map_err(Fatal::Output)?;
            }
            InputFormat::Jsonl => {
                let source = input::display_name(file);
                let reader = open_lines(file, &source)?;
                for item in Lines::new(reader) {
                    let (line, bytes) = item.map_err(|e| read_error(&source, e))?;
                    let doc = parse_line(bytes, args.lossy).map_err(|message| {
                        Fatal::Input(InputError {
                            source: source.clone(),
                            line: Some(line),
                            message,
                        })
                    })?;
                    lemmatize::write_lemmas(&mut out, &doc.id, &doc.text, jsonl)
                        .map_err(Fatal::Output)?;
                }
            }
        }
    }
    std::io::Write::flush(&mut out).map_err(Fatal::Output)
}

fn read_error(source: &str, e: std::io::Error) -> Fatal {
    Fatal::Input(InputError {
        source: source.to_string(),
        line: None,
        message: e.to_string(),
    })
}

/// Opens a file (or stdin for `-`) for reading lines.
fn open_lines(file: &str, source: &str) -> Result<Box<dyn BufRead>, Fatal> {
    if file == "-" {
        return Ok(Box::new(BufReader::new(std::io::stdin().lock())));
    }
    let f = std::fs::File::open(file).map_err(|e| read_error(source, e))?;
    Ok(Box::new(BufReader::with_capacity(1 << 16, f)))
}

fn eval(args: EvalArgs) -> Result<(), Fatal> {
    let mut builder = Extractor::builder()
        .builtin_gazetteers(!args.no_builtin_gazetteers)
        .topics(false);
    for path in &args.gazetteer {
        builder = builder.gazetteer(path);
    }
    let extractor = builder.build().map_err(|e| Fatal::Setup(e.to_string()))?;
    let path = std::path::Path::new(&args.path);
    let report = match args.format {
        GoldFormat::Slavicner => polner::eval::evaluate_slavicner(path, &extractor),
        GoldFormat::Conll => polner::eval::evaluate_conll(path, &extractor),
    }
    .map_err(|e| Fatal::Setup(e.to_string()))?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    std::io::Write::write_fmt(&mut out, format_args!("{report}")).map_err(Fatal::Output)?;
    std::io::Write::flush(&mut out).map_err(Fatal::Output)?;
    if let Some(file) = &args.errors {
        let f = std::fs::File::create(file).map_err(|e| Fatal::Setup(format!("{file}: {e}")))?;
        let mut w = std::io::BufWriter::new(f);
        report.write_errors(&mut w).map_err(Fatal::Output)?;
        std::io::Write::flush(&mut w).map_err(Fatal::Output)?;
    }
    Ok(())
}
