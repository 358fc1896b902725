package dev.zirconffm.bench;

import dev.zirconffm.MapOptions;
import dev.zirconffm.Vmar;
import dev.zirconffm.Vmo;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A diagnostic outside JMH: {@code MemorySegment.fill} against libc {@code memset} (one
 * downcall) on the same mapped VMO, for sizes from cache-resident to DRAM-bound, in alternating
 * rounds; prints GB/s and the ratio. Needs the benchmarks' JVM flags and -Dzxbench.loops.
 */
public final class FillSizes {

    private FillSizes() {
    }

    /** Entry point; argument: rounds (default 15). */
    public static void main(String[] args) throws Throwable {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        long max = 64L << 20;
        try (Vmo vmo = Vmo.create(max); Arena arena = Arena.ofConfined()) {
            MemorySegment all = Vmar.root().map(arena, vmo, 0, max, MapOptions.READ_WRITE);
            all.fill((byte) 1);
            for (long size : new long[] {256L << 10, 4L << 20, 16L << 20, 64L << 20}) {
                MemorySegment s = all.asSlice(0, size);
                int reps = (int) Math.max(4, (512L << 20) / size);
                double[] java = new double[rounds];
                double[] c = new double[rounds];
                for (int r = -3; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < reps; i++) {
                        s.fill((byte) i);
                    }
                    long t1 = System.nanoTime();
                    for (int i = 0; i < reps; i++) {
                        InJvmCBench.memset(s, i, size);
                    }
                    long t2 = System.nanoTime();
                    if (r >= 0) {
                        java[r] = (double) size * reps / (t1 - t0);
                        c[r] = (double) size * reps / (t2 - t1);
                    }
                }
                double j = median(java);
                double m = median(c);
                System.out.printf("%6d KiB  MemorySegment.fill %6.1f GB/s  memset %6.1f GB/s  ratio %.2f%n",
                        size >> 10, j, m, j / m);
            }
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }
}
