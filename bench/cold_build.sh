#!/usr/bin/env bash
# A cold release build, as a new user's first `cargo run --release` does it: a fresh target
# directory (the crates.io downloads in ~/.cargo stay warm), then the binary's size.
#   bench/cold_build.sh [TARGET_DIR]   (default: a new temporary directory, removed at the end)
# Writes cargo's per-crate timing report to TARGET_DIR/cargo-timings/.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-}
keep=1
if [ -z "$dir" ]; then dir=$(mktemp -d /tmp/newsframe-cold.XXXXXX); keep=0; fi
cargo fetch --quiet
start=$(date +%s)
CARGO_TARGET_DIR=$dir cargo build --release --quiet --timings
end=$(date +%s)
bin=$dir/release/newsframe
echo "cold release build: $((end - start)) s on $(nproc) cores"
echo "binary: $(stat -c %s "$bin") bytes ($(( $(stat -c %s "$bin") / 1048576 )) MiB)"
if [ "$keep" = 0 ]; then rm -rf "$dir"; fi
