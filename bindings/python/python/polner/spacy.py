"""spaCy integration: a pipeline component that sets ``Doc.ents`` from polner.

Importing this module registers the component factory ``"polner"`` (it is
also advertised through the ``spacy_factories`` entry point, so spaCy finds
it once polner is installed)::

    import spacy
    import polner.spacy  # noqa: F401  (registers "polner")

    nlp = spacy.blank("pl")
    nlp.add_pipe("polner", config={"reference_date": "2025-10-20"})
    doc = nlp("Spotkanie odbyło się w Krakowie.")
    [(e.text, e.label_, e._.polner_lemma) for e in doc.ents]
    # [('Krakowie', 'LOC', 'Kraków')]

Entities are placed by character offsets (``Doc.char_span``); a polner entity
whose edges fall inside a spaCy token is widened to whole tokens
(``alignment_mode="expand"``, the default) or dropped (``"strict"``). Each
entity span carries ``span._.polner_lemma``, ``polner_value``,
``polner_subtype`` and ``polner_source``.
"""

from __future__ import annotations

import importlib.util
from typing import Iterable, Iterator, List, Optional

import polner

if importlib.util.find_spec("spacy") is None:  # pragma: no cover - only without spaCy
    raise ImportError("polner.spacy needs spaCy 3: pip install 'polner[spacy]'")

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, Span  # noqa: E402
from spacy.util import filter_spans  # noqa: E402

__all__ = ["PolnerComponent", "make_polner"]

_EXTENSIONS = ("polner_lemma", "polner_value", "polner_subtype", "polner_source")
for _name in _EXTENSIONS:
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


class PolnerComponent:
    """Sets ``doc.ents`` from the entities polner finds in ``doc.text``.

    Args:
        nlp: the pipeline (unused; spaCy passes it).
        name: the component's name in the pipeline.
        reference_date: as for ``polner.Extractor``.
        labels: as for ``polner.Extractor``.
        gazetteers: paths of gazetteer files, as for ``polner.Extractor``.
        alignment_mode: ``"expand"``, ``"contract"`` or ``"strict"``, as for
            ``Doc.char_span``.
        overwrite: replace existing ``doc.ents``; when false, polner's
            entities are added where they do not overlap existing ones.
        n_threads: threads for ``nlp.pipe`` batches (``None``: one per core).
    """

    def __init__(
        self,
        nlp: Optional[Language] = None,
        name: str = "polner",
        *,
        reference_date: Optional[str] = None,
        labels: Optional[List[str]] = None,
        gazetteers: Optional[List[str]] = None,
        alignment_mode: str = "expand",
        overwrite: bool = True,
        n_threads: Optional[int] = None,
    ) -> None:
        self.name = name
        self.extractor = polner.Extractor(reference_date, labels, gazetteers)
        self.alignment_mode = alignment_mode
        self.overwrite = overwrite
        self.n_threads = n_threads

    def __call__(self, doc: Doc) -> Doc:
        """Annotates one document."""
        return self._annotate(doc, self.extractor.extract(doc.text))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Annotates a stream of documents, a batch at a time in parallel."""
        batch: List[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._annotate_batch(batch)
                batch = []
        if batch:
            yield from self._annotate_batch(batch)

    def _annotate_batch(self, docs: List[Doc]) -> Iterator[Doc]:
        results = self.extractor.extract_batch([d.text for d in docs], n_threads=self.n_threads)
        for doc, result in zip(docs, results):
            yield self._annotate(doc, result)

    def _annotate(self, doc: Doc, result: polner.Document) -> Doc:
        spans: List[Span] = []
        for entity in result.entities:
            span = doc.char_span(
                entity.start, entity.end, label=entity.label, alignment_mode=self.alignment_mode
            )
            if span is None:
                continue
            span._.polner_lemma = entity.lemma
            span._.polner_value = entity.value
            span._.polner_subtype = entity.subtype
            span._.polner_source = entity.source
            spans.append(span)
        if self.overwrite:
            doc.ents = filter_spans(spans)
        else:
            taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
            fresh = [s for s in filter_spans(spans) if not taken.intersection(range(s.start, s.end))]
            doc.ents = sorted(list(doc.ents) + fresh, key=lambda s: s.start)
        return doc


@Language.factory(
    "polner",
    default_config={
        "reference_date": None,
        "labels": None,
        "gazetteers": None,
        "alignment_mode": "expand",
        "overwrite": True,
        "n_threads": None,
    },
)
def make_polner(
    nlp: Language,
    name: str,
    reference_date: Optional[str],
    labels: Optional[List[str]],
    gazetteers: Optional[List[str]],
    alignment_mode: str,
    overwrite: bool,
    n_threads: Optional[int],
) -> PolnerComponent:
    """Factory for ``nlp.add_pipe("polner", config={...})``."""
    return PolnerComponent(
        nlp,
        name,
        reference_date=reference_date,
        labels=labels,
        gazetteers=gazetteers,
        alignment_mode=alignment_mode,
        overwrite=overwrite,
        n_threads=n_threads,
    )


