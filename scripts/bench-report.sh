#!/usr/bin/env bash
# Measure `csf report` on a large synthetic export (SPEC 7).
#
#   scripts/bench-report.sh [CUSTOMERS] [WORKDIR]
#
# Builds csf in release mode, generates CUSTOMERS customers (default
# 250,000, about 1,000,000 rows) once into WORKDIR (default
# target/bench-report), then runs `csf report` on all cores and on one
# thread under /usr/bin/time -v, printing wall time and peak memory, and
# checks that both workbooks are byte-identical.
set -euo pipefail

customers=${1:-250000}
work=${2:-target/bench-report}
mkdir -p "$work"

cargo build --release --quiet --bin csf --example xlsx_floor
csf=${CARGO_TARGET_DIR:-target}/release/csf
input="$work/export-$customers.csv"

if [[ ! -s "$input" ]]; then
    echo "generating $customers customers into $input"
    "$csf" generate --customers "$customers" --seed 42 -o "$input" --quiet
fi
echo "input: $(wc -l <"$input") lines, $(du -h "$input" | cut -f1)"

measure() {
    local label=$1 out=$2
    shift 2
    /usr/bin/time -v "$csf" report "$input" -o "$out" --quiet "$@" 2>"$work/time-$label.txt"
    local wall rss
    wall=$(grep 'Elapsed (wall clock)' "$work/time-$label.txt" | awk '{print $NF}')
    rss=$(grep 'Maximum resident set size' "$work/time-$label.txt" | awk '{print $NF}')
    printf '%-12s wall %s  peak memory %s MB  workbook %s\n' \
        "$label" "$wall" "$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')" "$(du -h "$out" | cut -f1)"
}

# The floor of issue 3: the csv crate plus 1,000,000 rows × 35 numbers in
# rust_xlsxwriter constant-memory mode, at zip level 1 (csf's level) and the
# library's default level 6.
floor=${CARGO_TARGET_DIR:-target}/release/examples/xlsx_floor
for level in 1 6; do
    /usr/bin/time -v "$floor" "$input" "$work/floor-$level.xlsx" "$level" 2>"$work/time-floor-$level.txt"
    printf '%-12s wall %s  peak memory %s MB\n' "floor-zip$level" \
        "$(grep 'Elapsed (wall clock)' "$work/time-floor-$level.txt" | awk '{print $NF}')" \
        "$(grep 'Maximum resident set size' "$work/time-floor-$level.txt" | awk '{printf "%.0f", $NF / 1024}')"
done

measure all-cores "$work/portfolio-all.xlsx"
measure one-thread "$work/portfolio-1.xlsx" --threads 1

if cmp -s "$work/portfolio-all.xlsx" "$work/portfolio-1.xlsx"; then
    echo "workbooks are byte-identical across thread counts"
else
    echo "WORKBOOKS DIFFER between thread counts" >&2
    exit 1
fi
