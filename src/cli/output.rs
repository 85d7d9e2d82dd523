//! Writing documents, in input order.
//!
//! Work is split in two: [`Render`] turns one document (or one piece of a
//! large document) into bytes and runs on the worker threads; [`Sink`] puts
//! those bytes in order on the output, adding what depends on the position
//! (array brackets and commas, the HTML page head) and, for a large document
//! read in pieces, assembling its one JSON object: entities are written as
//! the pieces come, sentences and tokens go to temporary files until the
//! entities are done, and the topics of the pieces are merged
//! ([`TopicsMerge`]).

use super::OutputFormat;
use super::input::{InputDoc, Piece};
use polner::{Category, Document, Entity, Keyphrase, Label, SalientEntity, Span, Token, Topics};
use serde::Serialize;
use std::collections::HashMap;
use std::io::{Seek, Write};

/// The output object of one document (the CLI contract; see the README).
#[derive(Serialize)]
struct OutputDoc<'a> {
    id: &'a serde_json::Value,
    entities: &'a [Entity],
    sentences: Vec<SentenceOut>,
    topics: &'a Topics,
    #[serde(skip_serializing_if = "Option::is_none")]
    tokens: Option<&'a [Token]>,
}

#[derive(Serialize)]
struct SentenceOut {
    start: usize,
    end: usize,
}

/// How documents are turned into bytes; shared by the worker threads.
#[derive(Debug, Clone, Copy)]
pub struct Render {
    pub format: OutputFormat,
    /// `json` output of a single text document: one object, not an array.
    pub single: bool,
    pub tokens: bool,
    /// How many items of each part the merged topics of a large document
    /// keep (the extractor's own limits).
    pub topics: polner::topics::TopicsOptions,
}

/// The rendered parts of one piece of a large document.
#[derive(Debug, Default)]
pub struct PieceOut {
    pub first: bool,
    pub last: bool,
    /// First piece: the start of the document (JSON up to `"entities": [`,
    /// the HTML heading, the CoNLL `-DOCSTART-` line).
    pub head: Vec<u8>,
    /// JSON: the piece's entities, sentences and tokens, each an array's
    /// elements joined by commas (without brackets).
    pub entities: Vec<u8>,
    pub sentences: Vec<u8>,
    pub tokens: Vec<u8>,
    /// HTML and CoNLL: the piece's fragment.
    pub body: Vec<u8>,
    pub topics: Topics,
    /// The piece's length in bytes (its weight in the merged topics).
    pub len: usize,
}

impl Render {
    fn pretty(&self) -> bool {
        self.format == OutputFormat::Json
    }

    /// One whole document, without what depends on its position.
    pub fn doc(&self, input: &InputDoc, doc: &Document) -> std::io::Result<Vec<u8>> {
        let mut out = Vec::with_capacity(input.text.len() * 3);
        match self.format {
            OutputFormat::Html => {
                if !self.single {
                    writeln!(out, "<h2>{}</h2>", escape_html(&id_string(&input.id)))?;
                }
                out.extend_from_slice(polner::render::html(&input.text, doc).as_bytes());
                out.push(b'\n');
            }
            OutputFormat::Conll => {
                if !self.single {
                    out.extend_from_slice(b"-DOCSTART- O\n\n");
                }
                out.extend_from_slice(polner::render::conll(&input.text, doc).as_bytes());
            }
            OutputFormat::Json | OutputFormat::Jsonl => {
                let object = OutputDoc {
                    id: &input.id,
                    entities: &doc.entities,
                    sentences: doc
                        .sentences
                        .iter()
                        .map(|s| SentenceOut {
                            start: s.span.start,
                            end: s.span.end,
                        })
                        .collect(),
                    topics: &doc.topics,
                    tokens: self.tokens.then_some(doc.tokens.as_slice()),
                };
                if self.pretty() {
                    serde_json::to_writer_pretty(&mut out, &object)?;
                    if self.single {
                        out.push(b'\n');
                    }
                } else {
                    serde_json::to_writer(&mut out, &object)?;
                    out.push(b'\n');
                }
            }
        }
        Ok(out)
    }

    /// One piece of a large document; its spans are moved to the whole
    /// document's offsets.
    pub fn piece(&self, piece: &Piece, mut doc: Document) -> std::io::Result<PieceOut> {
        let mut out = PieceOut {
            first: piece.first,
            last: piece.last,
            len: piece.text.len(),
            ..PieceOut::default()
        };
        match self.format {
            OutputFormat::Html => {
                if piece.first && !self.single {
                    writeln!(out.head, "<h2>{}</h2>", escape_html(&id_string(&piece.id)))?;
                }
                // one `<div>` with one style sheet for the whole document
                let html = polner::render::html(&piece.text, &doc);
                let (open, close) = html_frame();
                let mut body = html.as_str();
                if !piece.first {
                    body = body.strip_prefix(open.as_str()).unwrap_or(body);
                }
                if !piece.last {
                    body = body.strip_suffix(close).unwrap_or(body);
                }
                out.body.extend_from_slice(body.as_bytes());
                if piece.last {
                    out.body.push(b'\n');
                }
                return Ok(out);
            }
            OutputFormat::Conll => {
                if piece.first && !self.single {
                    out.head.extend_from_slice(b"-DOCSTART- O\n\n");
                }
                out.body
                    .extend_from_slice(polner::render::conll(&piece.text, &doc).as_bytes());
                return Ok(out);
            }
            OutputFormat::Json | OutputFormat::Jsonl => {}
        }
        let shift = |span: &mut Span| {
            span.byte_start += piece.byte_offset;
            span.byte_end += piece.byte_offset;
            span.start += piece.char_offset;
            span.end += piece.char_offset;
        };
        let pretty = self.pretty();
        if piece.first {
            if pretty {
                out.head.extend_from_slice(b"{\n  \"id\": ");
                write_indented(&mut out.head, &piece.id, 2)?;
                out.head.extend_from_slice(b",\n  \"entities\": [");
            } else {
                out.head.extend_from_slice(b"{\"id\":");
                serde_json::to_writer(&mut out.head, &piece.id)?;
                out.head.extend_from_slice(b",\"entities\":[");
            }
        }
        for e in &mut doc.entities {
            shift(&mut e.span);
        }
        join_elements(&mut out.entities, &doc.entities, pretty)?;
        let sentences: Vec<SentenceOut> = doc
            .sentences
            .iter()
            .map(|s| SentenceOut {
                start: s.span.start + piece.char_offset,
                end: s.span.end + piece.char_offset,
            })
            .collect();
        join_elements(&mut out.sentences, &sentences, pretty)?;
        if self.tokens {
            for t in &mut doc.tokens {
                shift(&mut t.span);
            }
            join_elements(&mut out.tokens, &doc.tokens, pretty)?;
        }
        out.topics = doc.topics;
        Ok(out)
    }
}

/// Serializes `items` as the elements of a JSON array (without brackets),
/// indented as `serde_json`'s pretty printer puts them in a top-level object.
fn join_elements<T: Serialize>(
    out: &mut Vec<u8>,
    items: &[T],
    pretty: bool,
) -> std::io::Result<()> {
    for (i, item) in items.iter().enumerate() {
        if pretty {
            out.extend_from_slice(if i == 0 { b"    " } else { b",\n    " });
            write_indented(out, item, 4)?;
        } else {
            if i > 0 {
                out.push(b',');
            }
            serde_json::to_writer(&mut *out, item)?;
        }
    }
    Ok(())
}

/// Pretty JSON of `value`, every line after the first indented by `indent`
/// spaces (JSON strings never hold a raw newline, so this is safe).
fn write_indented<T: Serialize>(
    out: &mut Vec<u8>,
    value: &T,
    indent: usize,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(Indent { out, indent }, value)?;
    Ok(())
}

/// Writes to `out`, adding `indent` spaces after each newline.
struct Indent<'a> {
    out: &'a mut Vec<u8>,
    indent: usize,
}

impl Write for Indent<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for (i, line) in buf.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                self.out.push(b'\n');
                self.out.extend(std::iter::repeat_n(b' ', self.indent));
            }
            self.out.extend_from_slice(line);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The opening (`<div>` and style sheet) and closing of an HTML fragment.
fn html_frame() -> (String, &'static str) {
    let empty = polner::render::html("", &Document::default());
    let close = "</div>";
    let open = empty.strip_suffix(close).unwrap_or(&empty).to_string();
    (open, close)
}

fn id_string(id: &serde_json::Value) -> String {
    match id {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Writes rendered documents in order.
pub struct Sink<W: Write> {
    out: W,
    render: Render,
    written: usize,
    /// The large document being assembled, between its first and last piece.
    big: Option<BigDoc>,
}

/// A large JSON document between its first and last piece.
struct BigDoc {
    any_entity: bool,
    sentences: Spool,
    tokens: Option<Spool>,
    topics: TopicsMerge,
}

impl<W: Write> Sink<W> {
    pub fn new(out: W, render: Render) -> Self {
        Sink {
            out,
            render,
            written: 0,
            big: None,
        }
    }

    /// Between the first and the last piece of a large document.
    pub fn in_piece(&self) -> bool {
        self.big.is_some()
    }

    /// Before a document: the array's `[` or `,`, the HTML page's head.
    fn begin(&mut self) -> std::io::Result<()> {
        match self.render.format {
            OutputFormat::Json if !self.render.single => {
                self.out
                    .write_all(if self.written == 0 { b"[\n" } else { b",\n" })
            }
            OutputFormat::Html if self.written == 0 => self.out.write_all(HTML_HEAD.as_bytes()),
            _ => Ok(()),
        }
    }

    /// Writes one whole document rendered by [`Render::doc`].
    pub fn doc(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.begin()?;
        self.out.write_all(bytes)?;
        self.written += 1;
        Ok(())
    }

    /// Writes one piece rendered by [`Render::piece`]; pieces of a document
    /// come in order.
    pub fn piece(&mut self, piece: PieceOut) -> std::io::Result<()> {
        if piece.first {
            self.begin()?;
            self.written += 1;
        }
        self.out.write_all(&piece.head)?;
        if matches!(self.render.format, OutputFormat::Html | OutputFormat::Conll) {
            return self.out.write_all(&piece.body);
        }
        let pretty = self.render.pretty();
        let mut big = match self.big.take() {
            Some(big) => big,
            None => BigDoc {
                any_entity: false,
                sentences: Spool::new()?,
                tokens: if self.render.tokens {
                    Some(Spool::new()?)
                } else {
                    None
                },
                topics: TopicsMerge::default(),
            },
        };
        append(&mut self.out, &mut big.any_entity, &piece.entities, pretty)?;
        big.sentences.append(&piece.sentences, pretty)?;
        if let Some(tokens) = &mut big.tokens {
            tokens.append(&piece.tokens, pretty)?;
        }
        big.topics.add(piece.topics, piece.len);
        if !piece.last {
            self.big = Some(big);
            return Ok(());
        }
        let topics = big.topics.finish(&self.render.topics);
        let out = &mut self.out;
        close(out, big.any_entity, pretty)?;
        if pretty {
            out.write_all(b",\n  \"sentences\": [")?;
            big.sentences.copy_to(out, pretty)?;
            out.write_all(b",\n  \"topics\": ")?;
            let mut buf = Vec::new();
            write_indented(&mut buf, &topics, 2)?;
            out.write_all(&buf)?;
            if let Some(tokens) = big.tokens {
                out.write_all(b",\n  \"tokens\": [")?;
                tokens.copy_to(out, pretty)?;
            }
            out.write_all(if self.render.single { b"\n}\n" } else { b"\n}" })?;
        } else {
            out.write_all(b",\"sentences\":[")?;
            big.sentences.copy_to(out, pretty)?;
            out.write_all(b",\"topics\":")?;
            serde_json::to_writer(&mut *out, &topics)?;
            if let Some(tokens) = big.tokens {
                out.write_all(b",\"tokens\":[")?;
                tokens.copy_to(out, pretty)?;
            }
            out.write_all(b"}\n")?;
        }
        Ok(())
    }

    pub fn finish(&mut self) -> std::io::Result<()> {
        if self.render.format == OutputFormat::Json && !self.render.single {
            self.out
                .write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        if self.render.format == OutputFormat::Html {
            if self.written == 0 {
                self.out.write_all(HTML_HEAD.as_bytes())?;
            }
            self.out.write_all(b"</body>\n</html>\n")?;
        }
        self.out.flush()
    }
}

/// Appends a chunk of array elements after those already written.
fn append(out: &mut impl Write, any: &mut bool, chunk: &[u8], pretty: bool) -> std::io::Result<()> {
    if chunk.is_empty() {
        return Ok(());
    }
    match (pretty, *any) {
        (true, true) => out.write_all(b",\n")?,
        (true, false) => out.write_all(b"\n")?,
        (false, true) => out.write_all(b",")?,
        (false, false) => {}
    }
    *any = true;
    out.write_all(chunk)
}

/// Closes an array opened in a top-level pretty object (or a compact one).
fn close(out: &mut impl Write, any: bool, pretty: bool) -> std::io::Result<()> {
    out.write_all(if pretty && any { b"\n  ]" } else { b"]" })
}

/// Array elements kept in a temporary file until their turn comes.
struct Spool {
    file: std::io::BufWriter<std::fs::File>,
    path: std::path::PathBuf,
    any: bool,
}

impl Spool {
    fn new() -> std::io::Result<Spool> {
        static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let dir = std::env::temp_dir();
        let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = dir.join(format!("polner-{}-{n}.spool", std::process::id()));
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| {
                std::io::Error::new(
                    e.kind(),
                    format!(
                        "cannot create a temporary file in {} (set TMPDIR): {e}",
                        dir.display()
                    ),
                )
            })?;
        // on Unix the file disappears now and its space when it is closed
        #[cfg(unix)]
        let _ = std::fs::remove_file(&path);
        Ok(Spool {
            file: std::io::BufWriter::with_capacity(1 << 16, file),
            path,
            any: false,
        })
    }

    fn append(&mut self, chunk: &[u8], pretty: bool) -> std::io::Result<()> {
        append(&mut self.file, &mut self.any, chunk, pretty)
    }

    /// Copies the elements to `out` and closes the array.
    fn copy_to(self, out: &mut impl Write, pretty: bool) -> std::io::Result<()> {
        let any = self.any;
        let path = self.path.clone();
        let mut file = self.file.into_inner().map_err(|e| e.into_error())?;
        file.seek(std::io::SeekFrom::Start(0))?;
        std::io::copy(&mut file, out)?;
        drop(file);
        if !cfg!(unix) {
            let _ = std::fs::remove_file(&path);
        }
        close(out, any, pretty)
    }
}

/// The topics of a large document, merged from those of its pieces.
///
/// Each piece's topics are computed as for a document of its own; an item's
/// merged score is the mean of its scores in the pieces weighted by their
/// length (0 in a piece where it is not listed), so the topics of a document
/// read in one piece are its own topics. A salient entity's `count` is the
/// sum of its counts in the pieces that list it. As many keyphrases,
/// categories and entities are kept as for any document (the extractor's
/// [`TopicsOptions`](polner::topics::TopicsOptions)), and a category only
/// with a score of at least
/// [`MIN_SHARE`](polner::topics::categories::MIN_SHARE). Memory does not
/// grow with the document: at most [`TopicsMerge::KEEP`] items of each kind
/// are followed, the weakest dropped first.
#[derive(Debug, Default)]
pub struct TopicsMerge {
    keyphrases: Merged<String, Keyphrase>,
    categories: Merged<String, Category>,
    entities: Merged<(String, Label), SalientEntity>,
    len: usize,
}

/// Items by key: the first item seen (for its text), its weighted score sum,
/// and when it was first seen (to break ties).
#[derive(Debug)]
struct Merged<K, T> {
    items: Vec<(T, f64, usize)>,
    index: HashMap<K, usize>,
    seen: usize,
}

impl<K, T> Default for Merged<K, T> {
    fn default() -> Self {
        Merged {
            items: Vec::new(),
            index: HashMap::new(),
            seen: 0,
        }
    }
}

impl<K: std::hash::Hash + Eq + Clone, T> Merged<K, T> {
    fn add(&mut self, key: K, item: T, weighted: f64, merge: impl FnOnce(&mut T, T)) {
        match self.index.get(&key) {
            Some(&i) => {
                let entry = &mut self.items[i];
                entry.1 += weighted;
                merge(&mut entry.0, item);
            }
            None => {
                self.index.insert(key, self.items.len());
                self.items.push((item, weighted, self.seen));
                self.seen += 1;
            }
        }
    }

    /// Best first, ties by first occurrence.
    fn sort(&mut self) {
        self.items
            .sort_by(|a, b| b.1.total_cmp(&a.1).then(a.2.cmp(&b.2)));
    }

    fn prune(&mut self, key: impl Fn(&T) -> K) {
        if self.items.len() <= 2 * TopicsMerge::KEEP {
            return;
        }
        self.sort();
        self.items.truncate(TopicsMerge::KEEP);
        self.index = self
            .items
            .iter()
            .enumerate()
            .map(|(i, (item, _, _))| (key(item), i))
            .collect();
    }

    fn finish(mut self, len: usize, k: usize, mut set: impl FnMut(&mut T, f32)) -> Vec<T> {
        self.sort();
        self.items.truncate(k);
        self.items
            .into_iter()
            .map(|(mut item, sum, _)| {
                // exact for one piece: score * len / len
                set(&mut item, (sum / len.max(1) as f64) as f32);
                item
            })
            .collect()
    }
}

impl TopicsMerge {
    /// How many items of each kind are followed at least.
    pub const KEEP: usize = 1000;

    /// Adds the topics of a piece of `len` bytes.
    pub fn add(&mut self, topics: Topics, len: usize) {
        self.len += len;
        let w = len as f64;
        for k in topics.keyphrases {
            let s = k.score as f64 * w;
            self.keyphrases.add(k.lemma.clone(), k, s, |_, _| {});
        }
        for c in topics.categories {
            let s = c.score as f64 * w;
            self.categories.add(c.code.clone(), c, s, |_, _| {});
        }
        for e in topics.entities {
            let s = e.score as f64 * w;
            self.entities
                .add((e.lemma.clone(), e.label), e, s, |a, b| a.count += b.count);
        }
        self.keyphrases.prune(|k| k.lemma.clone());
        self.categories.prune(|c| c.code.clone());
        self.entities.prune(|e| (e.lemma.clone(), e.label));
    }

    /// The merged topics, best first, at most `k` of each part.
    pub fn finish(self, k: &polner::topics::TopicsOptions) -> Topics {
        Topics {
            keyphrases: self
                .keyphrases
                .finish(self.len, k.keyphrases, |k, s| k.score = s),
            // as for a document: only categories with enough of the evidence
            categories: self
                .categories
                .finish(self.len, k.categories, |c, s| c.score = s)
                .into_iter()
                .filter(|c| c.score >= polner::topics::categories::MIN_SHARE)
                .collect(),
            entities: self
                .entities
                .finish(self.len, k.entities, |e, s| e.score = s),
        }
    }
}

const HTML_HEAD: &str = "<!DOCTYPE html>\n<html lang=\"pl\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>polner</title>\n</head>\n<body>\n";

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document rendered as one piece through the large-document path is
    /// byte for byte the document rendered whole.
    #[test]
    fn one_piece_renders_like_a_whole_document() {
        let text = "Spotkanie w Krakowie 15 października.\n\nPrezydent Warszawy i \
                    minister finansów rozmawiali o budżecie. Kraków czeka.";
        let ex = polner::Extractor::new();
        let id = serde_json::Value::String("doc.txt".into());
        for format in [
            OutputFormat::Json,
            OutputFormat::Jsonl,
            OutputFormat::Html,
            OutputFormat::Conll,
        ] {
            for (single, tokens) in [(true, false), (false, true), (false, false)] {
                let render = Render {
                    format,
                    single,
                    tokens,
                    topics: Default::default(),
                };
                let input = InputDoc {
                    id: id.clone(),
                    text: text.to_string(),
                    date: None,
                };
                let mut whole = Sink::new(Vec::new(), render);
                whole
                    .doc(&render.doc(&input, &ex.extract(text)).unwrap())
                    .unwrap();
                whole
                    .doc(&render.doc(&input, &ex.extract("Ala.")).unwrap())
                    .unwrap();
                whole.finish().unwrap();
                let piece = Piece {
                    id: id.clone(),
                    date: None,
                    text: text.to_string(),
                    byte_offset: 0,
                    char_offset: 0,
                    first: true,
                    last: true,
                };
                let mut pieces = Sink::new(Vec::new(), render);
                pieces
                    .piece(render.piece(&piece, ex.extract(text)).unwrap())
                    .unwrap();
                pieces
                    .doc(&render.doc(&input, &ex.extract("Ala.")).unwrap())
                    .unwrap();
                pieces.finish().unwrap();
                assert_eq!(
                    String::from_utf8(pieces.out).unwrap(),
                    String::from_utf8(whole.out).unwrap(),
                    "{format:?} single={single} tokens={tokens}"
                );
            }
        }
    }

    #[test]
    fn merged_topics_weigh_pieces_by_length() {
        let kp = |lemma: &str, score: f32| Keyphrase {
            text: lemma.to_string(),
            lemma: lemma.to_string(),
            score,
        };
        let ent = |lemma: &str, count: usize, score: f32| SalientEntity {
            lemma: lemma.to_string(),
            label: Label::Loc,
            count,
            score,
        };
        let cat = |name: &str, score: f32| Category {
            code: name.to_string(),
            name: name.to_string(),
            score,
        };
        let mut merge = TopicsMerge::default();
        merge.add(
            Topics {
                keyphrases: vec![kp("a", 0.5), kp("b", 0.4)],
                categories: vec![cat("politics", 0.6)],
                entities: vec![ent("Kraków", 3, 0.9)],
            },
            300,
        );
        merge.add(
            Topics {
                keyphrases: vec![kp("b", 0.8)],
                categories: vec![cat("labour", 0.2)],
                entities: vec![ent("Kraków", 2, 0.6), ent("Gdańsk", 1, 0.3)],
            },
            100,
        );
        let topics = merge.finish(&Default::default());
        let kps: Vec<(&str, f32)> = topics
            .keyphrases
            .iter()
            .map(|k| (k.lemma.as_str(), k.score))
            .collect();
        assert_eq!(kps, [("b", 0.5), ("a", 0.375)]);
        let ents: Vec<(&str, usize, f32)> = topics
            .entities
            .iter()
            .map(|e| (e.lemma.as_str(), e.count, e.score))
            .collect();
        assert_eq!(ents, [("Kraków", 5, 0.825), ("Gdańsk", 1, 0.075)]);
        // labour: 0.2 * 100 / 400 = 0.05, under the categories' threshold
        let cats: Vec<(&str, f32)> = topics
            .categories
            .iter()
            .map(|c| (c.name.as_str(), c.score))
            .collect();
        assert_eq!(cats.len(), 1);
        assert_eq!(cats[0].0, "politics");
        assert!((cats[0].1 - 0.45).abs() < 1e-6);
    }
}
