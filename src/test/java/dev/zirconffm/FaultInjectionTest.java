package dev.zirconffm;

import dev.zirconffm.internal.MappingRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.EnumSet;
import java.util.Set;

import static dev.zirconffm.VmarOption.CAN_MAP_READ;
import static dev.zirconffm.VmarOption.CAN_MAP_SPECIFIC;
import static dev.zirconffm.VmarOption.CAN_MAP_WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The emulator fails one syscall; the API must throw the ZxException naming it, and leave no
 * handle, no mapping and no changed state behind.
 */
@ExtendWith(NoLeaks.class)
class FaultInjectionTest {

    static final long PAGE = Zircon.pageSize();

    Vmar region;
    Vmo vmo;

    @BeforeEach
    void setUp() {
        region = Vmar.root().allocate(16 * PAGE, EnumSet.of(CAN_MAP_READ, CAN_MAP_WRITE, CAN_MAP_SPECIFIC));
        vmo = Vmo.create(2 * PAGE, EnumSet.of(VmoOption.RESIZABLE));
        vmo.koid();
        region.koid();
        vmo.write(new byte[]{1, 2, 3}, 0);
    }

    @AfterEach
    void tearDown() {
        EmulatorFaults.clear();
        vmo.close();
        region.destroy();
        region.close();
    }

    /** Fails the next {@code syscall} with {@code status}; {@code call} must throw for it and leave no trace. */
    static ZxException failOnce(String syscall, Status status, Executable call) {
        HandleCounts before = HandleCounts.now();
        int mappings = MappingRegistry.global().size();
        EmulatorFaults.failNthCall(syscall, 1, status);
        ZxException e = assertThrows(ZxException.class, call);
        EmulatorFaults.clear();
        assertEquals(syscall, e.syscall());
        assertEquals(status, e.status());
        assertEquals(before, HandleCounts.now(), "handles");
        assertEquals(mappings, MappingRegistry.global().size(), "live mappings");
        return e;
    }

    byte[] head() {
        byte[] b = new byte[3];
        vmo.read(b, 0);
        return b;
    }

    @Test
    void vmoCallsFailCleanly() {
        failOnce("zx_vmo_create", Status.NO_MEMORY, () -> Vmo.create(PAGE));
        failOnce("zx_vmo_get_size", Status.BAD_HANDLE, vmo::size);
        failOnce("zx_vmo_read", Status.NO_MEMORY, () -> vmo.read(new byte[3], 0));
        failOnce("zx_vmo_write", Status.NO_MEMORY, () -> vmo.write(new byte[]{9, 9, 9}, 0));
        assertArrayEquals(new byte[]{1, 2, 3}, head());
        failOnce("zx_vmo_set_size", Status.NO_MEMORY, () -> vmo.setSize(4 * PAGE));
        assertEquals(2 * PAGE, vmo.size());
        failOnce("zx_vmo_get_size", Status.NO_MEMORY, () -> vmo.setSize(4 * PAGE)); // its size check
        assertEquals(2 * PAGE, vmo.size());
        failOnce("zx_vmo_op_range", Status.NO_MEMORY, () -> vmo.opRange(VmoOp.DECOMMIT, 0, PAGE));
        assertArrayEquals(new byte[]{1, 2, 3}, head());
        failOnce("zx_vmo_create_child", Status.NO_MEMORY, () -> vmo.createChild(Set.of(VmoChildOption.SNAPSHOT), 0, PAGE));
        failOnce("zx_object_set_property", Status.NO_MEMORY, () -> vmo.setName("x"));
        assertEquals("", vmo.name());
        failOnce("zx_object_get_property", Status.NO_MEMORY, vmo::name);
        failOnce("zx_vmo_set_cache_policy", Status.NO_MEMORY, () -> vmo.setCachePolicy(CachePolicy.UNCACHED));
        assertEquals(CachePolicy.CACHED, vmo.info().cachePolicyEnum());
        failOnce("zx_object_get_info", Status.NO_MEMORY, vmo::info);
        failOnce("zx_handle_duplicate", Status.NO_MEMORY, vmo::duplicate);
        assertFalse(vmo.isClosed());
    }

    @Test
    void aFailedReplaceKillsTheObjectAndLeavesNoHandle() {
        for (boolean executable : new boolean[]{false, true}) {
            HandleCounts before = HandleCounts.now();
            Vmo dup = vmo.duplicate();
            // The allocation of the new handle fails after the kernel took the old one.
            EmulatorFaults.failNthAllocation(1);
            ZxException e = assertThrows(ZxException.class, executable ? dup::replaceAsExecutable : () -> dup.replace(Rights.BASIC));
            EmulatorFaults.clear();
            assertEquals(Status.NO_MEMORY, e.status());
            assertTrue(dup.isClosed());
            dup.close();
            assertEquals(before, HandleCounts.now());
        }
    }

    @Test
    void vmarCallsFailCleanly() {
        failOnce("zx_vmar_allocate", Status.NO_RESOURCES, () -> region.allocate(PAGE, Set.of()));
        try (Arena arena = Arena.ofConfined()) {
            try (Vmo fixed = Vmo.create(PAGE)) {
                fixed.koid();
                ZxException e = failOnce("zx_vmar_map", Status.NO_MEMORY, () -> region.map(arena, fixed, 0, PAGE, MapOptions.READ));
                assertTrue(e.getMessage().contains("len=0x" + Long.toHexString(PAGE)), e.getMessage());
                assertEquals(0, VmarTest.mappingsIn(region.maps()));
                MemorySegment s = region.map(arena, 0, fixed, 0, PAGE, MapOptions.READ_WRITE.with(MapOption.SPECIFIC));
                s.set(ValueLayout.JAVA_BYTE, 0, (byte) 5);
                failOnce("zx_vmar_protect", Status.NO_MEMORY, () -> region.protect(s.address(), PAGE, MapOptions.READ_WRITE));
                failOnce("zx_vmar_op_range", Status.NO_MEMORY, () -> region.opRange(VmarOp.DECOMMIT, s.address(), PAGE));
                assertEquals(5, s.get(ValueLayout.JAVA_BYTE, 0));
                failOnce("zx_vmar_unmap", Status.NO_MEMORY, () -> region.unmap(s.address() + PAGE, PAGE));
                failOnce("zx_object_get_info", Status.NO_MEMORY, region::maps);
            }
        }
        Vmar sub = region.allocate(PAGE, Set.of());
        try (sub) {
            failOnce("zx_vmar_destroy", Status.NO_MEMORY, sub::destroy);
            sub.destroy();
        }
    }

    @Test
    void aFailedKoidLookupStopsAMapBeforeTheSyscall() {
        try (Arena arena = Arena.ofConfined(); Vmo fresh = Vmo.create(PAGE)) {
            failOnce("zx_object_get_info", Status.NO_MEMORY, () -> region.map(arena, fresh, 0, PAGE, MapOptions.READ));
            assertEquals(0, VmarTest.mappingsIn(region.maps()));
        }
    }

    @Test
    void aFailedUnmapAtArenaCloseIsReportedAndTheRegistryForgetsTheDeadSegment() {
        try (Vmo fixed = Vmo.create(PAGE)) {
            Arena arena = Arena.ofConfined();
            MemorySegment s = region.map(arena, fixed, 0, PAGE, MapOptions.READ);
            int live = MappingRegistry.global().size();
            EmulatorFaults.failNthCall("zx_vmar_unmap", 1, Status.NO_MEMORY);
            ZxException e = assertThrows(ZxException.class, arena::close);
            EmulatorFaults.clear();
            assertEquals("zx_vmar_unmap", e.syscall());
            assertFalse(s.scope().isAlive());
            assertEquals(live - 1, MappingRegistry.global().size());
            // The kernel still has the pages mapped, but no segment reaches them: the region may go.
            assertEquals(1, VmarTest.mappingsIn(region.maps()));
            region.unmap(s.address(), PAGE);
        }
    }
}
