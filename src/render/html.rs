//! Highlighted HTML: the text with its entities marked by label.

use crate::model::{Document, Entity};
use std::fmt::Write;

/// Scoped styles: every selector starts with `.polner`, so the fragment can be
/// embedded in any page (a notebook, a report) without touching its styles.
const STYLE: &str = "<style>\
.polner{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;line-height:2.1;white-space:pre-wrap;overflow-wrap:break-word}\
.polner mark{color:inherit;padding:0.1em 0.35em;margin:0 0.1em;border-radius:0.35em;box-decoration-break:clone;-webkit-box-decoration-break:clone;cursor:help}\
.polner .polner-label{font-size:0.62em;font-weight:700;letter-spacing:0.03em;margin-left:0.45em;vertical-align:middle;opacity:0.75}\
.polner .polner-PER{background:#ddd6fe}\
.polner .polner-ORG{background:#bfdbfe}\
.polner .polner-LOC{background:#bbf7d0}\
.polner .polner-EVT{background:#fde68a}\
.polner .polner-PRO{background:#fbcfe8}\
.polner .polner-DATE{background:#fed7aa}\
.polner .polner-TIME{background:#fecaca}\
.polner .polner-MONEY{background:#a7f3d0}\
.polner .polner-PERCENT{background:#e5e7eb}\
</style>";

/// Renders `text` with the entities of `doc` highlighted, as an HTML fragment.
///
/// The fragment is self-contained: one `<div class="polner">` that carries its
/// own `<style>` (no scripts, fonts or other external assets). Each entity is a
/// `<mark>` with the class `polner-LABEL`, a small label chip, `data-label`,
/// `data-lemma`, `data-subtype` and `data-value` attributes, and a `title`
/// (shown on hover) with the label, the base form and, for dates, times and
/// amounts, the normalized value. Whitespace and line breaks of the input are
/// kept (`white-space: pre-wrap`); all text is escaped.
///
/// Entities whose span does not fit `text` (a document extracted from another
/// text) or overlaps an earlier one are left out, so this never panics.
///
/// ```
/// use polner::{Date, Extractor};
/// let text = "Spotkanie 15 października w Krakowie <b>.";
/// let ex = Extractor::builder().reference_date(Date::new(2025, 10, 20).unwrap()).build().unwrap();
/// let html = polner::render::html(text, &ex.extract(text));
/// assert!(html.starts_with("<div class=\"polner\"><style>"));
/// assert!(html.contains(r#"<mark class="polner-DATE" data-label="DATE" data-lemma="15 października" data-value="2025-10-15" title="DATE · 15 października → 2025-10-15">15 października<span class="polner-label">DATE</span></mark>"#));
/// assert!(html.contains(r#"title="LOC · Kraków">Krakowie<span"#));
/// assert!(html.contains(" &lt;b&gt;.</div>"));
/// ```
pub fn html(text: &str, doc: &Document) -> String {
    let mut out = String::with_capacity(STYLE.len() + text.len() * 2 + doc.entities.len() * 160);
    out.push_str("<div class=\"polner\">");
    out.push_str(STYLE);
    let mut entities: Vec<&Entity> = doc.entities.iter().collect();
    entities.sort_by_key(|e| (e.span.byte_start, e.span.byte_end));
    let mut cursor = 0usize;
    for entity in entities {
        let range = entity.byte_range();
        if range.start < cursor || range.start >= range.end {
            continue;
        }
        let (Some(before), Some(mention)) =
            (text.get(cursor..range.start), text.get(range.clone()))
        else {
            continue;
        };
        escape_into(&mut out, before);
        mark(&mut out, entity, mention);
        cursor = range.end;
    }
    escape_into(&mut out, text.get(cursor..).unwrap_or(""));
    out.push_str("</div>");
    out
}

/// Renders `text` with its entities highlighted as a complete HTML page
/// (`<!DOCTYPE html>`, UTF-8, the fragment of [`html`] as its body).
///
/// ```
/// let text = "Wizyta w Gdańsku.";
/// let page = polner::render::html_page(text, &polner::Extractor::new().extract(text));
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// assert!(page.contains("<meta charset=\"utf-8\">"));
/// assert!(page.trim_end().ends_with("</html>"));
/// ```
pub fn html_page(text: &str, doc: &Document) -> String {
    let body = html(text, doc);
    let mut out = String::with_capacity(body.len() + 200);
    out.push_str("<!DOCTYPE html>\n<html lang=\"pl\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>polner</title>\n</head>\n<body>\n");
    out.push_str(&body);
    out.push_str("\n</body>\n</html>\n");
    out
}

fn mark(out: &mut String, entity: &Entity, mention: &str) {
    let label = entity.label.as_str();
    let _ = write!(out, "<mark class=\"polner-{label}\" data-label=\"{label}\"");
    attribute(out, "data-lemma", Some(&entity.lemma));
    attribute(out, "data-subtype", entity.subtype.as_deref());
    attribute(out, "data-value", entity.value.as_deref());
    out.push_str(" title=\"");
    escape_into(out, &title(entity));
    out.push_str("\">");
    escape_into(out, mention);
    let _ = write!(out, "<span class=\"polner-label\">{label}</span></mark>");
}

/// What a reader sees on hover: `LOC · Kraków`, `DATE · 15 października → 2025-10-15`.
fn title(entity: &Entity) -> String {
    let mut title = format!("{} · {}", entity.label, entity.lemma);
    if let Some(value) = &entity.value {
        title.push_str(" → ");
        title.push_str(value);
    }
    title
}

fn attribute(out: &mut String, name: &str, value: Option<&str>) {
    if let Some(value) = value {
        let _ = write!(out, " {name}=\"");
        escape_into(out, value);
        out.push('"');
    }
}

/// Escapes text for both element content and double- or single-quoted attributes.
fn escape_into(out: &mut String, text: &str) {
    let mut last = 0;
    for (i, c) in text.char_indices() {
        let escaped = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(escaped);
        last = i + c.len_utf8();
    }
    out.push_str(&text[last..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Label;
    use crate::span::Span;

    fn entity(text: &str, bytes: std::ops::Range<usize>, label: Label, lemma: &str) -> Entity {
        Entity {
            span: Span::from_bytes(text, bytes.clone()),
            text: text[bytes].to_string(),
            label,
            subtype: None,
            lemma: lemma.to_string(),
            value: None,
            source: "test".into(),
            score: 1.0,
        }
    }

    #[test]
    fn text_outside_entities_is_kept_and_escaped() {
        let text = "A & B <i>\r\nx";
        let html = html(text, &Document::default());
        assert!(html.ends_with("A &amp; B &lt;i&gt;\r\nx</div>"), "{html}");
    }

    #[test]
    fn attributes_are_escaped() {
        let text = "Firma \"X\" działa.";
        let doc = Document {
            entities: vec![entity(text, 6..9, Label::Org, "\"X\" <sp>")],
            ..Document::default()
        };
        let html = html(text, &doc);
        assert!(
            html.contains(r#"data-lemma="&quot;X&quot; &lt;sp&gt;""#),
            "{html}"
        );
        assert!(
            html.contains(
                r#">&quot;X&quot;<span class="polner-label">ORG</span></mark> działa.</div>"#
            ),
            "{html}"
        );
    }

    #[test]
    fn foreign_or_overlapping_spans_are_skipped_not_panicking() {
        let text = "Łódź";
        let mut mid_char = entity(text, 0..2, Label::Loc, "x");
        mid_char.span.byte_start = 1;
        let mut past_end = entity(text, 0..2, Label::Loc, "y");
        past_end.span.byte_end = 40;
        let mut empty = entity(text, 0..2, Label::Loc, "z");
        empty.span.byte_end = 0;
        let doc = Document {
            entities: vec![mid_char, past_end, empty],
            ..Document::default()
        };
        let html = html(text, &doc);
        assert!(!html.contains("<mark"), "{html}");
        assert!(html.ends_with(">Łódź</div>"), "{html}");
    }

    #[test]
    fn overlapping_entities_keep_the_first() {
        let text = "Jan Nowak";
        let doc = Document {
            entities: vec![
                entity(text, 4..9, Label::Per, "Nowak"),
                entity(text, 0..9, Label::Per, "Jan Nowak"),
            ],
            ..Document::default()
        };
        let html = html(text, &doc);
        assert_eq!(html.matches("<mark").count(), 1, "{html}");
        assert!(html.contains(">Jan Nowak<span"), "{html}");
    }

    #[test]
    fn every_label_has_a_colour() {
        for label in Label::ALL {
            assert!(
                STYLE.contains(&format!(".polner-{label}{{background:")),
                "{label}"
            );
        }
    }
}
