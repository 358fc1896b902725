package dev.zirconffm.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table of issue 5: each measure with our figure, the reference measured in the same run, the
 * ratio and the target. Every figure is the median of the iterations (JMH) or rounds (C).
 */
final class Report {

    /** A JMH benchmark's median ns/op and its allocation per op (-prof gc), NaN if not run. */
    private record Java(double ns, double bytesPerOp) {
    }

    private static final Java MISSING = new Java(Double.NaN, Double.NaN);

    private final Map<String, Java> java = new HashMap<>();
    private final Samples c;
    private final StringBuilder out = new StringBuilder();

    private final Map<String, Double> exactAllocation;

    private Report(Collection<RunResult> runs, Samples c, Map<String, Double> exactAllocation) {
        this.c = c;
        this.exactAllocation = exactAllocation;
        Map<String, List<Double>> scores = new HashMap<>();
        Map<String, List<Double>> allocations = new HashMap<>();
        for (RunResult run : runs) { // one per benchmark and pass: merged by benchmark
            String key = key(run.getParams());
            List<Double> s = scores.computeIfAbsent(key, k -> new ArrayList<>());
            for (BenchmarkResult fork : run.getBenchmarkResults()) {
                for (IterationResult it : fork.getIterationResults()) {
                    s.add(it.getPrimaryResult().getScore());
                }
            }
            for (Map.Entry<String, Result> e : run.getSecondaryResults().entrySet()) {
                if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                    allocations.computeIfAbsent(key, k -> new ArrayList<>()).add(e.getValue().getScore());
                }
            }
        }
        for (Map.Entry<String, List<Double>> e : scores.entrySet()) {
            List<Double> a = allocations.getOrDefault(e.getKey(), List.of());
            java.put(e.getKey(), new Java(Samples.median(e.getValue()),
                    a.isEmpty() ? Double.NaN : a.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
        }
    }

    // "MapCycleBench.idiomatic", or "LiveMappingsBench.mapUnmap:live=30000" with parameters.
    private static String key(BenchmarkParams params) {
        String name = params.getBenchmark();
        StringBuilder k = new StringBuilder(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1));
        for (String p : params.getParamsKeys()) {
            k.append(':').append(p).append('=').append(params.getParam(p));
        }
        return k.toString();
    }

    /** The whole report: machine, JDK, then the table in Markdown. */
    static String render(boolean quick, Collection<RunResult> runs, Samples c, Map<String, Double> exactAllocation) {
        Report r = new Report(runs, c, exactAllocation);
        r.header(quick);
        r.table();
        return r.out.toString();
    }

    private void header(boolean quick) {
        line("zircon-ffm benchmarks (" + (quick ? "--quick: few samples, indicative only" : "full run") + ")");
        line("JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")
                + " (" + System.getProperty("java.home") + ")");
        line("Machine: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs (nproc), "
                + System.getProperty("os.name") + " " + System.getProperty("os.version"));
        line("Figures: median of the JMH iterations (AverageTime; one fork per pass) and of the C program's rounds"
                + " (run before, between and after the passes), all from this run. \"C in the JVM\": the same C loops in a library the benchmark JVM calls once"
                + " per batch. Bandwidth ratios: ours / C in bytes per second. Holds: vs the C program / vs C in the JVM."
                + " B/op: JMH -prof gc (for ops of"
                + " milliseconds it includes JMH's own per-iteration objects; the exact count is in the allocation row).");
        line("");
    }

    private void table() {
        line("| measure | ours | C program | ratio | C in the JVM | ratio | target | holds | ours B/op |");
        line("|---|---|---|---|---|---|---|---|---|");
        latency("map + unmap 4 KiB VMO: idiomatic `Vmar.map` (arena) / C", "MapCycleBench.idiomatic",
                "c.map_unmap", "InJvmCBench.mapUnmap", 1.05);
        latency("map + unmap 4 KiB VMO: raw generated handles / C", "MapCycleBench.raw", "c.map_unmap",
                "InJvmCBench.mapUnmap", 1.05);
        latency("map + unmap 4 KiB VMO: raw handles + JDK arena, no checks (floor of any arena binding) / C",
                "MapCycleBench.arenaRaw", "c.map_unmap", "InJvmCBench.mapUnmap", Double.NaN);
        latency("`zx_vmo_get_size`: idiomatic `Vmo.size()` / C", "CheapCallBench.idiomatic", "c.get_size",
                "InJvmCBench.getSize", 1.5);
        latency("`zx_vmo_get_size`: raw generated handle / C", "CheapCallBench.raw", "c.get_size",
                "InJvmCBench.getSize", Double.NaN);
        bandwidth("64 MiB fill: `Segments.fill` of a mapping (the API's fill) / C `memset`", "BulkBench.fillMemset",
                "c.memset_64m", "InJvmCBench.memset", BulkBench.SIZE, 0.95);
        bandwidth("64 MiB fill: the JDK's `MemorySegment.fill` of a mapping / C `memset`", "BulkBench.fill",
                "c.memset_64m", "InJvmCBench.memset", BulkBench.SIZE, Double.NaN);
        bandwidth("64 MiB copy: `MemorySegment.copy` between mappings / C `memcpy`", "BulkBench.copy",
                "c.memcpy_64m", "InJvmCBench.memcpy", BulkBench.SIZE, 0.95);
        bandwidth("`Vmo.write` of a 1 MiB `byte[]` / C `zx_vmo_write`", "VmoIoBench.write", "c.vmo_write_1m",
                "InJvmCBench.vmoWrite", VmoIoBench.SIZE, 0.9);
        bandwidth("`Vmo.read` into a 1 MiB `byte[]` / C `zx_vmo_read`", "VmoIoBench.read", "c.vmo_read_1m",
                "InJvmCBench.vmoRead", VmoIoBench.SIZE, 0.9);
        cOnly("emulator map + unmap / Linux `mmap` + `munmap` of a memfd page (both C)", "c.map_unmap",
                "c.mmap_munmap", 1.2);
        javaOnly("map + unmap with 30,000 live mappings in the VMAR / with 10 (idiomatic)",
                "LiveMappingsBench.mapUnmap:live=30000", "LiveMappingsBench.mapUnmap:live=10", 2.0);
        cOnly("map + unmap with 30,000 live mappings / with 10 (C, the emulator alone)", "c.live_30000",
                "c.live_10", 2.0);
        javaOnly("`Vmar.map` cycle / JDK `FileChannel.map(..., arena)` cycle, 4 KiB file in /dev/shm",
                "MapCycleBench.idiomatic", "MapCycleBench.fileChannel", Double.NaN);
        allocation();
    }

    private Java java(String key) {
        return java.getOrDefault(key, MISSING);
    }

    private void latency(String label, String javaKey, String cKey, String inJvmKey, double maxRatio) {
        Java j = java(javaKey);
        double ref = c.median(cKey);
        double inJvm = java(inJvmKey).ns;
        row(label, ns(j.ns), ns(ref), j.ns / ref, ns(inJvm), j.ns / inJvm, maxRatio, false, bytes(j.bytesPerOp));
    }

    private void bandwidth(String label, String javaKey, String cKey, String inJvmKey, long bytesPerOp,
                           double minRatio) {
        Java j = java(javaKey);
        double ref = c.median(cKey);
        double inJvm = java(inJvmKey).ns;
        row(label, gbps(bytesPerOp, j.ns), gbps(bytesPerOp, ref), ref / j.ns, gbps(bytesPerOp, inJvm),
                inJvm / j.ns, minRatio, true, bytes(j.bytesPerOp));
    }

    private void cOnly(String label, String cKey, String refKey, double maxRatio) {
        double ours = c.median(cKey);
        double ref = c.median(refKey);
        row(label, ns(ours), ns(ref), ours / ref, "", Double.NaN, maxRatio, false, "n/a (C)");
    }

    private void javaOnly(String label, String key, String refKey, double maxRatio) {
        Java j = java(key);
        Java ref = java(refKey);
        row(label, ns(j.ns), ns(ref.ns) + " (Java)", j.ns / ref.ns, "", Double.NaN, maxRatio, false,
                bytes(j.bytesPerOp) + " / " + bytes(ref.bytesPerOp));
    }

    private void allocation() {
        double worst = Double.NaN;
        String worstKey = "?";
        StringBuilder each = new StringBuilder();
        for (Map.Entry<String, Double> e : exactAllocation.entrySet()) {
            if (e.getKey().equals("MapCycleBench.idiomatic")) {
                continue; // returns a new segment by design: reported below
            }
            double b = e.getValue();
            each.append(each.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(bytes(b));
            if (Double.isNaN(worst) || b > worst) {
                worst = b;
                worstKey = e.getKey();
            }
        }
        String holds = Double.isNaN(worst) ? "?" : worst == 0 ? "yes" : "NO";
        line("| allocation per op on the hot paths, exact (this thread's allocated bytes after warm-up): worst of "
                + each + " | " + bytes(worst) + " (" + worstKey + ") | | | | | 0 B/op | " + holds + " | |");
        Java idiomatic = java("MapCycleBench.idiomatic");
        Java floor = java("MapCycleBench.arenaRaw");
        Java channel = java("MapCycleBench.fileChannel");
        line("| allocation per map cycle (JMH -prof gc): idiomatic; raw handles + JDK arena; `FileChannel.map` | "
                + bytes(idiomatic.bytesPerOp) + " | " + bytes(floor.bytesPerOp) + "; " + bytes(channel.bytesPerOp)
                + " (Java) | | | | report | | |");
    }

    // The target is judged on the ratio to the C program (the measure); the ratio to the
    // same C loop run inside the JVM, when there is one, is judged too and shown beside it.
    private void row(String label, String ours, String ref, double ratio, String inJvm, double inJvmRatio,
                     double target, boolean atLeast, String alloc) {
        String targetText = Double.isNaN(target) ? "report" : (atLeast ? "≥ " : "≤ ") + fmt("%.2f", target);
        String holds = "";
        if (!Double.isNaN(target)) {
            holds = holds(ratio, target, atLeast);
            if (!Double.isNaN(inJvmRatio)) {
                holds += " / " + holds(inJvmRatio, target, atLeast);
            }
        }
        line("| " + label + " | " + ours + " | " + ref + " | " + ratio(ratio) + " | " + inJvm + " | "
                + (inJvm.isEmpty() ? "" : ratio(inJvmRatio)) + " | " + targetText + " | " + holds + " | " + alloc
                + " |");
    }

    private static String holds(double ratio, double target, boolean atLeast) {
        if (Double.isNaN(ratio)) {
            return "?";
        }
        return (atLeast ? ratio >= target : ratio <= target) ? "yes" : "NO";
    }

    private static String ratio(double r) {
        return Double.isNaN(r) ? "?" : fmt("%.2f", r);
    }

    private static String ns(double v) {
        if (Double.isNaN(v)) {
            return "?";
        }
        return v >= 100 ? fmt("%,.0f ns", v) : fmt("%.1f ns", v);
    }

    private static String gbps(long bytes, double ns) {
        return Double.isNaN(ns) ? "?" : fmt("%.1f GB/s", bytes / ns);
    }

    private static String bytes(double b) {
        return Double.isNaN(b) ? "?" : b < 10 ? fmt("%.2f B", b) : fmt("%.0f B", b);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
