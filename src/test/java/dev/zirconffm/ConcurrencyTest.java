package dev.zirconffm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.zirconffm.VmarOption.CAN_MAP_READ;
import static dev.zirconffm.VmarOption.CAN_MAP_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mapping, unmapping, reading and destructive calls from several threads at once (bounded). */
@ExtendWith(NoLeaks.class)
class ConcurrencyTest {

    static final long PAGE = Zircon.pageSize();
    static final int THREADS = 3;

    Vmar region;
    Vmo vmo;

    @BeforeEach
    void setUp() {
        region = Vmar.root().allocate(64 * PAGE, EnumSet.of(CAN_MAP_READ, CAN_MAP_WRITE));
        vmo = Vmo.create(THREADS * PAGE);
    }

    @AfterEach
    void tearDown() {
        vmo.close();
        region.destroy();
        region.close();
    }

    /**
     * Mappers map, write, read back and unmap in a loop while another thread keeps trying to
     * unmap the whole region and protect it to no access. Those calls must be refused whenever a
     * segment is live, and the mappers must never see a fault or a foreign value.
     */
    @Test
    void destructiveCallsNeverHitALiveSegment() throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < 300; i++) {
                        try (Arena arena = Arena.ofConfined()) {
                            MemorySegment s = region.map(arena, vmo, id * PAGE, PAGE, MapOptions.READ_WRITE);
                            s.set(ValueLayout.JAVA_INT, 0, i);
                            Thread.yield();
                            assertEquals(i, s.get(ValueLayout.JAVA_INT, 0));
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        Thread attacker = Thread.ofPlatform().start(() -> {
            long base = region.base();
            long length = region.length();
            try {
                start.await();
                while (!done.get()) {
                    for (Runnable attack : new Runnable[]{() -> region.unmap(base, length),
                            () -> region.protect(base, length, MapOptions.of())}) {
                        try {
                            attack.run(); // allowed when nothing is live: then it unmaps nothing
                        } catch (IllegalStateException e) {
                            refused.incrementAndGet();
                        } catch (ZxException e) {
                            if (e.status() != Status.NOT_FOUND) { // protect over holes
                                throw e;
                            }
                        }
                    }
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        });
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        done.set(true);
        attacker.join();
        assertNull(failure.get(), () -> "unexpected: " + failure.get());
        assertTrue(refused.get() > 0, "the attacker was never refused: the race was not exercised");
    }

    /** Readers read a shared arena's segment while another thread closes the arena. */
    @Test
    void closingASharedArenaWhileOthersReadOnlyGivesIllegalState() throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger closedSeen = new AtomicInteger();
        for (int round = 0; round < 50; round++) {
            Arena arena = Arena.ofShared();
            MemorySegment s = region.map(arena, vmo, 0, PAGE, MapOptions.READ_WRITE);
            s.set(ValueLayout.JAVA_LONG, 0, 0x5a5a5a5a5a5a5a5aL);
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                readers.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < 10_000; i++) {
                            long v = s.get(ValueLayout.JAVA_LONG, 0);
                            if (v != 0x5a5a5a5a5a5a5a5aL) {
                                throw new AssertionError("read 0x" + Long.toHexString(v));
                            }
                        }
                    } catch (IllegalStateException e) {
                        closedSeen.incrementAndGet();
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            start.countDown();
            arena.close();
            for (Thread t : readers) {
                t.join();
            }
        }
        assertNull(failure.get(), () -> "unexpected: " + failure.get());
        assertTrue(closedSeen.get() > 0, "no reader saw the arena close: the race was not exercised");
        assertEquals(0, VmarTest.mappingsIn(region.maps()));
    }
}
