#!/usr/bin/env bash
# Builds the polner Python package and runs every Python-side check, on a
# fresh machine as on a developer's: a venv in bindings/python/.venv, the
# wheel built from source with maturin, pytest (including the spaCy, Spark
# and notebook tests), and mypy --strict over the examples and the notebook.
#
#   bash bindings/python/test.sh            # from anywhere
#   PYTHON=python3.12 bash bindings/python/test.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
PYTHON="${PYTHON:-python3}"
VENV="$HERE/.venv"
export SPARK_LOCAL_IP=127.0.0.1
export PIP_DISABLE_PIP_VERSION_CHECK=1

step() { printf '\n== %s  [%ss]\n' "$*" "$SECONDS"; }

step "venv ($VENV)"
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
PY="$VENV/bin/python"
"$PY" -c 'import sys; assert sys.version_info >= (3, 9), sys.version'
"$PY" -m pip install -q --upgrade pip

step "test dependencies"
"$PY" -m pip install -q maturin pytest nbclient nbformat ipykernel mypy \
    "numpy>=2" "pandas>=2,<3" pandas-stubs "pyarrow>=18" pyspark
if ! "$PY" -m pip install -q "spacy>=3.5,<4"; then
    echo "note: no spaCy wheel installs here; the spaCy tests will be skipped"
fi

step "build and install the wheel"
# The same path as `pip install ./bindings/python` for a user: maturin builds
# the extension (release profile) and pip installs it into the venv.
"$PY" -m pip install -q --force-reinstall --no-deps .
"$PY" -c 'import polner; print("polner", polner.__version__, "from", polner.__file__)'

step "pytest"
if ! command -v java >/dev/null 2>&1; then
    echo "note: Java is not installed; the Spark test will be skipped"
fi
"$PY" -m pytest -q -rs tests

step "mypy --strict on the examples, the spaCy component and the notebook"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
"$PY" - "$TMP/quickstart_notebook.py" <<'PYEOF'
import sys
import nbformat

nb = nbformat.read("examples/quickstart.ipynb", as_version=4)
cells = [c.source for c in nb.cells if c.cell_type == "code"]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("\n\n".join(cells) + "\n")
PYEOF
"$PY" -m mypy --strict examples/*.py bench.py python/polner/spacy.py "$TMP/quickstart_notebook.py"

step "stubtest: the stubs match the compiled module"
"$PY" -m mypy.stubtest polner

echo
echo "bindings/python: all checks passed in ${SECONDS}s"
