package dev.zirconffm.bench;

import dev.zirconffm.Segments;

import java.lang.foreign.MemorySegment;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exact allocation per operation of each hot path, on one thread: the bytes this thread
 * allocated ({@code com.sun.management.ThreadMXBean}) over many operations, after a warm-up
 * long enough for C2. JMH's {@code -prof gc} counts the whole JVM per iteration, so for
 * operations of milliseconds its B/op also holds the harness's own per-iteration objects; this
 * count holds only the code under test.
 */
final class AllocationCheck {

    private AllocationCheck() {
    }

    /** Operation under test; returns something so that nothing is dead code. */
    interface Op {
        long run() throws Throwable;
    }

    /** Bytes allocated per operation of each hot path, in a fixed order. */
    static Map<String, Double> run() throws Throwable {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<String, Double> result = new LinkedHashMap<>();
        MapCycleBench map = new MapCycleBench();
        map.setup();
        CheapCallBench call = new CheapCallBench();
        call.setup();
        VmoIoBench io = new VmoIoBench();
        io.setup();
        BulkBench bulk = new BulkBench();
        bulk.setup();
        try {
            measure(threads, result, "MapCycleBench.raw", 30_000, 20_000, map::raw);
            measure(threads, result, "MapCycleBench.idiomatic", 30_000, 20_000, map::idiomatic);
            measure(threads, result, "CheapCallBench.idiomatic", 100_000, 100_000, call::idiomatic);
            measure(threads, result, "CheapCallBench.raw", 100_000, 100_000, call::raw);
            measure(threads, result, "VmoIoBench.write", 20_000, 500, () -> {
                io.write();
                return 0;
            });
            measure(threads, result, "VmoIoBench.read", 20_000, 500, () -> io.read().length);
            measure(threads, result, "BulkBench.fill", 100, 50, () -> {
                bulk.fill();
                return 0;
            });
            // A 64 MiB fill takes milliseconds: the few hundred a measurement makes would leave
            // Segments.fill interpreted. Compile it first on the same path with 16 KiB fills.
            MemorySegment small = bulk.dst().asSlice(0, 16 * 1024);
            for (int i = 0; i < 50_000; i++) {
                Segments.fill(small, (byte) i);
            }
            measure(threads, result, "BulkBench.fillMemset", 100, 50, () -> {
                bulk.fillMemset();
                return 0;
            });
            measure(threads, result, "BulkBench.copy", 100, 20, () -> {
                bulk.copy();
                return 0;
            });
        } finally {
            bulk.tearDown();
            io.tearDown();
            call.tearDown();
            map.tearDown();
        }
        return result;
    }

    // Warm-up calls first (enough for C2 where the path counts on escape analysis; the bulk
    // paths allocate nothing even when interpreted), then the counted ones.
    private static void measure(com.sun.management.ThreadMXBean threads, Map<String, Double> result, String name,
                                int warmup, int counted, Op op) throws Throwable {
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += op.run();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < counted; i++) {
            sink += op.run();
        }
        long after = threads.getCurrentThreadAllocatedBytes();
        result.put(name, (after - before) / (double) counted);
        if (sink == 42) {
            System.out.print("");
        }
    }
}
