#!/usr/bin/env bash
# Article extraction from raw HTML: newsframe against trafilatura (Python), side by side on the
# article-extraction-benchmark dev pages, both pinned to one core, both scored by the shared
# scorer.
#
#   bench/html.sh                  # pages repeated 20x for newsframe, 2x for trafilatura
#   REPEAT=50 bench/html.sh
#
# newsframe reads the .html.gz files (decompression included in its time); trafilatura gets the
# pages already decompressed in memory. newsframe is timed twice: the whole job (extraction + quotes, entities, sources, Parquet) and
# --parse-only (decode, charset, HTML extraction, metadata; no downstream extractors).
# trafilatura (bench/requirements.txt) and the scorer's polars (tests/python/requirements.txt) are
# installed from PyPI into throwaway venvs under target/ (scripts/venv.sh bench, eval).
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${PAGES:-../shared/eval/aeb_dev/html}
truth=${TRUTH:-../shared/eval/aeb_dev/ground-truth.json}
repeat=${REPEAT:-20}
traf_repeat=${TRAF_REPEAT:-2}
work=${BENCH_WORK:-/tmp/newsframe-bench-html}
[ -d "$pages" ] || { echo "bench/html.sh: $pages not found (needs ../shared)" >&2; exit 1; }

cargo build --release --quiet
bin=$PWD/target/release/newsframe
traf_py=$(scripts/venv.sh bench)
score_py=$(scripts/venv.sh eval)

rm -rf "$work" && mkdir -p "$work/pages"
n_pages=0
for f in "$pages"/*.html.gz; do
  for r in $(seq 1 "$repeat"); do
    ln -s "$(realpath "$f")" "$work/pages/r$r-$(basename "$f")"
  done
  n_pages=$((n_pages + 1))
done
total=$((n_pages * repeat))
cat "$pages"/*.html.gz > /dev/null

echo "== quality (dev, $n_pages pages, shared scorer)"
"$bin" extract "$pages" --out "$work/nf-once" --overwrite --quiet
printf 'newsframe    '; "$score_py" ../shared/eval/score_body.py "$truth" "$work/nf-once"

# trafilatura twice: body only (its default), and body + metadata as JSON, which is what
# newsframe produces (text, title, author, date, site name, language).
"$traf_py" - "$pages" "$work/traf" "$traf_repeat" <<'EOF' > "$work/traf.time"
import csv, gzip, os, sys, time
import trafilatura
src, out, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(out, exist_ok=True)
pages = [(f, gzip.open(os.path.join(src, f)).read()) for f in sorted(os.listdir(src))]
os.sched_setaffinity(0, {0})
for kwargs in ({}, {"with_metadata": True, "output_format": "json"}):
    start = time.perf_counter()
    for _ in range(repeat):
        texts = [(f, trafilatura.extract(html, **kwargs) or "") for f, html in pages]
    seconds = time.perf_counter() - start
    if not kwargs:
        with open(os.path.join(out, "texts.csv"), "w", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["article_id", "text"])
            w.writerows(texts)
    print(len(pages) * repeat, seconds, end=" ")
print()
EOF
printf 'trafilatura  '; "$score_py" ../shared/eval/score_body.py "$truth" "$work/traf"

echo "== speed (one core each; newsframe $total pages, trafilatura $((n_pages * traf_repeat)) pages)"
time_nf() {  # name, extra args...
  local name=$1; shift
  taskset -c 0 "$bin" extract "$work/pages" --out "$work/nf-$name" --overwrite --quiet -j 1 "$@"
  python3 -c "import json;m=json.load(open('$work/nf-$name/manifest.json'));print(m['totals']['articles_written'], m['wall_seconds'])"
}
read -r nf_pages nf_s < <(time_nf full)
read -r nfp_pages nfp_s < <(time_nf parse --parse-only)
read -r tr_pages tr_s trm_pages trm_s < "$work/traf.time"
python3 - "$nf_pages" "$nf_s" "$nfp_pages" "$nfp_s" "$tr_pages" "$tr_s" "$trm_pages" "$trm_s" <<'EOF'
import sys
nf, nfs, nfp, nfps, tr, trs, trm, trms = (float(x) for x in sys.argv[1:])
body, meta = tr / trs, trm / trms
print(f"{'system (one core)':<64} {'pages/s':>8}  {'vs body-only':>12}  {'vs body+metadata':>16}")
rows = [("trafilatura 2.0, body only (default)", body),
        ("trafilatura 2.0, body + metadata as JSON", meta),
        ("newsframe, HTML extraction + metadata (--parse-only)", nfp / nfps),
        ("newsframe, whole job (+ quotes, entities, sources, Parquet)", nf / nfs)]
for name, rate in rows:
    print(f"{name:<64} {rate:8.1f}  {rate / body:11.1f}x  {rate / meta:15.1f}x")
EOF
