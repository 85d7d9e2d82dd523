//! The `extract` pipeline: a reader thread, worker threads and an ordered
//! writer, with bounded memory.
//!
//! - The reader reads the inputs in order and sends batches of work: jsonl
//!   lines (not yet parsed), whole text documents, or pieces of a large
//!   document ([`super::input::read_text_pieces`]; a jsonl line longer than
//!   a piece is parsed by the reader and split, [`super::input::split_pieces`]).
//! - Each of the `--threads` workers takes the next batch, parses, extracts
//!   and renders it to bytes ([`Render`]).
//! - The writer (the calling thread) puts the rendered batches back in input
//!   order and writes them ([`Sink`]); errors are handled there too, in
//!   order, so documents before a bad line are written first.
//!
//! At most [`in_flight`] batches exist at any time (read, being processed, or
//! waiting for their turn): the reader takes a permit before sending a batch
//! and the writer gives it back once the batch is written.

use super::input::{
    InputDoc, InputError, Piece, TextPart, display_name, read_text_pieces, split_pieces,
};
use super::output::{PieceOut, Render, Sink};
use polner::Extractor;
use polner::jsonl::{Lines, parse_line};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

/// A batch closes at this many items...
const BATCH_ITEMS: usize = 64;
/// ...or at this many bytes of input.
const BATCH_BYTES: usize = 256 * 1024;

/// Batches in flight for `threads` workers: one being processed per worker,
/// as many waiting, and two for the reader and the writer.
fn in_flight(threads: usize) -> usize {
    2 * threads + 2
}

/// One unit of work.
enum Item {
    /// A jsonl line, parsed by the worker.
    Line {
        source: Arc<str>,
        line: usize,
        bytes: Vec<u8>,
    },
    /// A whole text document.
    Doc(InputDoc),
    /// A piece of a large text document.
    Piece(Piece),
    /// A bad jsonl line (found by the reader).
    Bad(InputError),
    /// An input that cannot be read: the run stops there.
    Fatal(InputError),
}

impl Item {
    fn len(&self) -> usize {
        match self {
            Item::Line { bytes, .. } => bytes.len(),
            Item::Doc(d) => d.text.len(),
            Item::Piece(p) => p.text.len(),
            Item::Bad(_) | Item::Fatal(_) => 0,
        }
    }
}

/// The result of one item.
enum Out {
    Doc {
        bytes: Vec<u8>,
        len: usize,
    },
    Piece(PieceOut),
    /// A bad jsonl line: skipped with `--skip-bad-lines`, else fatal.
    Bad(InputError),
    Fatal(InputError),
    /// Rendering failed (serialization into memory; not expected).
    Render(std::io::Error),
    /// Extraction panicked (a bug; the panic message is on stderr).
    Panic,
}

struct Batch {
    seq: usize,
    items: Vec<Item>,
}

struct Done {
    seq: usize,
    outs: Vec<Out>,
}

/// What the pipeline needs to know about the run.
pub struct Options {
    pub files: Vec<String>,
    pub jsonl: bool,
    pub lossy: bool,
    pub skip_bad_lines: bool,
    pub threads: usize,
    pub piece_bytes: usize,
}

/// Why the run stopped early.
pub enum Stop {
    Input(InputError),
    Output(std::io::Error),
    Internal(String),
}

/// What happened along the way.
#[derive(Default)]
pub struct Summary {
    pub skipped: usize,
}

/// Runs the pipeline: reads `options.files`, extracts with `extractor`,
/// writes to `out` in input order.
pub fn run<W: Write>(
    options: &Options,
    extractor: &Extractor,
    render: Render,
    out: W,
    progress: &super::Progress,
) -> Result<Summary, Stop> {
    let threads = options.threads.max(1);
    let (batch_tx, batch_rx) = sync_channel::<Batch>(threads);
    let batch_rx = Arc::new(Mutex::new(batch_rx));
    let (done_tx, done_rx) = sync_channel::<Done>(threads);
    let (permit_tx, permit_rx) = sync_channel::<()>(in_flight(threads));
    for _ in 0..in_flight(threads) {
        let _ = permit_tx.send(());
    }
    std::thread::scope(|scope| {
        scope.spawn(move || read(options, batch_tx, permit_rx));
        for _ in 0..threads {
            let batch_rx = Arc::clone(&batch_rx);
            let done_tx = done_tx.clone();
            scope.spawn(move || work(&batch_rx, done_tx, options.lossy, extractor, render));
        }
        drop(batch_rx);
        drop(done_tx);
        // returning drops the receiver and the permits: the other threads
        // see their channels closed and end
        write(
            options,
            done_rx,
            permit_tx,
            Sink::new(out, render),
            progress,
        )
    })
}

/// The reader: sends batches of items in input order.
fn read(options: &Options, tx: SyncSender<Batch>, permits: Receiver<()>) {
    let mut batcher = Batcher {
        tx,
        permits,
        seq: 0,
        items: Vec::new(),
        bytes: 0,
    };
    for file in &options.files {
        let going = if options.jsonl {
            read_jsonl(file, options, &mut batcher)
        } else {
            let result =
                read_text_pieces(
                    file,
                    options.lossy,
                    options.piece_bytes,
                    |part| match part {
                        TextPart::Whole(doc) => batcher.push(Item::Doc(doc)),
                        TextPart::Piece(p) => batcher.piece(p),
                    },
                );
            match result {
                Ok(()) => true,
                Err(e) => {
                    batcher.push(Item::Fatal(e));
                    false
                }
            }
        };
        if !going {
            break;
        }
    }
    batcher.flush();
}

/// Reads one jsonl input; false when the run stops.
fn read_jsonl(file: &str, options: &Options, batcher: &mut Batcher) -> bool {
    let source: Arc<str> = display_name(file).into();
    let fatal = |message: String| {
        Item::Fatal(InputError {
            source: source.to_string(),
            line: None,
            message,
        })
    };
    let reader: Box<dyn BufRead> = if file == "-" {
        Box::new(BufReader::new(std::io::stdin().lock()))
    } else {
        match std::fs::File::open(file) {
            Ok(f) => Box::new(BufReader::with_capacity(1 << 16, f)),
            Err(e) => {
                batcher.push(fatal(e.to_string()));
                return false;
            }
        }
    };
    for item in Lines::new(reader) {
        let item = match item {
            // a line longer than a piece is parsed here and its text, if
            // still that long, sent in pieces
            Ok((line, bytes)) if bytes.len() > options.piece_bytes => {
                match parse_line(bytes, options.lossy) {
                    Ok(doc) if doc.text.len() > options.piece_bytes => {
                        let mut going = true;
                        split_pieces(doc, options.piece_bytes, |p| {
                            going = batcher.piece(p);
                            going
                        });
                        if !going {
                            return false;
                        }
                        continue;
                    }
                    Ok(doc) => Item::Doc(doc),
                    Err(message) => Item::Bad(InputError {
                        source: source.to_string(),
                        line: Some(line),
                        message,
                    }),
                }
            }
            Ok((line, bytes)) => Item::Line {
                source: Arc::clone(&source),
                line,
                bytes,
            },
            Err(e) => {
                batcher.push(fatal(e.to_string()));
                return false;
            }
        };
        if !batcher.push(item) {
            return false;
        }
    }
    true
}

/// Groups items into batches and sends them, one permit each.
struct Batcher {
    tx: SyncSender<Batch>,
    permits: Receiver<()>,
    seq: usize,
    items: Vec<Item>,
    bytes: usize,
}

impl Batcher {
    /// Adds an item; false when the writer has gone.
    fn push(&mut self, item: Item) -> bool {
        self.bytes += item.len();
        self.items.push(item);
        if self.items.len() >= BATCH_ITEMS || self.bytes >= BATCH_BYTES {
            return self.flush();
        }
        true
    }

    /// Sends a piece of a large document in a batch of its own (it is as
    /// large as a batch); false when the writer has gone.
    fn piece(&mut self, piece: Piece) -> bool {
        self.flush() && self.push(Item::Piece(piece)) && self.flush()
    }

    /// Sends the open batch, if any; false when the writer has gone.
    fn flush(&mut self) -> bool {
        if self.items.is_empty() {
            return true;
        }
        if self.permits.recv().is_err() {
            return false;
        }
        let batch = Batch {
            seq: self.seq,
            items: std::mem::take(&mut self.items),
        };
        self.seq += 1;
        self.bytes = 0;
        self.tx.send(batch).is_ok()
    }
}

/// A worker: parses, extracts and renders batches until there are no more.
fn work(
    rx: &Mutex<Receiver<Batch>>,
    tx: SyncSender<Done>,
    lossy: bool,
    extractor: &Extractor,
    render: Render,
) {
    loop {
        let batch = match rx.lock() {
            Ok(rx) => rx.recv(),
            Err(poisoned) => poisoned.into_inner().recv(),
        };
        let Ok(batch) = batch else { return };
        let outs = batch
            .items
            .into_iter()
            .map(|item| {
                // a bug in a stage must not leave the writer waiting forever
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    process(item, lossy, extractor, render)
                }))
                .unwrap_or(Out::Panic)
            })
            .collect();
        if tx
            .send(Done {
                seq: batch.seq,
                outs,
            })
            .is_err()
        {
            return;
        }
    }
}

fn process(item: Item, lossy: bool, extractor: &Extractor, render: Render) -> Out {
    let doc = match item {
        Item::Line {
            source,
            line,
            bytes,
        } => match parse_line(bytes, lossy) {
            Ok(doc) => doc,
            Err(message) => {
                return Out::Bad(InputError {
                    source: source.to_string(),
                    line: Some(line),
                    message,
                });
            }
        },
        Item::Doc(doc) => doc,
        Item::Piece(piece) => {
            let doc = extractor.extract_with_date(&piece.text, piece.date);
            return match render.piece(&piece, doc) {
                Ok(out) => Out::Piece(out),
                Err(e) => Out::Render(e),
            };
        }
        Item::Bad(e) => return Out::Bad(e),
        Item::Fatal(e) => return Out::Fatal(e),
    };
    let extracted = extractor.extract_with_date(&doc.text, doc.date);
    match render.doc(&doc, &extracted) {
        Ok(bytes) => Out::Doc {
            bytes,
            len: doc.text.len(),
        },
        Err(e) => Out::Render(e),
    }
}

/// The writer: puts batches back in order and writes them.
fn write<W: Write>(
    options: &Options,
    rx: Receiver<Done>,
    permits: SyncSender<()>,
    mut sink: Sink<W>,
    progress: &super::Progress,
) -> Result<Summary, Stop> {
    let mut summary = Summary::default();
    let mut waiting: BTreeMap<usize, Vec<Out>> = BTreeMap::new();
    let mut next = 0usize;
    // stops the run: what was before is written (and a JSON array closed,
    // unless a large document is half written)
    let stop = |sink: &mut Sink<W>, e: InputError| {
        if !sink.in_piece() {
            sink.finish().map_err(Stop::Output)?;
        }
        Err(Stop::Input(e))
    };
    while let Ok(done) = rx.recv() {
        waiting.insert(done.seq, done.outs);
        while let Some(outs) = waiting.remove(&next) {
            next += 1;
            for out in outs {
                match out {
                    Out::Doc { bytes, len } => {
                        sink.doc(&bytes).map_err(Stop::Output)?;
                        progress.inc(len);
                    }
                    Out::Piece(piece) => {
                        let len = piece.len;
                        sink.piece(piece).map_err(Stop::Output)?;
                        progress.inc(len);
                    }
                    Out::Bad(e) if options.skip_bad_lines => {
                        progress.println(&format!("polner: skipped {e}"));
                        summary.skipped += 1;
                    }
                    Out::Bad(e) | Out::Fatal(e) => return stop(&mut sink, e),
                    Out::Render(e) => return Err(Stop::Internal(format!("cannot render: {e}"))),
                    Out::Panic => {
                        return Err(Stop::Internal(
                            "internal error: extraction failed (see the message above)".into(),
                        ));
                    }
                }
            }
            // the batch is written: the reader may send another
            let _ = permits.send(());
        }
    }
    if !waiting.is_empty() {
        // a worker ended without its batch: it panicked (reported by the scope)
        return Err(Stop::Internal(
            "internal error: a worker thread stopped".into(),
        ));
    }
    sink.finish().map_err(Stop::Output)?;
    Ok(summary)
}
