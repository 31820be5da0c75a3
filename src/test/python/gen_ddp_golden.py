#!/usr/bin/env python3
"""Writes examples/src/test/resources/golden/examples/seed000_ddp_nproc_<N>_seed_<S>_epochs_<E>.txt from Python PyTorch 1.13:
rank 0's standard output, byte for byte, of the reference script shared/reference/seed000_ddp.py (seed 000's
training workflow under DistributedDataParallel) run as a real N-process job over gloo, for each (N, S, E) in CONFIGS.
Run from the repository root:  /usr/bin/python3 src/test/python/gen_ddp_golden.py [--check] [--out DIR]
--check runs every job again and compares its output with the file instead of writing it (exit status 1 on any
difference or missing file). --job N SEED EPOCHS runs one job and writes rank 0's output to standard output (the
live interop test of DdpTrainingWorkflow uses it). The shared folder is ../shared next to the repository, or $JTORCH_SHARED.

Debian's torch.distributed.run (torchrun) fails under Python 3.11, so the ranks are started here, one subprocess
each, with the env:// rendezvous variables (MASTER_ADDR=127.0.0.1, MASTER_PORT a free port found by binding port
0, RANK, LOCAL_RANK, WORLD_SIZE, LOCAL_WORLD_SIZE), GLOO_SOCKET_IFNAME=lo unless set, and OMP_NUM_THREADS=1. Every
rank must exit 0 and only rank 0 may print on standard output; what the ranks write on standard error is passed on.

BLAS: the same pinning as the other seed 000 golden files (gen_all_golden.sh, gen_training_golden.py):
pin_reference_blas() from reference_blas.py puts Debian's reference BLAS and LAPACK (libblas3, liblapack3:
/usr/lib/<arch>/blas and /lapack) first on LD_LIBRARY_PATH, which the ranks inherit, single-threaded (without
libblas3 installed it changes nothing: the BLAS it reports on standard error then is another one). The printed digits
are the same with Debian's OpenBLAS for every configuration here: JTORCH_REFERENCE_BLAS=1 skips the pinning, so
  env -u LD_LIBRARY_PATH JTORCH_REFERENCE_BLAS=1 /usr/bin/python3 src/test/python/gen_ddp_golden.py --check
compares an OpenBLAS run with the files.
"""
import os
import socket
import subprocess
import sys
import tempfile
import time

from reference_blas import blas_in_use, pin_reference_blas

# (nproc, seed, epochs)
CONFIGS = [(1, 42, 30), (2, 42, 30), (3, 42, 30), (2, 0, 10), (2, 7, 10), (3, 123, 10), (4, 5, 6)]
JOB_TIMEOUT_S = 900


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_job(script, nproc, seed, epochs):
    """Starts nproc ranks of script and returns rank 0's standard output (bytes); raises on any failure."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="jtorch_ddp_") as tmp:
        procs, outs, errs = [], [], []
        try:
            for rank in range(nproc):
                env = dict(os.environ, MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port), RANK=str(rank),
                           LOCAL_RANK=str(rank), WORLD_SIZE=str(nproc), LOCAL_WORLD_SIZE=str(nproc),
                           OMP_NUM_THREADS="1")
                env.setdefault("GLOO_SOCKET_IFNAME", "lo")
                out = open(os.path.join(tmp, "rank%d.out" % rank), "w+b")
                err = open(os.path.join(tmp, "rank%d.err" % rank), "w+b")
                outs.append(out)
                errs.append(err)
                procs.append(subprocess.Popen([sys.executable, script, str(seed), str(epochs)], env=env, cwd=tmp,
                                              stdin=subprocess.DEVNULL, stdout=out, stderr=err))
            deadline = time.monotonic() + JOB_TIMEOUT_S
            # A rank that fails leaves the others waiting in a collective: stop them as soon as one fails.
            while any(p.poll() is None for p in procs):
                if any(p.returncode not in (None, 0) for p in procs) or time.monotonic() > deadline:
                    break
                time.sleep(0.05)
        finally:
            for p in procs:
                if p.poll() is None:
                    p.kill()
                p.wait()
        texts = []
        for out, err in zip(outs, errs):
            out.seek(0)
            err.seek(0)
            texts.append((out.read(), err.read()))
            out.close()
            err.close()
    name = "nproc %d seed %d epochs %d" % (nproc, seed, epochs)
    for rank, (p, (out, err)) in enumerate(zip(procs, texts)):
        if err:
            sys.stderr.write("[%s, rank %d stderr]\n%s" % (name, rank, err.decode(errors="replace")))
    bad = [(rank, p.returncode) for rank, p in enumerate(procs) if p.returncode != 0]
    if bad:
        raise RuntimeError("%s: ranks exited with %s (port %d)" % (name, bad, port))
    chatty = [rank for rank, (out, _) in enumerate(texts) if rank > 0 and out]
    if chatty:
        raise RuntimeError("%s: ranks %s printed on standard output: %r" % (name, chatty, texts[chatty[0]][0][:200]))
    if not texts[0][0]:
        raise RuntimeError("%s: rank 0 printed nothing" % name)
    return texts[0][0]


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    shared = os.environ.get("JTORCH_SHARED") or os.path.join(root, "..", "shared")
    script = os.path.abspath(os.path.join(shared, "reference", "seed000_ddp.py"))
    out_dir = os.path.join(root, "examples", "src", "test", "resources", "golden", "examples")
    args = sys.argv[1:]
    check = "--check" in args
    if "--out" in args:
        out_dir = args[args.index("--out") + 1]
    if not os.path.isfile(script):
        sys.exit("no reference script at %s (set JTORCH_SHARED to the shared folder)" % script)
    if "--job" in args:
        i = args.index("--job")
        nproc, seed, epochs = (int(v) for v in args[i + 1:i + 4])
        sys.stdout.buffer.write(run_job(script, nproc, seed, epochs))
        return
    import torch  # only to say which PyTorch and BLAS the ranks load
    print("torch %s, BLAS %s" % (torch.__version__, blas_in_use()), file=sys.stderr)
    os.makedirs(out_dir, exist_ok=True)
    failures = 0
    for nproc, seed, epochs in CONFIGS:
        target = os.path.join(out_dir, "seed000_ddp_nproc_%d_seed_%d_epochs_%d.txt" % (nproc, seed, epochs))
        start = time.monotonic()
        text = run_job(script, nproc, seed, epochs)
        took = time.monotonic() - start
        if check:
            if not os.path.isfile(target):
                print("MISSING %s" % target, file=sys.stderr)
                failures += 1
                continue
            with open(target, "rb") as f:
                want = f.read()
            if want == text:
                print("same    %s (%.1f s)" % (target, took), file=sys.stderr)
            else:
                failures += 1
                got_lines, want_lines = text.splitlines(), want.splitlines()
                line = next((i for i, (a, b) in enumerate(zip(got_lines, want_lines)) if a != b),
                            min(len(got_lines), len(want_lines)))
                print("DIFFERS %s at line %d:\n  file: %r\n  now:  %r" % (
                    target, line + 1, want_lines[line] if line < len(want_lines) else b"<end>",
                    got_lines[line] if line < len(got_lines) else b"<end>"), file=sys.stderr)
        else:
            with open(target, "wb") as f:
                f.write(text)
            print("wrote %s (%.1f s)" % (target, took), file=sys.stderr)
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    pin_reference_blas()
    main()
