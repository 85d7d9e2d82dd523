"""Batch and streaming extraction, and sharing one extractor between threads."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import polner


def summary(doc: polner.Document) -> list[tuple[int, int, str, str, str | None]]:
    return [(e.start, e.end, e.label, e.lemma, e.value) for e in doc.entities]


def test_batch_equals_one_by_one(ex: polner.Extractor, texts: list[str]) -> None:
    one_by_one = [ex.extract(t).to_json() for t in texts]
    for n_threads in (None, 1, 2, 3):
        batch = ex.extract_batch(texts, n_threads=n_threads)
        assert [d.to_json() for d in batch] == one_by_one, n_threads
        assert all(d.text is t for d, t in zip(batch, texts))
    assert sum(len(ex.extract(t).entities) for t in texts) > len(texts)


def test_batch_accepts_any_iterable_and_date(ex: polner.Extractor, texts: list[str]) -> None:
    gen = (t for t in texts[:20])
    assert [d.text for d in ex.extract_batch(gen)] == texts[:20]
    assert ex.extract_batch([]) == []
    dated = ex.extract_batch(["Spotkanie było wczoraj."] * 3, date="2001-01-01")
    assert [d.entities[0].value for d in dated] == ["2000-12-31"] * 3


def test_pipe_streams_in_order(ex: polner.Extractor, texts: list[str]) -> None:
    expected = [summary(ex.extract(t)) for t in texts]
    for batch_size in (1, 7, 1000):
        docs = ex.pipe(iter(texts), batch_size=batch_size, n_threads=2)
        assert [summary(d) for d in docs] == expected


def test_pipe_is_lazy(ex: polner.Extractor) -> None:
    pulled = []

    def source():  # type: ignore[no-untyped-def]
        for i in range(10):
            pulled.append(i)
            yield f"Tekst numer {i} z Zielonej Doliny."

    docs = ex.pipe(source(), batch_size=4)
    first = next(docs)
    assert first.text == "Tekst numer 0 z Zielonej Doliny."
    assert pulled == [0, 1, 2, 3]
    assert len(list(docs)) == 9


def test_pipe_as_tuples(ex: polner.Extractor) -> None:
    items = [("Zielona Dolina", {"id": 1}), ("Bór Mały", {"id": 2})]
    out = list(ex.pipe(items, as_tuples=True))
    assert [(d.entities[0].lemma, ctx["id"]) for d, ctx in out] == [("Zielona Dolina", 1), ("Bór Mały", 2)]
    assert out[0][1] is items[0][1]


def test_batch_error_names_the_index(ex: polner.Extractor) -> None:
    with pytest.raises(TypeError, match=r"texts\[2\] must be str, not int"):
        ex.extract_batch(["a", "b", 3, "d"])
    with pytest.raises(ValueError, match=r"texts\[1\]"):
        ex.extract_batch(["a", "lone \ud800 surrogate"])
    with pytest.raises(TypeError, match="not a single str"):
        ex.extract_batch("Zielona Dolina")
    with pytest.raises(TypeError, match=r"texts\[5\] must be str, not bytes"):
        list(ex.pipe(["x"] * 5 + [b"y"], batch_size=2))
    with pytest.raises(TypeError, match=r"texts\[1\] must be a \(text, context\) pair"):
        list(ex.pipe([("a", 1), "b"], as_tuples=True))
    with pytest.raises(ValueError, match="n_threads"):
        ex.extract_batch(["a"], n_threads=0)
    with pytest.raises(ValueError, match="batch_size"):
        ex.pipe(["a"], batch_size=0)


def test_one_extractor_shared_by_threads(ex: polner.Extractor, texts: list[str]) -> None:
    expected = {t: summary(ex.extract(t)) for t in texts}
    errors: list[str] = []
    barrier = threading.Barrier(8)

    def work(offset: int) -> int:
        barrier.wait()
        checked = 0
        for i in range(len(texts)):
            t = texts[(i + offset * 37) % len(texts)]
            if offset % 2:
                got = summary(ex.extract(t))
            else:
                got = summary(ex.extract_batch([t, t], n_threads=2)[1])
            if got != expected[t]:
                errors.append(t)
            checked += 1
        return checked

    with ThreadPoolExecutor(8) as pool:
        counts = list(pool.map(work, range(8)))
    assert counts == [len(texts)] * 8
    assert errors == []


def test_gil_is_released_during_batch(ex: polner.Extractor, texts: list[str]) -> None:
    # While one thread runs a long batch, another Python thread keeps running.
    ticks = 0
    done = threading.Event()

    def ticker() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1

    thread = threading.Thread(target=ticker)
    thread.start()
    try:
        while ticks == 0:
            pass
        before = ticks
        ex.extract_batch(texts * 5, n_threads=1)
        during = ticks - before
    finally:
        done.set()
        thread.join()
    # Had the call kept the GIL, the ticker could not have run meanwhile.
    assert during > 1000
