#!/usr/bin/env bash
# A throwaway venv with pinned packages for the scripts that need more than the standard library:
# target/venv-NAME, built from a requirements file with python3 -m venv and pip, and rebuilt when
# that file changes (kept as target/venv-NAME/requirements.txt and compared, as scripts/test.sh
# does with its own venv). Prints the venv's python as an absolute path; progress goes to stderr.
#
#   scripts/venv.sh NAME [REQUIREMENTS_FILE]
#   py=$(scripts/venv.sh eval) && "$py" ../shared/eval/score_quotes.py GOLD OUT
#   scripts/venv.sh eval && target/venv-eval/bin/python scripts/source_report.py OUT
#
# Names with their own requirements file (REQUIREMENTS_FILE may be left out for these):
#   eval      tests/python/requirements.txt       polars, pyarrow, duckdb: the ../shared/eval
#             scorers on Parquet output, and the scripts/*.py that read newsframe's tables
#   bench     bench/requirements.txt              trafilatura, for bench/html.sh
#   clusters  scripts/requirements-clusters.txt   gensim, scikit-learn, scipy, numpy, for
#             scripts/build_clusters.py
# Needs python3 with venv and pip, and access to PyPI the first time (a few minutes).
set -euo pipefail
name=${1:?usage: scripts/venv.sh NAME [REQUIREMENTS_FILE]}
root=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -ge 2 ]; then
  reqs=$(realpath "$2")
else
  case $name in
    eval) reqs=$root/tests/python/requirements.txt ;;
    bench) reqs=$root/bench/requirements.txt ;;
    clusters) reqs=$root/scripts/requirements-clusters.txt ;;
    *) echo "scripts/venv.sh: no requirements file known for '$name': give one" >&2; exit 2 ;;
  esac
fi
[ -f "$reqs" ] || { echo "scripts/venv.sh: $reqs not found" >&2; exit 2; }
venv=$root/target/venv-$name
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$reqs" "$venv/requirements.txt"; then
  echo "scripts/venv.sh: building $venv from ${reqs#"$root"/} (pip, from PyPI)" >&2
  rm -rf "$venv"
  mkdir -p "$root/target"
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$reqs" >&2
  cp "$reqs" "$venv/requirements.txt"
fi
echo "$venv/bin/python"
