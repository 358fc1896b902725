package dev.zirconffm.bench;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.annotations.Mode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the C baselines and the JMH benchmarks in alternating passes, then the C baselines once
 * more, and prints one table of ratios. Started by scripts/bench.sh:
 *
 * <pre>
 * BenchMain [--quick] --c PATH_TO_zxbench --lib PATH_TO_libzircon.so --loops PATH_TO_libzxloops.so
 *           --out DIR [--only REGEX]
 * </pre>
 *
 * {@code --only} runs a subset of the JMH benchmarks (for investigation; the table then lacks rows).
 */
public final class BenchMain {

    private BenchMain() {
    }

    /** Entry point; see the class comment for the arguments. */
    public static void main(String[] args) throws Throwable {
        boolean quick = false;
        Path cBinary = null;
        Path lib = null;
        Path loops = null;
        Path out = Path.of("bench-results");
        String only = "dev\\.zirconffm\\.bench\\.[A-Za-z]+Bench\\.";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--c" -> cBinary = Path.of(args[++i]);
                case "--lib" -> lib = Path.of(args[++i]).toAbsolutePath();
                case "--loops" -> loops = Path.of(args[++i]).toAbsolutePath();
                case "--out" -> out = Path.of(args[++i]);
                case "--only" -> only = args[++i];
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (cBinary == null || lib == null || loops == null) {
            throw new IllegalArgumentException(
                    "usage: BenchMain [--quick] --c ZXBENCH --lib LIBZIRCON --loops LIBZXLOOPS --out DIR [--only REGEX]");
        }
        Files.createDirectories(out);

        // Passes of (C program, every JMH benchmark in one fork), then the C program once more: a
        // Java figure and its C reference are measured minutes apart at most, so load that comes
        // and goes hits both sides alike.
        // Fork-to-fork spread (JIT and memory layout) is larger here than the spread within a
        // fork, so the full run takes more, shorter forks rather than fewer, longer ones.
        int passes = quick ? 1 : 4;
        Samples c = new Samples();
        List<RunResult> jmh = new ArrayList<>();
        for (int pass = 1; pass <= passes; pass++) {
            c.addCOutput(runC(cBinary, quick, out.resolve("c-" + pass + ".txt")));
            jmh.addAll(runJmh(quick, lib, loops, only, out.resolve("jmh-" + pass + ".json")));
        }
        c.addCOutput(runC(cBinary, quick, out.resolve("c-" + (passes + 1) + ".txt")));

        System.out.println("# Exact allocation per operation, this thread only");
        Map<String, Double> allocation = AllocationCheck.run();
        allocation.forEach((k, v) -> System.out.printf("#   %s %.2f B/op%n", k, v));

        String table = Report.render(quick, jmh, c, allocation);
        System.out.println();
        System.out.println(table);
        Files.writeString(out.resolve("table.md"), table);
    }

    private static List<String> runC(Path binary, boolean quick, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        if (quick) {
            command.add("--quick");
        }
        System.out.println("# C baselines: " + String.join(" ", command));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the C baselines took more than 5 minutes");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("the C baselines failed with exit code " + p.exitValue());
        }
        List<String> lines = Files.readAllLines(log);
        lines.forEach(l -> System.out.println("#   " + l));
        return lines;
    }

    private static Collection<RunResult> runJmh(boolean quick, Path lib, Path loops, String include, Path json) throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.milliseconds(quick ? 250 : 400))
                .measurementIterations(3)
                .measurementTime(TimeValue.milliseconds(quick ? 250 : 400))
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend("--enable-native-access=ALL-UNNAMED", "-Dzircon.library=" + lib,
                        "-Dzxbench.loops=" + loops)
                .shouldFailOnError(true)
                .result(json.toString())
                .resultFormat(ResultFormatType.JSON);
        return new Runner(options.build()).run();
    }
}
