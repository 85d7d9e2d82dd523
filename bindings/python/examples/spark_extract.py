"""Extract entities from a Spark DataFrame of texts with polner.

Reads a table with a document id and a text column, runs polner on the
executors with ``mapInPandas`` and writes one row per entity:
``(doc_id, label, lemma, start, end, text, value)``, with ``start``/``end``
as character offsets into the text.

How it scales: the ``Extractor`` built on the driver is captured by the
function Spark ships to the executors. It pickles by its configuration (the
gazetteers travel as their text, so executors need no files) and unpickling
compiles it once per executor Python process and reuses it for every later
batch, so there is one extractor per process, not one per row or per task.

Run locally (a small built-in sample when no ``--input`` is given)::

    python spark_extract.py --output /tmp/entities
    python spark_extract.py --input news.parquet --id-column id --text-column body --output out/

On a cluster, submit the same file with ``spark-submit`` (see README.md).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from typing import Optional

import pandas as pd
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

import polner

#: The schema of the output table.
ENTITY_SCHEMA = "doc_id string, label string, lemma string, start int, end int, text string, value string"

SAMPLE = [
    ("a1", "Prezydent Krakowa spotkał się 15 października z przedstawicielami Unii Europejskiej."),
    ("a2", "W Gdańsku 😀 otwarto nowy most.\r\nMieszkańcy Poznania przyjechali 3 maja 2025 r."),
    ("a3", "Dzisiaj nic się nie wydarzyło."),
    ("a4", None),
    ("a5", "Warszawa i Wrocław podpisały porozumienie z NATO 20.10.2025."),
]


def entity_rows(extractor: polner.Extractor, batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Turns batches of ``(doc_id, text)`` rows into batches of entity rows."""
    columns = ["doc_id", "label", "lemma", "start", "end", "text", "value"]
    for batch in batches:
        ids = batch["doc_id"].tolist()
        texts = ["" if t is None else str(t) for t in batch["text"].tolist()]
        # Spark already runs one Python worker per core: one thread each.
        docs = extractor.extract_batch(texts, n_threads=1)
        rows = [
            (doc_id, e.label, e.lemma, e.start, e.end, e.text, e.value)
            for doc_id, doc in zip(ids, docs)
            for e in doc.entities
        ]
        frame = pd.DataFrame(rows, columns=columns)
        yield frame.astype({"start": "int32", "end": "int32"})


def extract_entities(
    df: DataFrame,
    extractor: polner.Extractor,
    id_column: str = "doc_id",
    text_column: str = "text",
) -> DataFrame:
    """A DataFrame of entities, one row per entity, for a DataFrame of texts."""

    def run(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        return entity_rows(extractor, batches)

    texts = df.select(
        F.col(id_column).cast("string").alias("doc_id"),
        F.col(text_column).cast("string").alias("text"),
    )
    return texts.mapInPandas(run, schema=ENTITY_SCHEMA)


def local_session(master: str = "local[2]") -> SparkSession:
    """A quiet local session that listens on the loopback interface only."""
    spark = (
        SparkSession.builder.master(master)
        .appName("polner-extract")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", help="a Parquet file or directory of texts (default: a small sample)")
    parser.add_argument("--output", required=True, help="where to write the entity table (Parquet)")
    parser.add_argument("--id-column", default="doc_id")
    parser.add_argument("--text-column", default="text")
    parser.add_argument("--reference-date", help="YYYY-MM-DD for relative dates")
    parser.add_argument("--master", help="Spark master; default: spark-submit's, else local[2]")
    args = parser.parse_args(argv)

    # Under spark-submit the JVM gateway is already up and the master comes
    # from the command line; run as a plain script, start a local session.
    under_spark_submit = "PYSPARK_GATEWAY_PORT" in os.environ
    if args.master or not under_spark_submit:
        spark = local_session(args.master or "local[2]")
    else:  # pragma: no cover - on a cluster
        spark = SparkSession.builder.appName("polner-extract").getOrCreate()
    if args.input:
        df = spark.read.parquet(args.input)
    else:
        df = spark.createDataFrame(SAMPLE, schema="doc_id string, text string").repartition(2)

    extractor = polner.Extractor(reference_date=args.reference_date)
    entities = extract_entities(df, extractor, args.id_column, args.text_column)
    entities.write.mode("overwrite").parquet(args.output)
    print(f"wrote {spark.read.parquet(args.output).count()} entities to {args.output}")
    spark.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
