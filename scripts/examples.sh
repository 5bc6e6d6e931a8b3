#!/usr/bin/env bash
# The main job on the bundled examples: lint every spec, report every cell's design figures,
# write the cycler protocols of every example test plan in every format (into out/examples), and
# build every controlled document with its register (into out/docs), printing the wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
cellspec() { tsx packages/cli/src/main.ts "$@"; }
out=out/examples
mkdir -p "$out"

echo "== cellspec check examples/"
cellspec check examples/

echo "== cellspec report examples/ (also $out/report.json)"
cellspec report examples/ --format text
cellspec report examples/ --format json > "$out/report.json"

for plan_file in examples/test-plans/*.cellspec; do
  for format in pybamm maccor biologic json; do
    echo "== cellspec protocols $plan_file --format $format"
    cellspec protocols "$plan_file" --format "$format" --out "$out/protocols/$(basename "$plan_file" .cellspec)/$format"
  done
done
echo "== cellspec build examples/ --out out/docs"
started=$(date +%s%N)
cellspec build examples/ --out out/docs
elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
echo "documents: $(ls out/docs/*.pdf | wc -l) built in $((elapsed_ms / 1000)).$(( (elapsed_ms % 1000) / 100 )) s wall time (with start-up)"
echo "examples: all specs clean; report and protocols in $out/, documents in out/docs/"
