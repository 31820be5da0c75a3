package dev.jtorch.optim;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * {@code torch.optim.LBFGS(params, lr=1, max_iter=20, max_eval=None, tolerance_grad=1e-7, tolerance_change=1e-9,
 * history_size=100, line_search_fn=None)}: PyTorch 1.13's limited-memory BFGS, ported line by line (its strong Wolfe
 * line search included), so that the iterates, the number of closure evaluations and the state are Python's.
 *
 * <pre>{@code
 * var optimizer = new LBFGS(List.of(w), new LBFGS.Options().lineSearchFn(LBFGS.LineSearchFn.STRONG_WOLFE));
 * Tensor loss = optimizer.step(() -> {
 *     optimizer.zeroGrad();
 *     Tensor l = F.mseLoss(x.matmul(w), y, Reduction.MEAN);
 *     l.backward();
 *     return l;
 * });
 * }</pre>
 *
 * <p>As in PyTorch, {@code step} needs a closure that re-evaluates the loss (calling {@link #step()} without one is
 * an {@link IllegalStateException}), there is one parameter group, and the whole state (keys {@code func_evals},
 * {@code n_iter}, {@code al}, {@code d}, {@code t}, {@code old_dirs}, {@code old_stps}, {@code ro}, {@code H_diag},
 * {@code prev_flat_grad}, {@code prev_loss}) is that of the first parameter. Numbers keep Python's kinds there:
 * {@code t} and {@code H_diag} are an int, a float or a 0-dimensional tensor as in Python, so state dicts interoperate.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.optim.LBFGS.html">torch.optim.LBFGS</a>.
 */
public class LBFGS extends Optimizer {

    /** Python's {@code line_search_fn} choices besides None. */
    public enum LineSearchFn {
        /** {@code "strong_wolfe"}. */
        STRONG_WOLFE("strong_wolfe");

        private final String python;

        LineSearchFn(String python) {
            this.python = python;
        }

        /** Python's string for this line search. */
        public String python() {
            return python;
        }
    }

    /** PyTorch's options and defaults for {@link LBFGS}. */
    public static final class Options {
        private final Map<String, Object> values = new LinkedHashMap<>();
        private boolean maxEvalSet;

        /** Options with PyTorch's defaults (lr 1, an int as in Python). */
        public Options() {
            values.put("lr", 1);
            values.put("max_iter", 20);
            values.put("max_eval", null);
            values.put("tolerance_grad", 1e-7);
            values.put("tolerance_change", 1e-9);
            values.put("history_size", 100);
            values.put("line_search_fn", null);
        }

        /** Options with the learning rate. */
        public Options(double lr) {
            this();
            values.put("lr", lr);
        }

        /** Python's {@code max_iter}: iterations per {@code step} (default 20). */
        public Options maxIter(int maxIter) {
            values.put("max_iter", maxIter);
            return this;
        }

        /** Python's {@code max_eval}: closure evaluations per {@code step} (default {@code max_iter * 5 // 4}). */
        public Options maxEval(int maxEval) {
            values.put("max_eval", maxEval);
            maxEvalSet = true;
            return this;
        }

        /** Python's {@code tolerance_grad} (default 1e-7). */
        public Options toleranceGrad(double toleranceGrad) {
            values.put("tolerance_grad", toleranceGrad);
            return this;
        }

        /** Python's {@code tolerance_change} (default 1e-9). */
        public Options toleranceChange(double toleranceChange) {
            values.put("tolerance_change", toleranceChange);
            return this;
        }

        /** Python's {@code history_size} (default 100). */
        public Options historySize(int historySize) {
            values.put("history_size", historySize);
            return this;
        }

        /** Python's {@code line_search_fn}: null (None, the default) or {@link LineSearchFn#STRONG_WOLFE}. */
        public Options lineSearchFn(LineSearchFn fn) {
            values.put("line_search_fn", fn == null ? null : fn.python());
            return this;
        }

        private Map<String, Object> resolved() {
            Map<String, Object> out = new LinkedHashMap<>(values);
            if (!maxEvalSet) {
                // max_eval = max_iter * 5 // 4
                out.put("max_eval", Math.floorDiv(((Number) out.get("max_iter")).intValue() * 5, 4));
            }
            return out;
        }
    }

    private final List<Tensor> params;
    private Supplier<Tensor> pendingClosure;
    private Tensor lastLoss;

    /** {@code optim.LBFGS(params)} with PyTorch's defaults. */
    public LBFGS(Collection<? extends Tensor> params) {
        this(params, new Options());
    }

    /** {@code optim.LBFGS(params, ...)}. */
    public LBFGS(Collection<? extends Tensor> params, Options options) {
        super("LBFGS", params, options.resolved());
        this.params = paramGroups().get(0).params();
    }

    /** Python's {@code ValueError}: LBFGS has one parameter group. */
    @Override
    public void addParamGroup(ParamGroup group) {
        if (!paramGroups().isEmpty()) {
            throw new IllegalArgumentException("LBFGS doesn't support per-parameter options (parameter groups)");
        }
        super.addParamGroup(group);
    }

    @Override
    protected void validate(ParamGroup group) {
        Object fn = group.get("line_search_fn");
        if (fn != null && !"strong_wolfe".equals(fn)) {
            throw new IllegalArgumentException("only 'strong_wolfe' is supported");
        }
    }

    @Override
    protected boolean isParamShaped(String key) {
        return false;
    }

    /**
     * Python's {@code step()} without a closure, which LBFGS does not allow.
     *
     * @throws IllegalStateException always outside {@link #step(Supplier)}
     */
    @Override
    public void step() {
        if (pendingClosure == null) {
            throw new IllegalStateException("LBFGS.step() needs a closure that reevaluates the model and returns the "
                    + "loss: use step(closure)");
        }
        super.step();
    }

    /**
     * Python's {@code optimizer.step(closure)}: up to {@code max_iter} L-BFGS iterations, calling {@code closure}
     * (with gradients enabled) whenever the loss and gradients are needed. Returns the loss of the first evaluation,
     * as PyTorch does.
     */
    @Override
    public Tensor step(Supplier<Tensor> closure) {
        pendingClosure = Objects.requireNonNull(closure, "closure");
        lastLoss = null;
        try {
            step();
            return lastLoss;
        } finally {
            pendingClosure = null;
            lastLoss = null;
        }
    }

    // ---------------------------------------------------------------- PyTorch's helpers

    /** {@code float(closure())} with grad enabled, in a scope of its own; keeps the loss tensor when asked. */
    private double evaluate(boolean keep) {
        try (TensorScope s = new TensorScope("LBFGS closure"); var g = Torch.enableGrad()) {
            Tensor loss = pendingClosure.get();
            if (loss == null) {
                throw new IllegalStateException("the LBFGS closure returned null instead of the loss");
            }
            double value = loss.item();
            if (keep) {
                lastLoss = loss.keep();
            }
            return value;
        }
    }

    /** {@code self._gather_flat_grad()}. */
    private org.bytedeco.pytorch.Tensor gatherFlatGrad() {
        TensorVector views = new TensorVector();
        for (Tensor p : params) {
            org.bytedeco.pytorch.Tensor param = p.nativeTensor();
            org.bytedeco.pytorch.Tensor grad = param.grad();
            if (!grad.defined()) {
                // view = p.new(p.numel()).zero_()
                views.push_back(torch.zeros(new long[] {param.numel()}, param.options()));
            } else {
                // view = p.grad.view(-1)
                views.push_back(grad.view(-1));
            }
        }
        return torch.cat(views, 0);
    }

    /** {@code self._add_grad(step_size, update)}. */
    private void addGrad(PyNumber stepSize, org.bytedeco.pytorch.Tensor update) {
        long offset = 0;
        Scalar alpha = scalar(stepSize.v);
        for (Tensor p : params) {
            org.bytedeco.pytorch.Tensor param = p.nativeTensor();
            long numel = param.numel();
            // p.add_(update[offset:offset + numel].view_as(p), alpha=step_size)
            param.add_(update.narrow(0, offset, numel).view_as(param), alpha);
            offset += numel;
        }
    }

    /** {@code self._clone_param()}. */
    private List<org.bytedeco.pytorch.Tensor> cloneParam() {
        List<org.bytedeco.pytorch.Tensor> out = new ArrayList<>();
        for (Tensor p : params) {
            out.add(p.nativeTensor().clone());
        }
        return out;
    }

    /** {@code self._set_param(params_data)}. */
    private void setParam(List<org.bytedeco.pytorch.Tensor> data) {
        for (int i = 0; i < params.size(); i++) {
            params.get(i).nativeTensor().copy_(data.get(i));
        }
    }

    /** The loss and flat gradient of {@code self._directional_evaluate(closure, x, t, d)}. */
    private record Evaluation(double loss, org.bytedeco.pytorch.Tensor flatGrad) {}

    private Evaluation directionalEvaluate(List<org.bytedeco.pytorch.Tensor> x, PyNumber t,
            org.bytedeco.pytorch.Tensor d) {
        addGrad(t, d);
        double loss = evaluate(false);
        org.bytedeco.pytorch.Tensor flatGrad = gatherFlatGrad();
        setParam(x);
        return new Evaluation(loss, flatGrad);
    }

    private static PyNumber dot(org.bytedeco.pytorch.Tensor a, org.bytedeco.pytorch.Tensor b) {
        return PyNumber.of(a.dot(b));
    }

    private static PyNumber absMax(org.bytedeco.pytorch.Tensor a) {
        return PyNumber.of(a.abs().max());
    }

    // ---------------------------------------------------------------- the step

    /** PyTorch 1.13's {@code LBFGS.step(closure)}, line by line. */
    @Override
    protected void update(ParamGroup group) {
        PyNumber lr = PyNumber.of(group.get("lr"));
        int maxIter = ((Number) group.get("max_iter")).intValue();
        double maxEval = ((Number) group.get("max_eval")).doubleValue();
        double toleranceGrad = group.getDouble("tolerance_grad");
        double toleranceChange = group.getDouble("tolerance_change");
        Object lineSearchFn = group.get("line_search_fn");
        int historySize = ((Number) group.get("history_size")).intValue();

        // state = self.state[self._params[0]]; state.setdefault('func_evals', 0); state.setdefault('n_iter', 0)
        Map<String, Object> state = state(params.get(0));
        state.putIfAbsent("func_evals", 0L);
        state.putIfAbsent("n_iter", 0L);

        // orig_loss = closure(); loss = float(orig_loss)
        double loss = evaluate(true);
        int currentEvals = 1;
        state.put("func_evals", count(state, "func_evals") + 1);

        org.bytedeco.pytorch.Tensor flatGrad = gatherFlatGrad();
        boolean optCond = absMax(flatGrad).le(toleranceGrad);
        if (optCond) {
            return;
        }

        // tensors cached in state (for tracing)
        org.bytedeco.pytorch.Tensor d = nativeOf(state.get("d"));
        PyNumber t = PyNumber.of(state.get("t"));
        List<Tensor> oldDirs = tensors(state.get("old_dirs"));
        List<Tensor> oldStps = tensors(state.get("old_stps"));
        List<PyNumber> ro = numbers(state.get("ro"));
        PyNumber hDiag = PyNumber.of(state.get("H_diag"));
        org.bytedeco.pytorch.Tensor prevFlatGrad = nativeOf(state.get("prev_flat_grad"));
        Object prevLoss = state.get("prev_loss");

        int nIter = 0;
        while (nIter < maxIter) {
            nIter++;
            long stateNIter = count(state, "n_iter") + 1;
            state.put("n_iter", stateNIter);

            // compute gradient descent direction
            if (stateNIter == 1) {
                d = flatGrad.neg();
                oldDirs = new ArrayList<>();
                oldStps = new ArrayList<>();
                ro = new ArrayList<>();
                hDiag = PyNumber.ofInt(1);
            } else {
                // y = flat_grad.sub(prev_flat_grad); s = d.mul(t); ys = y.dot(s)
                org.bytedeco.pytorch.Tensor y = flatGrad.sub(prevFlatGrad);
                org.bytedeco.pytorch.Tensor s = d.mul(scalar(t.v));
                PyNumber ys = dot(y, s);
                if (ys.gt(1e-10)) {
                    if (oldDirs.size() == historySize) {
                        oldDirs.remove(0);
                        oldStps.remove(0);
                        ro.remove(0);
                    }
                    oldDirs.add(own(y));
                    oldStps.add(own(s));
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
                    q.add_(oldDirs.get(i).nativeTensor(), scalar(ali.neg().v));
                }
                // d = r = torch.mul(q, H_diag)
                org.bytedeco.pytorch.Tensor r = q.mul(scalar(hDiag.v));
                d = r;
                for (int i = 0; i < numOld; i++) {
                    // be_i = old_dirs[i].dot(r) * ro[i]
                    PyNumber be = dot(oldDirs.get(i).nativeTensor(), r).mul(ro.get(i));
                    // r.add_(old_stps[i], alpha=al[i] - be_i)
                    r.add_(oldStps.get(i).nativeTensor(), scalar(PyNumber.of(al.get(i)).sub(be).v));
                }
            }

            if (prevFlatGrad == null) {
                prevFlatGrad = flatGrad.clone();
            } else {
                prevFlatGrad.copy_(flatGrad);
            }
            prevLoss = loss;

            // compute step length
            if (stateNIter == 1) {
                // t = min(1., 1. / flat_grad.abs().sum()) * lr
                PyNumber inv = PyNumber.ofFloat(1.).div(PyNumber.of(flatGrad.abs().sum()));
                t = PyNumber.min(PyNumber.ofFloat(1.), inv).mul(lr);
            } else {
                t = lr;
            }

            // gtd = flat_grad.dot(d)
            PyNumber gtd = dot(flatGrad, d);
            if (gtd.gt(-toleranceChange)) {
                break;
            }

            int lsFuncEvals = 0;
            if (lineSearchFn != null) {
                List<org.bytedeco.pytorch.Tensor> xInit = cloneParam();
                WolfeResult w = strongWolfe(xInit, t, d, loss, flatGrad, gtd, 1e-4, 0.9, toleranceChange, 25);
                loss = w.f;
                flatGrad = w.g;
                t = w.t;
                lsFuncEvals = w.funcEvals;
                addGrad(t, d);
                optCond = absMax(flatGrad).le(toleranceGrad);
            } else {
                addGrad(t, d);
                if (nIter != maxIter) {
                    loss = evaluate(false);
                    flatGrad = gatherFlatGrad();
                    optCond = absMax(flatGrad).le(toleranceGrad);
                    lsFuncEvals = 1;
                }
            }
            currentEvals += lsFuncEvals;
            state.put("func_evals", count(state, "func_evals") + lsFuncEvals);

            // check conditions
            if (nIter == maxIter) {
                break;
            }
            if (currentEvals >= maxEval) {
                break;
            }
            if (optCond) {
                break;
            }
            // lack of progress: d.mul(t).abs().max() <= tolerance_change
            if (absMax(d.mul(scalar(t.v))).le(toleranceChange)) {
                break;
            }
            if (Math.abs(loss - ((Number) prevLoss).doubleValue()) < toleranceChange) {
                break;
            }
        }

        dev.jtorch.Device device = params.get(0).device();
        state.put("d", d == null ? null : own(d));
        state.put("t", t == null ? null : t.toPython(device));
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
        state.put("prev_flat_grad", prevFlatGrad == null ? null : own(prevFlatGrad));
        state.put("prev_loss", prevLoss);
        // al holds numbers while stepping; Python keeps tensors there
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

    private static long count(Map<String, Object> state, String key) {
        return ((Number) state.get(key)).longValue();
    }

    private static org.bytedeco.pytorch.Tensor nativeOf(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Tensor t) {
            return t.nativeTensor();
        }
        throw new IllegalArgumentException("LBFGS state must hold a tensor, got " + o);
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

    // ---------------------------------------------------------------- line search

    /** What {@code _strong_wolfe} returns: {@code f_new, g_new, t, ls_func_evals}. */
    private record WolfeResult(double f, org.bytedeco.pytorch.Tensor g, PyNumber t, int funcEvals) {}

    /** PyTorch 1.13's {@code _cubic_interpolate(x1, f1, g1, x2, f2, g2, bounds)} on Python's numbers. */
    static PyNumber cubicInterpolate(PyNumber x1, PyNumber f1, PyNumber g1, PyNumber x2, PyNumber f2, PyNumber g2,
            PyNumber[] bounds) {
        PyNumber xminBound;
        PyNumber xmaxBound;
        if (bounds != null) {
            xminBound = bounds[0];
            xmaxBound = bounds[1];
        } else if (x1.le(x2)) {
            xminBound = x1;
            xmaxBound = x2;
        } else {
            xminBound = x2;
            xmaxBound = x1;
        }
        // d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
        PyNumber d1 = g1.add(g2).sub(PyNumber.ofInt(3).mul(f1.sub(f2)).div(x1.sub(x2)));
        // d2_square = d1**2 - g1 * g2
        PyNumber d2Square = d1.square().sub(g1.mul(g2));
        if (d2Square.ge(PyNumber.ofInt(0))) {
            PyNumber d2 = d2Square.sqrt();
            PyNumber minPos;
            PyNumber two = PyNumber.ofInt(2);
            if (x1.le(x2)) {
                // min_pos = x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                minPos = x2.sub(x2.sub(x1).mul(g2.add(d2).sub(d1).div(g2.sub(g1).add(two.mul(d2)))));
            } else {
                // min_pos = x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2))
                minPos = x1.sub(x1.sub(x2).mul(g1.add(d2).sub(d1).div(g1.sub(g2).add(two.mul(d2)))));
            }
            return PyNumber.min(PyNumber.max(minPos, xminBound), xmaxBound);
        }
        return xminBound.add(xmaxBound).div(PyNumber.ofFloat(2.));
    }

    private static PyNumber maxOf(PyNumber[] b) {
        return PyNumber.max(b[0], b[1]);
    }

    private static PyNumber minOf(PyNumber[] b) {
        return PyNumber.min(b[0], b[1]);
    }

    /** PyTorch 1.13's {@code _strong_wolfe(obj_func, x, t, d, f, g, gtd, c1, c2, tolerance_change, max_ls)}. */
    private WolfeResult strongWolfe(List<org.bytedeco.pytorch.Tensor> x, PyNumber t, org.bytedeco.pytorch.Tensor d,
            double fd, org.bytedeco.pytorch.Tensor g, PyNumber gtd, double c1d, double c2d, double toleranceChange,
            int maxLs) {
        PyNumber f = PyNumber.ofFloat(fd);
        PyNumber c1 = PyNumber.ofFloat(c1d);
        PyNumber negC2 = PyNumber.ofFloat(-c2d);
        PyNumber zero = PyNumber.ofInt(0);
        // d_norm = d.abs().max(); g = g.clone()
        PyNumber dNorm = absMax(d);
        g = g.clone();
        // evaluate objective and gradient using initial step
        Evaluation e = directionalEvaluate(x, t, d);
        PyNumber fNew = PyNumber.ofFloat(e.loss);
        org.bytedeco.pytorch.Tensor gNew = e.flatGrad;
        int lsFuncEvals = 1;
        PyNumber gtdNew = dot(gNew, d);

        // bracket an interval containing a point satisfying the Wolfe criteria
        PyNumber tPrev = zero;
        PyNumber fPrev = f;
        org.bytedeco.pytorch.Tensor gPrev = g;
        PyNumber gtdPrev = gtd;
        boolean done = false;
        int lsIter = 0;
        PyNumber[] bracket = null;
        PyNumber[] bracketF = null;
        org.bytedeco.pytorch.Tensor[] bracketG = null;
        PyNumber[] bracketGtd = null;
        while (lsIter < maxLs) {
            // check conditions
            if (fNew.gt(f.add(c1.mul(t).mul(gtd))) || (lsIter > 1 && fNew.ge(fPrev))) {
                bracket = new PyNumber[] {tPrev, t};
                bracketF = new PyNumber[] {fPrev, fNew};
                bracketG = new org.bytedeco.pytorch.Tensor[] {gPrev, gNew.clone()};
                bracketGtd = new PyNumber[] {gtdPrev, gtdNew};
                break;
            }
            if (gtdNew.abs().le(negC2.mul(gtd))) {
                bracket = new PyNumber[] {t};
                bracketF = new PyNumber[] {fNew};
                bracketG = new org.bytedeco.pytorch.Tensor[] {gNew};
                done = true;
                break;
            }
            if (gtdNew.ge(zero)) {
                bracket = new PyNumber[] {tPrev, t};
                bracketF = new PyNumber[] {fPrev, fNew};
                bracketG = new org.bytedeco.pytorch.Tensor[] {gPrev, gNew.clone()};
                bracketGtd = new PyNumber[] {gtdPrev, gtdNew};
                break;
            }
            // interpolate
            PyNumber minStep = t.add(PyNumber.ofFloat(0.01).mul(t.sub(tPrev)));
            PyNumber maxStep = t.mul(PyNumber.ofInt(10));
            PyNumber tmp = t;
            t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, new PyNumber[] {minStep, maxStep});
            // next step
            tPrev = tmp;
            fPrev = fNew;
            gPrev = gNew.clone();
            gtdPrev = gtdNew;
            e = directionalEvaluate(x, t, d);
            fNew = PyNumber.ofFloat(e.loss);
            gNew = e.flatGrad;
            lsFuncEvals++;
            gtdNew = dot(gNew, d);
            lsIter++;
        }
        // reached max number of iterations?
        if (lsIter == maxLs) {
            bracket = new PyNumber[] {zero, t};
            bracketF = new PyNumber[] {f, fNew};
            bracketG = new org.bytedeco.pytorch.Tensor[] {g, gNew};
        }

        // zoom phase
        boolean insufProgress = false;
        int lowPos = bracketF[0].le(bracketF[bracketF.length - 1]) ? 0 : 1;
        int highPos = 1 - lowPos;
        while (!done && lsIter < maxLs) {
            // line-search bracket is so small
            if (bracket[1].sub(bracket[0]).abs().mul(dNorm).lt(toleranceChange)) {
                break;
            }
            // compute new trial value
            t = cubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1],
                    null);
            // test that we are making sufficient progress
            PyNumber eps = PyNumber.ofFloat(0.1).mul(maxOf(bracket).sub(minOf(bracket)));
            if (PyNumber.min(maxOf(bracket).sub(t), t.sub(minOf(bracket))).lt(eps)) {
                // interpolation close to boundary
                if (insufProgress || t.ge(maxOf(bracket)) || t.le(minOf(bracket))) {
                    // evaluate at 0.1 away from boundary
                    if (t.sub(maxOf(bracket)).abs().lt(t.sub(minOf(bracket)).abs())) {
                        t = maxOf(bracket).sub(eps);
                    } else {
                        t = minOf(bracket).add(eps);
                    }
                    insufProgress = false;
                } else {
                    insufProgress = true;
                }
            } else {
                insufProgress = false;
            }
            // Evaluate new point
            e = directionalEvaluate(x, t, d);
            fNew = PyNumber.ofFloat(e.loss);
            gNew = e.flatGrad;
            lsFuncEvals++;
            gtdNew = dot(gNew, d);
            lsIter++;

            if (fNew.gt(f.add(c1.mul(t).mul(gtd))) || fNew.ge(bracketF[lowPos])) {
                // Armijo condition not satisfied or not lower than lowest point
                bracket[highPos] = t;
                bracketF[highPos] = fNew;
                bracketG[highPos] = gNew.clone();
                bracketGtd[highPos] = gtdNew;
                lowPos = bracketF[0].le(bracketF[1]) ? 0 : 1;
                highPos = 1 - lowPos;
            } else {
                if (gtdNew.abs().le(negC2.mul(gtd))) {
                    // Wolfe conditions satisfied
                    done = true;
                } else if (gtdNew.mul(bracket[highPos].sub(bracket[lowPos])).ge(zero)) {
                    // old high becomes new low
                    bracket[highPos] = bracket[lowPos];
                    bracketF[highPos] = bracketF[lowPos];
                    bracketG[highPos] = bracketG[lowPos];
                    bracketGtd[highPos] = bracketGtd[lowPos];
                }
                // new point becomes new low
                bracket[lowPos] = t;
                bracketF[lowPos] = fNew;
                bracketG[lowPos] = gNew.clone();
                bracketGtd[lowPos] = gtdNew;
            }
        }
        // return stuff
        return new WolfeResult(bracketF[lowPos].v, bracketG[lowPos], bracket[lowPos], lsFuncEvals);
    }
}
