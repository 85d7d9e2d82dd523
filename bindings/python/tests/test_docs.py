"""The examples in the documentation run and print what they say."""

from __future__ import annotations

import doctest
import re
import subprocess
import sys
from pathlib import Path

import polner

HERE = Path(__file__).resolve().parent.parent


def test_package_docstring_examples() -> None:
    result = doctest.testmod(polner, verbose=False)
    assert result.attempted >= 3
    assert result.failed == 0


def test_readme_python_blocks_run() -> None:
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    assert len(blocks) >= 2
    first = blocks[0]
    out = subprocess.run([sys.executable, "-c", first], capture_output=True, text=True, check=True).stdout
    expected = [line[2:] for line in first.splitlines() if line.startswith("# ")]
    assert out.splitlines() == expected


def test_basic_example_runs() -> None:
    out = subprocess.run(
        [sys.executable, str(HERE / "examples" / "basic.py")], capture_output=True, text=True, check=True
    ).stdout
    assert "2025-10-15" in out and "Zielona Dolina" in out
