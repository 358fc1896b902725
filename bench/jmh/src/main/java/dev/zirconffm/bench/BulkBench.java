package dev.zirconffm.bench;

import dev.zirconffm.MapOptions;
import dev.zirconffm.Segments;
import dev.zirconffm.Vmar;
import dev.zirconffm.Vmo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * 64 MiB fill and copy through segments that map VMOs (made with the idiomatic API), against C's
 * {@code memset} and {@code memcpy} over the same kind of mapping. Every page is touched in setup,
 * so page faults are not timed.
 */
@State(Scope.Thread)
public class BulkBench {

    static final long SIZE = 64L << 20;

    private Vmo srcVmo;
    private Vmo dstVmo;
    private Arena arena;
    private MemorySegment src;
    private MemorySegment dst;
    private byte value;

    /** Maps two 64 MiB VMOs and faults their pages in. */
    @Setup
    public void setup() {
        srcVmo = Vmo.create(SIZE);
        dstVmo = Vmo.create(SIZE);
        arena = Arena.ofShared();
        src = Vmar.root().map(arena, srcVmo, 0, SIZE, MapOptions.READ_WRITE);
        dst = Vmar.root().map(arena, dstVmo, 0, SIZE, MapOptions.READ_WRITE);
        src.fill((byte) 1);
        dst.fill((byte) 1);
    }

    /** Unmaps and closes. */
    @TearDown
    public void tearDown() {
        arena.close();
        srcVmo.close();
        dstVmo.close();
    }

    MemorySegment src() {
        return src;
    }

    MemorySegment dst() {
        return dst;
    }

    byte nextValue() {
        return value++;
    }

    /** {@code MemorySegment.fill} of 64 MiB. */
    @Benchmark
    public void fill() {
        dst.fill(value++);
    }

    /** {@code Segments.fill} of 64 MiB: the API's fill, through the C library's {@code memset}. */
    @Benchmark
    public void fillMemset() {
        Segments.fill(dst, value++);
    }

    /** {@code MemorySegment.copy} of 64 MiB between two mapped VMOs. */
    @Benchmark
    public void copy() {
        MemorySegment.copy(src, 0, dst, 0, SIZE);
    }
}
