package dev.jtorch.optim;

import java.util.List;

/**
 * PyTorch 1.13's strong Wolfe line search for {@link LBFGS} ({@code _strong_wolfe} and {@code _cubic_interpolate} in
 * {@code torch/optim/lbfgs.py}), ported line by line on Python's numbers ({@link PyNumber}) so that the step sizes and
 * the number of closure evaluations are Python's. The objective is evaluated through {@link DirectionalObjective}.
 */
final class LBFGSLineSearch {

    private LBFGSLineSearch() {}

    /** The loss and flat gradient of {@code self._directional_evaluate(closure, x, t, d)}. */
    record Evaluation(double loss, org.bytedeco.pytorch.Tensor flatGrad) {}

    /** LBFGS's {@code obj_func}: the loss and flat gradient at {@code x + t * d}, the parameters left at {@code x}. */
    @FunctionalInterface
    interface DirectionalObjective {
        Evaluation evaluate(List<org.bytedeco.pytorch.Tensor> x, PyNumber t, org.bytedeco.pytorch.Tensor d);
    }

    private static PyNumber dot(org.bytedeco.pytorch.Tensor a, org.bytedeco.pytorch.Tensor b) {
        return PyNumber.of(a.dot(b));
    }

    private static PyNumber absMax(org.bytedeco.pytorch.Tensor a) {
        return PyNumber.of(a.abs().max());
    }

    /** What {@code _strong_wolfe} returns: {@code f_new, g_new, t, ls_func_evals}. */
    record WolfeResult(double f, org.bytedeco.pytorch.Tensor g, PyNumber t, int funcEvals) {}

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
    static WolfeResult strongWolfe(DirectionalObjective objective,
            List<org.bytedeco.pytorch.Tensor> x, PyNumber t, org.bytedeco.pytorch.Tensor d,
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
        Evaluation e = objective.evaluate(x, t, d);
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
            e = objective.evaluate(x, t, d);
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
            e = objective.evaluate(x, t, d);
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
