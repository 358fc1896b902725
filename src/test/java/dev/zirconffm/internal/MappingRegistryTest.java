package dev.zirconffm.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry's treap checked against a TreeMap model, with random non-overlapping mappings. */
class MappingRegistryTest {

    private static final long PAGE = 4096;
    private final MappingRegistry registry = new MappingRegistry();

    @BeforeEach
    void lock() {
        registry.lock().lock();
    }

    @AfterEach
    void unlock() {
        registry.lock().unlock();
    }

    private static LiveMapping mapping(long base, long pages, long koid) {
        return new LiveMapping(base, pages * PAGE, koid, 0, 1, true);
    }

    @Test
    void overlapQueriesFindTheRightMapping() {
        LiveMapping a = mapping(10 * PAGE, 2, 1);
        LiveMapping b = mapping(20 * PAGE, 1, 2);
        registry.add(a);
        registry.add(b);
        assertSame(a, registry.firstOverlap(11 * PAGE, 11 * PAGE + 1));
        assertSame(a, registry.firstOverlap(0, 100 * PAGE));
        assertSame(b, registry.nextOverlap(a, 0, 100 * PAGE));
        assertNull(registry.nextOverlap(b, 0, 100 * PAGE));
        assertNull(registry.firstOverlap(12 * PAGE, 20 * PAGE)); // end is exclusive on both sides
        assertSame(b, registry.firstOverlap(12 * PAGE, 20 * PAGE + 1));
        assertSame(a, registry.containing(10 * PAGE, 12 * PAGE));
        assertNull(registry.containing(10 * PAGE, 12 * PAGE + 1));
        assertNull(registry.containing(12 * PAGE, 13 * PAGE));
    }

    @Test
    void addRefusesOverlapAndTwice() {
        LiveMapping a = mapping(10 * PAGE, 2, 1);
        registry.add(a);
        assertThrows(IllegalStateException.class, () -> registry.add(a));
        assertThrows(IllegalStateException.class, () -> registry.add(mapping(11 * PAGE, 1, 1)));
        assertTrue(registry.remove(a));
        assertFalse(registry.remove(a));
        assertEquals(0, registry.snapshot().size());
    }

    @Test
    void shrinkFindsOnlyMappingsThatWouldLosePages() {
        // VMO 7 of 10 pages: mapping of its pages [2, 5) and one reaching past its end [8, 12).
        LiveMapping mid = new LiveMapping(100 * PAGE, 3 * PAGE, 7, 2 * PAGE, 1, true);
        LiveMapping tail = new LiveMapping(200 * PAGE, 4 * PAGE, 7, 8 * PAGE, 1, true);
        LiveMapping other = new LiveMapping(300 * PAGE, 10 * PAGE, 8, 0, 1, true);
        registry.add(mid);
        registry.add(tail);
        registry.add(other);
        assertNull(registry.firstCutByShrink(7, 10 * PAGE, 10 * PAGE));
        assertNull(registry.firstCutByShrink(7, 10 * PAGE, 20 * PAGE));
        assertSame(tail, registry.firstCutByShrink(7, 10 * PAGE, 9 * PAGE));
        registry.remove(tail);
        assertNull(registry.firstCutByShrink(7, 10 * PAGE, 5 * PAGE));
        assertSame(mid, registry.firstCutByShrink(7, 10 * PAGE, 4 * PAGE));
        assertNull(registry.firstCutByShrink(9, 10 * PAGE, 0));
    }

    @Test
    void randomOperationsAgreeWithATreeMap() {
        long seed = 42;
        Random rnd = new Random(seed);
        TreeMap<Long, LiveMapping> model = new TreeMap<>(Long::compareUnsigned);
        for (int step = 0; step < 20_000; step++) {
            long base = (rnd.nextInt(4000) * PAGE) | (rnd.nextInt(8) == 0 ? 0x8000_0000_0000_0000L : 0);
            long pages = 1 + rnd.nextInt(4);
            long end = base + pages * PAGE;
            if (rnd.nextBoolean()) {
                boolean free = model.values().stream().noneMatch(m -> m.overlaps(base, end));
                assertEquals(free, registry.firstOverlap(base, end) == null, "step " + step);
                if (free) {
                    LiveMapping m = mapping(base, pages, step);
                    registry.add(m);
                    model.put(base, m);
                }
            } else if (!model.isEmpty()) {
                Long key = model.ceilingKey(base);
                LiveMapping victim = model.get(key != null ? key : model.firstKey());
                assertTrue(registry.remove(victim));
                model.remove(victim.base);
            }
            if (step % 1000 == 0) {
                assertEquals(List.copyOf(model.values()), registry.snapshot(), "step " + step);
                List<LiveMapping> found = new ArrayList<>();
                long qs = rnd.nextInt(4000) * PAGE;
                long qe = qs + (1 + rnd.nextInt(100)) * PAGE;
                for (LiveMapping m = registry.firstOverlap(qs, qe); m != null; m = registry.nextOverlap(m, qs, qe)) {
                    found.add(m);
                }
                assertEquals(model.values().stream().filter(m -> m.overlaps(qs, qe)).toList(), found, "step " + step);
            }
        }
        assertEquals(model.size(), registry.snapshot().size());
    }
}
