#!/bin/bash
# Scores the entity tagger on every entity set we have: CoNLL-2003 dev, UNER PUD news (modern
# news sentences) and both halves of our modern set (data/eval/entities_modern.jsonl joined
# with the ../shared text it points into).
# usage: scripts/eval_entities.sh [BINARY [EXTRACT_OPTION...]]   (default target/release/newsframe)
# Prints one line per set: PER+ORG+LOC F1, then PER, ORG and LOC F1 (exact span and type).
set -euo pipefail
cd "$(dirname "$0")/.."
nf=${1:-target/release/newsframe}
shift || true
shared=../shared/eval
[ -d "$shared" ] || { echo "skipped: ../shared is absent"; exit 0; }
py=$(scripts/venv.sh eval)  # the scorer reads Parquet: polars, pinned in tests/python/requirements.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 scripts/entities_modern.py join "$tmp/modern-train.jsonl" --split train >/dev/null
python3 scripts/entities_modern.py join "$tmp/modern-test.jsonl" --split test >/dev/null
for pair in "conll-dev:$shared/conll2003/dev.jsonl" "uner-pud:$shared/uner_pud_news/news.jsonl" \
    "modern-train:$tmp/modern-train.jsonl" "modern-test:$tmp/modern-test.jsonl"; do
  name=${pair%%:*}
  gold=${pair#*:}
  "$nf" extract "$gold" --out "$tmp/$name" --overwrite "$@" >/dev/null 2>&1
  printf "%-13s " "$name"
  "$py" "$shared/score_entities.py" "$gold" "$tmp/$name" | tail -1
done
