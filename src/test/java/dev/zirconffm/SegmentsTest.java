package dev.zirconffm;

import dev.zirconffm.testing.ZirconExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ZirconExtension.class)
class SegmentsTest {

    static final long PAGE = Zircon.pageSize();

    /** Sizes on both sides of the memset threshold, and not multiples of 8. */
    @Test
    void fillsEveryByteOfAMappingAndNoMore(Vmar vmar) {
        long size = 16 * PAGE;
        try (Vmo vmo = Vmo.create(size); Arena arena = Arena.ofConfined()) {
            MemorySegment all = vmar.map(arena, vmo, 0, size, MapOptions.READ_WRITE);
            for (long length : new long[] {Segments.MEMSET_THRESHOLD - 1, Segments.MEMSET_THRESHOLD,
                    Segments.MEMSET_THRESHOLD + 13, size - 2}) {
                all.fill((byte) 0);
                byte value = (byte) (length & 0x7f | 1);
                Segments.fill(all.asSlice(1, length), value);
                byte[] seen = new byte[(int) size];
                vmo.read(seen, 0);
                byte[] expected = new byte[(int) size];
                Arrays.fill(expected, 1, 1 + (int) length, value);
                assertArrayEquals(expected, seen, "fill of " + length + " bytes at offset 1");
            }
        }
    }

    @Test
    void refusesReadOnlyClosedAndForeignSegments(Vmar vmar) throws InterruptedException {
        long size = 8 * PAGE;
        try (Vmo vmo = Vmo.create(size)) {
            Arena arena = Arena.ofConfined();
            MemorySegment ro = vmar.map(arena, vmo, 0, size, MapOptions.READ);
            assertThrows(IllegalArgumentException.class, () -> Segments.fill(ro, (byte) 1));
            MemorySegment rw = vmar.map(arena, vmo, 0, size, MapOptions.READ_WRITE);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> CompletableFuture.runAsync(() -> Segments.fill(rw, (byte) 1)).get());
            assertInstanceOf(WrongThreadException.class, e.getCause());
            arena.close();
            assertThrows(IllegalStateException.class, () -> Segments.fill(rw, (byte) 1));
            byte[] seen = new byte[(int) size];
            vmo.read(seen, 0);
            assertTrue(allEqual(seen, (byte) 0), "no refused fill wrote anything");
        }
        assertThrows(NullPointerException.class, () -> Segments.fill(null, (byte) 1));
    }

    @Test
    void fillsHeapSegmentsToo() {
        byte[] bytes = new byte[64 * 1024];
        Segments.fill(MemorySegment.ofArray(bytes), (byte) 7);
        assertTrue(allEqual(bytes, (byte) 7));
    }

    private static boolean allEqual(byte[] bytes, byte value) {
        for (byte b : bytes) {
            if (b != value) {
                return false;
            }
        }
        return true;
    }
}
