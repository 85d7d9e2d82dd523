"""Type stubs for polner (the native module ``polner._polner``, re-exported)."""

import datetime
import os
from collections.abc import Iterable, Iterator
from typing import Any, Literal, Optional, Tuple, TypedDict, TypeVar, Union, final, overload

__version__: str
LABELS: list[str]
"""Every label, in output order: PER ORG LOC EVT PRO DATE TIME MONEY PERCENT."""

DateLike = Union[str, datetime.date]
"""A date: ``datetime.date`` (or ``datetime.datetime``) or ``"YYYY-MM-DD"``."""

GazetteerSource = Union[str, "os.PathLike[str]", Tuple[str, str]]
"""A gazetteer: a path to a TSV file, or a ``(name, tsv_text)`` pair."""

_C = TypeVar("_C")

__all__ = [
    "LABELS",
    "Category",
    "DateLike",
    "DisplacyDoc",
    "DisplacyEnt",
    "Document",
    "Entity",
    "EntityRecord",
    "Extractor",
    "ExtractorConfig",
    "GazetteerSource",
    "Keyphrase",
    "Pipe",
    "SalientEntity",
    "Sentence",
    "Token",
    "Topics",
    "TopicsK",
    "__version__",
    "lemmatize",
    "sentences",
    "tokenize",
]

class EntityRecord(TypedDict):
    """One row of ``Document.to_records()``."""

    start: int
    end: int
    text: str
    label: str
    subtype: Optional[str]
    lemma: str
    value: Optional[str]
    source: str
    score: float

class DisplacyEnt(TypedDict):
    start: int
    end: int
    label: str

class DisplacyDoc(TypedDict):
    """What ``spacy.displacy.render(..., style="ent", manual=True)`` takes."""

    text: str
    ents: list[DisplacyEnt]
    title: Optional[str]

class Keyphrase(TypedDict):
    text: str
    lemma: str
    score: float

class Category(TypedDict):
    code: str
    name: str
    score: float

class SalientEntity(TypedDict):
    lemma: str
    label: str
    count: int
    score: float

class Topics(TypedDict):
    """What a document is about; every list is best first."""

    keyphrases: list[Keyphrase]
    categories: list[Category]
    entities: list[SalientEntity]

class TopicsK(TypedDict, total=False):
    """``topics_k`` part by part: how many of each part topics keep (0: the
    part is not computed)."""

    keyphrases: int
    categories: int
    entities: int

class ExtractorConfig(TypedDict):
    reference_date: Optional[str]
    labels: Optional[list[str]]
    gazetteers: list[str]
    builtin_gazetteers: bool
    topics: bool
    topics_k: Union[int, TopicsK, None]

@final
class Entity:
    """A mention found in the text. ``doc.text[e.start:e.end] == e.text``."""

    @property
    def start(self) -> int:
        """Index of the first character in ``Document.text``."""
    @property
    def end(self) -> int:
        """Index one past the last character."""
    @property
    def text(self) -> str:
        """The mention exactly as written."""
    @property
    def label(self) -> str:
        """``PER``, ``ORG``, ``LOC``, ``EVT``, ``PRO``, ``DATE``, ``TIME``, ``MONEY`` or ``PERCENT``."""
    @property
    def subtype(self) -> Optional[str]:
        """A finer type (``city``, ``country``, …), or ``None``."""
    @property
    def lemma(self) -> str:
        """The base form (``Krakowie`` → ``Kraków``)."""
    @property
    def value(self) -> Optional[str]:
        """The normalized value of a DATE, TIME, MONEY or PERCENT, else ``None``."""
    @property
    def source(self) -> str:
        """The gazetteer or rule that produced it."""
    @property
    def score(self) -> float:
        """Confidence in 0..1."""
    def __new__(
        cls,
        start: int,
        end: int,
        text: str,
        label: str,
        lemma: str,
        subtype: Optional[str] = None,
        value: Optional[str] = None,
        source: Optional[str] = None,
        score: float = 1.0,
    ) -> Entity: ...
    def to_dict(self) -> EntityRecord:
        """The entity as a flat dict."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class Token:
    """A token of the input."""

    @property
    def start(self) -> int:
        """Index of the first character."""
    @property
    def end(self) -> int:
        """Index one past the last character."""
    @property
    def text(self) -> str:
        """The token as written."""
    @property
    def norm(self) -> Optional[str]:
        """The normalized form when it differs from ``text``, else ``None``."""
    @property
    def kind(self) -> str:
        """``word``, ``number``, ``date_time``, ``abbreviation``, ``punct``, ``symbol``, ``url``, ``email``, ``mention``, ``hashtag``, ``emoji`` or ``other``."""
    @property
    def shape(self) -> str:
        """``lower``, ``capitalized``, ``upper``, ``mixed``, ``digits`` or ``other``."""
    @property
    def lemma(self) -> Optional[str]:
        """The base form, from ``lemmatize()``; ``None`` elsewhere."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Sentence:
    """A sentence of the input."""

    @property
    def start(self) -> int:
        """Index of the first character."""
    @property
    def end(self) -> int:
        """Index one past the last character."""
    @property
    def text(self) -> str:
        """The sentence as written."""
    @property
    def token_start(self) -> int:
        """Index of its first token in ``Document.tokens``."""
    @property
    def token_end(self) -> int:
        """Index one past its last token."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Document:
    """The result of ``Extractor.extract``; offsets are Python string indices."""

    @property
    def text(self) -> str:
        """The input text, the very ``str`` object that was passed in."""
    @property
    def entities(self) -> list[Entity]:
        """The entities, sorted by ``start``, never overlapping."""
    @property
    def tokens(self) -> list[Token]:
        """The tokens, in order."""
    @property
    def sentences(self) -> list[Sentence]:
        """The sentences, in order."""
    @property
    def topics(self) -> Topics:
        """What the document is about."""
    def to_dict(self) -> dict[str, Any]:
        """The document as plain data: ``json.loads(doc.to_json())``."""
    def to_json(self, indent: Optional[int] = None) -> str:
        """The document as JSON: the core's serde form (the CLI's JSON schema), with ``text`` first."""
    def to_records(self) -> list[EntityRecord]:
        """One flat dict per entity, for ``pandas.DataFrame(doc.to_records())``."""
    def to_displacy(self, title: Optional[str] = None) -> DisplacyDoc:
        """The dict ``spacy.displacy.render(..., style="ent", manual=True)`` takes."""
    def to_html(self, page: bool = False) -> str:
        """The text with entities highlighted by label, as self-contained HTML."""
    def _repr_html_(self) -> str:
        """Notebook display: ``to_html()``."""
    def to_conll(self) -> str:
        """Tokens with IOB2 tags, one per line, a blank line after each sentence."""

@final
class Pipe(Iterator[Any]):
    """The iterator ``Extractor.pipe`` returns."""

    def __iter__(self) -> "Pipe": ...
    def __next__(self) -> Any: ...

@final
class Extractor:
    """Finds entities, dates, amounts and topics in Polish text.

    Build one and reuse it; extraction is thread-safe and releases the GIL.
    Pickles by configuration (gazetteers travel as their text).
    """

    def __new__(
        cls,
        reference_date: Optional[DateLike] = None,
        labels: Union[str, Iterable[str], None] = None,
        gazetteers: Union[str, "os.PathLike[str]", Iterable[GazetteerSource], None] = None,
        *,
        builtin_gazetteers: bool = True,
        topics: bool = True,
        topics_k: Union[int, TopicsK, None] = None,
    ) -> Extractor: ...
    def extract(self, text: str, date: Optional[DateLike] = None) -> Document:
        """Extracts entities, sentences, tokens and topics from one text."""
    def extract_batch(
        self,
        texts: Iterable[str],
        n_threads: Optional[int] = None,
        date: Optional[DateLike] = None,
    ) -> list[Document]:
        """Extracts from many texts in parallel (GIL released); results in input order."""
    @overload
    def pipe(
        self,
        texts: Iterable[str],
        batch_size: int = 256,
        n_threads: Optional[int] = None,
        date: Optional[DateLike] = None,
        as_tuples: Literal[False] = False,
    ) -> Iterator[Document]:
        """Extracts from a stream of texts, one batch at a time, in input order."""
    @overload
    def pipe(
        self,
        texts: Iterable[Tuple[str, _C]],
        batch_size: int = 256,
        n_threads: Optional[int] = None,
        date: Optional[DateLike] = None,
        *,
        as_tuples: Literal[True],
    ) -> Iterator[Tuple[Document, _C]]:
        """Extracts from a stream of ``(text, context)`` pairs, yielding ``(Document, context)``."""
    @property
    def config(self) -> ExtractorConfig:
        """The options this extractor was built with."""

def tokenize(text: str) -> list[Token]:
    """Splits ``text`` into tokens."""

def sentences(text: str) -> list[Sentence]:
    """Splits ``text`` into sentences."""

def lemmatize(text: str) -> list[Token]:
    """Splits ``text`` into tokens, each with its base form in ``lemma``.

    Words get the lemma of their most confident reading in the embedded
    morphology (no disambiguation in context): ``poszły`` → ``pójść``;
    abbreviations are expanded (``ul.`` → ``ulica``); other tokens are their
    own lemma.
    """

