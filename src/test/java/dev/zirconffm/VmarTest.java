package dev.zirconffm;

import dev.zirconffm.internal.MappingRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static dev.zirconffm.VmarOption.CAN_MAP_READ;
import static dev.zirconffm.VmarOption.CAN_MAP_SPECIFIC;
import static dev.zirconffm.VmarOption.CAN_MAP_WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(NoLeaks.class)
class VmarTest {

    static final long PAGE = Zircon.pageSize();
    static final Set<VmarOption> RW_SPECIFIC = EnumSet.of(CAN_MAP_READ, CAN_MAP_WRITE, CAN_MAP_SPECIFIC);

    Vmar region;
    Vmo vmo;

    @BeforeEach
    void setUp() {
        region = Vmar.root().allocate(16 * PAGE, RW_SPECIFIC);
        vmo = Vmo.create(4 * PAGE);
    }

    @AfterEach
    void tearDown() {
        vmo.close();
        region.destroy();
        region.close();
    }

    @Test
    void rootIsTheProcessRootAndNeverClosed() {
        Vmar root = Vmar.root();
        assertSame(root, Vmar.root());
        assertSame(ObjectType.VMAR, root.basicInfo().type());
        VmarInfo info = root.info();
        assertTrue(info.length() > 0);
        root.close();
        assertFalse(root.isClosed());
        assertEquals(info, root.info());
        assertThrows(UnsupportedOperationException.class, () -> root.replace(Rights.BASIC));
        assertFalse(root.isClosed());
    }

    @Test
    void allocateReturnsAChildInsideItsParent() {
        VmarInfo parent = region.info();
        assertEquals(16 * PAGE, parent.length());
        try (Vmar child = region.allocate(4 * PAGE, EnumSet.of(CAN_MAP_READ))) {
            VmarInfo info = child.info();
            assertEquals(4 * PAGE, info.length());
            assertEquals(info.base(), child.base());
            assertEquals(info.length(), child.length());
            assertTrue(info.base() >= parent.base() && info.base() + info.length() <= parent.base() + parent.length());
            child.destroy();
        }
    }

    @Test
    void allocateSpecificAndAligned() {
        try (Vmar at = region.allocate(8 * PAGE, 2 * PAGE, EnumSet.of(VmarOption.SPECIFIC, CAN_MAP_READ), 0)) {
            assertEquals(region.base() + 8 * PAGE, at.base());
            ZxException e = assertThrows(ZxException.class,
                    () -> region.allocate(8 * PAGE, PAGE, EnumSet.of(VmarOption.SPECIFIC), 0));
            assertEquals(Status.ALREADY_EXISTS, e.status());
            assertEquals("zx_vmar_allocate", e.syscall());
            at.destroy();
        }
        try (Vmar aligned = region.allocate(0, PAGE, EnumSet.of(CAN_MAP_READ), 8 * PAGE)) {
            assertEquals(0, aligned.base() % (8 * PAGE));
            aligned.destroy();
        }
    }

    @Test
    void allocateRefusesBadArguments() {
        assertThrows(NullPointerException.class, () -> region.allocate(PAGE, null));
        assertThrows(IllegalArgumentException.class, () -> region.allocate(-PAGE, EnumSet.of(CAN_MAP_READ)));
        assertThrows(IllegalArgumentException.class, () -> region.allocate(-1, PAGE, Set.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> region.allocate(0, PAGE, Set.of(), 3000));
        ZxException e = assertThrows(ZxException.class, () -> region.allocate(32 * PAGE, Set.of()));
        assertEquals(Status.INVALID_ARGS, e.status());
    }

    @Test
    void allocatedRegionCannotGrantMoreThanItsParent() {
        try (Vmar readOnly = region.allocate(4 * PAGE, EnumSet.of(CAN_MAP_READ)); Arena arena = Arena.ofConfined()) {
            ZxException e = assertThrows(ZxException.class, () -> readOnly.map(arena, vmo, 0, PAGE, MapOptions.READ_WRITE));
            assertEquals(Status.ACCESS_DENIED, e.status());
            assertEquals("zx_vmar_map", e.syscall());
            readOnly.destroy();
        }
    }

    @Test
    void readWriteMappingSeesTheVmo() {
        try (Arena arena = Arena.ofConfined()) {
            vmo.write(new byte[]{1, 2, 3}, PAGE);
            MemorySegment s = region.map(arena, vmo, 0, 4 * PAGE, MapOptions.READ_WRITE);
            assertEquals(4 * PAGE, s.byteSize());
            assertFalse(s.isReadOnly());
            assertSame(arena.scope(), s.scope());
            assertEquals(2, s.get(ValueLayout.JAVA_BYTE, PAGE + 1));
            s.set(ValueLayout.JAVA_BYTE, 3 * PAGE, (byte) 77);
            byte[] b = new byte[1];
            vmo.read(b, 3 * PAGE);
            assertEquals(77, b[0]);
            assertTrue(s.address() >= region.base() && s.address() + s.byteSize() <= region.base() + region.length());
        }
    }

    @Test
    void twoMappingsOfOneVmoAlias() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment rw = region.map(arena, vmo, PAGE, 2 * PAGE, MapOptions.READ_WRITE);
            MemorySegment ro = region.map(arena, vmo, 0, 4 * PAGE, MapOptions.READ);
            assertTrue(ro.isReadOnly());
            rw.set(ValueLayout.JAVA_LONG, 8, 0x1122334455667788L);
            assertEquals(0x1122334455667788L, ro.get(ValueLayout.JAVA_LONG, PAGE + 8));
            assertThrows(IllegalArgumentException.class, () -> ro.set(ValueLayout.JAVA_BYTE, 0, (byte) 1));
        }
    }

    @Test
    void mappingAtAnOffsetAndWithASegmentShorterThanAPage() {
        try (Arena arena = Arena.ofConfined()) {
            vmo.write(new byte[]{5}, 2 * PAGE + 100);
            MemorySegment s = region.map(arena, 4 * PAGE, vmo, 2 * PAGE, 200,
                    MapOptions.READ.with(MapOption.SPECIFIC));
            assertEquals(region.base() + 4 * PAGE, s.address());
            assertEquals(200, s.byteSize());
            assertEquals(5, s.get(ValueLayout.JAVA_BYTE, 100));
            assertThrows(IndexOutOfBoundsException.class, () -> s.get(ValueLayout.JAVA_BYTE, 200));
            List<LiveRange> live = LiveRange.all();
            assertTrue(live.contains(new LiveRange(s.address(), PAGE)), live.toString());
        }
    }

    @Test
    void closingTheArenaUnmapsAndLaterAccessThrows() {
        MemorySegment s;
        int before = MappingRegistry.global().size();
        try (Arena arena = Arena.ofConfined()) {
            s = region.map(arena, vmo, 0, PAGE, MapOptions.READ_WRITE);
            assertEquals(before + 1, MappingRegistry.global().size());
            assertEquals(1, mappingsIn(region.maps()));
        }
        assertEquals(before, MappingRegistry.global().size());
        assertEquals(0, mappingsIn(region.maps()));
        assertThrows(IllegalStateException.class, () -> s.get(ValueLayout.JAVA_BYTE, 0));
    }

    @Test
    void sharedArenaClosedFromAnotherThreadUnmaps() throws InterruptedException {
        Arena arena = Arena.ofShared();
        MemorySegment s = region.map(arena, vmo, 0, PAGE, MapOptions.READ_WRITE);
        s.set(ValueLayout.JAVA_INT, 0, 5);
        Thread closer = Thread.ofPlatform().start(arena::close);
        closer.join();
        assertFalse(s.scope().isAlive());
        assertThrows(IllegalStateException.class, () -> s.get(ValueLayout.JAVA_INT, 0));
        assertEquals(0, mappingsIn(region.maps()));
    }

    @Test
    void automaticArenaUnmapsWhenCollected() throws InterruptedException {
        int before = MappingRegistry.global().size();
        region.map(Arena.ofAuto(), vmo, 0, PAGE, MapOptions.READ_WRITE).set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
        for (int i = 0; i < 100 && MappingRegistry.global().size() != before; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertEquals(before, MappingRegistry.global().size());
        assertEquals(0, mappingsIn(region.maps()));
    }

    @Test
    void mappingIntoAClosedArenaIsRefusedAndLeavesNothing() {
        Arena arena = Arena.ofConfined();
        arena.close();
        int before = MappingRegistry.global().size();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> region.map(arena, vmo, 0, PAGE, MapOptions.READ));
        assertTrue(e.getMessage().contains("arena"), e.getMessage());
        assertEquals(before, MappingRegistry.global().size());
        assertEquals(0, mappingsIn(region.maps()));
    }

    @Test
    void confinedArenaOfAnotherThreadIsRefusedAndTheMappingUndone() throws InterruptedException {
        int before = MappingRegistry.global().size();
        try (Arena arena = Arena.ofConfined()) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread other = Thread.ofPlatform().start(() -> {
                try {
                    region.map(arena, vmo, 0, PAGE, MapOptions.READ);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            other.join();
            assertInstanceOf(WrongThreadException.class, thrown.get());
        }
        assertEquals(before, MappingRegistry.global().size());
        assertEquals(0, mappingsIn(region.maps()));
    }

    @Test
    void mapRefusesBadArgumentsBeforeTheCall() {
        try (Arena arena = Arena.ofConfined()) {
            assertThrows(NullPointerException.class, () -> region.map(null, vmo, 0, PAGE, MapOptions.READ));
            assertThrows(NullPointerException.class, () -> region.map(arena, null, 0, PAGE, MapOptions.READ));
            assertThrows(NullPointerException.class, () -> region.map(arena, vmo, 0, PAGE, null));
            assertThrows(IllegalArgumentException.class, () -> region.map(arena, vmo, -PAGE, PAGE, MapOptions.READ));
            assertThrows(IllegalArgumentException.class, () -> region.map(arena, -1, vmo, 0, PAGE, MapOptions.READ));
            IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                    () -> region.map(arena, vmo, 0, 0, MapOptions.READ));
            assertTrue(zero.getMessage().contains("length"), zero.getMessage());
        }
    }

    @Test
    void mapFailureFromTheKernelLeavesNothing() {
        try (Arena arena = Arena.ofConfined()) {
            int before = MappingRegistry.global().size();
            ZxException e = assertThrows(ZxException.class,
                    () -> region.map(arena, PAGE / 2, vmo, 0, PAGE, MapOptions.READ.with(MapOption.SPECIFIC)));
            assertEquals(Status.INVALID_ARGS, e.status());
            assertTrue(e.getMessage().contains("vmar_offset=0x" + Long.toHexString(PAGE / 2)), e.getMessage());
            assertEquals(before, MappingRegistry.global().size());
        }
    }

    @Test
    void protectCanRaiseAReadOnlyMappingAndTheSegmentStaysReadOnly() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ro = region.map(arena, vmo, 0, PAGE, MapOptions.READ);
            region.protect(ro.address(), PAGE, MapOptions.READ_WRITE);
            assertTrue(ro.isReadOnly());
            MapsEntry.Mapping m = onlyMapping(region.maps());
            assertTrue(m.permissions().contains(MapOption.PERM_WRITE));
            region.protect(ro.address(), PAGE, MapOptions.READ); // back down: the segment never wrote
            assertFalse(onlyMapping(region.maps()).permissions().contains(MapOption.PERM_WRITE));
        }
    }

    @Test
    void protectRefusesNonPermissionFlags() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> region.protect(region.base(), PAGE, MapOptions.READ.with(MapOption.SPECIFIC)));
        assertTrue(e.getMessage().contains("permissions"), e.getMessage());
        assertThrows(NullPointerException.class, () -> region.protect(region.base(), PAGE, null));
        assertThrows(IllegalArgumentException.class, () -> region.protect(region.base(), 0, MapOptions.READ));
    }

    @Test
    void unmapOfAFreeRangeAndOfADeadMappingWorks() {
        long address;
        try (Arena arena = Arena.ofConfined()) {
            address = region.map(arena, vmo, 0, PAGE, MapOptions.READ).address();
        }
        region.unmap(address, PAGE);
        region.unmap(region.base(), region.length());
        assertEquals(0, mappingsIn(region.maps()));
        assertThrows(IllegalArgumentException.class, () -> region.unmap(region.base(), -1));
        ZxException e = assertThrows(ZxException.class, () -> region.unmap(region.base() + 1, PAGE));
        assertEquals(Status.INVALID_ARGS, e.status());
        assertEquals("zx_vmar_unmap", e.syscall());
    }

    @Test
    void unmapCoveringAnEmptySubregionDestroysIt() {
        Vmar sub = region.allocate(2 * PAGE, EnumSet.of(CAN_MAP_READ));
        try (sub) {
            region.unmap(sub.base(), sub.length());
            ZxException e = assertThrows(ZxException.class, () -> sub.allocate(PAGE, Set.of()));
            assertEquals(Status.BAD_STATE, e.status());
        }
    }

    @Test
    void destroyMakesLaterCallsFailWithBadState() {
        Vmar sub = region.allocate(2 * PAGE, EnumSet.of(CAN_MAP_READ));
        try (sub; Arena arena = Arena.ofConfined()) {
            sub.destroy();
            assertFalse(sub.isClosed());
            ZxException e = assertThrows(ZxException.class, () -> sub.map(arena, vmo, 0, PAGE, MapOptions.READ));
            assertEquals(Status.BAD_STATE, e.status());
            assertEquals(Status.BAD_STATE, assertThrows(ZxException.class, sub::destroy).status());
        }
    }

    @Test
    void opRangeCommitsAndDecommitsMappedPages() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = region.map(arena, 0, vmo, 0, 4 * PAGE, MapOptions.READ_WRITE.with(MapOption.SPECIFIC));
            region.opRange(VmarOp.COMMIT, s.address(), 4 * PAGE);
            assertEquals(4 * PAGE, vmo.info().committedBytes());
            s.set(ValueLayout.JAVA_BYTE, PAGE, (byte) 9);
            region.opRange(VmarOp.DECOMMIT, s.address() + PAGE, PAGE);
            assertEquals(0, s.get(ValueLayout.JAVA_BYTE, PAGE));
            region.opRange(VmarOp.MAP_RANGE, s.address(), 4 * PAGE);
            assertThrows(NullPointerException.class, () -> region.opRange(null, s.address(), PAGE));
            // A range with an unmapped page in it.
            ZxException e = assertThrows(ZxException.class, () -> region.opRange(VmarOp.COMMIT, s.address(), 5 * PAGE));
            assertEquals(Status.BAD_STATE, e.status());
            assertEquals("zx_vmar_op_range", e.syscall());
        }
    }

    @Test
    void mapsListsTheRegionItsSubregionsAndMappings() {
        vmo.setName("listed");
        try (Vmar sub = region.allocate(4 * PAGE, EnumSet.of(CAN_MAP_READ))) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment a = region.map(arena, vmo, 0, 2 * PAGE, MapOptions.READ_WRITE);
                MemorySegment b = sub.map(arena, vmo, PAGE, PAGE, MapOptions.READ);
                List<MapsEntry> maps = region.maps();
                MapsEntry.Region self = assertInstanceOf(MapsEntry.Region.class, maps.get(0));
                assertEquals(region.base(), self.base());
                assertEquals(region.length(), self.size());
                assertEquals(0, self.depth());
                assertEquals(1, maps.stream().filter(e -> e instanceof MapsEntry.Region r && r.base() == sub.base()
                        && r.size() == sub.length() && r.depth() == 1).count(), maps.toString());
                MapsEntry.Mapping ma = mappingAt(maps, a.address());
                assertEquals(2 * PAGE, ma.size());
                assertEquals(vmo.koid(), ma.vmoKoid());
                assertEquals(0, ma.vmoOffset());
                assertEquals(1, ma.depth());
                assertEquals("listed", ma.name());
                assertEquals(MapOptions.READ_WRITE, ma.permissions());
                MapsEntry.Mapping mb = mappingAt(maps, b.address());
                assertEquals(PAGE, mb.vmoOffset());
                assertEquals(2, mb.depth());
                assertEquals(MapOptions.READ, mb.permissions());
                assertEquals(2, vmo.info().numMappings());
                assertThrows(UnsupportedOperationException.class, () -> maps.add(self));
            }
            sub.destroy();
        }
    }

    @Test
    void duplicateAndReplaceOfARegion() {
        try (Vmar dup = region.duplicate(); Arena arena = Arena.ofConfined()) {
            assertEquals(region.koid(), dup.koid());
            assertEquals(region.base(), dup.base());
            MemorySegment s = dup.map(arena, vmo, 0, PAGE, MapOptions.READ);
            assertEquals(1, mappingsIn(region.maps()));
            try (Vmar narrowed = region.duplicate(Rights.of(Right.READ, Right.INSPECT, Right.DUPLICATE))) {
                Vmar replaced = narrowed.replace(Rights.of(Right.INSPECT));
                try (replaced) {
                    assertTrue(narrowed.isClosed());
                    assertEquals(region.base(), replaced.info().base());
                    assertEquals(Rights.of(Right.INSPECT), replaced.rights());
                }
            }
            assertEquals(PAGE, s.byteSize());
        }
    }

    @Test
    void replaceOfARegionWithLiveMappingsIsRefusedButTheMappingsStillUnmap() {
        HandleCounts before = HandleCounts.now();
        Vmar dup = region.duplicate();
        Arena arena = Arena.ofConfined();
        MemorySegment s = dup.map(arena, vmo, 0, PAGE, MapOptions.READ_WRITE);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> dup.replace(Rights.BASIC));
        assertTrue(e.getMessage().contains("live mapping"), e.getMessage());
        assertTrue(dup.isClosed());
        s.set(ValueLayout.JAVA_BYTE, 0, (byte) 3); // still mapped
        assertEquals(before.of(ObjectType.VMAR) + 1, HandleCounts.now().of(ObjectType.VMAR));
        arena.close(); // unmaps through the dead object's value, then closes it
        assertEquals(before, HandleCounts.now());
        assertEquals(0, mappingsIn(region.maps()));
    }

    @Test
    void closingARegionHandleKeepsItsMappingsUntilTheirArenaCloses() {
        HandleCounts before = HandleCounts.now();
        Vmar dup = region.duplicate();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = dup.map(arena, vmo, 0, PAGE, MapOptions.READ_WRITE);
            dup.close();
            assertThrows(IllegalStateException.class, dup::info);
            s.set(ValueLayout.JAVA_BYTE, 5, (byte) 6);
            assertEquals(before.of(ObjectType.VMAR) + 1, HandleCounts.now().of(ObjectType.VMAR));
        }
        assertEquals(before, HandleCounts.now());
        assertEquals(0, mappingsIn(region.maps()));
    }

    @Test
    void everyMethodOfAClosedRegionThrowsIllegalState() {
        Vmar sub = region.allocate(PAGE, EnumSet.of(CAN_MAP_READ));
        sub.close();
        try (Arena arena = Arena.ofConfined()) {
            for (Runnable call : new Runnable[]{() -> sub.allocate(PAGE, Set.of()), sub::info, sub::maps,
                    () -> sub.map(arena, vmo, 0, PAGE, MapOptions.READ), () -> sub.unmap(region.base(), PAGE),
                    () -> sub.protect(region.base(), PAGE, MapOptions.READ), sub::destroy,
                    () -> sub.opRange(VmarOp.COMMIT, region.base(), PAGE), sub::duplicate, sub::koid,
                    () -> sub.replace(Rights.BASIC)}) {
                IllegalStateException e = assertThrows(IllegalStateException.class, call::run);
                assertTrue(e.getMessage().contains("closed"), e.getMessage());
            }
        }
    }

    static long mappingsIn(List<MapsEntry> maps) {
        return maps.stream().filter(e -> e instanceof MapsEntry.Mapping).count();
    }

    static MapsEntry.Mapping onlyMapping(List<MapsEntry> maps) {
        List<MapsEntry.Mapping> ms = maps.stream().filter(e -> e instanceof MapsEntry.Mapping)
                .map(e -> (MapsEntry.Mapping) e).toList();
        assertEquals(1, ms.size(), maps.toString());
        return ms.get(0);
    }

    static MapsEntry.Mapping mappingAt(List<MapsEntry> maps, long address) {
        return maps.stream().filter(e -> e instanceof MapsEntry.Mapping && e.base() == address)
                .map(e -> (MapsEntry.Mapping) e).findFirst().orElseThrow(() -> new AssertionError(
                        "no mapping at 0x" + Long.toHexString(address) + " in " + maps));
    }

    /** A live mapping's range as the registry holds it. */
    record LiveRange(long base, long length) {
        static List<LiveRange> all() {
            return MappingRegistry.global().snapshot().stream().map(m -> new LiveRange(m.base, m.length)).toList();
        }
    }
}
