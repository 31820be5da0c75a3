package dev.jtorch.examples;

import dev.jtorch.Versions;
import picocli.CommandLine.IVersionProvider;

/** What {@code --version} of every example prints: jtorch's, libtorch's, the presets' and Java's versions. */
final class ExampleVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {Versions.line()};
    }
}
