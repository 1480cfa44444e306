#!/usr/bin/env bash
# Rebuilds data/models/quote_rows.tsv, the quotes' attribution check, from PolNeAR train and the
# train half of our modern gold set (joined with its text from ../shared first; no text is
# written into the repository). The modern rows count 3 times: 42 articles against PolNeAR's
# 840, and they are the news users feed it. Then scores the result on both held-out sets.
# usage: scripts/train_quotes.sh [BIN]   (default target/release/newsframe)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/newsframe}
shared=../shared/eval
modern=target/quotes-modern-train.jsonl
python3 scripts/quotes_modern.py join "$modern" --split train
"$bin" train quotes --gold "$shared/polnear/train.jsonl" --weight 1 --gold "$modern" --weight 3 \
  --out data/models/quote_rows.tsv
# The file names where the rows came from, not this machine's paths.
sed -i "s|$modern|quotes_modern.jsonl train half (scripts/quotes_modern.py join)|; s|$shared/|../shared/eval/|" \
  data/models/quote_rows.tsv
echo "rebuild (cargo build --release) to ship it; score a file before that with:"
echo "  $bin eval quotes --gold GOLD.jsonl --quote-model data/models/quote_rows.tsv"
