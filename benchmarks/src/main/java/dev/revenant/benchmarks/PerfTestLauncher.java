package dev.revenant.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs PerfTest as a child JVM (one fresh process per run, so that no run inherits another's JIT
 * state or threads), keeps its whole output under {@code rawDirectory} for audit, and parses it.
 * A run that outlives its deadline is killed and comes back incomplete rather than hanging the harness.
 */
public final class PerfTestLauncher {
    private final String javaCommand;
    private final Path perfTestLibrary;
    private final Path rawDirectory;

    public PerfTestLauncher(String javaCommand, Path perfTestLibrary, Path rawDirectory) {
        this.javaCommand = javaCommand;
        this.perfTestLibrary = perfTestLibrary;
        this.rawDirectory = rawDirectory;
    }

    /** A PerfTest process under way; {@link #await} waits for it and parses what it printed. */
    public final class Running {
        private final Process process;
        private final Path output;
        private final Duration deadline;

        private Running(Process process, Path output, Duration deadline) {
            this.process = process;
            this.output = output;
            this.deadline = deadline;
        }

        public PerfTestOutput await() {
            try {
                if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroy();
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor();
                    }
                }
                return PerfTestOutputParser.parse(Files.readAllLines(output, StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while PerfTest ran", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Starts PerfTest against {@code uri}; {@code runName} names its output file. */
    public Running start(String runName, String uri, List<String> arguments, Duration deadline) {
        List<String> command = new ArrayList<>(List.of(javaCommand,
                "-Dstdout.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8",
                "-cp", perfTestLibrary.resolve("*").toString(), "com.rabbitmq.perf.PerfTest", "-h", uri));
        command.addAll(arguments);
        Path output = rawDirectory.resolve(runName.replaceAll("[^A-Za-z0-9._-]", "_") + ".txt");
        try {
            Files.createDirectories(rawDirectory);
            Files.writeString(output, String.join(" ", command.subList(command.indexOf("-h"), command.size())) + "\n");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            return new Running(process, output, deadline);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PerfTest with " + javaCommand, e);
        }
    }

    public PerfTestOutput run(String runName, String uri, List<String> arguments, Duration deadline) {
        return start(runName, uri, arguments, deadline).await();
    }
}
