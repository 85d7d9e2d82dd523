//! `polner lemmatize`: every token with its lemma candidates and tags.

use polner::morph::Morphology;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct AnalysisOut<'a> {
    lemma: &'a str,
    tag: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name_class: Option<String>,
    guessed: bool,
    confidence: f32,
}

#[derive(Serialize)]
struct TokenOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    analyses: Vec<AnalysisOut<'a>>,
}

/// Writes the tokens of `text`: as TSV (`token`, `lemma|lemma…`,
/// `tag|tag…`, blank line between sentences) or as one jsonl object.
pub fn write_lemmas(
    out: &mut impl Write,
    id: &serde_json::Value,
    text: &str,
    jsonl: bool,
) -> std::io::Result<()> {
    let morphology = Morphology::embedded();
    let tokens = polner::tokenize(text);
    let sentences = polner::text::sentences::split(text, &tokens);
    let mut analyses = Vec::new();
    if jsonl {
        let mut list = Vec::with_capacity(tokens.len());
        let all: Vec<Vec<polner::morph::Analysis>> = tokens
            .iter()
            .map(|t| morphology.analyze(t.text(text)))
            .collect();
        for (t, found) in tokens.iter().zip(&all) {
            list.push(TokenOut {
                start: t.span.start,
                end: t.span.end,
                text: &text[t.byte_range()],
                analyses: found
                    .iter()
                    .map(|a| AnalysisOut {
                        lemma: &a.lemma,
                        tag: morphology.tag_of(a),
                        name_class: a.name_class.map(|c| format!("{c:?}").to_lowercase()),
                        guessed: a.guessed,
                        confidence: a.confidence,
                    })
                    .collect(),
            });
        }
        serde_json::to_writer(&mut *out, &serde_json::json!({"id": id, "tokens": list}))?;
        return out.write_all(b"\n");
    }
    for sentence in &sentences {
        for t in &tokens[sentence.tokens.clone()] {
            morphology.analyze_into(t.text(text), &mut analyses);
            let mut lemmas: Vec<&str> = Vec::new();
            let mut tags: Vec<&str> = Vec::new();
            for a in &analyses {
                if !lemmas.contains(&a.lemma.as_str()) {
                    lemmas.push(&a.lemma);
                }
                let tag = morphology.tag_of(a);
                if !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
            let surface = text[t.byte_range()].replace(['\t', '\n', '\r'], " ");
            writeln!(out, "{surface}\t{}\t{}", lemmas.join("|"), tags.join("|"))?;
            analyses.clear();
        }
        writeln!(out)?;
    }
    Ok(())
}
