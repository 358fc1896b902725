package dev.zirconffm.testing;

import dev.zirconffm.MapsEntry;
import dev.zirconffm.Status;
import dev.zirconffm.Vmar;
import dev.zirconffm.VmarOption;
import dev.zirconffm.ZxException;
import dev.zirconffm.internal.bindings.zircon_h;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.lang.foreign.ValueLayout;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.zirconffm.testing.Samples.PAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the classes of {@link Samples} under the extension and checks what they saw and how they ended. */
class ZirconExtensionTest {

    @Test
    void givesEachTestAFreshEmptyChildVmarAndDestroysItAfterwards() {
        EngineExecutionResults results = run(Samples.Clean.class);

        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
        assertEquals(2, Samples.Clean.koids.size());
        assertNotEquals(Samples.Clean.koids.get(0), Samples.Clean.koids.get(1), "each test has its own VMAR");
        assertEquals(List.of(1, 1), Samples.Clean.entries, "each VMAR is empty when the test starts");
        for (Vmar given : Samples.Clean.given) {
            assertTrue(given.isClosed(), "the handle given to the test is closed afterwards");
        }
        Set<Long> bases = new HashSet<>(Samples.Clean.bases);
        for (MapsEntry e : Vmar.root().maps()) {
            assertFalse(e instanceof MapsEntry.Region && e.depth() == 1 && bases.contains(e.base())
                    && e.size() == ZirconExtension.DEFAULT_REGION_SIZE, () -> "not destroyed: " + e);
        }
    }

    @Test
    void failsATestThatLeaksAHandleNamingItsType() {
        try {
            String message = failureOf(run(Samples.LeaksAVmo.class));

            assertEquals("leaks(Vmar) leaked:\n  open handles (ZX_INFO_PROCESS_HANDLE_STATS): VMO +1", message);
        } finally {
            Samples.LeaksAVmo.leaked.close();
        }
    }

    @Test
    void failsATestThatLeavesAMappingAndKeepsTheRegionUnderItsLiveSegment() {
        String message;
        try {
            message = failureOf(run(Samples.LeavesAMapping.class));

            // The segment still works: the region was not destroyed under it.
            Samples.LeavesAMapping.segment.set(ValueLayout.JAVA_LONG, 0, 7L);
            assertEquals(7L, Samples.LeavesAMapping.segment.get(ValueLayout.JAVA_LONG, 0));
        } finally {
            Samples.LeavesAMapping.arena.close();
            // The extension rightly left the region in place; remove it so the suite ends clean.
            assertEquals(zircon_h.ZX_OK(), zircon_h.zx_vmar_unmap(zircon_h.zx_vmar_root_self(),
                    Samples.LeavesAMapping.regionBase, Samples.LeavesAMapping.regionLength));
        }
        long base = Samples.LeavesAMapping.segment.address();
        assertTrue(message.startsWith("leaves(Vmar) leaked:\n"
                + "  mappings and sub-regions left in its VMAR (ZX_INFO_VMAR_MAPS): 1 mapping\n    vmar "), message);
        assertTrue(message.contains(String.format("\n      map  0x%016x-0x%016x", base, base + PAGE)
                + String.format(" %9s  rw- 'leaky' vmo koid %d offset 0x%x\n", PAGE / 1024 + " KiB",
                Samples.LeavesAMapping.vmoKoid, PAGE)), message);
        assertTrue(message.endsWith("\n  the VMAR is left in place, not destroyed: live segments may still be accessed"
                + " (close their arena)"), message);
        assertFalse(message.contains("open handles"), message);
        assertTrue(Samples.LeavesAMapping.given.isClosed());
    }

    @Test
    void failsATestThatLeavesASubRegionAndDestroysIt() {
        Vmar sub = null;
        try {
            String message = failureOf(run(Samples.LeavesASubRegion.class));
            sub = Samples.LeavesASubRegion.sub;

            assertTrue(message.startsWith("leaves(Vmar) leaked:\n  open handles (ZX_INFO_PROCESS_HANDLE_STATS): VMAR +1\n"
                    + "  mappings and sub-regions left in its VMAR (ZX_INFO_VMAR_MAPS): 1 sub-region\n"), message);
            assertTrue(message.contains(String.format("\n      vmar 0x%016x-0x%016x", sub.base(), sub.base() + 4 * PAGE)),
                    message);
            assertTrue(message.endsWith("\n  the VMAR and everything in it are destroyed"), message);
            Vmar destroyed = sub;
            ZxException e = assertThrows(ZxException.class, () -> destroyed.allocate(PAGE, EnumSet.of(VmarOption.CAN_MAP_READ)),
                    "the sub-region went with its parent");
            assertEquals(Status.BAD_STATE, e.status());
        } finally {
            if (sub != null) {
                sub.close();
            }
        }
    }

    @Test
    void aTestMayCloseOrDestroyTheVmarItIsGiven() {
        run(Samples.ClosesOrDestroysItsVmar.class).testEvents()
                .assertStatistics(s -> s.started(3).succeeded(3).failed(0));
    }

    @Test
    void waitsForTheCollectorToUnmapSegmentsOfAutomaticArenas() {
        run(Samples.DropsAnAutomaticArena.class).testEvents()
                .assertStatistics(s -> s.started(1).succeeded(1).failed(0));
    }

    @Test
    void refusesToGiveAVmarOutsideATestSayingWhere() {
        EngineExecutionResults results = run(Samples.AsksForAVmarInBeforeAll.class);

        results.testEvents().assertStatistics(s -> s.started(0));
        Throwable t = results.containerEvents().failed().stream()
                .map(ev -> ev.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .findFirst().orElseThrow();
        assertTrue(t.getMessage().contains("ZirconExtension gives each test its own Vmar: declare it on a @Test,"
                + " @BeforeEach or @AfterEach method, not on"), t::getMessage);
        assertTrue(t.getMessage().contains("setUpAll"), t::getMessage);
    }

    @Test
    void checksItsConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> new ZirconExtension(0, EnumSet.of(VmarOption.CAN_MAP_READ)));
        assertThrows(NullPointerException.class, () -> new ZirconExtension(PAGE, null));
        Set<VmarOption> withNull = new HashSet<>();
        withNull.add(null);
        assertThrows(NullPointerException.class, () -> new ZirconExtension(PAGE, withNull));
    }

    private static EngineExecutionResults run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(testClass))
                .execute();
    }

    /** The one test's failure message, after checking that it was the only test and it failed. */
    private static String failureOf(EngineExecutionResults results) {
        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        Event failed = results.testEvents().failed().list().getFirst();
        Throwable t = failed.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
        assertInstanceOf(AssertionError.class, t);
        return t.getMessage();
    }
}
