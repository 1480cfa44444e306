#!/usr/bin/env bash
# The whole test suite: the Rust tests, then the notebooks and DuckDB views on the sample dump,
# in a throwaway venv with pinned packages (tests/python/requirements.txt), the pandas readers,
# the Python package and its Spark layer. Needs cargo, python3 (with venv and pip, and access to
# PyPI the first time) and Java 17 for Spark.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each stage says when it starts and how long the suite has run (CI prints this).
stage() { echo "== $1 (at ${SECONDS}s)"; }
stage "cargo test"

cargo test

stage "python venv and DuckDB views"
venv=${NEWSFRAME_TEST_VENV:-target/test-venv}
if [ ! -x "$venv/bin/python" ] || ! cmp -s tests/python/requirements.txt "$venv/requirements.txt"; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/python/requirements.txt
  cp tests/python/requirements.txt "$venv/requirements.txt"
fi

bin=target/debug/newsframe
runs=target/sample-runs
"$bin" extract --out "$runs/files" --overwrite --quiet
"$bin" extract --out "$runs/dataset" --partition-by date --overwrite --quiet
"$venv/bin/python" tests/python/test_views.py "$runs/files" "$runs/dataset"

stage "pandas readers"
# Every table loads with plain pandas: the pinned pandas 3 and pyarrow, then pandas 2.2 on
# pyarrow 15 in a venv of their own.
"$bin" extract --out "$runs/csv" --format csv --overwrite --quiet
"$bin" schema --json > "$runs/schema.json"
"$venv/bin/python" tests/python/test_pandas.py "$runs/schema.json" "$runs/files" "$runs/dataset" "$runs/csv"
pandas2=$(scripts/venv.sh pandas2 tests/python/requirements-pandas2.txt)
"$pandas2" tests/python/test_pandas.py "$runs/schema.json" "$runs/files" "$runs/dataset" "$runs/csv"

stage "python package"
# The Python package (python/) against the CLI. Built in the dev profile, it reuses what
# `cargo test` compiled above (a user's `pip install ./python` builds release).
venv_bin=$(cd "$venv/bin" && pwd)
PATH="$venv_bin:$PATH" MATURIN_PEP517_ARGS="--profile dev" "$venv/bin/pip" install --quiet \
  --disable-pip-version-check --no-build-isolation --force-reinstall --no-deps ./python
NEWSFRAME_BIN="$bin" "$venv/bin/python" -m pytest -q -p no:cacheprovider tests/python/test_package.py
stage "spark"
# newsframe.spark on a local Spark (local[2]; pyspark from the venv, Java 17 from the machine).
NEWSFRAME_BIN="$bin" "$venv/bin/python" -m pytest -q -p no:cacheprovider \
  -W "ignore:PySpark does not yet fully support pandas" tests/python/test_spark.py

stage "eval checks"
# `newsframe eval quotes` must print exactly what the shared scorer prints (when ../shared is here).
gold=../shared/eval/polnear/dev.jsonl
if [ -f "$gold" ]; then
  "$bin" extract "$gold" --out "$runs/polnear-dev" --overwrite --quiet
  if diff <("$bin" eval quotes --gold "$gold") <("$venv/bin/python" ../shared/eval/score_quotes.py "$gold" "$runs/polnear-dev"); then
    echo "eval quotes: 1 passed, 0 failed"
  else
    echo "eval quotes: 0 passed, 1 failed"; exit 1
  fi
else
  echo "eval quotes: skipped (no ../shared/eval)"
fi

# The modern gold set (ids and offsets in data/eval/quotes_modern.jsonl) joins with the shared
# text, every span slicing to what was annotated; newsframe's eval prints the scorer's lines,
# then the speaker name and kind lines.
if [ -f ../shared/corpora/guardian_capi.jsonl ] && [ -f ../shared/eval/aeb_dev/ground-truth.json ]; then
  python3 scripts/quotes_modern.py check
  python3 scripts/entities_modern.py check
  python3 scripts/quotes_modern.py join "$runs/quotes_modern.jsonl"
  "$bin" extract "$runs/quotes_modern.jsonl" --out "$runs/modern" --overwrite --quiet
  "$bin" eval quotes --gold "$runs/quotes_modern.jsonl" > "$runs/modern-eval.txt"
  if diff <(head -n 6 "$runs/modern-eval.txt") <("$venv/bin/python" ../shared/eval/score_quotes.py "$runs/quotes_modern.jsonl" "$runs/modern") \
    && grep -q "^speaker_name exact" "$runs/modern-eval.txt" && grep -q "^speaker_kind" "$runs/modern-eval.txt"; then
    echo "eval quotes (modern): 1 passed, 0 failed"
  else
    echo "eval quotes (modern): 0 passed, 1 failed"; exit 1
  fi
else
  echo "eval quotes (modern): skipped (no ../shared)"
fi

stage "corpora through both taggers"
# Every real article in ../shared goes through both taggers without an extractor failure (a
# panic inside one article is caught and rejected as "internal error"; none may happen here).
corpora=(../shared/corpora/bbc.jsonl ../shared/corpora/guardian_capi.jsonl ../shared/corpora/reuters21578.jsonl
  ../shared/corpora/format_samples ../shared/eval/polnear/train.jsonl ../shared/eval/polnear/dev.jsonl)
if [ -f "${corpora[0]}" ]; then
  for tagger in rules statistical; do
    "$bin" extract "${corpora[@]}" --out "$runs/corpora-$tagger" --overwrite --quiet --entity-tagger "$tagger"
    "$venv/bin/python" - "$runs/corpora-$tagger" "$tagger" <<'PY'
import sys, polars as pl
rejects = pl.read_parquet(f"{sys.argv[1]}/rejects.parquet")
failures = rejects.filter(pl.col("reason").str.contains("internal error"))
print(f"corpora ({sys.argv[2]}): {len(rejects)} rejects, {len(failures)} extractor failures")
if len(failures):
    print(failures)
    sys.exit(1)
PY
  done
else
  echo "corpora: skipped (no ../shared/corpora)"
fi

stage "notebooks"
rm -rf target/notebooks
# Every notebook runs top to bottom; the executed copies, with their plots, land in target/.
NEWSFRAME_OUT="$PWD/$runs/files" NEWSFRAME_DATASET="$PWD/$runs/dataset" \
  "$venv/bin/jupyter" nbconvert --to notebook --execute notebooks/*.ipynb \
  --output-dir target/notebooks --ExecutePreprocessor.timeout=300 2>&1 | grep -v "without encryption" || true
n_nb=$(ls notebooks/*.ipynb | wc -l)
n_ok=$(ls target/notebooks/*.ipynb 2>/dev/null | wc -l)
echo "notebooks: $n_ok passed, $((n_nb - n_ok)) failed"
[ "$n_ok" -eq "$n_nb" ]
echo "== all passed in ${SECONDS}s"
