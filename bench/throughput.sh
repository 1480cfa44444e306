#!/usr/bin/env bash
# End-to-end throughput of `newsframe extract` against its parse-only floor, with peak RSS.
#
#   bench/throughput.sh                # ~200 MB dump built from ../shared/corpora
#   BENCH_BYTES=1000000000 bench/throughput.sh   # ~1 GB, to check that RSS stays flat
#
# Both runs use the same release binary, input (from page cache) and thread count, one after
# the other in this script, so the ratio between them is what to read.
set -euo pipefail
cd "$(dirname "$0")/.."
bytes=${BENCH_BYTES:-200000000}
dump=${BENCH_DUMP:-/tmp/newsframe-bench-$bytes.jsonl}
out=${BENCH_OUT:-/tmp/newsframe-bench-out}
if [ ! -f "$dump" ]; then
  [ -f ../shared/corpora/make_big.py ] || { echo "needs ../shared/corpora/make_big.py" >&2; exit 1; }
  python3 ../shared/corpora/make_big.py --target-bytes "$bytes" --out "$dump"
fi
cargo build --release --quiet
bin=target/release/newsframe
echo "binary: $bin, $(( $(stat -c %s "$bin") / 1048576 )) MiB (the release profile has no debug info; see Cargo.toml)"
size=$(stat -c %s "$dump")
cat "$dump" > /dev/null  # warm the page cache for both runs alike

measure() {  # name, extra args...
  local name=$1; shift
  local log; log=$(mktemp)
  /usr/bin/time -v "$bin" extract "$dump" --out "$out-$name" --overwrite --quiet "$@" 2> "$log"
  local rss
  rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /,"",$2); print $2}' "$log")
  rm -f "$log"
  python3 - "$name" "$size" "$rss" "$out-$name/manifest.json" <<'PY'
import json, sys
name, size, rss, manifest = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), json.load(open(sys.argv[4]))
wall, totals = manifest["wall_seconds"], manifest["totals"]
print(f"{name:<12} {size/1e6/wall:8.1f} MB/s {totals['records_read']/wall:10.0f} articles/s {wall:7.2f} s  "
      f"peak RSS {rss/1024:7.1f} MiB  rejected {totals['records_rejected']}")
open(f"/tmp/newsframe-bench-{name}.wall", "w").write(f"{wall}\n")
PY
}

echo "input: $dump ($((size / 1000000)) MB), $(nproc) cores"
measure parse-only --parse-only
measure end-to-end
# The first, rule-based entity tagger on the same input, for what the trained one costs.
measure rules --entity-tagger rules
python3 -c "
f=float(open('/tmp/newsframe-bench-parse-only.wall').read()); e=float(open('/tmp/newsframe-bench-end-to-end.wall').read())
print(f'end-to-end takes {e/f:.1f}x the parse-only floor')"
