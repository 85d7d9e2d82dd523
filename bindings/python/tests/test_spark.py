"""The Spark example, run in local mode on its small sample DataFrame."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import polner

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _missing() -> str | None:
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "Java is not installed: Spark needs a JVM (Java 17+)"
    for module in ("pyspark", "pandas", "pyarrow"):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed (pip install 'polner[spark]')"
    return None


@pytest.mark.skipif(_missing() is not None, reason=_missing() or "")
def test_spark_example_writes_the_entity_table(tmp_path: Path) -> None:
    import pandas as pd

    sys.path.insert(0, str(EXAMPLES))
    try:
        import spark_extract
    finally:
        sys.path.remove(str(EXAMPLES))

    out = tmp_path / "entities"
    env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1", PYSPARK_PYTHON=sys.executable)
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "spark_extract.py"), "--output", str(out), "--reference-date", "2025-10-20"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]

    table = pd.read_parquet(out)
    assert list(table.columns) == ["doc_id", "label", "lemma", "start", "end", "text", "value"]
    got = sorted(
        (r.doc_id, r.label, r.lemma, int(r.start), int(r.end), r.text, None if pd.isna(r.value) else r.value)
        for r in table.itertuples()
    )
    ex = polner.Extractor(reference_date="2025-10-20")
    want = sorted(
        (doc_id, e.label, e.lemma, e.start, e.end, e.text, e.value)
        for doc_id, text in spark_extract.SAMPLE
        for e in ex.extract(text or "").entities
    )
    assert got == want
    assert len(want) >= 5
    texts = dict(spark_extract.SAMPLE)
    for doc_id, _, _, start, end, text, _ in got:
        assert (texts[doc_id] or "")[start:end] == text
    assert f"wrote {len(want)} entities" in result.stdout
