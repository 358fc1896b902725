package dev.zirconffm.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A diagnostic outside JMH: times the map + unmap cycle several ways in alternating rounds in one
 * JVM (C loop in process, raw handles, raw handles in an arena, idiomatic API), so that load which
 * comes and goes hits all alike, and prints the median ns/op of each and the median of the per-round ratios.
 * Run with the same JVM flags as the benchmarks; argument: rounds (default 30).
 */
public final class Interleaved {

    private Interleaved() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Throwable {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        MapCycleBench java = new MapCycleBench();
        java.setup();
        InJvmCBench c = new InJvmCBench();
        c.setup();
        List<LongSupplier> ops = List.of(
                () -> { try { c.mapUnmap(); } catch (Throwable t) { throw new RuntimeException(t); } return 0; },
                java::raw, java::arenaRaw, java::idiomatic);
        int[] opsPerCall = {InJvmCBench.MAP_BATCH, 1, 1, 1};
        String[] names = {"C loop in the JVM", "raw handles", "raw + JDK arena", "idiomatic"};
        int n = names.length;
        List<List<Double>> ns = new ArrayList<>();
        List<List<Double>> ratio = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            ns.add(new ArrayList<>());
            ratio.add(new ArrayList<>());
        }
        long sink = 0;
        for (int r = -5; r < rounds; r++) { // 5 rounds of warm-up
            double[] t = new double[n];
            for (int k = 0; k < n; k++) {
                int calls = 200_000 / opsPerCall[k] / 2;
                long t0 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    sink += ops.get(k).getAsLong();
                }
                t[k] = (System.nanoTime() - t0) / (double) (calls * (long) opsPerCall[k]);
            }
            if (r >= 0) {
                for (int k = 0; k < n; k++) {
                    ns.get(k).add(t[k]);
                    ratio.get(k).add(t[k] / t[0]);
                }
            }
        }
        for (int k = 0; k < n; k++) {
            System.out.printf("%-20s %8.1f ns/op   ratio to the C loop %.3f%n", names[k], Samples.median(ns.get(k)),
                    Samples.median(ratio.get(k)));
        }
        System.out.println(sink == 42 ? "" : "");
        c.tearDown();
        java.tearDown();
    }
}
