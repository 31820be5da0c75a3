package dev.jtorch.prep;

/**
 * The algorithm of {@link MakeClassification#makeClassification}, step for step as scikit-learn 1.2's
 * {@code make_classification}: clusters on hypercube vertices, informative features with a random covariance per
 * cluster, then redundant, repeated and useless features, flipped labels, shift, scale and shuffling.
 */
final class ClassificationGenerator {
    private ClassificationGenerator() {}

    /** {@code make_classification(**options)}, drawing in scikit-learn's order. */
    static LabeledData generate(MakeClassification.Options o) {
        RandomState generator = o.randomState().resolve();
        int nSamples = o.nSamples();
        int nFeatures = o.nFeatures();
        int nInf = o.nInformative();
        int nRed = o.nRedundant();
        int nRep = o.nRepeated();
        int nClasses = o.nClasses();
        int perClass = o.nClustersPerClass();
        if (nSamples < 0 || nFeatures < 0 || nInf < 0 || nRed < 0 || nRep < 0 || nClasses < 1 || perClass < 1) {
            throw new IllegalArgumentException("make_classification needs non-negative sizes, at least one class and "
                    + "one cluster per class");
        }
        if (nInf + nRed + nRep > nFeatures) {
            throw new IllegalArgumentException("Number of informative, redundant and repeated features must sum to "
                    + "less than the number of total features");
        }
        long nClustersLong = (long) nClasses * perClass;
        if (nInf < 62 && (1L << nInf) < nClustersLong) {
            throw new IllegalArgumentException("n_classes(" + nClasses + ") * n_clusters_per_class(" + perClass
                    + ") must be smaller or equal 2**n_informative(" + nInf + ")="
                    + java.math.BigInteger.TWO.pow(nInf));
        }
        double[] weights = classWeights(o.weights(), nClasses);
        int nUseless = nFeatures - nInf - nRed - nRep;
        int nClusters = nClasses * perClass;

        int[] perCluster = new int[nClusters];
        long assigned = 0;
        for (int k = 0; k < nClusters; k++) {
            perCluster[k] = (int) (nSamples * weights[k % nClasses] / perClass);
            assigned += perCluster[k];
        }
        for (long i = 0; i < nSamples - assigned; i++) {
            perCluster[(int) (i % nClusters)]++;
        }

        double[][] x = new double[nSamples][nFeatures];
        int[] y = new int[nSamples];

        double[][] centroids = HypercubeClusters.hypercube(nClusters, nInf, generator);
        double twoSep = 2 * o.classSep();
        for (double[] c : centroids) {
            for (int j = 0; j < nInf; j++) {
                c[j] = c[j] * twoSep - o.classSep();
            }
        }
        if (!o.hypercube()) {
            double[] rowFactor = generator.uniform(0.0, 1.0, nClusters);
            for (int k = 0; k < nClusters; k++) {
                for (int j = 0; j < nInf; j++) {
                    centroids[k][j] *= rowFactor[k];
                }
            }
            double[] colFactor = generator.uniform(0.0, 1.0, nInf);
            for (double[] c : centroids) {
                for (int j = 0; j < nInf; j++) {
                    c[j] *= colFactor[j];
                }
            }
        }

        for (double[] row : x) {
            for (int j = 0; j < nInf; j++) {
                row[j] = generator.standardNormal();
            }
        }

        int stop = 0;
        for (int k = 0; k < nClusters; k++) {
            int start = Math.min(stop, nSamples);
            stop = stop + perCluster[k];
            int end = Math.min(stop, nSamples);
            double[][] a = HypercubeClusters.twoUMinusOne(generator, nInf, nInf);
            for (int i = start; i < end; i++) {
                y[i] = k % nClasses;
                double[] row = x[i];
                double[] prod = HypercubeClusters.matVec(row, a, nInf, nInf);
                for (int j = 0; j < nInf; j++) {
                    row[j] = prod[j] + centroids[k][j];
                }
            }
        }

        if (nRed > 0) {
            double[][] b = HypercubeClusters.twoUMinusOne(generator, nInf, nRed);
            for (double[] row : x) {
                double[] prod = HypercubeClusters.matVec(row, b, nInf, nRed);
                System.arraycopy(prod, 0, row, nInf, nRed);
            }
        }

        if (nRep > 0) {
            int n = nInf + nRed;
            double[] u = generator.uniform(0.0, 1.0, nRep);
            int[] indices = new int[nRep];
            for (int r = 0; r < nRep; r++) {
                indices[r] = (int) ((n - 1) * u[r] + 0.5);
            }
            for (double[] row : x) {
                for (int r = 0; r < nRep; r++) {
                    row[n + r] = row[indices[r]];
                }
            }
        }

        if (nUseless > 0) {
            for (double[] row : x) {
                for (int j = nFeatures - nUseless; j < nFeatures; j++) {
                    row[j] = generator.standardNormal();
                }
            }
        }

        if (o.flipY() >= 0.0) {
            double[] u = generator.uniform(0.0, 1.0, nSamples);
            int count = 0;
            for (double v : u) {
                if (v < o.flipY()) {
                    count++;
                }
            }
            long[] newLabels = generator.randint(0, nClasses, count);
            int c = 0;
            for (int i = 0; i < nSamples; i++) {
                if (u[i] < o.flipY()) {
                    y[i] = (int) newLabels[c++];
                }
            }
        }

        double[] shift = perFeature(o.shift(), o.shiftPerFeature(), nFeatures, "shift");
        if (shift == null) {
            shift = generator.uniform(0.0, 1.0, nFeatures);
            for (int j = 0; j < nFeatures; j++) {
                shift[j] = (2 * shift[j] - 1) * o.classSep();
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < nFeatures; j++) {
                row[j] += shift[j];
            }
        }
        double[] scale = perFeature(o.scale(), o.scalePerFeature(), nFeatures, "scale");
        if (scale == null) {
            scale = generator.uniform(0.0, 1.0, nFeatures);
            for (int j = 0; j < nFeatures; j++) {
                scale[j] = 1 + 100 * scale[j];
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < nFeatures; j++) {
                row[j] *= scale[j];
            }
        }

        if (o.shuffle()) {
            int[] rows = Sampling.shuffleIndices(nSamples, generator);
            double[][] xs = new double[nSamples][];
            int[] ys = new int[nSamples];
            for (int i = 0; i < nSamples; i++) {
                xs[i] = x[rows[i]];
                ys[i] = y[rows[i]];
            }
            int[] cols = Sampling.shuffleIndices(nFeatures, generator);
            for (int i = 0; i < nSamples; i++) {
                double[] src = xs[i];
                double[] dst = new double[nFeatures];
                for (int j = 0; j < nFeatures; j++) {
                    dst[j] = src[cols[j]];
                }
                xs[i] = dst;
            }
            x = xs;
            y = ys;
        }
        return new LabeledData(x, y);
    }

    private static double[] classWeights(double[] given, int nClasses) {
        if (given == null) {
            double[] w = new double[nClasses];
            java.util.Arrays.fill(w, 1.0 / nClasses);
            return w;
        }
        if (given.length != nClasses && given.length != nClasses - 1) {
            throw new IllegalArgumentException("Weights specified but incompatible with number of classes.");
        }
        if (given.length == nClasses) {
            return given.clone();
        }
        double[] w = java.util.Arrays.copyOf(given, nClasses);
        double sum = 0;
        for (double v : given) {
            sum += v;
        }
        w[nClasses - 1] = 1.0 - sum;
        return w;
    }

    private static double[] perFeature(Double scalar, double[] array, int nFeatures, String name) {
        if (array != null) {
            if (array.length != nFeatures) {
                throw new IllegalArgumentException("operands could not be broadcast together: " + name + " has "
                        + array.length + " values for " + nFeatures + " features");
            }
            return array.clone();
        }
        if (scalar == null) {
            return null;
        }
        double[] out = new double[nFeatures];
        java.util.Arrays.fill(out, scalar);
        return out;
    }
}
