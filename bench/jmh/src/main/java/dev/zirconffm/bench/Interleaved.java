package dev.zirconffm.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A diagnostic outside JMH: times the map + unmap cycle several ways in alternating rounds in
 * one JVM, so that load which comes and goes hits all of them alike, and prints for each the
 * median and the minimum ns/op over the rounds, and the median of its per-round ratio to the
 * first. Time is this thread's CPU time (so that being descheduled on a busy machine does not
 * count). Run with the benchmarks' JVM flags; arguments: rounds (default 30), then the ways,
 * among {@code c raw arena idiomatic} (default all; {@code c} needs -Dzxbench.loops).
 */
public final class Interleaved {

    private Interleaved() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Throwable {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        List<String> ways = args.length > 1 ? List.of(args).subList(1, args.length)
                : List.of("c", "raw", "arena", "idiomatic");
        MapCycleBench java = new MapCycleBench();
        java.setup();
        InJvmCBench c = ways.contains("c") ? new InJvmCBench() : null;
        if (c != null) {
            c.setup();
        }
        Map<String, Way> all = new LinkedHashMap<>();
        all.put("c", new Way("C loop in the JVM", InJvmCBench.MAP_BATCH, () -> {
            try {
                c.mapUnmap();
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            return 0;
        }));
        all.put("raw", new Way("raw handles", 1, java::raw));
        all.put("arena", new Way("raw + JDK arena", 1, java::arenaRaw));
        all.put("idiomatic", new Way("idiomatic", 1, java::idiomatic));
        List<Way> chosen = new ArrayList<>();
        for (String w : ways) {
            chosen.add(all.get(w));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int r = -5; r < rounds; r++) { // 5 rounds of warm-up
            for (Way w : chosen) {
                int calls = 100_000 / w.opsPerCall;
                long t0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    sink += w.op.getAsLong();
                }
                double ns = (threads.getCurrentThreadCpuTime() - t0) / (double) (calls * (long) w.opsPerCall);
                if (r >= 0) {
                    w.ns.add(ns);
                    w.ratio.add(ns / (chosen.get(0).ns.isEmpty() ? ns : chosen.get(0).ns.getLast()));
                }
            }
        }
        for (Way w : chosen) {
            System.out.printf("%-20s median %8.1f ns/op  min %8.1f ns/op  ratio to %s %.3f%n", w.name,
                    Samples.median(w.ns), w.ns.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                    chosen.get(0).name, Samples.median(w.ratio));
        }
        if (sink == 42) {
            System.out.println();
        }
        if (c != null) {
            c.tearDown();
        }
        java.tearDown();
    }

    private static final class Way {
        final String name;
        final int opsPerCall;
        final java.util.function.LongSupplier op;
        final List<Double> ns = new ArrayList<>();
        final List<Double> ratio = new ArrayList<>();

        Way(String name, int opsPerCall, java.util.function.LongSupplier op) {
            this.name = name;
            this.opsPerCall = opsPerCall;
            this.op = op;
        }
    }
}
