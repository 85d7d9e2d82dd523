//! CoNLL with IOB2 tags: one token per line, a blank line after each sentence.

use crate::model::{Document, Entity};

/// Writes the tokens of `doc` in CoNLL format with IOB2 entity tags.
///
/// One line per token: the token as it appears in `text`, a tab, and its tag —
/// `B-LABEL` on the first token of an entity, `I-LABEL` on the following ones,
/// `O` outside entities. Each sentence is followed by a blank line (so the
/// output ends with one). A token belongs to an entity when their spans
/// overlap; whitespace inside a token (there is none from polner's tokenizer,
/// but a document may come from elsewhere) is replaced by `_` so that every
/// line has exactly two columns. Tokens not covered by any sentence form a
/// sentence of their own. Spans that do not fit `text` are skipped.
///
/// ```
/// use polner::{Date, Extractor};
/// let text = "Jan Kowalski przyjechał do Gdańska 3 maja.\nByło ciepło.";
/// let ex = Extractor::builder()
///     .reference_date(Date::new(2025, 10, 20).unwrap())
///     .gazetteer_tsv("people", "Jan Kowalski\tPER\n")
///     .build()
///     .unwrap();
/// assert_eq!(polner::render::conll(text, &ex.extract(text)), "\
/// Jan\tB-PER
/// Kowalski\tI-PER
/// przyjechał\tO
/// do\tO
/// Gdańska\tB-LOC
/// 3\tB-DATE
/// maja\tI-DATE
/// .\tO
///
/// Było\tO
/// ciepło\tO
/// .\tO
///
/// ");
/// ```
pub fn conll(text: &str, doc: &Document) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut entities: Vec<&Entity> = doc.entities.iter().collect();
    entities.sort_by_key(|e| (e.span.byte_start, e.span.byte_end));

    // Token index ranges, one per sentence, covering every token once.
    let mut groups: Vec<std::ops::Range<usize>> = Vec::with_capacity(doc.sentences.len() + 1);
    let mut next = 0usize;
    for sentence in &doc.sentences {
        let range = sentence.tokens.start.max(next)..sentence.tokens.end.min(doc.tokens.len());
        if range.start > next {
            groups.push(next..range.start);
        }
        if !range.is_empty() {
            next = range.end;
            groups.push(range);
        }
    }
    if next < doc.tokens.len() {
        groups.push(next..doc.tokens.len());
    }

    let mut entity_index = 0usize;
    // The entity the previous token was tagged with, to choose B- or I-.
    let mut open: Option<usize> = None;
    for group in groups {
        let mut wrote = false;
        for token in &doc.tokens[group] {
            let Some(surface) = text.get(token.byte_range()) else {
                continue;
            };
            if surface.is_empty() {
                continue;
            }
            let (start, end) = (token.span.byte_start, token.span.byte_end);
            while entity_index < entities.len() && entities[entity_index].span.byte_end <= start {
                entity_index += 1;
            }
            let tagged = entities
                .get(entity_index)
                .filter(|e| e.span.byte_start < end && start < e.span.byte_end);
            for c in surface.chars() {
                out.push(if c.is_whitespace() { '_' } else { c });
            }
            out.push('\t');
            match tagged {
                Some(entity) => {
                    out.push_str(if open == Some(entity_index) {
                        "I-"
                    } else {
                        "B-"
                    });
                    out.push_str(entity.label.as_str());
                    open = Some(entity_index);
                }
                None => {
                    out.push('O');
                    open = None;
                }
            }
            out.push('\n');
            wrote = true;
        }
        if wrote {
            out.push('\n');
            // an entity never continues across a sentence break
            open = None;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Extractor;

    #[test]
    fn empty_text_gives_empty_output() {
        assert_eq!(conll("", &Extractor::new().extract("")), "");
    }

    #[test]
    fn adjacent_entities_of_one_label_start_with_b() {
        let text = "Kraków Gdańsk";
        let doc = Extractor::new().extract(text);
        assert_eq!(doc.entities.len(), 2, "{doc:?}");
        assert_eq!(conll(text, &doc), "Kraków\tB-LOC\nGdańsk\tB-LOC\n\n");
    }

    #[test]
    fn tokens_outside_sentences_are_still_written() {
        let text = "Było ciepło w Gdańsku";
        let mut doc = Extractor::new().extract(text);
        doc.sentences.clear();
        assert_eq!(
            conll(text, &doc),
            "Było\tO\nciepło\tO\nw\tO\nGdańsku\tB-LOC\n\n"
        );
    }

    #[test]
    fn every_token_of_a_document_appears_once() {
        let text = "Pierwsze zdanie. Drugie w Poznaniu!\r\n\r\nTrzecie 😀 e\u{301}.";
        let doc = Extractor::new().extract(text);
        let out = conll(text, &doc);
        let lines: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), doc.tokens.len());
        assert_eq!(out.matches("\n\n").count(), doc.sentences.len());
        for (line, token) in lines.iter().zip(&doc.tokens) {
            assert_eq!(line.split('\t').next(), Some(&text[token.byte_range()]));
        }
    }
}
