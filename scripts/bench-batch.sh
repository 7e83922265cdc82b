#!/usr/bin/env bash
# Batch benchmark (make bench): archives of 200 and 2,000 reports (copies of the samples in
# a tree), rendered to PDF at --jobs 1 and --jobs 2; prints throughput, speed-up, peak
# memory per worker and the time per report in each stage. (typst's figure, for comparison, comes
# from scripts/bench-typst.py, which `make bench` runs beside nianbao-bench's render.)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/nianbao
WORK=.build/bench
SAMPLES=(Tests/NianbaoIngestTests/Fixtures/samples/*.txt)
make_archive() {  # make_archive N DIR
  local n=$1 dir=$2
  [ -f "$dir/.complete" ] && return
  rm -rf "$dir"; mkdir -p "$dir"
  for ((i = 0; i < n; i++)); do
    local d="$dir/region$((i % 10))/county$((i % 7))"
    mkdir -p "$d"
    cp "${SAMPLES[$((i % ${#SAMPLES[@]}))]}" "$d/report-$i.txt"
  done
  touch "$dir/.complete"
}
field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1" "$2"; }

make_archive 200 "$WORK/archive-200"
make_archive 2000 "$WORK/archive-2000"
printf '\nnianbao batch benchmark (official style, PDF, %s cores)\n' "$(nproc)"
printf '%-8s %-6s %10s %12s %14s %9s %9s %9s\n' reports jobs "docs/s" "seconds" "worker MB" "parse ms" "layout ms" "write ms"
declare -A RATE
for n in 200 2000; do
  for j in 1 2; do
    out="$WORK/out-$n-$j"; rm -rf "$out"
    SOURCE_DATE_EPOCH=1675123200 "$BIN" batch "$WORK/archive-$n" --output-dir "$out" --jobs "$j" --quiet || true
    s="$out/summary.json"
    RATE[$n-$j]=$(field "$s" reportsPerSecond)
    printf '%-8s %-6s %10s %12s %14s %9.2f %9.2f %9.2f\n' "$n" "$j" "${RATE[$n-$j]}" "$(field "$s" seconds)" "$(field "$s" peakWorkerMB)" \
      "$(python3 -c "print($(field "$s" parseSeconds)*1000)")" "$(python3 -c "print($(field "$s" layoutSeconds)*1000)")" "$(python3 -c "print($(field "$s" writeSeconds)*1000)")"
  done
done
python3 -c "print('speed-up with 2 jobs: %.2fx (2,000 reports)' % (${RATE[2000-2]} / ${RATE[2000-1]}))"
for ((i = 0; i < ${#SAMPLES[@]}; i++)); do
  size=$(stat -c %s "$WORK/out-200-1/region$i/county$i/report-$i.pdf")
  printf 'PDF size, %s: %d KB\n' "$(basename "${SAMPLES[$i]}" .txt)" $((size / 1024))
done

# Cold start: one report, a new process, fonts and style set up from nothing.
python3 - "$BIN" <<'PY'
import subprocess, sys, time, tempfile
best = min((lambda t0: (subprocess.run([sys.argv[1], "render", "Tests/NianbaoIngestTests/Fixtures/samples/xixia-county-2022.txt",
            "--output-dir", tempfile.mkdtemp()], capture_output=True), time.perf_counter() - t0)[1])(time.perf_counter()) for _ in range(5))
print("single report from a cold start: %.3f s (best of 5)" % best)
PY

