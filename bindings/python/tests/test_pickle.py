"""Pickling: extractors travel by configuration, documents by value."""

from __future__ import annotations

import multiprocessing
import pickle
from pathlib import Path

import polner


def test_extractor_round_trip(ex: polner.Extractor, texts: list[str]) -> None:
    clone = pickle.loads(pickle.dumps(ex))
    assert isinstance(clone, polner.Extractor)
    assert clone.config == ex.config
    assert repr(clone) == repr(ex)
    for t in texts[:50]:
        assert clone.extract(t).to_json() == ex.extract(t).to_json()


def test_all_options_survive(gazetteer: tuple[str, str]) -> None:
    ex = polner.Extractor("2024-02-29", ["LOC", "DATE"], [gazetteer], builtin_gazetteers=False, topics=False, topics_k=3)
    clone = pickle.loads(pickle.dumps(ex, protocol=pickle.HIGHEST_PROTOCOL))
    assert clone.config == {
        "reference_date": "2024-02-29",
        "labels": ["LOC", "DATE"],
        "gazetteers": ["test.tsv"],
        "builtin_gazetteers": False,
        "topics": False,
        "topics_k": 3,
    }
    doc = clone.extract("Adam Wiśniewski był wczoraj w Zielonej Dolinie.")
    assert [(e.label, e.value) for e in doc.entities] == [("DATE", "2024-02-28"), ("LOC", None)]


def test_topics_k_by_part_survives() -> None:
    ex = polner.Extractor(topics_k={"keyphrases": 0, "entities": 2})
    clone = pickle.loads(pickle.dumps(ex))
    assert clone.config["topics_k"] == {"keyphrases": 0, "categories": 3, "entities": 2}
    assert repr(clone) == repr(ex) == "Extractor(topics_k={'keyphrases': 0, 'categories': 3, 'entities': 2})"
    text = "Mecz w Gdańsku: Lechia pokonała Legię, a kibice w Gdańsku świętowali."
    topics = clone.extract(text).to_dict()["topics"]
    assert topics["keyphrases"] == []
    assert [c["name"] for c in topics["categories"]] == ["sport"]
    assert len(topics["entities"]) == 2
    # the same number for every part reads back as that number
    assert polner.Extractor(topics_k={"keyphrases": 4, "categories": 4, "entities": 4}).config["topics_k"] == 4


def test_gazetteer_file_travels_as_text(tmp_path: Path, gazetteer: tuple[str, str]) -> None:
    path = tmp_path / "g.tsv"
    path.write_text(gazetteer[1], encoding="utf-8")
    data = pickle.dumps(polner.Extractor(gazetteers=[path], builtin_gazetteers=False))
    path.unlink()  # a worker machine does not have the file
    clone = pickle.loads(data)
    assert [e.lemma for e in clone.extract("W Borze Małym.").entities] == ["Bór Mały"]


def test_document_and_entity_round_trip(ex: polner.Extractor, texts: list[str]) -> None:
    for t in texts[:30]:
        doc = ex.extract(t)
        clone = pickle.loads(pickle.dumps(doc))
        assert clone.text == doc.text
        assert clone.to_json() == doc.to_json()
        assert clone.entities == doc.entities
        assert clone.sentences == doc.sentences
        assert clone.to_conll() == doc.to_conll()
    e = ex.extract("Zielona Dolina").entities[0]
    assert pickle.loads(pickle.dumps(e)) == e


def _count(args: tuple[polner.Extractor, str]) -> int:
    extractor, text = args
    return len(extractor.extract(text).entities)


def test_extractor_in_worker_processes(ex: polner.Extractor, texts: list[str]) -> None:
    sample = texts[:12]
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        counts = pool.map(_count, [(ex, t) for t in sample])
        docs = pool.map(ex.extract, sample)
    assert counts == [len(ex.extract(t).entities) for t in sample]
    assert [d.to_json() for d in docs] == [ex.extract(t).to_json() for t in sample]
