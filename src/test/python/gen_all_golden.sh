#!/usr/bin/env bash
# Regenerates every golden file under src/test/resources/golden/ with Debian's python3-torch.
# Run from anywhere:  bash src/test/python/gen_all_golden.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
PY=${PYTHON:-/usr/bin/python3}
out=src/test/resources/golden
"$PY" src/test/python/gen_tensor_golden.py
"$PY" src/test/python/gen_optim_golden.py
"$PY" src/test/python/gen_amp_golden.py
"$PY" src/test/python/gen_training_golden.py
"$PY" src/test/python/gen_prep_golden.py
"$PY" src/test/python/gen_metrics_golden.py
for args in "42 20" "0 20" "7 50"; do
  set -- $args
  "$PY" src/test/python/tensor_core_demo.py "$1" "$2" > "$out/tensor_core_demo_seed$1_epochs$2.txt"
done
echo "golden files written to $out" >&2
