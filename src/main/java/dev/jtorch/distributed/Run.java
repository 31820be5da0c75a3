package dev.jtorch.distributed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * torchrun for Java ({@code python -m torch.distributed.run}): starts the ranks of a data-parallel job on this
 * machine and waits for them (see {@link Launcher}).
 *
 * <pre>
 * java -cp CLASSPATH dev.jtorch.distributed.Run --nproc-per-node 2 com.example.Train --epochs 10
 * # two machines: on each, --nnodes 2 --node-rank 0|1 --master-addr HOST_OF_NODE_0 --master-port 29500
 * </pre>
 *
 * <p>Exits with 0 when every rank did, else with the first failing rank's exit code.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/elastic/run.html">torchrun (torch.distributed.run)</a>.
 */
@Command(name = "dev.jtorch.distributed.Run", mixinStandardHelpOptions = true, versionProvider = Run.Version.class,
        description = "Starts the ranks of a distributed job (torchrun's job) and waits for them.")
public final class Run implements Callable<Integer> {
    @Option(names = {"--nproc-per-node", "--nproc_per_node"}, paramLabel = "N",
            description = "processes on this machine (default ${DEFAULT-VALUE})")
    int nprocPerNode = 1;

    @Option(names = "--nnodes", paramLabel = "M", description = "machines in the job (default ${DEFAULT-VALUE})")
    int nnodes = 1;

    @Option(names = {"--node-rank", "--node_rank"}, paramLabel = "K",
            description = "this machine's index (default ${DEFAULT-VALUE})")
    int nodeRank;

    @Option(names = {"--master-addr", "--master_addr"}, paramLabel = "ADDR",
            description = "address of rank 0's machine (default ${DEFAULT-VALUE})")
    String masterAddr = "127.0.0.1";

    @Option(names = {"--master-port", "--master_port"}, paramLabel = "PORT",
            description = "rank 0's rendezvous port (default: a free port on one machine, 29500 on several)")
    Integer masterPort;

    @Parameters(index = "0", paramLabel = "MAIN_CLASS", description = "the main class each rank runs")
    String mainClass;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "its arguments")
    List<String> args = new ArrayList<>();

    /** Runs the launcher with torchrun's flags and exits with the job's code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the launcher with torchrun's flags; returns the job's exit code (2 for bad flags). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Run());
        cl.setStopAtPositional(true);
        cl.setUnmatchedOptionsArePositionalParams(true);
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        Launcher.Options o = new Launcher.Options().nprocPerNode(nprocPerNode).nnodes(nnodes).nodeRank(nodeRank)
                .masterAddr(masterAddr);
        if (masterPort != null) {
            o.masterPort(masterPort);
        }
        return new Launcher(o).launch(mainClass, args.toArray(new String[0]));
    }

    /** {@code --version}: jtorch's, libtorch's, the presets' and Java's versions. */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {dev.jtorch.Versions.line()};
        }
    }
}
