package dev.zirconffm.emulator;

import dev.zirconffm.internal.bindings.zircon_h;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.zirconffm.emulator.Zx.ACCESS_DENIED;
import static dev.zirconffm.emulator.Zx.ALREADY_EXISTS;
import static dev.zirconffm.emulator.Zx.BAD_HANDLE;
import static dev.zirconffm.emulator.Zx.CAN_MAP_READ;
import static dev.zirconffm.emulator.Zx.CAN_MAP_RW;
import static dev.zirconffm.emulator.Zx.CAN_MAP_SPECIFIC;
import static dev.zirconffm.emulator.Zx.INVALID_ARGS;
import static dev.zirconffm.emulator.Zx.INVALID_HANDLE;
import static dev.zirconffm.emulator.Zx.MAP_RANGE;
import static dev.zirconffm.emulator.Zx.NOT_SUPPORTED;
import static dev.zirconffm.emulator.Zx.NO_RESOURCES;
import static dev.zirconffm.emulator.Zx.OK;
import static dev.zirconffm.emulator.Zx.OUT_OF_RANGE;
import static dev.zirconffm.emulator.Zx.PAGE;
import static dev.zirconffm.emulator.Zx.R;
import static dev.zirconffm.emulator.Zx.RIGHT_DUPLICATE;
import static dev.zirconffm.emulator.Zx.RIGHT_MAP;
import static dev.zirconffm.emulator.Zx.RIGHT_READ;
import static dev.zirconffm.emulator.Zx.RIGHT_WRITE;
import static dev.zirconffm.emulator.Zx.RW;
import static dev.zirconffm.emulator.Zx.SPECIFIC;
import static dev.zirconffm.emulator.Zx.SPECIFIC_OVERWRITE;
import static dev.zirconffm.emulator.Zx.W;
import static dev.zirconffm.emulator.Zx.WRONG_TYPE;
import static dev.zirconffm.emulator.Zx.assertStatus;
import static dev.zirconffm.emulator.Zx.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code zx_vmar_map} (vmar_map.md, core-tests A2, A3, A9, A10, B3, B5). */
class VmarMapTest extends EmulatorTest {

    private static final int ALLOW_FAULTS = zircon_h.ZX_VM_ALLOW_FAULTS();
    private static final int UPPER_LIMIT = zircon_h.ZX_VM_OFFSET_IS_UPPER_LIMIT();

    private int mapStatus(int vmar, int options, long vmarOffset, int vmo, long vmoOffset, long len) {
        return fx.mapStatus(vmar, options, vmarOffset, vmo, vmoOffset, len).status();
    }

    private static long word(long addr) {
        return Zx.mem(addr, 8).get(ValueLayout.JAVA_LONG, 0);
    }

    private static void setWord(long addr, long value) {
        Zx.mem(addr, 8).set(ValueLayout.JAVA_LONG, 0, value);
    }

    /** A VMO of {@code pages} pages with {@code tag} at the start of each page. */
    private int filledVmo(int pages, long tag) {
        int vmo = fx.vmo(pages * PAGE);
        for (int i = 0; i < pages; i++) {
            fx.writeLong(vmo, i * PAGE, tag);
        }
        return vmo;
    }

    // ======= basics =======

    @Test
    @DisplayName("core-tests B3 'Map': a 1-page READ map is OK at a non-zero, page-aligned address; the out value is ignored")
    void basicMap() {
        int vmo = fx.vmo(PAGE);
        MemorySegment out = fx.u64();
        out.set(ValueLayout.JAVA_LONG, 0, 0x1234_5000L);
        int status = zircon_h.zx_vmar_map(Zx.root(), R, 0, vmo, 0, PAGE, out);
        ok(status);
        long addr = out.get(ValueLayout.JAVA_LONG, 0);
        ok(zircon_h.zx_vmar_unmap(Zx.root(), addr, PAGE));
        assertNotEquals(0, addr);
        assertEquals(0, addr % PAGE);
    }

    @Test
    @DisplayName("vmar_map.md: SPECIFIC places the mapping at VMAR base + vmar_offset")
    void specificPlacement() {
        Fixture.Vmar region = fx.vmar(8 * PAGE);
        int vmo = fx.vmo(2 * PAGE);
        assertEquals(region.base() + 3 * PAGE, fx.map(region.handle(), RW | SPECIFIC, 3 * PAGE, vmo, 0, 2 * PAGE));
    }

    @Test
    @DisplayName("core-tests B3 'ZeroPage': three mappings of one VMO alias each other and vmo_read/vmo_write")
    void aliasing() {
        int vmo = fx.vmo(2 * PAGE);
        long a = fx.map(vmo, RW, 2 * PAGE);
        long b = fx.map(vmo, RW, 2 * PAGE);
        long c = fx.map(vmo, RW, 2 * PAGE);
        assertEquals(0, word(a));
        setWord(b, 99);
        assertEquals(99, word(c));
        assertEquals(99, word(a));
        assertEquals(99, fx.readLong(vmo, 0));
        assertEquals(0, word(a + PAGE), "a page read as zero ...");
        fx.writeLong(vmo, PAGE, 5);
        assertEquals(5, word(a + PAGE), "... shows a later vmo_write");
        ok(VmoOpRangeTest.op(vmo, VmoOpRangeTest.COMMIT, 0, 2 * PAGE));
        fx.writeLong(vmo, PAGE, 6);
        assertEquals(6, word(c + PAGE));
    }

    @Test
    @DisplayName("vmar_map.md: a mapping at a VMO offset shows the VMO from that offset")
    void mappingAtVmoOffset() {
        int vmo = fx.taggedVmo(4, 0);
        long addr = fx.map(Zx.root(), RW, 0, vmo, 2 * PAGE, 2 * PAGE);
        assertEquals(3, word(addr));
        assertEquals(4, word(addr + PAGE));
        setWord(addr, 30);
        assertEquals(30, fx.readLong(vmo, 2 * PAGE));
    }

    @Test
    @DisplayName("object_get_info.md ZX_INFO_VMO: num_mappings counts mappings of the VMO")
    void numMappings() {
        int vmo = fx.vmo(PAGE);
        assertEquals(0, Info.vmo(vmo).numMappings());
        long a = fx.map(vmo, R, PAGE);
        fx.map(vmo, RW, PAGE);
        assertEquals(2, Info.vmo(vmo).numMappings());
        ok(zircon_h.zx_vmar_unmap(Zx.root(), a, PAGE));
        assertEquals(1, Info.vmo(vmo).numMappings());
    }

    // ======= permissions =======

    @Test
    @DisplayName("core-tests B3 'ReadOnlyMap': a READ mapping is readable and not writable")
    void readOnlyMap() {
        int vmo = fx.vmo(PAGE);
        fx.writeLong(vmo, 0, 17);
        long addr = fx.map(vmo, R, PAGE);
        assertEquals(17, word(addr));
        assertTrue(Probe.readable(addr));
        assertFalse(Probe.writable(addr));
    }

    @Test
    @DisplayName("core-tests B3 'NoPermProtect': a mapping with no perms is OK, and neither readable nor writable")
    void noPermMap() {
        int vmo = fx.vmo(PAGE);
        long addr = fx.map(vmo, 0, PAGE);
        assertFalse(Probe.readable(addr));
        assertFalse(Probe.writable(addr));
    }

    @Test
    @DisplayName("core-tests B5 'Rights': the map matrix of VMO handle rights x perms none/R/W/RW")
    void vmoRightsMatrix() {
        int vmo = fx.vmo(PAGE);
        int[] perms = {0, R, W, RW};
        int[][] rows = {
                {Info.rights(vmo), OK, OK, INVALID_ARGS, OK},
                {RIGHT_READ | RIGHT_WRITE | RIGHT_DUPLICATE, ACCESS_DENIED, ACCESS_DENIED, ACCESS_DENIED, ACCESS_DENIED},
                {RIGHT_READ | RIGHT_MAP | RIGHT_DUPLICATE, OK, OK, INVALID_ARGS, ACCESS_DENIED},
                {RIGHT_WRITE | RIGHT_MAP | RIGHT_DUPLICATE, OK, ACCESS_DENIED, INVALID_ARGS, ACCESS_DENIED},
                {RIGHT_READ | RIGHT_WRITE | RIGHT_MAP | RIGHT_DUPLICATE, OK, OK, INVALID_ARGS, OK},
        };
        for (int[] row : rows) {
            int handle = fx.duplicate(vmo, row[0]);
            for (int i = 0; i < perms.length; i++) {
                assertStatus(row[i + 1], mapStatus(Zx.root(), perms[i], 0, handle, 0, PAGE),
                        "rights " + Integer.toHexString(row[0]) + ", perms " + perms[i]);
            }
        }
    }

    @Test
    @DisplayName("vmar_map.md: perms beyond the VMAR's CAN_MAP_* give ACCESS_DENIED")
    void vmarCeiling() {
        Fixture.Vmar readOnly = fx.vmar(Zx.root(), CAN_MAP_READ | CAN_MAP_SPECIFIC, 0, 4 * PAGE);
        int vmo = fx.vmo(PAGE);
        assertStatus(ACCESS_DENIED, mapStatus(readOnly.handle(), RW, 0, vmo, 0, PAGE));
        assertStatus(OK, mapStatus(readOnly.handle(), R, 0, vmo, 0, PAGE));
    }

    @Test
    @DisplayName("core-tests A9 'RightsDropTest': a VMAR handle without WRITE cannot map RW")
    void vmarHandleRights() {
        Fixture.Vmar region = fx.vmar(4 * PAGE);
        int readOnly = fx.duplicate(region.handle(), zircon_h.ZX_DEFAULT_VMAR_RIGHTS() | RIGHT_READ);
        int vmo = fx.vmo(PAGE);
        assertStatus(ACCESS_DENIED, mapStatus(readOnly, RW, 0, vmo, 0, PAGE));
        assertStatus(OK, mapStatus(readOnly, R, 0, vmo, 0, PAGE));
    }

    @Test
    @DisplayName("core-tests A3 'NestedRegionPermsTest': SPECIFIC or SPECIFIC_OVERWRITE without CAN_MAP_SPECIFIC gives ACCESS_DENIED")
    void specificNeedsCanMapSpecific() {
        Fixture.Vmar region = fx.vmar(Zx.root(), CAN_MAP_RW, 0, 4 * PAGE);
        int vmo = fx.vmo(PAGE);
        assertStatus(ACCESS_DENIED, mapStatus(region.handle(), RW | SPECIFIC, PAGE, vmo, 0, PAGE));
        assertStatus(ACCESS_DENIED, mapStatus(region.handle(), RW | SPECIFIC_OVERWRITE, PAGE, vmo, 0, PAGE));
    }

    @Test
    @DisplayName("core-tests A2 'MapReadIfXomUnsupported': PERM_READ_IF_XOM_UNSUPPORTED alone is OK, and readable on x86-64")
    void readIfXomUnsupported() {
        int vmo = fx.vmo(PAGE);
        long addr = fx.map(vmo, zircon_h.ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED(), PAGE);
        // x86-64 cannot map execute-only pages, so the flag means READ there.
        assertTrue(Probe.readable(addr));
    }

    // ======= SPECIFIC, SPECIFIC_OVERWRITE, overlap =======

    @Test
    @DisplayName("core-tests A3 'OvermappingTest': overlapping SPECIFIC maps and allocations give ALREADY_EXISTS")
    void overmapping() {
        Fixture.Vmar region = fx.vmar(8 * PAGE);
        int h = region.handle();
        int vmo = fx.vmo(4 * PAGE);
        long addr = fx.map(h, RW | SPECIFIC, PAGE, vmo, 0, 2 * PAGE);
        assertStatus(ALREADY_EXISTS, mapStatus(h, RW | SPECIFIC, PAGE, vmo, 0, 2 * PAGE), "the same range");
        assertStatus(ALREADY_EXISTS, mapStatus(h, RW | SPECIFIC, 0, vmo, 0, 2 * PAGE), "partly before");
        assertStatus(ALREADY_EXISTS, mapStatus(h, RW | SPECIFIC, 2 * PAGE, vmo, 0, 2 * PAGE), "partly after");
        assertStatus(ALREADY_EXISTS, mapStatus(h, RW | SPECIFIC, 0, vmo, 0, 4 * PAGE), "a superset");
        int allocOptions = CAN_MAP_RW | SPECIFIC;
        assertStatus(ALREADY_EXISTS, fx.allocateStatus(h, allocOptions, 0, 2 * PAGE).status());
        assertStatus(ALREADY_EXISTS, fx.allocateStatus(h, allocOptions, 2 * PAGE, 2 * PAGE).status());
        ok(zircon_h.zx_vmar_unmap(h, addr, 2 * PAGE));
        Fixture.Vmar sub = fx.vmar(h, allocOptions, PAGE, 2 * PAGE);
        assertEquals(addr, sub.base());
        assertStatus(ALREADY_EXISTS, mapStatus(h, RW | SPECIFIC, 0, vmo, 0, 2 * PAGE));
        assertStatus(ALREADY_EXISTS, fx.allocateStatus(h, allocOptions, 2 * PAGE, 2 * PAGE).status());
    }

    @Test
    @DisplayName("core-tests A3 'MapSpecificOverwriteTest': SPECIFIC_OVERWRITE replaces mappings in place; pattern 2,1,1,2; not into a subregion")
    void specificOverwrite() {
        Fixture.Vmar region = fx.vmar(8 * PAGE);
        int h = region.handle();
        int a = filledVmo(4, 1);
        int b = filledVmo(4, 2);
        long addr = fx.map(h, RW | SPECIFIC, PAGE, a, 0, 4 * PAGE);
        assertStatus(ALREADY_EXISTS, mapStatus(h, RW | SPECIFIC, PAGE, b, 0, 4 * PAGE));
        assertEquals(addr, fx.map(h, RW | SPECIFIC_OVERWRITE, PAGE, b, 0, 4 * PAGE));
        for (int i = 0; i < 4; i++) {
            assertEquals(2, word(addr + i * PAGE), "page " + i);
        }
        fx.map(h, RW | SPECIFIC_OVERWRITE, 2 * PAGE, a, 0, 2 * PAGE);
        long[] pattern = new long[4];
        for (int i = 0; i < 4; i++) {
            pattern[i] = word(addr + i * PAGE);
        }
        assertArrayEquals(new long[] {2, 1, 1, 2}, pattern);
        fx.vmar(h, CAN_MAP_RW | SPECIFIC, 5 * PAGE, PAGE);
        assertStatus(INVALID_ARGS, mapStatus(h, RW | SPECIFIC_OVERWRITE, 4 * PAGE, a, 0, 2 * PAGE),
                "a subregion cannot be overwritten");
        assertEquals(2, word(addr + 3 * PAGE), "nothing changed");
    }

    @Test
    @DisplayName("core-tests A3 'MapOverDestroyedTest': after destroying a region, its range can be mapped again in the parent")
    void mapOverDestroyed() {
        Fixture.Vmar region0 = fx.vmar(8 * PAGE);
        Fixture.Vmar region1 = fx.vmar(region0.handle(), CAN_MAP_RW | CAN_MAP_SPECIFIC, 0, 4 * PAGE);
        int vmo = filledVmo(1, 7);
        long addr = fx.map(region1.handle(), RW | SPECIFIC, 0, vmo, 0, PAGE);
        assertEquals(7, word(addr));
        ok(zircon_h.zx_vmar_destroy(region1.handle()));
        assertFalse(Probe.readable(addr));
        int other = fx.vmo(PAGE);
        assertEquals(addr, fx.map(region0.handle(), RW | SPECIFIC, addr - region0.base(), other, 0, PAGE));
        assertEquals(0, word(addr));
    }

    // ======= offsets, lengths, ranges =======

    @Test
    @DisplayName("core-tests A2 'UnalignedLenMapTest': len 4 pages - 1 is OK and maps the whole last page")
    void unalignedLen() {
        int vmo = fx.vmo(4 * PAGE);
        for (int extra : new int[] {0, MAP_RANGE}) {
            long addr = fx.map(Zx.root(), RW | extra, 0, vmo, 0, 4 * PAGE - 1);
            assertTrue(Probe.readable(addr + 4 * PAGE - 1));
            assertTrue(Probe.readable(addr + 3 * PAGE));
        }
    }

    @Test
    @DisplayName("core-tests A2 'VmarMapRangeOffsetTest': MAP_RANGE alone at vmo_offset 2 pages is OK")
    void mapRangeAtOffset() {
        int vmo = fx.vmo(4 * PAGE);
        assertStatus(OK, mapStatus(Zx.root(), MAP_RANGE, 0, vmo, 2 * PAGE, PAGE));
    }

    @Test
    @DisplayName("core-tests B3 'Commit' (mapping part): mappings past the VMO's end, or wholly past it, are created OK")
    void mappingMayExtendPastVmo() {
        int vmo = fx.vmo(PAGE);
        long addr = fx.map(Zx.root(), R, 0, vmo, 0, 2 * PAGE);
        assertTrue(Probe.readable(addr));
        assertFalse(Probe.readable(addr + PAGE), "the page past the VMO's end faults");
        assertStatus(OK, mapStatus(Zx.root(), R, 0, vmo, 2 * PAGE, PAGE));
    }

    @Test
    @DisplayName("core-tests A10: vmo_offset 2^64 - page gives OUT_OF_RANGE; 2^64 - 2 pages with len 1 page is OK")
    void vmoOffsetOverflow() {
        int vmo = fx.vmo(PAGE);
        assertStatus(OUT_OF_RANGE, mapStatus(Zx.root(), R, 0, vmo, -PAGE, PAGE));
        assertStatus(OK, mapStatus(Zx.root(), R, 0, vmo, -2 * PAGE, PAGE));
    }

    @Test
    @DisplayName("core-tests A10: len 0 gives INVALID_ARGS; a len that rounds up to 0 gives OUT_OF_RANGE")
    void badLengths() {
        int vmo = fx.vmo(PAGE);
        for (int extra : new int[] {0, MAP_RANGE}) {
            assertStatus(INVALID_ARGS, mapStatus(Zx.root(), R | extra, 0, vmo, 0, 0));
            assertStatus(OUT_OF_RANGE, mapStatus(Zx.root(), R | extra, 0, vmo, 0, -PAGE + 2));
        }
    }

    @Test
    @DisplayName("core-tests A10: misaligned vmar_offset or vmo_offset, or an offset without SPECIFIC, give INVALID_ARGS")
    void misalignedOffsets() {
        Fixture.Vmar region = fx.vmar(8 * PAGE);
        int h = region.handle();
        int vmo = fx.vmo(4 * PAGE);
        for (int extra : new int[] {0, MAP_RANGE}) {
            assertStatus(INVALID_ARGS, mapStatus(h, R | SPECIFIC | extra, PAGE - 1, vmo, 0, PAGE), "SPECIFIC, vmar_offset page-1");
            assertStatus(INVALID_ARGS, mapStatus(h, R | SPECIFIC | extra, PAGE, vmo, PAGE - 1, PAGE), "SPECIFIC, vmo_offset page-1");
            assertStatus(INVALID_ARGS, mapStatus(h, R | extra, 0, vmo, PAGE - 1, PAGE), "vmo_offset page-1");
            assertStatus(INVALID_ARGS, mapStatus(h, R | extra, PAGE, vmo, 0, PAGE), "vmar_offset without SPECIFIC");
        }
        assertStatus(INVALID_ARGS, mapStatus(h, R | SPECIFIC, -1L, vmo, 0, PAGE), "SPECIFIC at UINTPTR_MAX");
        assertStatus(INVALID_ARGS, mapStatus(h, R | SPECIFIC, 8 * PAGE, vmo, 0, PAGE), "SPECIFIC past the end");
        assertStatus(INVALID_ARGS, mapStatus(h, R | SPECIFIC, 7 * PAGE, vmo, 0, 2 * PAGE), "SPECIFIC running past the end");
    }

    @Test
    @DisplayName("core-tests A10: bad flags give INVALID_ARGS: CAN_MAP_*, bit 31, MAP_RANGE|SPECIFIC_OVERWRITE, UPPER_LIMIT with SPECIFIC*")
    void badFlags() {
        Fixture.Vmar region = fx.vmar(8 * PAGE);
        int h = region.handle();
        int vmo = fx.vmo(PAGE);
        assertStatus(INVALID_ARGS, mapStatus(h, R | zircon_h.ZX_VM_CAN_MAP_EXECUTE(), 0, vmo, 0, PAGE));
        assertStatus(INVALID_ARGS, mapStatus(h, R | CAN_MAP_READ, 0, vmo, 0, PAGE));
        assertStatus(INVALID_ARGS, mapStatus(h, R | (1 << 31), 0, vmo, 0, PAGE));
        assertStatus(INVALID_ARGS, mapStatus(h, R | MAP_RANGE | SPECIFIC_OVERWRITE, 0, vmo, 0, PAGE));
        assertStatus(INVALID_ARGS, mapStatus(h, R | UPPER_LIMIT | SPECIFIC, 4 * PAGE, vmo, 0, PAGE));
        assertStatus(INVALID_ARGS, mapStatus(h, R | UPPER_LIMIT | SPECIFIC_OVERWRITE, 4 * PAGE, vmo, 0, PAGE));
        assertStatus(INVALID_ARGS, mapStatus(h, R | zircon_h.ZX_VM_FAULT_BEYOND_STREAM_SIZE(), 0, vmo, 0, PAGE),
                "FAULT_BEYOND_STREAM_SIZE without ALLOW_FAULTS");
    }

    @Test
    @DisplayName("vmar_map.md: BAD_HANDLE; WRONG_TYPE for a VMO as the VMAR or a process as the VMO")
    void badHandles() {
        int vmo = fx.vmo(PAGE);
        assertStatus(BAD_HANDLE, mapStatus(INVALID_HANDLE, R, 0, vmo, 0, PAGE));
        assertStatus(BAD_HANDLE, mapStatus(Zx.root(), R, 0, INVALID_HANDLE, 0, PAGE));
        assertStatus(WRONG_TYPE, mapStatus(vmo, R, 0, vmo, 0, PAGE));
        assertStatus(WRONG_TYPE, mapStatus(Zx.root(), R, 0, Zx.self(), 0, PAGE));
    }

    @Test
    @DisplayName("core-tests A2 'MapInUpperLimitTest': OFFSET_IS_UPPER_LIMIT bounds, placement, and NO_RESOURCES when full")
    void upperLimit() {
        long size = 100 * PAGE;
        Fixture.Vmar region = fx.vmar(size);
        int h = region.handle();
        int vmo = fx.vmo(size);
        assertStatus(INVALID_ARGS, mapStatus(h, R | UPPER_LIMIT, size + PAGE, vmo, 0, PAGE), "limit above the region");
        assertStatus(INVALID_ARGS, mapStatus(h, R | UPPER_LIMIT, PAGE, vmo, 0, 2 * PAGE), "len above the limit");
        assertStatus(INVALID_ARGS, mapStatus(h, R | UPPER_LIMIT, size, vmo, 0, size + PAGE), "len above the region");
        long whole = fx.map(h, R | UPPER_LIMIT, size, vmo, 0, size);
        assertEquals(region.base(), whole);
        ok(zircon_h.zx_vmar_unmap(h, whole, size));
        for (int i = 0; i < 50; i++) {
            long addr = fx.map(h, R | UPPER_LIMIT, size / 2, vmo, 0, PAGE);
            assertTrue(addr + PAGE <= region.base() + size / 2, "map " + i + " ends below the limit");
        }
        assertStatus(NO_RESOURCES, mapStatus(h, R | UPPER_LIMIT, size / 2, vmo, 0, PAGE));
        assertStatus(OK, mapStatus(h, R, 0, vmo, 0, PAGE));
    }

    // ======= resizable VMOs =======

    @Test
    @DisplayName("core-tests A2 'AllowFaultsTest': a RESIZABLE VMO maps RW|ALLOW_FAULTS, and unmaps")
    void allowFaults() {
        int vmo = fx.vmo(PAGE, zircon_h.ZX_VMO_RESIZABLE());
        long addr = fx.map(Zx.root(), RW | ALLOW_FAULTS, 0, vmo, 0, PAGE);
        ok(zircon_h.zx_vmar_unmap(Zx.root(), addr, PAGE));
    }

    @Test
    @DisplayName("core-tests B4 'Resize', 'NoResize': REQUIRE_NON_RESIZABLE on a resizable VMO gives NOT_SUPPORTED, else OK")
    void requireNonResizable() {
        int resizable = fx.vmo(PAGE, zircon_h.ZX_VMO_RESIZABLE());
        int fixed = fx.vmo(PAGE);
        int options = RW | zircon_h.ZX_VM_REQUIRE_NON_RESIZABLE();
        assertStatus(NOT_SUPPORTED, mapStatus(Zx.root(), options, 0, resizable, 0, PAGE));
        assertStatus(OK, mapStatus(Zx.root(), options, 0, fixed, 0, PAGE));
    }

    @Test
    @DisplayName("core-tests B3 'GrowMappedVmo': growing a mapped VMO makes the new pages reachable through the mapping")
    void growMappedVmo() {
        int vmo = fx.vmo(2 * PAGE, zircon_h.ZX_VMO_RESIZABLE());
        long addr = fx.map(Zx.root(), RW | ALLOW_FAULTS, 0, vmo, 0, 8 * PAGE);
        ok(zircon_h.zx_vmo_set_size(vmo, 6 * PAGE + PAGE / 2));
        setWord(addr + 5 * PAGE, 55);
        assertEquals(55, fx.readLong(vmo, 5 * PAGE));
        setWord(addr + 6 * PAGE + PAGE / 2 + 8, 66);
        assertEquals(66, fx.readLong(vmo, 6 * PAGE + PAGE / 2 + 8));
        fx.writeLong(vmo, 4 * PAGE, 44);
        assertEquals(44, word(addr + 4 * PAGE));
        assertFalse(Probe.readable(addr + 7 * PAGE), "the page past the new size faults");
    }

    @Test
    @DisplayName("core-tests B3 'MappedVmoSmallerThanMapping', 'ResizeHazard': pages past a shrunk VMO's end fault")
    void shrinkMappedVmo() {
        int vmo = fx.vmo(2 * PAGE, zircon_h.ZX_VMO_RESIZABLE());
        long addr = fx.map(Zx.root(), RW | ALLOW_FAULTS, 0, vmo, 0, 2 * PAGE);
        setWord(addr + PAGE, 1);
        ok(zircon_h.zx_vmo_set_size(vmo, PAGE));
        assertTrue(Probe.writable(addr));
        assertFalse(Probe.readable(addr + PAGE));
        ok(zircon_h.zx_vmo_set_size(vmo, 0));
        assertFalse(Probe.readable(addr));
        assertFalse(Probe.writable(addr));
        ok(zircon_h.zx_vmo_set_size(vmo, 2 * PAGE));
        assertEquals(0, word(addr + PAGE), "regrown pages read zero through the old mapping");
    }
    @Test
    @DisplayName("core-tests A2 'MapRangeResizable': MAP_RANGE past a resizable VMO's end is OK and the page past it faults")
    void mapRangeResizable() {
        int vmo = fx.vmo(PAGE, zircon_h.ZX_VMO_RESIZABLE());
        assertStatus(OK, mapStatus(Zx.root(), MAP_RANGE, 0, vmo, 0, PAGE));
        long addr = fx.map(Zx.root(), MAP_RANGE | R, 0, vmo, 0, 2 * PAGE);
        assertTrue(Probe.readable(addr));
        assertFalse(Probe.readable(addr + PAGE));
        assertStatus(OK, mapStatus(Zx.root(), MAP_RANGE, 0, vmo, 2 * PAGE, 2 * PAGE), "wholly past the end");
        ok(zircon_h.zx_vmo_set_size(vmo, 2 * PAGE));
        long both = fx.map(Zx.root(), MAP_RANGE | R, 0, vmo, 0, 2 * PAGE);
        ok(zircon_h.zx_vmo_set_size(vmo, PAGE));
        assertTrue(Probe.readable(both));
        assertFalse(Probe.readable(both + PAGE));
    }
}
