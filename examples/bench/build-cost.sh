#!/usr/bin/env bash
# Measures what a bind extension module costs to build, the same way every time, beside
# the PyO3 module of the shared benchmark:
#   1. clean release build of the module crate with all its dependencies
#   2. rebuild after changing one function body
#   3. stripped module size
# beside the floor every Rust extension module pays (a cdylib whose one C function turns
# a panic into an error code: std's panic, unwind and backtrace machinery), and, with
# --scale, the same for the generated scale module (scale_gen.py, 50 classes × 10 methods
# + 50 functions) built both ways.
#
# Usage: examples/bench/build-cost.sh [--scale] [SHARED_BENCH_DIR]
#   SHARED_BENCH_DIR defaults to ../shared/bench next to the repository.
# Work happens in a temporary directory (own cargo target dirs); nothing in the
# repository is modified. Prints a Markdown table.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SCALE=0
SHARED=""
for arg in "$@"; do
    case $arg in
        --scale) SCALE=1 ;;
        -h | --help) sed -n '2,16p' "$0"; exit 0 ;;
        *) SHARED=$arg ;;
    esac
done
SHARED=${SHARED:-$ROOT/../shared/bench}
[[ -d $SHARED/pyo3 ]] || { echo "no PyO3 benchmark crate under $SHARED" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export CARGO_TERM_COLOR=never CARGO_INCREMENTAL=0
PY=$(command -v "${PYTHON:-python3}")
export PYO3_PYTHON=$PY BIND_PYTHON=$PY

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
stripped_kb() { local t; t=$(mktemp); strip -s -o "$t" "$1"; awk -v s="$(stat -c %s "$t")" 'BEGIN { printf "%d", s / 1024 }'; rm -f "$t"; }

# build NAME CRATE_DIR TARGET_DIR [cargo args...]: a quiet release build; the compiler's
# output (a peer's warnings) goes to a log shown only when the build fails.
build() {
    local name=$1 dir=$2 target=$3 log
    shift 3
    log=$WORK/build-${name// /_}.log
    (cd "$dir" && cargo build --release --quiet --target-dir "$target" "$@") 2>"$log" ||
        { cat "$log" >&2; exit 1; }
}

# measure NAME CRATE_DIR SOURCE_FILE LIB_NAME [cargo args...]: one table row.
measure() {
    local name=$1 dir=$2 source=$3 lib=$4
    shift 4
    local target=$WORK/target-${name// /_} t0 t1 clean rebuild size
    t0=$(now)
    build "$name" "$dir" "$target" "$@"
    t1=$(now)
    clean=$(secs "$t0" "$t1")
    # Change one function body: a new constant in the source file's last function.
    printf '\n#[allow(dead_code)]\nfn build_cost_probe() -> u32 { %d }\n' "$RANDOM" >>"$source"
    t0=$(now)
    build "$name" "$dir" "$target" "$@"
    t1=$(now)
    rebuild=$(secs "$t0" "$t1")
    size=$(stripped_kb "$target/release/lib$lib.so")
    FLOOR_KB=${FLOOR_KB:-$size}
    echo "| $name | $clean | $rebuild | $size | $((size - FLOOR_KB)) |"
}

echo "build cost, $(date -u +%Y-%m-%d), $(nproc) cores, $(rustc --version), $("$PY" -V)"
echo
echo "| module | clean release build (s) | rebuild after one change (s) | stripped module (KB) | beyond the floor (KB) |"
echo "|---|---:|---:|---:|---:|"

# The floor (first row, so FLOOR_KB is set from it): the smallest Rust cdylib that can
# turn a panic into an error.
mkdir -p "$WORK/floor/src"
cat >"$WORK/floor/Cargo.toml" <<'TOML'
[package]
name = "floor"
version = "0.0.0"
edition = "2021"
[lib]
crate-type = ["cdylib"]
[workspace]
TOML
cat >"$WORK/floor/src/lib.rs" <<'RUST'
#[no_mangle]
pub extern "C" fn floor_call(f: extern "C" fn(i32) -> i32, x: i32) -> i32 {
    std::panic::catch_unwind(|| f(x)).unwrap_or(-1)
}
RUST
measure "floor (empty Rust cdylib)" "$WORK/floor" "$WORK/floor/src/lib.rs" floor

# bind: a copy of the repository, so that the probe edit stays out of the work tree.
mkdir -p "$WORK/bind"
(cd "$ROOT" && git ls-files -z | xargs -0 cp --parents -t "$WORK/bind")
measure bind_bench "$WORK/bind/examples/bench" "$WORK/bind/examples/bench/src/lib.rs" bind_bench \
    -p bind-bench
cp -r "$SHARED/pyo3" "$WORK/pyo3"
rm -rf "$WORK/pyo3/target"
measure pyo3_bench "$WORK/pyo3" "$WORK/pyo3/src/lib.rs" pyo3_bench

if ((SCALE)); then
    "$PY" "$SHARED/scale_gen.py" "$WORK/scale" 50 10 "$WORK/bind" >/dev/null
    measure scale-bind "$WORK/scale/bind" "$WORK/scale/bind/src/lib.rs" scale
    measure scale-pyo3 "$WORK/scale/pyo3" "$WORK/scale/pyo3/src/lib.rs" scale
fi
