#!/usr/bin/env bash
# What the dump step (entity_catalog, entity_links, quotations, quote_links) costs end to end:
# the same release binary run alternately with and without --no-dump on a ~1 GB dump built by
# ../shared/corpora/make_big.py (which repeats the corpora, as syndicated copies do). Prints
# the medians, and the step run alone (`newsframe resolve` over the tables just written) as a
# share of the extraction time (the issue asks for <= 10%).
#
#   bench/dump_cost.sh [BINARY] [ROUNDS]       (BENCH_BIG_DUMP to choose another dump)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/newsframe}; rounds=${2:-2}
dump=${BENCH_BIG_DUMP:-/tmp/newsframe-big-1000000000.jsonl}
if [ ! -f "$dump" ]; then
  (cd ../shared/corpora && python3 make_big.py --target-bytes 1000000000 --out "$dump")
fi
times=$(mktemp)
cat "$dump" > /dev/null
for _ in $(seq "$rounds"); do
  for mode in without with; do
    flag=(); [ "$mode" = without ] && flag=(--no-dump)
    /usr/bin/time -f "$mode %e %U %S %M" -a -o "$times" "$bin" extract "$dump" --out /tmp/newsframe-dump-cost \
      --overwrite --quiet "${flag[@]}"
  done
  # The step alone, over the tables just written: its own cost, free of the end-to-end noise.
  /usr/bin/time -f "resolve %e %U %S %M" -a -o "$times" "$bin" resolve /tmp/newsframe-dump-cost 2> /dev/null
done
python3 - "$times" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
med = {}
for mode in ("without", "with", "resolve"):
    runs = [(float(w), float(u) + float(s), int(m)) for k, w, u, s, m in rows if k == mode]
    med[mode] = statistics.median(w for w, _, _ in runs)
    print(f"{mode} the dump step: wall median {med[mode]:.2f} s, CPU median "
          f"{statistics.median(c for _, c, _ in runs):.2f} s, peak RSS max {max(m for _, _, m in runs) / 1024:.0f} MiB ({len(runs)} runs)")
share = (med["with"] - med["without"]) / med["without"]
print(f"end to end, with against without: {share:+.1%} (differences of a few % are this VM's noise)")
print(f"the dump step alone (resolve) against the extraction: {med['resolve'] / med['without']:.1%} (needs <= 10%)")
PY
rm -f "$times"
