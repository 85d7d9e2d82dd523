//! The document model: what [`crate::Extractor::extract`] returns.
//!
//! All types serialize with serde. The CLI's JSON is the serde form of these
//! types (see `README.md`, "Output schema"): spans appear as `start`/`end`
//! (characters) and `byte_start`/`byte_end` (bytes), flattened into the object.

use crate::span::Span;
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

/// The entity labels polner produces. This is the one place the label set is
/// defined; its string form is the upper-case name (`"PER"`, `"DATE"`, …).
///
/// ```
/// use polner::Label;
/// assert_eq!("LOC".parse::<Label>().unwrap(), Label::Loc);
/// assert_eq!(Label::Money.as_str(), "MONEY");
/// assert!(Label::Per.is_name() && !Label::Date.is_name());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Label {
    /// A person.
    #[serde(rename = "PER")]
    Per,
    /// An organization: institution, company, party, media, club, …
    #[serde(rename = "ORG")]
    Org,
    /// A location: city, country, region, geographic feature, facility.
    #[serde(rename = "LOC")]
    Loc,
    /// A named event (`Brexit`, `Euro 2024`).
    #[serde(rename = "EVT")]
    Evt,
    /// A named product, title or brand.
    #[serde(rename = "PRO")]
    Pro,
    /// A calendar expression, normalized to TIMEX3.
    #[serde(rename = "DATE")]
    Date,
    /// A clock time, possibly with its date.
    #[serde(rename = "TIME")]
    Time,
    /// An amount of money, normalized to `amount CODE`.
    #[serde(rename = "MONEY")]
    Money,
    /// A percentage, normalized to `12.5%`.
    #[serde(rename = "PERCENT")]
    Percent,
}

impl Label {
    /// Every label, in output order.
    pub const ALL: [Label; 9] = [
        Label::Per,
        Label::Org,
        Label::Loc,
        Label::Evt,
        Label::Pro,
        Label::Date,
        Label::Time,
        Label::Money,
        Label::Percent,
    ];

    /// The label's name as it appears in JSON, CoNLL and gazetteer files.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Evt => "EVT",
            Label::Pro => "PRO",
            Label::Date => "DATE",
            Label::Time => "TIME",
            Label::Money => "MONEY",
            Label::Percent => "PERCENT",
        }
    }

    /// True for the name labels (PER, ORG, LOC, EVT, PRO), whose `value` is null.
    pub fn is_name(self) -> bool {
        matches!(
            self,
            Label::Per | Label::Org | Label::Loc | Label::Evt | Label::Pro
        )
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error returned when a string is not one of the label names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLabel(pub String);

impl fmt::Display for UnknownLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown label {:?} (expected one of PER ORG LOC EVT PRO DATE TIME MONEY PERCENT)",
            self.0
        )
    }
}

impl std::error::Error for UnknownLabel {}

impl FromStr for Label {
    type Err = UnknownLabel;
    fn from_str(s: &str) -> Result<Label, UnknownLabel> {
        Label::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownLabel(s.to_string()))
    }
}

/// A mention found in the text.
///
/// ```
/// use polner::{Extractor, Label};
/// let text = "Spotkanie odbyło się w Krakowie.";
/// let doc = Extractor::new().extract(text);
/// let krakow = doc.entities.iter().find(|e| e.label == Label::Loc).unwrap();
/// assert_eq!(&text[krakow.byte_range()], "Krakowie");
/// assert_eq!(krakow.lemma, "Kraków");
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Entity {
    /// Where the mention is, in characters and bytes.
    #[serde(flatten)]
    pub span: Span,
    /// The mention exactly as it appears in the input.
    pub text: String,
    /// What kind of entity it is.
    pub label: Label,
    /// A finer type (`city`, `country`, `institution`, …), when known.
    /// Borrowed from the built-in lists (no copy per entity), owned when it
    /// comes from a user gazetteer; read it as a `&str` with `as_deref()`.
    pub subtype: Option<Cow<'static, str>>,
    /// The base form (`Krakowie` → `Kraków`).
    pub lemma: String,
    /// The normalized value for DATE, TIME, MONEY and PERCENT (see `VALUES` in
    /// the README); `None` for names.
    pub value: Option<String>,
    /// Which gazetteer or rule produced the entity (`gazetteer:builtin`, `rule:date.day_month`, …).
    /// Borrowed for the built-in gazetteers and the rules (no copy per
    /// entity), owned for user gazetteers; it derefs to `&str`.
    pub source: Cow<'static, str>,
    /// Confidence in 0..=1.
    pub score: f32,
}

impl Entity {
    /// The byte range of the mention in the input.
    pub fn byte_range(&self) -> Range<usize> {
        self.span.bytes()
    }

    /// The character range of the mention in the input.
    pub fn char_range(&self) -> Range<usize> {
        self.span.chars()
    }
}

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Letters, possibly with inner hyphens or apostrophes.
    Word,
    /// A number, possibly with decimal or group separators, or an ordinal (`15.`).
    Number,
    /// A numeric date or time (`15.10.2025`, `2025-10-15`, `12:30`).
    DateTime,
    /// A word ending in a period that is a known abbreviation (`ul.`, `m.in.`).
    Abbreviation,
    /// Punctuation.
    Punct,
    /// A symbol (`%`, `€`, `+`, …).
    Symbol,
    /// A URL.
    Url,
    /// An e-mail address.
    Email,
    /// A `@mention`.
    Mention,
    /// A `#hashtag`.
    Hashtag,
    /// An emoji, with its modifiers and joiners.
    Emoji,
    /// Anything else (other scripts' marks, control characters).
    Other,
}

/// The capitalization pattern of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// All letters lower case: `miasto`.
    Lower,
    /// First letter upper case, the rest lower: `Kraków`.
    Capitalized,
    /// All letters upper case (two or more): `NATO`.
    Upper,
    /// Mixed case: `iPhone`, `McDonald`.
    Mixed,
    /// Only digits: `2025`.
    Digits,
    /// No letters and not only digits: `12:30`, `,`.
    Other,
}

/// A token of the input.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Token {
    /// Where the token is.
    #[serde(flatten)]
    pub span: Span,
    /// What it is made of.
    pub kind: TokenKind,
    /// Its capitalization.
    pub shape: Shape,
    /// The normalized text (NFC, unified quotes and dashes, without soft
    /// hyphens and zero-width characters) when it differs from the input slice.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub norm: Option<String>,
}

impl Token {
    /// The byte range of the token in the input.
    pub fn byte_range(&self) -> Range<usize> {
        self.span.bytes()
    }

    /// The normalized text of the token, borrowing from `input` when nothing changed.
    ///
    /// ```
    /// let text = "know\u{2011}how";
    /// let tokens = polner::tokenize(text);
    /// assert_eq!(tokens.len(), 1);
    /// assert_eq!(tokens[0].text(text), "know-how");
    /// ```
    pub fn text<'a>(&'a self, input: &'a str) -> &'a str {
        match &self.norm {
            Some(norm) => norm,
            None => &input[self.span.bytes()],
        }
    }
}

/// A sentence: its span and the range of its tokens in [`Document::tokens`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Sentence {
    /// Where the sentence is.
    #[serde(flatten)]
    pub span: Span,
    /// Indices of its tokens in the document's token list.
    #[serde(skip)]
    pub tokens: Range<usize>,
}

// Entities, tokens and sentences serialize with their span's fields first,
// as `#[serde(flatten)]` would (and as they deserialize), but written by
// hand: the flattened form goes through a map serializer, which took most of
// the CLI's rendering time.

impl Serialize for Entity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Entity", 11)?;
        self.span.serialize_fields(&mut state)?;
        state.serialize_field("text", &self.text)?;
        state.serialize_field("label", &self.label)?;
        state.serialize_field("subtype", &self.subtype)?;
        state.serialize_field("lemma", &self.lemma)?;
        state.serialize_field("value", &self.value)?;
        state.serialize_field("source", &self.source)?;
        state.serialize_field("score", &self.score)?;
        state.end()
    }
}

impl Serialize for Token {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Token", 7)?;
        self.span.serialize_fields(&mut state)?;
        state.serialize_field("kind", &self.kind)?;
        state.serialize_field("shape", &self.shape)?;
        match &self.norm {
            Some(norm) => state.serialize_field("norm", norm)?,
            None => state.skip_field("norm")?,
        }
        state.end()
    }
}

impl Serialize for Sentence {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Sentence", 4)?;
        self.span.serialize_fields(&mut state)?;
        state.end()
    }
}

/// A keyphrase of the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keyphrase {
    /// A surface form, as it appears in the text.
    pub text: String,
    /// The normalized phrase (nominative).
    pub lemma: String,
    /// Relevance, higher is better.
    pub score: f32,
}

/// A news category (IPTC Media Topics, top level).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Category {
    /// IPTC code, e.g. `medtop:11000000`.
    pub code: String,
    /// English name, e.g. `politics`.
    pub name: String,
    /// Relevance in 0..=1.
    pub score: f32,
}

/// An entity that matters for the document: all mentions of one lemma and label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SalientEntity {
    /// The base form shared by the mentions.
    pub lemma: String,
    /// Their label.
    pub label: Label,
    /// How many mentions.
    pub count: usize,
    /// Salience, higher is better.
    pub score: f32,
}

/// What the document is about.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Topics {
    /// Keyphrases, best first.
    pub keyphrases: Vec<Keyphrase>,
    /// Categories, best first.
    pub categories: Vec<Category>,
    /// Salient entities, best first.
    pub entities: Vec<SalientEntity>,
}

/// The result of extraction over one text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Tokens, in order.
    pub tokens: Vec<Token>,
    /// Sentences, in order.
    pub sentences: Vec<Sentence>,
    /// Entities, sorted by start, never overlapping.
    pub entities: Vec<Entity>,
    /// Topics.
    pub topics: Topics,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_tokens_and_sentences_serialize_with_their_span_first_and_read_back() {
        let span = Span {
            byte_start: 3,
            byte_end: 10,
            start: 3,
            end: 9,
        };
        let entity = Entity {
            span: span.clone(),
            text: "Łodzi".into(),
            label: Label::Loc,
            subtype: Some(Cow::Borrowed("city")),
            lemma: "Łódź".into(),
            value: None,
            source: Cow::Borrowed("gazetteer:builtin"),
            score: 0.9,
        };
        let json = serde_json::to_string(&entity).unwrap();
        assert_eq!(
            json,
            r#"{"byte_start":3,"byte_end":10,"start":3,"end":9,"text":"Łodzi","label":"LOC","subtype":"city","lemma":"Łódź","value":null,"source":"gazetteer:builtin","score":0.9}"#
        );
        assert_eq!(serde_json::from_str::<Entity>(&json).unwrap(), entity);
        let mut token = Token {
            span: span.clone(),
            kind: TokenKind::Word,
            shape: Shape::Capitalized,
            norm: None,
        };
        let json = serde_json::to_string(&token).unwrap();
        assert_eq!(
            json,
            r#"{"byte_start":3,"byte_end":10,"start":3,"end":9,"kind":"word","shape":"capitalized"}"#
        );
        assert_eq!(serde_json::from_str::<Token>(&json).unwrap(), token);
        token.norm = Some("Lodzi".into());
        let json = serde_json::to_string(&token).unwrap();
        assert!(
            json.ends_with(r#""shape":"capitalized","norm":"Lodzi"}"#),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Token>(&json).unwrap(), token);
        let sentence = Sentence { span, tokens: 0..0 };
        let json = serde_json::to_string(&sentence).unwrap();
        assert_eq!(json, r#"{"byte_start":3,"byte_end":10,"start":3,"end":9}"#);
        assert_eq!(serde_json::from_str::<Sentence>(&json).unwrap(), sentence);
    }
}
