package dev.zirconffm.testing;

import dev.zirconffm.MapOptions;
import dev.zirconffm.Vmar;
import dev.zirconffm.VmarOption;
import dev.zirconffm.Vmo;
import dev.zirconffm.Zircon;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Test classes that ZirconExtensionTest runs through JUnit's EngineTestKit, some of them leaking
 * on purpose. Nested, and named without "Test", so that Surefire does not run them by itself.
 * Each stores what it made in static fields for the checks (and clean-up) afterwards.
 */
final class Samples {

    static final long PAGE = Zircon.pageSize();

    private Samples() {
    }

    @ExtendWith(ZirconExtension.class)
    static class Clean {
        static final List<Vmar> given = new ArrayList<>();
        static final List<Vmar> givenBeforeEach = new ArrayList<>();
        static final List<Long> koids = new ArrayList<>();
        static final List<Long> bases = new ArrayList<>();
        static final List<Integer> entries = new ArrayList<>();

        @BeforeEach
        void setUp(Vmar vmar) {
            givenBeforeEach.add(vmar);
        }

        @Test
        void first(Vmar vmar) {
            record(vmar);
        }

        @Test
        void second(Vmar vmar) {
            record(vmar);
            try (Vmo vmo = Vmo.create(PAGE); Arena arena = Arena.ofConfined()) {
                MemorySegment rw = vmar.map(arena, vmo, 0, PAGE, MapOptions.READ_WRITE);
                MemorySegment ro = vmar.map(arena, vmo, 0, PAGE, MapOptions.READ);
                rw.set(ValueLayout.JAVA_INT, 0, 42);
                assertEquals(42, ro.get(ValueLayout.JAVA_INT, 0));
            }
        }

        private void record(Vmar vmar) {
            assertSame(givenBeforeEach.getLast(), vmar);
            given.add(vmar);
            koids.add(vmar.koid());
            bases.add(vmar.base());
            assertEquals(ZirconExtension.DEFAULT_REGION_SIZE, vmar.length());
            entries.add(vmar.maps().size());
        }
    }

    @ExtendWith(ZirconExtension.class)
    static class LeaksAVmo {
        static Vmo leaked;

        @Test
        void leaks(Vmar vmar) {
            leaked = Vmo.create(PAGE);
        }
    }

    static class LeavesAMapping {
        @RegisterExtension
        static final ZirconExtension zircon = new ZirconExtension(16 * PAGE,
                EnumSet.of(VmarOption.CAN_MAP_READ, VmarOption.CAN_MAP_WRITE));
        static Arena arena;
        static MemorySegment segment;
        static long vmoKoid;
        static Vmar given;
        static long regionBase;
        static long regionLength;

        @Test
        void leaves(Vmar vmar) {
            given = vmar;
            regionBase = vmar.base();
            regionLength = vmar.length();
            try (Vmo vmo = Vmo.create(2 * PAGE)) {
                vmo.setName("leaky");
                vmoKoid = vmo.koid();
                arena = Arena.ofConfined();
                segment = vmar.map(arena, vmo, PAGE, PAGE, MapOptions.READ_WRITE);
            }
        }
    }

    @ExtendWith(ZirconExtension.class)
    static class LeavesASubRegion {
        static Vmar sub;

        @Test
        void leaves(Vmar vmar) {
            sub = vmar.allocate(4 * PAGE, EnumSet.of(VmarOption.CAN_MAP_READ));
        }
    }

    @ExtendWith(ZirconExtension.class)
    static class ClosesOrDestroysItsVmar {
        @Test
        void closes(Vmar vmar) {
            vmar.close();
        }

        @Test
        void destroys(Vmar vmar) {
            vmar.destroy();
        }

        @Test
        void destroysAndCloses(Vmar vmar) {
            try (vmar) {
                vmar.destroy();
            }
        }
    }

    @ExtendWith(ZirconExtension.class)
    static class DropsAnAutomaticArena {
        @Test
        void drops(Vmar vmar) {
            try (Vmo vmo = Vmo.create(PAGE)) {
                vmar.map(Arena.ofAuto(), vmo, 0, PAGE, MapOptions.READ_WRITE).set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
            }
        }
    }

    @ExtendWith(ZirconExtension.class)
    static class AsksForAVmarInBeforeAll {
        @BeforeAll
        static void setUpAll(Vmar vmar) {
        }

        @Test
        void neverRuns() {
        }
    }
}
