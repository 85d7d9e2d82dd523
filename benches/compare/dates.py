#!/usr/bin/env python3
"""Compare polner's dates and times with dateparser's `search_dates`.

Runs both on the DATE/TIME cases of tests/temporal_cases.tsv (positive and
negative), prints how many cases each gets right, then measures throughput
on a corpus and writes the table to benches/RESULTS-dates.md.

    python3 -m venv .venv && .venv/bin/pip install -r benches/compare/requirements.txt
    cargo build --release --example temporal_cases
    .venv/bin/python benches/compare/dates.py [--corpus DIR_OR_FILE]

polner runs as a subprocess reading JSON lines: the CLI
(`target/release/polner extract --input jsonl --format jsonl`) when it
exists, else the `temporal_cases` example.

Scoring, per case (a text with its reference date):
- strict: the DATE/TIME expressions found are exactly the expected ones,
  same span text (dateparser's fragments stripped of spaces and
  punctuation) and a value that agrees at the expected precision;
- lenient: every expected value is found by some fragment, whatever its
  span, and a negative case yields nothing.
Values dateparser cannot express (ranges, decades, weeks, quarters, `;mod=`,
`PRESENT_REF`) count as misses for it: a user needs them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "temporal_cases.tsv"
RESULTS = ROOT / "benches" / "RESULTS-dates.md"
LABELS = {"DATE", "TIME"}


def read_cases():
    """Groups of rows: (section, text, ref, [(span, label, value)])."""
    cases: dict[tuple[str, str], dict] = {}
    section = ""
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            s = line.lstrip("# ").strip()
            if s and not s[0].isupper() and not any(ch in s for ch in ":.,`=") and len(s) < 40:
                section = s
            continue
        if not line.strip():
            continue
        cols = line.split("\t")
        text, ref = cols[0], cols[1]
        key = (text, ref)
        case = cases.setdefault(
            key, {"section": section, "text": text, "ref": ref, "expected": [], "other": False}
        )
        for i in range(2, len(cols) - 2, 3):
            span, label, value = cols[i : i + 3]
            if span == "-":
                continue
            if label in LABELS:
                case["expected"].append((span, label, value))
            else:
                case["other"] = True
    # keep cases about dates and times, and negatives
    return [c for c in cases.values() if c["expected"] or not c["other"]]


def polner_command():
    cli = ROOT / "target" / "release" / "polner"
    if cli.exists():
        probe = subprocess.run(
            [str(cli), "extract", "--help"], capture_output=True, text=True
        )
        if probe.returncode == 0 and "jsonl" in probe.stdout:
            return [str(cli), "extract", "--input", "jsonl", "--format", "jsonl"]
    example = ROOT / "target" / "release" / "examples" / "temporal_cases"
    if not example.exists():
        sys.exit("build polner first: cargo build --release --example temporal_cases")
    return [str(example)]


def run_polner(cmd, records):
    inp = "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n"
    start = time.perf_counter()
    out = subprocess.run(cmd, input=inp, capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - start
    results = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    return results, elapsed


STRIP = " \t\n.,;:!?()\"'„”"


def matches_value(value: str, found: dt.datetime) -> bool:
    """Does dateparser's datetime agree with a TIMEX3 value?"""
    m = re.fullmatch(r"(\d{4}|XXXX)-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?", value)
    if m:
        y, mo, d, h, mi = m.groups()
        ok = found.month == int(mo) and found.day == int(d)
        if y != "XXXX":
            ok = ok and found.year == int(y)
        if h is not None:
            ok = ok and found.hour == int(h) and found.minute == int(mi)
        return ok
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m:
        return (found.year, found.month) == (int(m[1]), int(m[2]))
    m = re.fullmatch(r"XXXX-(\d{2})", value)
    if m:
        return found.month == int(m[1])
    m = re.fullmatch(r"(\d{4})", value)
    if m:
        return found.year == int(m[1])
    m = re.fullmatch(r"T(\d{2}):(\d{2})(?::(\d{2}))?", value)
    if m:
        return (found.hour, found.minute) == (int(m[1]), int(m[2]))
    return False


def score_dateparser(case, found):
    found = found or []
    expected = case["expected"]
    if not expected:
        return not found, not found
    lenient = all(any(matches_value(v, d) for _, d in found) for _, _, v in expected)
    strict = len(found) == len(expected) and all(
        frag.strip(STRIP) == span.strip(STRIP) and matches_value(v, d)
        for (frag, d), (span, _, v) in zip(found, expected)
    )
    return strict, lenient


def score_polner(case, entities):
    got = [
        (e["text"], e["label"], e["value"] if e["value"] is not None else "null")
        for e in entities
        if e["label"] in LABELS
    ]
    expected = case["expected"]
    strict = got == expected
    lenient = all(any(g[2] == v for g in got) for _, _, v in expected) and (
        bool(expected) or not got
    )
    return strict, lenient


def read_corpus(path: Path) -> list[str]:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.txt"))
        return [p.read_text(encoding="utf-8") for p in files]
    return [path.read_text(encoding="utf-8")]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, help="file or directory of .txt files for throughput")
    ap.add_argument("--corpus-name", help="how the results table names the corpus")
    ap.add_argument(
        "--dateparser-bytes",
        type=int,
        default=150_000,
        help="how much of the corpus dateparser reads (it is slow)",
    )
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args()

    import dateparser
    from dateparser.search import search_dates

    cmd = polner_command()
    cases = read_cases()
    records = [
        {"id": i, "text": c["text"], "reference_date": None if c["ref"] == "-" else c["ref"]}
        for i, c in enumerate(cases)
    ]
    results, _ = run_polner(cmd, records)
    by_id = {r["id"]: r["entities"] for r in results}

    sections: dict[str, list[int]] = {}
    totals = [0, 0, 0, 0]
    for i, c in enumerate(cases):
        p_strict, p_len = score_polner(c, by_id.get(i, []))
        settings = {}
        if c["ref"] != "-":
            settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(c["ref"])
        try:
            found = search_dates(c["text"], languages=["pl"], settings=settings)
        except Exception:  # dateparser raises on some inputs
            found = None
        d_strict, d_len = score_dateparser(c, found)
        row = sections.setdefault(c["section"], [0, 0, 0, 0, 0])
        for k, v in enumerate([p_strict, p_len, d_strict, d_len]):
            row[k] += int(v)
            totals[k] += int(v)
        row[4] += 1

    # throughput
    if args.corpus:
        docs = read_corpus(args.corpus)
        corpus_name = args.corpus_name or f"{len(docs)} documents from `{args.corpus.name}`"
    else:
        docs = [c["text"] for c in cases] * 50
        corpus_name = "the case sentences, 50 times"
    total_bytes = sum(len(d.encode()) for d in docs)
    recs = [{"id": i, "text": d, "reference_date": "2025-10-20"} for i, d in enumerate(docs)]

    def speed(command):
        # fastest of three runs (the machine may be shared), start-up (process
        # and resources, measured on an empty input) subtracted
        best = min(run_polner(command, recs)[1] for _ in range(3))
        start = min(run_polner(command, [{"id": 0, "text": ""}])[1] for _ in range(3))
        return total_bytes / max(best - start, 1e-9) / 1e6

    p_speed = speed(cmd)
    example = ROOT / "target" / "release" / "examples" / "temporal_cases"
    t_speed = speed([str(example), "--temporal-only"]) if example.exists() else None

    sub, size = [], 0
    for d in docs:
        if size >= args.dateparser_bytes:
            break
        sub.append(d)
        size += len(d.encode())
    base = dt.datetime(2025, 10, 20)
    start = time.perf_counter()
    for d in sub:
        try:
            search_dates(d, languages=["pl"], settings={"RELATIVE_BASE": base})
        except Exception:
            pass
    d_time = time.perf_counter() - start
    d_speed = size / d_time / 1e6

    n = len(cases)
    lines = [
        "# Dates and times: polner vs dateparser",
        "",
        f"Measured {dt.date.today().isoformat()} by `benches/compare/dates.py`"
        f" (polner via `{' '.join(Path(c).name if i == 0 else c for i, c in enumerate(cmd))}`,"
        f" dateparser {dateparser.__version__}, `search_dates(text, languages=['pl'])`"
        " with `RELATIVE_BASE` = the case's reference date).",
        "",
        f"## Cases ({n} DATE/TIME cases of `tests/temporal_cases.tsv`, negatives included)",
        "",
        "The cases are polner's own test table (`cargo test` requires every one to pass),"
        " so the polner columns confirm the binary agrees with the tests; the dateparser"
        " columns show which of these expressions it handles."
        " Strict: exactly the expected expressions, span and value. Lenient: every expected"
        " value found by some fragment; nothing found in negative cases. Sections with only"
        " MONEY/PERCENT rows keep just their negative cases (no date may be found).",
        "",
        "| section | cases | polner strict | polner lenient | dateparser strict | dateparser lenient |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, (ps, pl, ds, dl, cnt) in sections.items():
        lines.append(f"| {name} | {cnt} | {ps} | {pl} | {ds} | {dl} |")
    lines.append(
        f"| **all** | **{n}** | **{totals[0]}** | **{totals[1]}** | **{totals[2]}** | **{totals[3]}** |"
    )
    lines += [
        "",
        "## Throughput",
        "",
        f"Corpus: {corpus_name}, {total_bytes / 1e6:.2f} MB, one document per line of input"
        f" (dateparser on the first {size / 1e6:.2f} MB). polner: one process reading JSON"
        " lines, one thread, fastest of three runs, start-up subtracted; the full pipeline"
        " finds names too, `--temporal-only` runs what dates need (tokenizer, sentence"
        " splitter, temporal stage).",
        "",
        f"Machine load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs;"
        " on a busy machine absolute speeds are low and vary from run to run by a factor"
        " of about two, the ratio less so.",
        "",
        "| tool | MB/s | vs dateparser |",
        "|---|---:|---:|",
        f"| polner, full pipeline | {p_speed:.2f} | {p_speed / d_speed:.0f}× |",
    ]
    if t_speed is not None:
        lines.append(
            f"| polner, dates only (`--temporal-only`) | {t_speed:.2f} | {t_speed / d_speed:.0f}× |"
        )
    lines += [
        f"| dateparser `search_dates` | {d_speed:.4f} | 1× |",
        "",
        "Reproduce:",
        "",
        "```",
        "python3 -m venv .venv && .venv/bin/pip install -r benches/compare/requirements.txt",
        "cargo build --release --example temporal_cases",
        ".venv/bin/python benches/compare/dates.py --corpus DIR_OF_TXT_FILES",
        "```",
        "",
    ]
    table = "\n".join(lines)
    print(table)
    args.out.write_text(table, encoding="utf-8")
    print(f"written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
