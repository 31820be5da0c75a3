package dev.jtorch.optim;

import dev.jtorch.PyEnum;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

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
    public enum LineSearchFn implements PyEnum {
        /** {@code "strong_wolfe"}. */
        STRONG_WOLFE("strong_wolfe");

        private final String python;

        LineSearchFn(String python) {
            this.python = python;
        }

        /** Python's string for this line search ({@code "strong_wolfe"}). */
        @Override
        public String pythonName() {
            return python;
        }

        /** Python's string for this line search (as {@link #pythonName()}). */
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
    private final LBFGSFlatParams flat;
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
        this.flat = new LBFGSFlatParams(this.params, this::scalar);
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

    /** {@code self._directional_evaluate(closure, x, t, d)}. */
    private LBFGSLineSearch.Evaluation directionalEvaluate(List<org.bytedeco.pytorch.Tensor> x, PyNumber t,
            org.bytedeco.pytorch.Tensor d) {
        flat.addGrad(t, d);
        double loss = evaluate(false);
        org.bytedeco.pytorch.Tensor flatGrad = flat.gatherFlatGrad();
        flat.setParam(x);
        return new LBFGSLineSearch.Evaluation(loss, flatGrad);
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

        org.bytedeco.pytorch.Tensor flatGrad = flat.gatherFlatGrad();
        boolean optCond = absMax(flatGrad).le(toleranceGrad);
        if (optCond) {
            return;
        }

        // tensors cached in state (for tracing)
        org.bytedeco.pytorch.Tensor d = nativeOf(state.get("d"));
        PyNumber t = PyNumber.of(state.get("t"));
        LBFGSHistory history = LBFGSHistory.load(state);
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
                history.reset();
            } else {
                d = history.direction(state, flatGrad, prevFlatGrad, d, t, historySize, this::scalar);
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
                List<org.bytedeco.pytorch.Tensor> xInit = flat.cloneParam();
                LBFGSLineSearch.WolfeResult w = LBFGSLineSearch.strongWolfe(this::directionalEvaluate, xInit, t, d,
                        loss, flatGrad, gtd, 1e-4, 0.9, toleranceChange, 25);
                loss = w.f();
                flatGrad = w.g();
                t = w.t();
                lsFuncEvals = w.funcEvals();
                flat.addGrad(t, d);
                optCond = absMax(flatGrad).le(toleranceGrad);
            } else {
                flat.addGrad(t, d);
                if (nIter != maxIter) {
                    loss = evaluate(false);
                    flatGrad = flat.gatherFlatGrad();
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
        history.store(state, device);
        state.put("prev_flat_grad", prevFlatGrad == null ? null : own(prevFlatGrad));
        state.put("prev_loss", prevLoss);
        LBFGSHistory.storeAl(state, device);
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
}
