#!/usr/bin/env bash
# The main job on the bundled examples: lint every spec, report every cell's design figures,
# and write the cycler protocols of every example test plan in every format (into out/examples).
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
echo "examples: all specs clean; report and protocols in $out/"
