#!/usr/bin/env bash
# CC-NEWS-style WARC streaming: pages/s and peak RSS for a 200 MB and a 1 GB (compressed) WARC,
# one gzip member per record, built by bench/make_warc.py from the pages in ../shared. RSS must
# stay flat as the input grows.
#
#   bench/warc.sh
#   SIZES="1000000000" bench/warc.sh
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-"200000000 1000000000"}
cargo build --release --quiet
bin=target/release/newsframe
printf '%-12s %10s %10s %12s %10s\n' "input" "pages" "seconds" "pages/s" "peak RSS"
for bytes in $sizes; do
  warc=/tmp/newsframe-bench-$bytes.warc.gz
  [ -f "$warc" ] || python3 bench/make_warc.py --target-bytes "$bytes" --out "$warc" > /dev/null
  log=$(mktemp)
  /usr/bin/time -v "$bin" extract "$warc" --out "/tmp/newsframe-bench-warc-$bytes" --overwrite --quiet 2> "$log"
  read -r pages seconds < <(python3 -c "import json;m=json.load(open('/tmp/newsframe-bench-warc-$bytes/manifest.json'));print(m['totals']['articles_written'], m['wall_seconds'])")
  rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /,"",$2); print $2}' "$log")
  python3 -c "print(f'{$bytes/1e6:8.0f} MB {$pages:10d} {$seconds:10.1f} {$pages/$seconds:12.0f} {$rss/1024:8.0f} MiB')"
done
