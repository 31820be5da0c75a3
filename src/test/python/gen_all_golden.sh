#!/usr/bin/env bash
# Regenerates every golden file with Debian's python3-torch: the library's under src/test/resources/golden/, the
# examples' expected output under examples/src/test/resources/golden/.
# Run from anywhere:  bash src/test/python/gen_all_golden.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
PY=${PYTHON:-/usr/bin/python3}
# Debian's python3-torch multiplies matrices with the BLAS its alternatives select (OpenBLAS or the reference
# one), and they round differently: the golden files are written with the reference BLAS, single-threaded.
for d in /usr/lib/x86_64-linux-gnu/blas /usr/lib/x86_64-linux-gnu/lapack; do
  [ -d "$d" ] && export LD_LIBRARY_PATH="$d${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
done
export OMP_NUM_THREADS=1
# OpenBLAS picks kernels by CPU; AVX-512 ones round some float32 products differently: pin the AVX2 ones (pom.xml)
export OPENBLAS_CORETYPE=Haswell
out=src/test/resources/golden
ex=examples/src/test/resources/golden
"$PY" src/test/python/gen_tensor_golden.py
"$PY" src/test/python/gen_tensor_more_golden.py
"$PY" src/test/python/gen_optim_golden.py
"$PY" src/test/python/gen_optim_more_golden.py
"$PY" src/test/python/gen_amp_golden.py
"$PY" src/test/python/gen_training_golden.py
"$PY" src/test/python/gen_data_golden.py
"$PY" src/test/python/gen_vision_transforms_golden.py
"$PY" src/test/python/gen_sampler_golden.py
"$PY" src/test/python/gen_python_checkpoint.py
"$PY" src/test/python/gen_lr_golden.py
"$PY" src/test/python/gen_nn_golden.py
"$PY" src/test/python/gen_nn_more_golden.py
"$PY" src/test/python/gen_rnn_golden.py
"$PY" src/test/python/gen_attention_golden.py
"$PY" src/test/python/gen_prep_golden.py
"$PY" src/test/python/gen_metrics_golden.py
"$PY" src/test/python/gen_jit_golden.py
"$PY" src/test/python/gen_data_workers_golden.py
"$PY" src/test/python/gen_float_repr_golden.py
"$PY" src/test/python/gen_legacy_checkpoint.py
for args in "42 20" "0 20" "7 50"; do
  set -- $args
  "$PY" src/test/python/tensor_core_demo.py "$1" "$2" > "$ex/tensor_core_demo_seed$1_epochs$2.txt"
done

# The examples' expected standard output (TrainingWorkflow's flags as its Python twin takes them).
mkdir -p "$ex/examples"
for args in "--seed 42" "--seed 0" "--seed 7" "--seed 123 --optimizer sgd" "--seed 42 --scheduler step" \
            "--seed 5 --optimizer sgd --scheduler step --epochs 12"; do
  name=$(echo "seed000 $args" | tr -d '-' | tr ' ' '_')
  "$PY" src/test/python/seed000_flags.py $args > "$ex/examples/$name.txt"
done
# Seed 000 under DistributedDataParallel: the reference script seed000_ddp.py as 1 to 4 gloo processes started by the
# generator itself (Debian's torchrun fails under Python 3.11); rank 0's output, seed000_ddp_nproc_*_seed_*_epochs_*.txt.
"$PY" src/test/python/gen_ddp_golden.py
# BinaryClassifier's expected standard output: the reference script of seed 001 (it saves its plot in the cwd).
tmp1=$(mktemp -d)
for args in "42 0.01" "0 0.01" "7 0.01" "42 0.1" "42 0.001"; do
  set -- $args
  (cd "$tmp1" && MPLBACKEND=Agg "$PY" "$OLDPWD/../shared/reference/seed001_binary_classifier.py" "$1" "$2") \
    > "$ex/examples/seed001_seed_$1_lr_$2.txt"
done
rm -rf "$tmp1"
# BinaryClassifierTuning's expected standard output (its twin needs scikit-learn).
for args in "42 30" "7 10"; do
  set -- $args
  "$PY" src/test/python/seed001_tuning.py "$1" "$2" > "$ex/examples/seed001_tuning_seed_$1_epochs_$2.txt"
done
# TrainingLoopBasics (seed 003), RegularizedWorkflow (seed 004) and CheckpointAndTransfer (seed 002): the files they
# write (a checkpoint, a run directory) go to a temporary directory, named outside the golden file's name.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for args in "--seed 42" "--seed 0 --epochs 5 --lr 0.05" "--seed 7 --batch-size 16 --num-workers 2"; do
  name=$(echo "seed003 $args" | tr -d '-' | tr ' ' '_')
  "$PY" src/test/python/seed003_training_loop.py $args > "$ex/examples/$name.txt"
done
# Seed 004 with Debian's OpenBLAS (libopenblas0-pthread), the BLAS jtorch's libtorch bundles: the reference BLAS
# rounds some float32 products of its training differently in the last bit, which its six-decimal early-stopping
# messages show (examples/README.md).
openblas=/usr/lib/x86_64-linux-gnu/openblas-pthread
if [ -f "$openblas/libblas.so.3" ]; then
  for args in "--seed 42" "--seed 0 --patience 5" "--seed 7 --dropout 0.2 --weight-decay 0.001 --epochs 30"; do
    name=$(echo "seed004 $args" | tr -d '-' | tr ' ' '_')
    LD_LIBRARY_PATH=$openblas "$PY" src/test/python/seed004_regularized.py $args --checkpoint "$tmp/checkpoint.pt" \
      > "$ex/examples/$name.txt"
  done
else
  echo "OpenBLAS is not installed (apt-get install libopenblas0-pthread): seed004 golden files left as they are" >&2
fi
for args in "--seed 42" "--seed 0 --epochs 5 --interrupt-after 0 --finetune-epochs 4" \
            "--seed 7 --epochs 6 --interrupt-after 5 --lr 0.003"; do
  name=$(echo "seed002 $args" | tr -d '-' | tr ' ' '_')
  "$PY" src/test/python/seed002_checkpoint_transfer.py $args --run-dir "$tmp/run_$name" 2>/dev/null \
    > "$ex/examples/$name.txt"
done
# TransferLearning's expected standard output (transfer_learning.py; small images: resnet18 on the CPU), one run with
# the weights make_resnet18_weights.py writes for seed 1, and a checksum of the synthetic images' pixels.
small="--epochs 3 --image-size 32 --train-per-class 8 --val-per-class 4"
"$PY" src/test/python/make_resnet18_weights.py --seed 1 --out "$tmp/resnet18_seed1.pth"
for args in "--seed 0 $small" "--seed 3 $small --num-workers 2 --batch-size 6" "--seed 5 $small --num-workers 0" \
            "--seed 2 $small --weights resnet18_seed1.pth"; do
  name=$(echo "transfer $args" | tr -d '-' | tr ' ' '_')
  (cd "$tmp" && "$PY" "$OLDPWD/src/test/python/transfer_learning.py" $args --data-dir "$tmp/transfer_data_$name") \
    2>/dev/null > "$ex/examples/$name.txt"
done
"$PY" - "$tmp/transfer_pixels" > "$ex/examples/transfer_pixels_seed_4.txt" <<'PYEOF'
import sys
sys.path.insert(0, "src/test/python")
import numpy as np
from PIL import Image
import transfer_learning
root = sys.argv[1]
transfer_learning.make_images(root, 4, 2, 1)
for name in ("train/discs/000.png", "train/discs/001.png", "train/squares/000.png", "train/squares/001.png",
             "val/discs/000.png", "val/squares/000.png"):
    im = Image.open(f"{root}/{name}")
    s = 0
    for b in im.tobytes():
        s = (s * 31 + b) & ((1 << 64) - 1)
    print(f"{name} {im.width}x{im.height} {s}")
PYEOF
for args in "--seed 42" "--seed 7 --epochs 3 --lr 0.005 --batch-size 64"; do
  name=$(echo "sequence $args" | tr -d '-' | tr ' ' '_')
  "$PY" src/test/python/sequence_classifier.py $args > "$ex/examples/$name.txt"
done
echo "golden files written to $out and $ex" >&2
