#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets/) for SECONDS each, one after the other, with
# cargo-fuzz on the nightly toolchain. Seeds come from the sample dump and the tests; a crash
# stops its target and is left in fuzz/artifacts/TARGET/ (copy it to tests/fuzz/TARGET/ once
# fixed, so cargo test replays it). Not part of CI.
#
#   scripts/fuzz.sh 300            # every target, 5 minutes each
#   scripts/fuzz.sh 60 html warc   # some targets
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}; shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(jsonl csv json_array parquet xml html warc decompress article)
if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  echo "fuzz: no nightly toolchain here (rustup toolchain list); cargo-fuzz needs one. Skipped."
  exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz from crates.io"
  cargo +nightly install cargo-fuzz --locked || { echo "fuzz: cannot install cargo-fuzz. Skipped."; exit 0; }
fi
seed() {  # target -> seed corpus folder
  local dir=fuzz/corpus/$1
  mkdir -p "$dir"
  case $1 in
    jsonl|article) cp data/samples/*.jsonl data/samples/*.txt "$dir/" 2>/dev/null ;;
    decompress) cp data/samples/*.gz "$dir/" 2>/dev/null ;;
    html) find tests data -name '*.html' -exec cp {} "$dir/" \; 2>/dev/null ;;
    *) ;;
  esac
  cp tests/fuzz/"$1"/* "$dir/" 2>/dev/null
  true
}
status=0
for t in "${targets[@]}"; do
  seed "$t"
  echo "fuzz: $t for $seconds s"
  # -rss_limit_mb: a reader that allocates past this on a small input is a finding too.
  cargo +nightly fuzz run "$t" "fuzz/corpus/$t" -- -max_total_time="$seconds" -rss_limit_mb=2048 \
    -max_len=262144 -timeout=20 -print_final_stats=1 2>&1 | grep -E "^(#[0-9]+ *DONE|Done|==|SUMMARY|artifact_prefix|Test unit written|stat::number_of_executed_units|.*panicked)" 
  [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "fuzz: $t found a crash (fuzz/artifacts/$t/)"; status=1; }
done
exit $status
