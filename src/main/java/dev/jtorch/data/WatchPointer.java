package dev.jtorch.data;

import org.bytedeco.javacpp.Pointer;

/**
 * A pointer to nothing, with a {@link Watch} as deallocator: created inside a batch's scope, JavaCPP attaches it
 * to that scope, which runs the deallocator when it closes.
 */
final class WatchPointer extends Pointer {
    WatchPointer(Watch watch) {
        super((Pointer) null);
        deallocator(watch);
    }

    /** The deallocator of a {@link WatchPointer}: ends the workers unless disarmed. References no iterator. */
    static final class Watch implements Deallocator {
        private volatile WorkerPool workers;

        Watch(WorkerPool workers) {
            this.workers = workers;
        }

        void disarm() {
            workers = null;
        }

        @Override
        public void deallocate() {
            WorkerPool w = workers;
            workers = null;
            if (w != null) {
                w.shutdown();
            }
        }
    }
}
