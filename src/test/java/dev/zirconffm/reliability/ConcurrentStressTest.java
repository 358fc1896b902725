package dev.zirconffm.reliability;

import dev.zirconffm.MapOptions;
import dev.zirconffm.Status;
import dev.zirconffm.Vmar;
import dev.zirconffm.Vmo;
import dev.zirconffm.Zircon;
import dev.zirconffm.ZxException;
import dev.zirconffm.internal.MappingRegistry;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static dev.zirconffm.VmarOption.CAN_MAP_READ;
import static dev.zirconffm.VmarOption.CAN_MAP_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Threads map, unmap, read and write private and shared VMOs, other threads read a shared arena's
 * segment while it is closed under them, and an attacker keeps trying to unmap, protect away and
 * destroy what is live, all for {@code zircon.stress.seconds} (default 20). Every 8-byte word
 * written carries its writer, a round counter, its own index and a check field, so a torn word, a
 * word from the wrong page or a lost write shows. Only the documented exceptions may occur:
 * IllegalStateException for a closed arena or a refused destructive call.
 */
class ConcurrentStressTest {

    static final long PAGE = Zircon.pageSize();
    static final int WORKERS = 3;
    static final int READERS = 2;
    static final int WORDS = (int) (PAGE / 8);
    // Words below HALF of a stripe are written with single 8-byte stores, so others may check them
    // while they change; the rest go through bulk copies (zx_vmo_write, copyFrom), which promise
    // no 8-byte atomicity, and only their writer reads them before the end.
    static final int HALF = WORDS / 2;

    /** The word {@code owner} writes at {@code index} in round {@code round}. */
    static long word(int owner, long round, int index) {
        long w = ((long) owner << 56) | ((round & 0xffffffffL) << 24) | ((long) (index & 0xfff) << 12);
        return w | check(w);
    }

    private static long check(long w) {
        long x = w * 0x9e3779b97f4a7c15L;
        return (x >>> 52) & 0xfff;
    }

    /** Fails unless {@code w} is zero (never written) or a whole word {@code owner} wrote at {@code index}. */
    static void validate(long w, int owner, int index, String where) {
        if (w == 0) {
            return;
        }
        long body = w & ~0xfffL;
        if ((w >>> 56) != owner || ((w >>> 12) & 0xfff) != (index & 0xfff) || check(body) != (w & 0xfff)) {
            throw new AssertionError(where + ": word " + index + " is 0x" + Long.toHexString(w) + ", not one owner " + owner
                    + " wrote there (torn, foreign or misplaced)");
        }
    }

    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong sharedArenas = new AtomicLong();
    private final AtomicLong wordsRead = new AtomicLong();
    private final AtomicLong attacks = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private final AtomicLong closedUnderReaders = new AtomicLong();
    private volatile boolean stop;

    @Test
    void mappingIoAndArenaClosesAcrossThreadsKeepEveryWordIntact() throws Exception {
        long seconds = Long.getLong("zircon.stress.seconds", 20);
        int vmos = KernelProbe.vmoHandles();
        int vmars = KernelProbe.vmarHandles();
        int registered = MappingRegistry.global().size();
        Vmar region = Vmar.root().allocate(512 * PAGE, EnumSet.of(CAN_MAP_READ, CAN_MAP_WRITE));
        Vmo shared = Vmo.create(WORKERS * PAGE);
        long[] lastRound = new long[WORKERS];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < WORKERS; t++) {
            int id = t;
            threads.add(start("worker-" + t, () -> worker(id, region, shared, lastRound)));
        }
        threads.add(start("closer", () -> closer(region, shared)));
        threads.add(start("attacker", () -> attacker(region)));
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline && failure.get() == null) {
            Thread.sleep(50);
        }
        stop = true;
        for (Thread t : threads) {
            t.join();
        }
        assertNull(failure.get(), () -> "unexpected: " + failure.get());
        // No write was lost: each stripe holds its owner's last round, read through the syscall.
        byte[] all = new byte[(int) shared.size()];
        shared.read(all, 0);
        MemorySegment seg = MemorySegment.ofArray(all);
        for (int t = 0; t < WORKERS; t++) {
            for (int i = 0; i < WORDS; i++) {
                assertEquals(word(t, lastRound[t], i), seg.get(ValueLayout.JAVA_LONG_UNALIGNED, (t * WORDS + i) * 8L),
                        "stripe " + t + " word " + i);
            }
        }
        System.out.println("concurrency: " + seconds + " s; " + rounds.get() + " worker rounds (map, write, read back, unmap,"
                + " twice each); " + sharedArenas.get() + " shared arenas closed under " + READERS + " readers, "
                + closedUnderReaders.get() + " of whose read loops ended with the close; " + wordsRead.get()
                + " words read and checked by readers; " + attacks.get() + " destructive calls, " + refusals.get() + " refused");
        assertTrue(closedUnderReaders.get() > 0, "no reader saw its arena closed: the race was not exercised");
        assertTrue(refusals.get() > 0, "the attacker was never refused: the race was not exercised");
        shared.close();
        region.destroy();
        region.close();
        assertEquals(vmos, KernelProbe.vmoHandles(), "VMO handles");
        assertEquals(vmars, KernelProbe.vmarHandles(), "VMAR handles");
        assertEquals(registered, MappingRegistry.global().size(), "registered mappings");
    }

    private Thread start(String name, Runnable body) {
        return Thread.ofPlatform().name(name).start(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        });
    }

    /**
     * Round after round: map a private VMO, write it through the segment, check it through the
     * syscall; write its own stripe of the shared VMO alternately through a mapping and through
     * zx_vmo_write, and read it back through the other path.
     */
    private void worker(int id, Vmar region, Vmo shared, long[] lastRound) {
        SplittableRandom rnd = new SplittableRandom(id);
        byte[] stripe = new byte[(int) PAGE];
        MemorySegment stripeView = MemorySegment.ofArray(stripe);
        try (Vmo own = Vmo.create(4 * PAGE)) {
            for (long round = 1; !stop && failure.get() == null; round++) {
                long pages = 1 + rnd.nextInt(4);
                try (Arena arena = rnd.nextBoolean() ? Arena.ofConfined() : Arena.ofShared()) {
                    MemorySegment s = region.map(arena, own, 0, pages * PAGE, MapOptions.READ_WRITE);
                    for (int i = 0; i < pages * WORDS; i++) {
                        s.setAtIndex(ValueLayout.JAVA_LONG, i, word(id, round, i));
                    }
                    byte[] back = new byte[(int) (pages * PAGE)];
                    own.read(back, 0);
                    MemorySegment b = MemorySegment.ofArray(back);
                    for (int i = 0; i < pages * WORDS; i++) {
                        long w = b.get(ValueLayout.JAVA_LONG_UNALIGNED, i * 8L);
                        if (w != word(id, round, i)) {
                            throw new AssertionError("worker " + id + " round " + round + ": private word " + i + " is 0x"
                                    + Long.toHexString(w));
                        }
                    }
                }
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment all = region.map(arena, shared, 0, WORKERS * PAGE, MapOptions.READ_WRITE);
                    MemorySegment mine = all.asSlice(id * PAGE, PAGE);
                    for (int i = 0; i < WORDS; i++) {
                        stripeView.set(ValueLayout.JAVA_LONG_UNALIGNED, i * 8L, word(id, round, i));
                    }
                    for (int i = 0; i < HALF; i++) {
                        mine.setAtIndex(ValueLayout.JAVA_LONG, i, word(id, round, i));
                    }
                    long bulk = HALF * 8L;
                    if (round % 2 == 0) {
                        mine.asSlice(bulk).copyFrom(stripeView.asSlice(bulk));
                        shared.read(stripe, id * PAGE);
                    } else {
                        shared.write(stripe, (int) bulk, (int) (PAGE - bulk), id * PAGE + bulk);
                        MemorySegment.copy(mine, 0, stripeView, 0, PAGE);
                    }
                    for (int i = 0; i < WORDS; i++) {
                        long w = stripeView.get(ValueLayout.JAVA_LONG_UNALIGNED, i * 8L);
                        if (w != word(id, round, i)) {
                            throw new AssertionError("worker " + id + " round " + round + ": shared word " + i + " is 0x"
                                    + Long.toHexString(w) + " after its write");
                        }
                    }
                    // The other stripes: never torn, never another page's words.
                    for (int t = 0; t < WORKERS; t++) {
                        for (int i = 0; i < HALF; i += 7) {
                            validate(all.getAtIndex(ValueLayout.JAVA_LONG, t * WORDS + i), t, i, "worker " + id + " reading stripe " + t);
                        }
                    }
                }
                lastRound[id] = round;
                rounds.incrementAndGet();
            }
        }
    }

    /** Maps the shared VMO in a shared arena, lets readers at it, and closes the arena under them. */
    private void closer(Vmar region, Vmo shared) {
        SplittableRandom rnd = new SplittableRandom(99);
        while (!stop && failure.get() == null) {
            Arena arena = Arena.ofShared();
            MemorySegment s = region.map(arena, shared, 0, WORKERS * PAGE, MapOptions.READ);
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                long seed = rnd.nextLong();
                readers.add(start("reader", () -> read(s, seed)));
            }
            try {
                Thread.sleep(rnd.nextInt(3));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            arena.close();
            for (Thread t : readers) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            sharedArenas.incrementAndGet();
        }
    }

    private void read(MemorySegment s, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        try {
            for (int n = 0; n < 1_000_000 && !stop; n++) {
                int t = rnd.nextInt(WORKERS);
                int i = rnd.nextInt(HALF);
                validate(s.getAtIndex(ValueLayout.JAVA_LONG, t * WORDS + i), t, i, "reader");
                wordsRead.incrementAndGet();
            }
        } catch (IllegalStateException closed) {
            closedUnderReaders.incrementAndGet(); // the documented end of a closed arena's segment
        }
    }

    /** Keeps trying to take live memory away; each attempt must be refused while anything is live. */
    private void attacker(Vmar region) {
        long base = region.base();
        long length = region.length();
        while (!stop && failure.get() == null) {
            for (Runnable attack : new Runnable[]{() -> region.unmap(base, length),
                    () -> region.protect(base, length, MapOptions.of())}) {
                try {
                    attack.run(); // allowed when nothing is live: then it unmaps or protects nothing
                } catch (IllegalStateException e) {
                    refusals.incrementAndGet();
                } catch (ZxException e) {
                    if (e.status() != Status.NOT_FOUND) { // protect over a hole
                        throw e;
                    }
                }
                attacks.incrementAndGet();
            }
            Thread.yield();
        }
    }
}
