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

__all__ = [
    "LABELS",
    "Document",
    "Entity",
    "Extractor",
    "Pipe",
    "Sentence",
    "Token",
    "__version__",
    "lemmatize",
    "sentences",
    "tokenize",
]
