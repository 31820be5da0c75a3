package dev.jtorch.data;

/**
 * What {@link Data#getWorkerInfo()} returns on a {@link DataLoader} worker thread, as Python's
 * {@code torch.utils.data.get_worker_info()} does in a worker process: the worker's {@code id} (0 to
 * {@code numWorkers - 1}), {@code numWorkers}, the {@code seed} its default generator was seeded with
 * ({@code base_seed + id}) and the loader's {@code dataset}.
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.get_worker_info">torch.utils.data.get_worker_info</a>.
 *
 * @param id the worker's index
 * @param numWorkers the loader's {@code num_workers}
 * @param seed the seed of the worker's default generator
 * @param dataset the loader's dataset
 */
public record WorkerInfo(int id, int numWorkers, long seed, Dataset<?> dataset) {
    /** Python's repr: {@code WorkerInfo(id=0, num_workers=2, seed=..., dataset=...)}. */
    @Override
    public String toString() {
        return "WorkerInfo(id=" + id + ", num_workers=" + numWorkers + ", seed=" + Long.toUnsignedString(seed)
                + ", dataset=" + dataset + ")";
    }
}
