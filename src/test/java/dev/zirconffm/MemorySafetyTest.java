package dev.zirconffm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.EnumSet;

import static dev.zirconffm.VmarOption.CAN_MAP_READ;
import static dev.zirconffm.VmarOption.CAN_MAP_SPECIFIC;
import static dev.zirconffm.VmarOption.CAN_MAP_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every refusal that keeps a live segment's memory mapped, readable and (if writable) writable.
 * Each test checks the refusal and then that the memory is still there; without the check the
 * call would succeed (and a later access could crash the JVM), so the test would fail.
 */
@ExtendWith(NoLeaks.class)
class MemorySafetyTest {

    static final long PAGE = Zircon.pageSize();

    Vmar region;
    Vmo vmo;
    Arena arena;

    @BeforeEach
    void setUp() {
        region = Vmar.root().allocate(32 * PAGE, EnumSet.of(CAN_MAP_READ, CAN_MAP_WRITE, CAN_MAP_SPECIFIC));
        vmo = Vmo.create(4 * PAGE);
        arena = Arena.ofConfined();
    }

    @AfterEach
    void tearDown() {
        arena.close();
        vmo.close();
        region.destroy();
        region.close();
    }

    /** The message names the live mapping: its address, length and VMO koid. */
    static void assertNamesMapping(IllegalStateException e, MemorySegment s, long length, Vmo vmo) {
        String m = e.getMessage();
        assertTrue(m.contains("0x" + Long.toHexString(s.address())), m);
        assertTrue(m.contains("length 0x" + Long.toHexString(length)), m);
        assertTrue(m.contains("VMO koid " + vmo.koid()), m);
    }

    static void assertStillMapped(MemorySegment s, boolean writable) {
        byte b = s.get(ValueLayout.JAVA_BYTE, 0);
        if (writable) {
            s.set(ValueLayout.JAVA_BYTE, 0, b);
        }
        byte last = s.get(ValueLayout.JAVA_BYTE, s.byteSize() - 1);
        assertEquals(last, s.get(ValueLayout.JAVA_BYTE, s.byteSize() - 1));
    }

    @Test
    void unmapOfALiveMappingIsRefused() {
        MemorySegment s = region.map(arena, vmo, 0, 2 * PAGE, MapOptions.READ_WRITE);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> region.unmap(s.address(), 2 * PAGE));
        assertNamesMapping(e, s, 2 * PAGE, vmo);
        assertStillMapped(s, true);
    }

    @Test
    void unmapOfPartOfALiveMappingIsRefused() {
        MemorySegment s = region.map(arena, vmo, 0, 2 * PAGE, MapOptions.READ_WRITE);
        assertThrows(IllegalStateException.class, () -> region.unmap(s.address() + PAGE, PAGE));
        assertThrows(IllegalStateException.class, () -> region.unmap(s.address() - PAGE, 2 * PAGE));
        assertThrows(IllegalStateException.class, () -> region.unmap(s.address() + PAGE, 1)); // rounds up to the page
        assertStillMapped(s.asSlice(PAGE), true);
    }

    @Test
    void unmapOfARangeCoveringASubregionWithALiveMappingIsRefused() {
        Vmar sub = region.allocate(4 * PAGE, EnumSet.of(CAN_MAP_READ));
        try (sub) {
            MemorySegment s = sub.map(arena, vmo, 0, PAGE, MapOptions.READ);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> region.unmap(region.base(), region.length()));
            assertNamesMapping(e, s, PAGE, vmo);
            assertStillMapped(s, false);
        }
    }

    @Test
    void protectDroppingWriteUnderAWritableSegmentIsRefused() {
        MemorySegment s = region.map(arena, vmo, 0, PAGE, MapOptions.READ_WRITE);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> region.protect(s.address(), PAGE, MapOptions.READ));
        assertNamesMapping(e, s, PAGE, vmo);
        assertStillMapped(s, true);
    }

    @Test
    void protectDroppingReadIsRefusedEvenForAReadOnlySegment() {
        MemorySegment s = region.map(arena, vmo, 0, PAGE, MapOptions.READ);
        assertThrows(IllegalStateException.class, () -> region.protect(s.address(), PAGE, MapOptions.of()));
        assertThrows(IllegalStateException.class,
                () -> region.protect(s.address(), PAGE, MapOptions.of(MapOption.PERM_READ_IF_XOM_UNSUPPORTED)));
        assertStillMapped(s, false);
    }

    @Test
    void protectOfARangeTouchingTwoMappingsChecksBoth() {
        MemorySegment ro = region.map(arena, 0, vmo, 0, PAGE, MapOptions.READ.with(MapOption.SPECIFIC));
        MemorySegment rw = region.map(arena, PAGE, vmo, PAGE, PAGE, MapOptions.READ_WRITE.with(MapOption.SPECIFIC));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> region.protect(ro.address(), 2 * PAGE, MapOptions.READ));
        assertNamesMapping(e, rw, PAGE, vmo);
        assertStillMapped(rw, true);
    }

    @Test
    void specificOverwriteOverALiveMappingIsRefused() {
        MemorySegment s = region.map(arena, 2 * PAGE, vmo, 0, PAGE, MapOptions.READ_WRITE.with(MapOption.SPECIFIC));
        try (Vmo other = Vmo.create(PAGE)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> region.map(arena, 2 * PAGE, other, 0,
                    PAGE, MapOptions.READ.with(MapOption.SPECIFIC_OVERWRITE)));
            assertNamesMapping(e, s, PAGE, vmo);
            s.set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
            byte[] b = new byte[1];
            vmo.read(b, 0);
            assertEquals(1, b[0]); // still the same VMO under the segment
            // Over a free range it is allowed.
            MemorySegment o = region.map(arena, 3 * PAGE, other, 0, PAGE, MapOptions.READ.with(MapOption.SPECIFIC_OVERWRITE));
            assertEquals(s.address() + PAGE, o.address());
        }
    }

    @Test
    void destroyOfARegionHoldingALiveMappingIsRefused() {
        Vmar sub = region.allocate(4 * PAGE, EnumSet.of(CAN_MAP_READ));
        try (sub) {
            MemorySegment s = sub.map(arena, vmo, 0, PAGE, MapOptions.READ);
            IllegalStateException e = assertThrows(IllegalStateException.class, sub::destroy);
            assertNamesMapping(e, s, PAGE, vmo);
            assertStillMapped(s, false);
        }
    }

    @Test
    void destroyOfARegionWhoseSubregionHoldsALiveMappingIsRefused() {
        Vmar mid = region.allocate(8 * PAGE, EnumSet.of(CAN_MAP_READ, CAN_MAP_WRITE));
        try (mid; Vmar leaf = mid.allocate(2 * PAGE, EnumSet.of(CAN_MAP_READ, CAN_MAP_WRITE))) {
            MemorySegment s = leaf.map(arena, vmo, 0, PAGE, MapOptions.READ_WRITE);
            IllegalStateException e = assertThrows(IllegalStateException.class, mid::destroy);
            assertNamesMapping(e, s, PAGE, vmo);
            assertThrows(IllegalStateException.class, region::destroy);
            assertStillMapped(s, true);
        }
    }

    @Test
    void shrinkingAVmoUnderALiveMappingIsRefusedThroughAnyHandle() {
        try (Vmo resizable = Vmo.create(4 * PAGE, EnumSet.of(VmoOption.RESIZABLE));
             Vmo other = resizable.duplicate()) {
            MemorySegment s = region.mapUnsafe(arena, 0, resizable, PAGE, 2 * PAGE,
                    MapOptions.READ_WRITE.with(MapOption.ALLOW_FAULTS));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.setSize(2 * PAGE));
            assertNamesMapping(e, s, 2 * PAGE, resizable);
            assertThrows(IllegalStateException.class, () -> resizable.setSize(0));
            assertEquals(4 * PAGE, resizable.size());
            resizable.setSize(3 * PAGE); // keeps the mapped pages [1, 3)
            other.setSize(8 * PAGE);      // growing is fine
            assertStillMapped(s, true);
        }
    }

    /**
     * The shrink check looks at mappings of the VMO being resized; a slice shares its parent's
     * pages under another koid. The API relies on the kernel refusing slices of resizable VMOs
     * (and resizable slices), so no mappable slice can lose its pages.
     */
    @Test
    void noSliceCanShareThePagesOfAResizableVmo() {
        try (Vmo resizable = Vmo.create(4 * PAGE, EnumSet.of(VmoOption.RESIZABLE))) {
            ZxException e = assertThrows(ZxException.class,
                    () -> resizable.createChild(EnumSet.of(VmoChildOption.SLICE), 0, PAGE));
            assertEquals(Status.NOT_SUPPORTED, e.status());
        }
        ZxException e = assertThrows(ZxException.class,
                () -> vmo.createChild(EnumSet.of(VmoChildOption.SLICE, VmoChildOption.RESIZABLE), 0, PAGE));
        assertEquals(Status.INVALID_ARGS, e.status());
    }

    @Test
    void aMappingLongerThanTheVmoIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> region.map(arena, vmo, 0, 5 * PAGE, MapOptions.READ));
        assertTrue(e.getMessage().contains("past the end"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> region.map(arena, vmo, 3 * PAGE, 2 * PAGE, MapOptions.READ));
        assertThrows(IllegalArgumentException.class, () -> region.map(arena, vmo, 3 * PAGE, PAGE + 1, MapOptions.READ));
        assertThrows(IllegalArgumentException.class, () -> region.map(arena, vmo, 8 * PAGE, PAGE, MapOptions.READ));
        assertEquals(PAGE, region.map(arena, vmo, 3 * PAGE, PAGE, MapOptions.READ).byteSize());
    }

    @Test
    void resizableAndDiscardableVmosOnlyMapThroughTheUnsafeEntry() {
        try (Vmo resizable = Vmo.create(PAGE, EnumSet.of(VmoOption.RESIZABLE))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> region.map(arena, resizable, 0, PAGE, MapOptions.READ));
            assertTrue(e.getMessage().contains("resizable"), e.getMessage());
        }
        try (Vmo discardable = Vmo.create(PAGE, EnumSet.of(VmoOption.DISCARDABLE))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> region.map(arena, discardable, 0, PAGE, MapOptions.READ));
            assertTrue(e.getMessage().contains("discardable"), e.getMessage());
        }
    }

    @Test
    void theSafeMapAsksTheKernelToRefuseResizableVmos() {
        // A handle whose Java object believes it non-resizable cannot exist through the API, so the
        // kernel-side guard is checked through the unsafe entry with the flag the safe one adds.
        try (Vmo resizable = Vmo.create(PAGE, EnumSet.of(VmoOption.RESIZABLE))) {
            ZxException e = assertThrows(ZxException.class, () -> region.mapUnsafe(arena, 0, resizable, 0, PAGE,
                    MapOptions.READ.with(MapOption.REQUIRE_NON_RESIZABLE).with(MapOption.ALLOW_FAULTS)));
            assertEquals(Status.NOT_SUPPORTED, e.status());
        }
    }

    @Test
    void unsafeFlagsAndUnreadableMappingsAreRefusedBySafeMap() {
        for (MapOption unsafe : new MapOption[]{MapOption.ALLOW_FAULTS, MapOption.FAULT_BEYOND_STREAM_SIZE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> region.map(arena, vmo, 0, PAGE, MapOptions.READ.with(unsafe)));
            assertTrue(e.getMessage().contains(unsafe.name()), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> region.map(arena, vmo, 0, PAGE, MapOptions.of(MapOption.PERM_READ_IF_XOM_UNSUPPORTED)));
        assertTrue(e.getMessage().contains("PERM_READ"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> region.map(arena, vmo, 0, PAGE, MapOptions.of()));
    }

    @Test
    void theUnsafeEntryMapsWhatTheSafeOneRefuses() {
        // Nothing here is accessed: these mappings could fault.
        MemorySegment noAccess = region.mapUnsafe(arena, 0, vmo, 0, PAGE, MapOptions.of());
        MemorySegment pastEnd = region.mapUnsafe(arena, 0, vmo, 2 * PAGE, 4 * PAGE,
                MapOptions.READ.with(MapOption.ALLOW_FAULTS));
        try (Vmo resizable = Vmo.create(PAGE, EnumSet.of(VmoOption.RESIZABLE))) {
            MemorySegment r = region.mapUnsafe(arena, 0, resizable, 0, PAGE, MapOptions.READ_WRITE.with(MapOption.ALLOW_FAULTS));
            r.set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
        }
        assertEquals(4 * PAGE, pastEnd.byteSize());
        assertTrue(noAccess.isReadOnly());
        // Registered like any other: the API still refuses to pull them away.
        assertThrows(IllegalStateException.class, () -> region.unmap(noAccess.address(), PAGE));
        assertThrows(IllegalStateException.class, () -> region.unmap(pastEnd.address() + 3 * PAGE, PAGE));
        assertThrows(IllegalArgumentException.class, () -> region.mapUnsafe(arena, 0, vmo, 0, 0, MapOptions.READ));
        assertThrows(NullPointerException.class, () -> region.mapUnsafe(arena, 0, null, 0, PAGE, MapOptions.READ));
    }

    @Test
    void aMappingWithoutWriteGivesAReadOnlySegment() {
        MemorySegment s = region.map(arena, vmo, 0, PAGE, MapOptions.READ);
        assertTrue(s.isReadOnly());
        // The JDK reports a write to a read-only segment as IllegalArgumentException.
        assertThrows(IllegalArgumentException.class, () -> s.set(ValueLayout.JAVA_BYTE, 0, (byte) 1));
        assertThrows(IllegalArgumentException.class, () -> s.fill((byte) 1));
        // Nor can the kernel be made to write into it.
        assertThrows(IllegalArgumentException.class, () -> vmo.read(s, 0));
    }

    @Test
    void theRootRegionRefusesWhatCouldHitTheJvmsOwnMemory() {
        Vmar root = Vmar.root();
        // Nothing is live yet, so only the root rule can refuse these.
        assertRootRefusal(assertThrows(IllegalStateException.class, root::destroy));
        assertRootRefusal(assertThrows(IllegalStateException.class, () -> root.unmap(region.base(), PAGE)));
        assertRootRefusal(assertThrows(IllegalStateException.class, () -> root.map(arena, region.base() - root.base(),
                vmo, 0, PAGE, MapOptions.READ.with(MapOption.SPECIFIC_OVERWRITE))));
        MemorySegment s = root.map(arena, vmo, 0, PAGE, MapOptions.READ_WRITE);
        assertThrows(IllegalStateException.class, () -> root.unmap(s.address(), PAGE));
        assertRootRefusal(assertThrows(IllegalStateException.class,
                () -> root.protect(s.address() - PAGE, 2 * PAGE, MapOptions.READ_WRITE)));
        assertRootRefusal(assertThrows(IllegalStateException.class,
                () -> root.opRange(VmarOp.DECOMMIT, s.address() - PAGE, 2 * PAGE)));
        // Inside the API's own live mapping, harmless changes are allowed.
        root.protect(s.address(), PAGE, MapOptions.READ_WRITE);
        s.set(ValueLayout.JAVA_BYTE, 0, (byte) 4);
        root.opRange(VmarOp.ZERO, s.address(), PAGE);
        assertEquals(0, s.get(ValueLayout.JAVA_BYTE, 0));
        root.opRange(VmarOp.COMMIT, s.address(), PAGE);
        assertStillMapped(s, true);
    }

    static void assertRootRefusal(IllegalStateException e) {
        assertTrue(e.getMessage().contains("in the root VMAR"), e.getMessage());
    }

    @Test
    void closedArenaAccessThrowsInsteadOfFaulting() {
        MemorySegment s;
        try (Arena own = Arena.ofConfined()) {
            s = region.map(own, vmo, 0, PAGE, MapOptions.READ_WRITE);
            s.set(ValueLayout.JAVA_INT, 0, 1);
        }
        assertThrows(IllegalStateException.class, () -> s.get(ValueLayout.JAVA_INT, 0));
        assertThrows(IllegalStateException.class, () -> vmo.write(s, 0));
        // Once the segment is gone, the range is free again.
        region.unmap(s.address(), PAGE);
    }
}
