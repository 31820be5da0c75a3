"""Shared by the scikit-learn golden generators (gen_prep_golden.py, gen_metrics_golden.py): which BLAS NumPy
multiplies with. Import it first and call pin_reference_blas() before importing NumPy."""
import os
import sys
import sysconfig


def pin_reference_blas():
    """Re-runs this script with Debian's reference BLAS (libblas3) ahead of any optimized one (OpenBLAS), so the
    golden numbers do not depend on which BLAS update-alternatives selects: jtorch computes NumPy's matrix
    products in the reference BLAS's order."""
    if os.environ.get("JTORCH_REFERENCE_BLAS") == "1":
        return
    arch = sysconfig.get_config_var("MULTIARCH") or "x86_64-linux-gnu"
    dirs = ["/usr/lib/%s/blas" % arch, "/usr/lib/%s/lapack" % arch]
    if not all(os.path.isdir(d) for d in dirs):
        return
    old = os.environ.get("LD_LIBRARY_PATH")
    env = dict(os.environ, JTORCH_REFERENCE_BLAS="1", LD_LIBRARY_PATH=":".join(dirs + ([old] if old else [])))
    os.execve(sys.executable, [sys.executable] + sys.argv, env)


def blas_in_use():
    with open("/proc/self/maps") as f:
        paths = {line.split()[-1] for line in f if "libblas" in line or "openblas" in line}
    return "reference" if any("/blas/libblas.so" in p for p in paths) and not any("openblas" in p for p in paths) \
        else "other: " + ", ".join(sorted(os.path.basename(p) for p in paths))
