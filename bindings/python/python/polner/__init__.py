"""polner: what Polish news text is about.

polner finds the people, organizations, locations, events, products, dates,
times, amounts of money and percentages in Polish text, each with its exact
position, its base form (lemma) and, for dates and amounts, a normalized
value, plus the document's topics. The work is done by a Rust core; this
package converts its results to Python objects.

>>> import polner
>>> ex = polner.Extractor(reference_date="2025-10-20")
>>> doc = ex.extract("Spotkanie odbyło się 15 października w Krakowie.")
>>> [(e.text, e.label, e.lemma, e.value) for e in doc.entities]
[('15 października', 'DATE', '15 października', '2025-10-15'), ('Krakowie', 'LOC', 'Kraków', None)]
>>> e = doc.entities[1]
>>> doc.text[e.start:e.end]
'Krakowie'

Offsets (``start``, ``end``) are Python string indices. Extraction releases
the GIL; ``Extractor.extract_batch`` runs in parallel and ``Extractor.pipe``
streams. An ``Extractor`` pickles by its configuration, so it can be sent to
worker processes and Spark executors. spaCy users: ``import polner.spacy``
and ``nlp.add_pipe("polner")``.
"""

import datetime
import os
from typing import Optional, Tuple, TypedDict, Union

from ._polner import (
    LABELS,
    Document,
    Entity,
    Extractor,
    Pipe,
    Sentence,
    Token,
    __version__,
    lemmatize,
    sentences,
    tokenize,
)

DateLike = Union[str, datetime.date]
"""A date: ``datetime.date`` (or ``datetime.datetime``) or ``"YYYY-MM-DD"``."""

GazetteerSource = Union[str, "os.PathLike[str]", Tuple[str, str]]
"""A gazetteer: a path to a TSV file, or a ``(name, tsv_text)`` pair."""


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
    """One entity of ``DisplacyDoc``."""

    start: int
    end: int
    label: str


class DisplacyDoc(TypedDict):
    """What ``spacy.displacy.render(..., style="ent", manual=True)`` takes."""

    text: str
    ents: "list[DisplacyEnt]"
    title: Optional[str]


class Keyphrase(TypedDict):
    """A keyphrase of ``Document.topics``."""

    text: str
    lemma: str
    score: float


class Category(TypedDict):
    """An IPTC Media Topics category of ``Document.topics``."""

    code: str
    name: str
    score: float


class SalientEntity(TypedDict):
    """A salient entity of ``Document.topics``: all mentions of one lemma and label."""

    lemma: str
    label: str
    count: int
    score: float


class Topics(TypedDict):
    """What a document is about; every list is best first."""

    keyphrases: "list[Keyphrase]"
    categories: "list[Category]"
    entities: "list[SalientEntity]"


class TopicsK(TypedDict, total=False):
    """``topics_k`` part by part: how many of each part topics keep (0: the
    part is not computed)."""

    keyphrases: int
    categories: int
    entities: int


class ExtractorConfig(TypedDict):
    """``Extractor.config``: the options an extractor was built with."""

    reference_date: Optional[str]
    labels: "Optional[list[str]]"
    gazetteers: "list[str]"
    builtin_gazetteers: bool
    topics: bool
    topics_k: "Union[int, TopicsK, None]"


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
