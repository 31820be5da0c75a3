package dev.jtorch.optim.lr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.IntToDoubleFunction;

/** The {@code lr_lambda} argument of LambdaLR and MultiplicativeLR: one function, or one per group. */
final class LrLambdas {
    private LrLambdas() {}

    static List<IntToDoubleFunction> expand(List<IntToDoubleFunction> given, boolean single, int groups) {
        if (single) {
            return Collections.nCopies(groups, given.get(0));
        }
        if (given.size() != groups) {
            throw new IllegalArgumentException("Expected " + groups + " lr_lambdas, but got " + given.size());
        }
        return List.copyOf(given);
    }

    static List<IntToDoubleFunction> checked(List<IntToDoubleFunction> functions) {
        Objects.requireNonNull(functions, "lrLambda");
        List<IntToDoubleFunction> out = new ArrayList<>(functions.size());
        for (IntToDoubleFunction f : functions) {
            out.add(Objects.requireNonNull(f, "lrLambda contains null"));
        }
        return out;
    }

    /** Python's {@code lr_lambdas} state entry: None for each plain function (Java lambdas carry no state). */
    static List<Object> stateEntry(int count) {
        return new ArrayList<>(Collections.nCopies(count, null));
    }
}
