package dev.zirconffm.emulator;

import dev.zirconffm.internal.bindings.zircon_h;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.zirconffm.emulator.Zx.OK;
import static dev.zirconffm.emulator.Zx.PAGE;
import static dev.zirconffm.emulator.Zx.RW;
import static dev.zirconffm.emulator.Zx.SPECIFIC;
import static dev.zirconffm.emulator.Zx.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many threads at once (issue 3: "all calls are thread-safe"; core-tests A4
 * 'ConcurrentUnmapReadMemory', B2 'ParallelWriteAndDecommit'). Bounded: 4 threads x 2000 operations.
 * Each worker cleans up what it creates; a failed status fails the test with its name.
 */
class ConcurrencyTest extends EmulatorTest {

    private static final int THREADS = 4;
    private static final int OPS = 2000;

    /** A task run by one worker thread; it gets its index and its own arena for out-parameters. */
    private interface Work {
        void run(int thread, Arena arena) throws Exception;
    }

    /** Runs {@code work} on {@code THREADS} threads at once and rethrows the first failure. */
    private static void onThreads(int threads, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int index = t;
                futures.add(pool.submit(() -> {
                    try (Arena arena = Arena.ofConfined()) {
                        work.run(index, arena);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "workers did not stop");
        }
    }

    private static void check(int status, String what) {
        if (status != OK) {
            throw new AssertionError(what + ": " + Zx.name(status));
        }
    }

    @Test
    @DisplayName("thread safety (issue 3; in the spirit of core-tests A4 'ConcurrentUnmapReadMemory'): 4 threads x 2000 map/write/read/unmap in the root VMAR, each seeing only its own data")
    void mapUnmapInRoot() throws Exception {
        onThreads(THREADS, (thread, arena) -> {
            MemorySegment out = arena.allocate(ValueLayout.JAVA_INT);
            check(zircon_h.zx_vmo_create(4 * PAGE, 0, out), "vmo_create");
            int vmo = out.get(ValueLayout.JAVA_INT, 0);
            MemorySegment addrOut = arena.allocate(ValueLayout.JAVA_LONG);
            MemorySegment word = arena.allocate(ValueLayout.JAVA_LONG);
            try {
                for (int i = 0; i < OPS; i++) {
                    long pages = 1 + i % 4;
                    check(zircon_h.zx_vmar_map(Zx.root(), RW, 0, vmo, 0, pages * PAGE, addrOut), "map");
                    long addr = addrOut.get(ValueLayout.JAVA_LONG, 0);
                    long value = ((long) thread << 32) | i;
                    Zx.mem(addr + (pages - 1) * PAGE, 8).set(ValueLayout.JAVA_LONG, 0, value);
                    check(zircon_h.zx_vmo_read(vmo, word, (pages - 1) * PAGE, 8), "vmo_read");
                    assertEquals(value, word.get(ValueLayout.JAVA_LONG, 0), "thread " + thread + " op " + i);
                    check(zircon_h.zx_vmar_unmap(Zx.root(), addr, pages * PAGE), "unmap");
                }
            } finally {
                check(zircon_h.zx_handle_close(vmo), "close");
            }
        });
    }

    @Test
    @DisplayName("thread safety (issue 3; in the spirit of core-tests A4 'ConcurrentUnmapReadMemory'): 4 threads map SPECIFIC into their own slots of one shared VMAR, and unmap")
    void mapUnmapInSharedVmar() throws Exception {
        Fixture.Vmar region = fx.vmar(THREADS * 8 * PAGE);
        int vmo = fx.vmo(8 * PAGE);
        onThreads(THREADS, (thread, arena) -> {
            MemorySegment addrOut = arena.allocate(ValueLayout.JAVA_LONG);
            long slot = thread * 8 * PAGE;
            for (int i = 0; i < OPS; i++) {
                long pages = 1 + i % 8;
                check(zircon_h.zx_vmar_map(region.handle(), RW | SPECIFIC, slot, vmo, 0, pages * PAGE, addrOut), "map");
                assertEquals(region.base() + slot, addrOut.get(ValueLayout.JAVA_LONG, 0));
                check(zircon_h.zx_vmar_unmap(region.handle(), region.base() + slot, pages * PAGE), "unmap");
            }
        });
        assertEquals(0, Info.vmo(vmo).numMappings());
    }

    @Test
    @DisplayName("thread safety (issue 3; in the spirit of core-tests A4 'ConcurrentUnmapReadMemory'): 4 threads x 2000 create, duplicate, child and close; handle counts return to where they were")
    void handlesFromManyThreads() throws Exception {
        int[] before = Info.handleCounts();
        onThreads(THREADS, (thread, arena) -> {
            MemorySegment out = arena.allocate(ValueLayout.JAVA_INT);
            for (int i = 0; i < OPS; i++) {
                check(zircon_h.zx_vmo_create(PAGE, 0, out), "vmo_create");
                int vmo = out.get(ValueLayout.JAVA_INT, 0);
                check(zircon_h.zx_handle_duplicate(vmo, Zx.SAME_RIGHTS, out), "duplicate");
                int dup = out.get(ValueLayout.JAVA_INT, 0);
                check(zircon_h.zx_vmo_create_child(dup, VmoChildTest.SNAPSHOT, 0, PAGE, out), "create_child");
                int child = out.get(ValueLayout.JAVA_INT, 0);
                check(zircon_h.zx_handle_close(vmo), "close");
                check(zircon_h.zx_handle_close(child), "close child");
                check(zircon_h.zx_handle_close(dup), "close dup");
            }
        });
        assertEquals(Arrays.toString(before), Arrays.toString(Info.handleCounts()));
    }

    @Test
    @DisplayName("core-tests A4 'ConcurrentUnmapReadMemory': reading an address while another thread maps and unmaps it 1000 times")
    void probeWhileMappingAndUnmapping() throws Exception {
        Fixture.Vmar region = fx.vmar(4 * PAGE);
        long target = region.base() + PAGE;
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                Probe.readable(target);
                reads.incrementAndGet();
            }
        });
        reader.start();
        try {
            for (int i = 0; i < 1000; i++) {
                int vmo = fx.vmo(PAGE);
                fx.map(region.handle(), RW | SPECIFIC, PAGE, vmo, 0, PAGE);
                ok(zircon_h.zx_vmar_unmap(region.handle(), target, PAGE));
                fx.close(vmo);
            }
        } finally {
            done.set(true);
            reader.join(30_000);
        }
        assertTrue(reads.get() > 0);
    }

    @Test
    @DisplayName("core-tests B2 'ParallelWriteAndDecommit': writers store through a mapping while others DECOMMIT the page; every DECOMMIT is OK")
    void writeWhileDecommitting() throws Exception {
        int vmo = fx.vmo(PAGE);
        long addr = fx.map(vmo, RW, PAGE);
        onThreads(THREADS, (thread, arena) -> {
            for (int i = 0; i < OPS; i++) {
                if (thread % 2 == 0) {
                    Zx.mem(addr, PAGE).fill((byte) (i + 1));
                } else {
                    check(VmoOpRangeTest.op(vmo, VmoOpRangeTest.DECOMMIT, 0, PAGE), "decommit");
                }
            }
        });
        byte first = Zx.mem(addr, 1).get(ValueLayout.JAVA_BYTE, 0);
        assertEquals(first, fx.read(vmo, 0, 1)[0], "the mapping and the VMO agree afterwards");
    }

    @Test
    @DisplayName("thread safety (issue 3; in the spirit of core-tests A4 'ConcurrentUnmapReadMemory'): threads allocating and destroying sub-VMARs while others map into the root")
    void allocateDestroyWhileMapping() throws Exception {
        onThreads(THREADS, (thread, arena) -> {
            MemorySegment handle = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment addr = arena.allocate(ValueLayout.JAVA_LONG);
            check(zircon_h.zx_vmo_create(PAGE, 0, handle), "vmo_create");
            int vmo = handle.get(ValueLayout.JAVA_INT, 0);
            try {
                for (int i = 0; i < OPS / 2; i++) {
                    check(zircon_h.zx_vmar_allocate(Zx.root(), Zx.CAN_MAP_RW, 0, 4 * PAGE, handle, addr), "allocate");
                    int sub = handle.get(ValueLayout.JAVA_INT, 0);
                    check(zircon_h.zx_vmar_map(sub, RW, 0, vmo, 0, PAGE, addr), "map in sub-VMAR");
                    Zx.mem(addr.get(ValueLayout.JAVA_LONG, 0), 8).set(ValueLayout.JAVA_LONG, 0, i);
                    check(zircon_h.zx_vmar_destroy(sub), "destroy");
                    check(zircon_h.zx_handle_close(sub), "close");
                }
            } finally {
                check(zircon_h.zx_handle_close(vmo), "close vmo");
            }
        });
    }
}
