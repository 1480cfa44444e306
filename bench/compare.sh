#!/usr/bin/env bash
# Two release binaries, run alternately on the same dump, to compare what one change costs or
# saves end to end: medians of wall and CPU (user + system) seconds per binary.
#
#   bench/compare.sh OLD_BINARY NEW_BINARY [ROUNDS] [extract options...]
#   bench/compare.sh /tmp/newsframe-before target/release/newsframe 3 --entity-tagger statistical
#
# Uses the dump bench/throughput.sh builds (BENCH_DUMP to choose another). Alternating the two
# spreads this VM's drifting speed over both; read differences below ~3% as noise.
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1; new=$2; rounds=${3:-3}; shift $(($# < 3 ? $# : 3))
dump=${BENCH_DUMP:-/tmp/newsframe-bench-200000000.jsonl}
[ -f "$dump" ] || { echo "no dump at $dump: run bench/throughput.sh first" >&2; exit 1; }
times=$(mktemp)
cat "$dump" > /dev/null
for _ in $(seq "$rounds"); do
  for bin in "$old" "$new"; do
    /usr/bin/time -f "$bin %e %U %S" -a -o "$times" "$bin" extract "$dump" --out /tmp/newsframe-compare \
      --overwrite --quiet "$@"
  done
done
python3 - "$times" "$old" "$new" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
for bin in sys.argv[2:]:
    runs = [(float(w), float(u) + float(s)) for b, w, u, s in rows if b == bin]
    print(f"{bin}: wall median {statistics.median(w for w, _ in runs):.2f} s, "
          f"CPU median {statistics.median(c for _, c in runs):.2f} s ({len(runs)} runs)")
PY
rm -f "$times"
