package dev.jtorch.optim;

import dev.jtorch.Device;
import dev.jtorch.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.bytedeco.pytorch.Scalar;

/**
 * The curvature history of {@link LBFGS} and PyTorch 1.13's two-loop recursion over it: the state keys
 * {@code old_dirs}, {@code old_stps}, {@code ro}, {@code H_diag} and {@code al}, read from the parameter's state at
 * the start of a step and written back, in Python's kinds, at its end.
 */
final class LBFGSHistory {
    private List<Tensor> oldDirs;
    private List<Tensor> oldStps;
    private List<PyNumber> ro;
    private PyNumber hDiag;

    private LBFGSHistory(List<Tensor> oldDirs, List<Tensor> oldStps, List<PyNumber> ro, PyNumber hDiag) {
        this.oldDirs = oldDirs;
        this.oldStps = oldStps;
        this.ro = ro;
        this.hDiag = hDiag;
    }

    /** The history cached in {@code state} (all null before the first step). */
    static LBFGSHistory load(Map<String, Object> state) {
        return new LBFGSHistory(tensors(state.get("old_dirs")), tensors(state.get("old_stps")),
                numbers(state.get("ro")), PyNumber.of(state.get("H_diag")));
    }

    /** The first iteration's {@code old_dirs = []; old_stps = []; ro = []; H_diag = 1}. */
    void reset() {
        oldDirs = new ArrayList<>();
        oldStps = new ArrayList<>();
        ro = new ArrayList<>();
        hDiag = PyNumber.ofInt(1);
    }

    /**
     * One later iteration's direction: records the curvature pair {@code y = flat_grad - prev_flat_grad},
     * {@code s = d * t} when {@code y.dot(s) > 1e-10} (dropping the oldest beyond {@code historySize}), then returns
     * {@code d} from the two-loop recursion, keeping the {@code al} coefficients in {@code state} as Python does.
     */
    org.bytedeco.pytorch.Tensor direction(Map<String, Object> state, org.bytedeco.pytorch.Tensor flatGrad,
            org.bytedeco.pytorch.Tensor prevFlatGrad, org.bytedeco.pytorch.Tensor d, PyNumber t, int historySize,
            DoubleFunction<Scalar> scalar) {
        // y = flat_grad.sub(prev_flat_grad); s = d.mul(t); ys = y.dot(s)
        org.bytedeco.pytorch.Tensor y = flatGrad.sub(prevFlatGrad);
        org.bytedeco.pytorch.Tensor s = d.mul(scalar.apply(t.v));
        PyNumber ys = dot(y, s);
        if (ys.gt(1e-10)) {
            if (oldDirs.size() == historySize) {
                oldDirs.remove(0);
                oldStps.remove(0);
                ro.remove(0);
            }
            oldDirs.add(Optimizer.own(y));
            oldStps.add(Optimizer.own(s));
            // ro.append(1. / ys)
            ro.add(PyNumber.ofFloat(1.).div(ys));
            // H_diag = ys / y.dot(y)
            hDiag = ys.div(dot(y, y));
        }
        int numOld = oldDirs.size();
        if (!state.containsKey("al")) {
            List<Object> fresh = new ArrayList<>(historySize);
            for (int i = 0; i < historySize; i++) {
                fresh.add(null);
            }
            state.put("al", fresh);
        }
        @SuppressWarnings("unchecked")
        List<Object> al = (List<Object>) state.get("al");
        // q = flat_grad.neg()
        org.bytedeco.pytorch.Tensor q = flatGrad.neg();
        for (int i = numOld - 1; i >= 0; i--) {
            // al[i] = old_stps[i].dot(q) * ro[i]
            PyNumber ali = dot(oldStps.get(i).nativeTensor(), q).mul(ro.get(i));
            al.set(i, ali);
            // q.add_(old_dirs[i], alpha=-al[i])
            q.add_(oldDirs.get(i).nativeTensor(), scalar.apply(ali.neg().v));
        }
        // d = r = torch.mul(q, H_diag)
        org.bytedeco.pytorch.Tensor r = q.mul(scalar.apply(hDiag.v));
        for (int i = 0; i < numOld; i++) {
            // be_i = old_dirs[i].dot(r) * ro[i]
            PyNumber be = dot(oldDirs.get(i).nativeTensor(), r).mul(ro.get(i));
            // r.add_(old_stps[i], alpha=al[i] - be_i)
            r.add_(oldStps.get(i).nativeTensor(), scalar.apply(PyNumber.of(al.get(i)).sub(be).v));
        }
        return r;
    }

    /** Writes {@code old_dirs}, {@code old_stps}, {@code ro} and {@code H_diag} back to {@code state}. */
    void store(Map<String, Object> state, Device device) {
        state.put("old_dirs", oldDirs);
        state.put("old_stps", oldStps);
        List<Object> roOut = null;
        if (ro != null) {
            roOut = new ArrayList<>(ro.size());
            for (PyNumber n : ro) {
                roOut.add(n.toPython(device));
            }
        }
        state.put("ro", roOut);
        state.put("H_diag", hDiag == null ? null : hDiag.toPython(device));
    }

    /** {@code al} holds numbers while stepping; Python keeps tensors there. */
    static void storeAl(Map<String, Object> state, Device device) {
        if (state.get("al") instanceof List<?> al) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) al;
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof PyNumber n) {
                    list.set(i, n.toPython(device));
                }
            }
        }
    }

    private static PyNumber dot(org.bytedeco.pytorch.Tensor a, org.bytedeco.pytorch.Tensor b) {
        return PyNumber.of(a.dot(b));
    }

    private static List<Tensor> tensors(Object o) {
        if (o == null) {
            return null;
        }
        List<Tensor> out = new ArrayList<>();
        for (Object v : (List<?>) o) {
            if (!(v instanceof Tensor t)) {
                throw new IllegalArgumentException("LBFGS history must hold tensors, got " + v);
            }
            out.add(t);
        }
        return out;
    }

    private static List<PyNumber> numbers(Object o) {
        if (o == null) {
            return null;
        }
        List<PyNumber> out = new ArrayList<>();
        for (Object v : (List<?>) o) {
            out.add(PyNumber.of(v));
        }
        return out;
    }
}
