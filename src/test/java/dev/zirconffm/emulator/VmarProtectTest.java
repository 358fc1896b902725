package dev.zirconffm.emulator;

import dev.zirconffm.internal.bindings.zircon_h;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;
import java.util.List;

import static dev.zirconffm.emulator.Zx.ACCESS_DENIED;
import static dev.zirconffm.emulator.Zx.BAD_HANDLE;
import static dev.zirconffm.emulator.Zx.CAN_MAP_RW;
import static dev.zirconffm.emulator.Zx.CAN_MAP_SPECIFIC;
import static dev.zirconffm.emulator.Zx.INVALID_ARGS;
import static dev.zirconffm.emulator.Zx.INVALID_HANDLE;
import static dev.zirconffm.emulator.Zx.NOT_FOUND;
import static dev.zirconffm.emulator.Zx.PAGE;
import static dev.zirconffm.emulator.Zx.R;
import static dev.zirconffm.emulator.Zx.RIGHT_DUPLICATE;
import static dev.zirconffm.emulator.Zx.RIGHT_MAP;
import static dev.zirconffm.emulator.Zx.RIGHT_OP_CHILDREN;
import static dev.zirconffm.emulator.Zx.RIGHT_READ;
import static dev.zirconffm.emulator.Zx.RW;
import static dev.zirconffm.emulator.Zx.SPECIFIC;
import static dev.zirconffm.emulator.Zx.W;
import static dev.zirconffm.emulator.Zx.WRONG_TYPE;
import static dev.zirconffm.emulator.Zx.assertStatus;
import static dev.zirconffm.emulator.Zx.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code zx_vmar_protect} (vmar_protect.md, core-tests A5, A9, A10, B3). */
class VmarProtectTest extends EmulatorTest {

    private static int protect(int vmar, int perms, long addr, long len) {
        return zircon_h.zx_vmar_protect(vmar, perms, addr, len);
    }

    /** Per page from {@code addr}: 'w' writable, 'r' read-only, '-' neither. */
    private static String access(long addr, int pages) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pages; i++) {
            long a = addr + i * PAGE;
            sb.append(Probe.writable(a) ? 'w' : Probe.readable(a) ? 'r' : '-');
        }
        return sb.toString();
    }

    @Test
    @DisplayName("core-tests A5 'ProtectSplitTest': protecting the left, right or centre of a mapping splits it; all stay mapped")
    void protectSplits() {
        int vmo = fx.vmo(4 * PAGE);
        long left = fx.map(vmo, RW, 4 * PAGE);
        long right = fx.map(vmo, RW, 4 * PAGE);
        long centre = fx.map(vmo, RW, 4 * PAGE);
        ok(protect(Zx.root(), R, left, 2 * PAGE));
        ok(protect(Zx.root(), R, right + 2 * PAGE, 2 * PAGE));
        ok(protect(Zx.root(), R, centre + PAGE, 2 * PAGE));
        assertEquals("rrww", access(left, 4));
        assertEquals("wwrr", access(right, 4));
        assertEquals("wrrw", access(centre, 4));
    }

    @Test
    @DisplayName("core-tests A5 'ProtectMultipleTest': one protect spans three adjacent mappings")
    void protectSpansMappings() {
        Fixture.Vmar region = fx.vmar(12 * PAGE);
        int h = region.handle();
        int vmo = fx.vmo(4 * PAGE);
        for (int i = 0; i < 3; i++) {
            fx.map(h, RW | SPECIFIC, i * 4 * PAGE, vmo, 0, 4 * PAGE);
        }
        ok(protect(h, R, region.base() + PAGE, 10 * PAGE));
        assertEquals("wrrrrrrrrrrw", access(region.base(), 12));
    }

    @Test
    @DisplayName("core-tests A5 'ProtectMultipleTest': if one mapping came from a READ|MAP handle, RW across all gives ACCESS_DENIED and changes nothing")
    void protectBeyondOneMappingsCeiling() {
        Fixture.Vmar region = fx.vmar(12 * PAGE);
        int h = region.handle();
        int vmo = fx.vmo(4 * PAGE);
        int readOnly = fx.duplicate(vmo, RIGHT_READ | RIGHT_MAP | RIGHT_DUPLICATE);
        fx.map(h, R | SPECIFIC, 0, vmo, 0, 4 * PAGE);
        fx.map(h, R | SPECIFIC, 4 * PAGE, readOnly, 0, 4 * PAGE);
        fx.map(h, R | SPECIFIC, 8 * PAGE, vmo, 0, 4 * PAGE);
        assertStatus(ACCESS_DENIED, protect(h, RW, region.base(), 12 * PAGE));
        assertEquals("rrrrrrrrrrrr", access(region.base(), 12));
    }

    @Test
    @DisplayName("core-tests A5 'ProtectMultipleTest': a hole or an empty subregion gives NOT_FOUND; a subregion with a mapping is OK")
    void protectHolesAndSubregions() {
        Fixture.Vmar region = fx.vmar(12 * PAGE);
        int h = region.handle();
        int vmo = fx.vmo(4 * PAGE);
        fx.map(h, RW | SPECIFIC, 0, vmo, 0, 4 * PAGE);
        fx.map(h, RW | SPECIFIC, 8 * PAGE, vmo, 0, 4 * PAGE);
        assertStatus(NOT_FOUND, protect(h, R, region.base(), 12 * PAGE), "a hole");
        Fixture.Vmar sub = fx.vmar(h, CAN_MAP_RW | CAN_MAP_SPECIFIC | SPECIFIC, 4 * PAGE, 4 * PAGE);
        assertStatus(NOT_FOUND, protect(h, R, region.base(), 12 * PAGE), "an empty subregion");
        fx.map(sub.handle(), RW | SPECIFIC, 0, vmo, 0, 4 * PAGE);
        ok(protect(h, R, region.base(), 12 * PAGE));
        assertEquals("rrrrrrrrrrrr", access(region.base(), 12));
    }

    @Test
    @DisplayName("core-tests A5 'ProtectSubregionTest': without OP_CHILDREN, protecting into a subregion gives INVALID_ARGS")
    void protectNeedsOpChildren() {
        Fixture.Vmar parent = fx.vmar(4 * PAGE);
        Fixture.Vmar child = fx.vmar(parent.handle(), CAN_MAP_RW | CAN_MAP_SPECIFIC | SPECIFIC, 0, 4 * PAGE);
        int vmo = fx.vmo(4 * PAGE);
        long addr = fx.map(child.handle(), RW | SPECIFIC, 0, vmo, 0, 4 * PAGE);
        int noOpChildren = fx.duplicate(parent.handle(), Info.rights(parent.handle()) & ~RIGHT_OP_CHILDREN);
        assertStatus(INVALID_ARGS, protect(noOpChildren, R, addr, PAGE), "even to reduce perms");
        ok(protect(parent.handle(), R, addr, PAGE));
        assertEquals("rwww", access(addr, 4));
    }

    @Test
    @DisplayName("core-tests A5 'ProtectOverDemandPagedTest': protecting a touched RW mapping READ makes writes fault")
    void protectTouchedMapping() {
        int vmo = fx.vmo(100 * PAGE);
        long addr = fx.map(vmo, RW, 100 * PAGE);
        for (int i = 0; i < 100; i++) {
            Zx.mem(addr + i * PAGE, 8).set(ValueLayout.JAVA_LONG, 0, i);
        }
        ok(protect(Zx.root(), R, addr, 100 * PAGE));
        for (long offset : new long[] {0, PAGE, 50 * PAGE + 8, 99 * PAGE + PAGE - 1}) {
            assertFalse(Probe.writable(addr + offset), "offset " + offset);
            assertTrue(Probe.readable(addr + offset));
        }
        assertEquals(42, Zx.mem(addr + 42 * PAGE, 8).get(ValueLayout.JAVA_LONG, 0));
    }

    @Test
    @DisplayName("core-tests B3 'NoPermMap', 'NoPermProtect', 'ProtectToWrite': protect to none, then READ, then RW")
    void protectDownAndUp() {
        int vmo = fx.vmo(2 * PAGE);
        long addr = fx.map(vmo, RW, 2 * PAGE);
        Zx.mem(addr, 8).set(ValueLayout.JAVA_LONG, 0, 3);
        ok(protect(Zx.root(), 0, addr, 2 * PAGE));
        assertEquals("--", access(addr, 2));
        ok(protect(Zx.root(), R, addr, 2 * PAGE));
        assertEquals("rr", access(addr, 2));
        assertEquals(3, Zx.mem(addr, 8).get(ValueLayout.JAVA_LONG, 0));
        ok(protect(Zx.root(), RW, addr, 2 * PAGE));
        Zx.mem(addr + PAGE, 8).set(ValueLayout.JAVA_LONG, 0, 4);
        assertEquals(4, fx.readLong(vmo, PAGE));
    }

    @Test
    @DisplayName("core-tests A9 'ProtectTest': a mapping made from a READ|MAP handle cannot become writable, even after that handle closes")
    void protectCeilingIsCapturedAtMapTime() {
        int vmo = fx.vmo(PAGE);
        int readOnly = fx.duplicate(vmo, RIGHT_READ | RIGHT_MAP);
        long addr = fx.map(Zx.root(), R, 0, readOnly, 0, PAGE);
        assertStatus(ACCESS_DENIED, protect(Zx.root(), RW, addr, PAGE));
        fx.close(readOnly);
        assertStatus(ACCESS_DENIED, protect(Zx.root(), RW, addr, PAGE));
        assertEquals("r", access(addr, 1));
    }

    @Test
    @DisplayName("core-tests A9 'RightsDropTest': a VMAR handle without WRITE cannot protect to RW (ACCESS_DENIED)")
    void vmarHandleRights() {
        Fixture.Vmar region = fx.vmar(4 * PAGE);
        int vmo = fx.vmo(PAGE);
        long addr = fx.map(region.handle(), R | SPECIFIC, 0, vmo, 0, PAGE);
        int readOnly = fx.duplicate(region.handle(), zircon_h.ZX_DEFAULT_VMAR_RIGHTS() | RIGHT_READ);
        assertStatus(ACCESS_DENIED, protect(readOnly, RW, addr, PAGE));
        ok(protect(readOnly, R, addr, PAGE));
    }

    @Test
    @DisplayName("vmar_protect.md: perms beyond the VMAR's CAN_MAP_* give ACCESS_DENIED")
    void vmarCeiling() {
        Fixture.Vmar region = fx.vmar(Zx.root(), Zx.CAN_MAP_READ | CAN_MAP_SPECIFIC, 0, 4 * PAGE);
        int vmo = fx.vmo(PAGE);
        long addr = fx.map(region.handle(), R | SPECIFIC, 0, vmo, 0, PAGE);
        assertStatus(ACCESS_DENIED, protect(region.handle(), RW, addr, PAGE));
    }

    @Test
    @DisplayName("core-tests A5 'ProtectCowWritable': a read-only snapshot mapping made writable again writes only the child")
    void protectCowWritable() {
        int parent = fx.vmo(2 * PAGE);
        fx.writeLong(parent, 0, 42);
        int child = fx.child(parent, VmoChildTest.SNAPSHOT, 0, 2 * PAGE);
        long addr = fx.map(child, RW, 2 * PAGE);
        ok(protect(Zx.root(), R, addr, 2 * PAGE));
        assertEquals(42, Zx.mem(addr, 8).get(ValueLayout.JAVA_LONG, 0));
        ok(protect(Zx.root(), RW, addr, PAGE));
        Zx.mem(addr, 8).set(ValueLayout.JAVA_LONG, 0, 77);
        assertEquals(77, fx.readLong(child, 0));
        assertEquals(42, fx.readLong(parent, 0));
    }

    @Test
    @DisplayName("core-tests A4 'UnalignedLenTest': an unaligned len rounds up")
    void unalignedLen() {
        int vmo = fx.vmo(4 * PAGE);
        long addr = fx.map(vmo, RW, 4 * PAGE);
        ok(protect(Zx.root(), R, addr, 4 * PAGE - 1));
        assertEquals("rrrr", access(addr, 4));
    }

    @Test
    @DisplayName("core-tests A10 / vmar_protect.md: bad perms, flags, addresses and lengths give INVALID_ARGS")
    void invalidArgs() {
        int vmo = fx.vmo(4 * PAGE);
        long addr = fx.map(vmo, RW, 4 * PAGE);
        int root = Zx.root();
        assertStatus(INVALID_ARGS, protect(root, W, addr, PAGE), "write without read");
        assertStatus(INVALID_ARGS, protect(root, R | Zx.CAN_MAP_WRITE, addr, PAGE), "CAN_MAP_WRITE");
        assertStatus(INVALID_ARGS, protect(root, R | (1 << 31), addr, PAGE), "bit 31");
        assertStatus(INVALID_ARGS, protect(root, R | SPECIFIC, addr, PAGE), "SPECIFIC");
        assertStatus(INVALID_ARGS, protect(root, R | zircon_h.ZX_VM_ALIGN_64KB(), addr, PAGE), "an alignment");
        assertStatus(INVALID_ARGS, protect(root, R, addr + 1, PAGE), "addr + 1");
        assertStatus(INVALID_ARGS, protect(root, R, addr, 0), "len 0");
        for (long at : new long[] {addr - PAGE, addr, addr + PAGE}) {
            assertStatus(INVALID_ARGS, protect(root, R, at, -PAGE + 2), "a len that rounds up to 0");
        }
        assertEquals("wwww", access(addr, 4));
    }

    @Test
    @DisplayName("vmar_protect.md: BAD_HANDLE; WRONG_TYPE for a VMO handle")
    void badHandles() {
        int vmo = fx.vmo(PAGE);
        long addr = fx.map(vmo, RW, PAGE);
        assertStatus(BAD_HANDLE, protect(INVALID_HANDLE, R, addr, PAGE));
        assertStatus(WRONG_TYPE, protect(vmo, R, addr, PAGE));
    }

    @Test
    @DisplayName("core-tests A5 protect.cc 'SingleMapping': ZX_INFO_VMAR_MAPS shows the split pieces with their perms and offsets")
    void mapsShowProtectSplits() {
        Fixture.Vmar region = fx.vmar(64 * PAGE);
        int vmo = fx.vmo(64 * PAGE);
        long base = fx.map(region.handle(), RW | SPECIFIC, 0, vmo, 0, 64 * PAGE);
        ok(protect(region.handle(), R, base + 24 * PAGE, 13 * PAGE));
        List<Info.Map> maps = Info.mappingsIn(region.handle(), zircon_h.ZX_INFO_VMAR_MAPS(), base, 64 * PAGE);
        assertEquals(3, maps.size(), maps.toString());
        long[][] expected = {{0, 24, RW}, {24, 37, R}, {37, 64, RW}};
        for (int i = 0; i < 3; i++) {
            Info.Map m = maps.get(i);
            assertEquals(base + expected[i][0] * PAGE, m.base(), "piece " + i + " base");
            assertEquals(base + expected[i][1] * PAGE, m.end(), "piece " + i + " end");
            assertEquals(expected[i][0] * PAGE, m.vmoOffset(), "piece " + i + " vmo_offset");
            assertEquals(expected[i][2], m.mmuFlags() & RW, "piece " + i + " perms");
            assertEquals(Info.koid(vmo), m.vmoKoid());
        }
    }

    @Test
    @DisplayName("core-tests A5 protect.cc 'SingleMapping': adjacent protected ranges with the same perms coalesce")
    void mapsCoalesceEqualPerms() {
        Fixture.Vmar region = fx.vmar(64 * PAGE);
        int vmo = fx.vmo(64 * PAGE);
        long base = fx.map(region.handle(), RW | SPECIFIC, 0, vmo, 0, 64 * PAGE);
        ok(protect(region.handle(), R, base + 10 * PAGE, 10 * PAGE));
        ok(protect(region.handle(), R, base + 30 * PAGE, 10 * PAGE));
        ok(protect(region.handle(), R, base + 20 * PAGE, 10 * PAGE));
        ok(protect(region.handle(), R, base + 12 * PAGE, 3 * PAGE));
        List<Info.Map> maps = Info.mappingsIn(region.handle(), zircon_h.ZX_INFO_VMAR_MAPS(), base, 64 * PAGE);
        long[][] got = maps.stream().map(m -> new long[] {(m.base() - base) / PAGE, (m.end() - base) / PAGE, m.mmuFlags() & RW})
                .toArray(long[][]::new);
        assertArrayEquals(new long[][] {{0, 10, RW}, {10, 40, R}, {40, 64, RW}}, got);
    }
    /** The mapping pieces in a 64-page region as (first page, end page, perms). */
    private static long[][] pieces(Fixture.Vmar region) {
        return Info.mappingsIn(region.handle(), zircon_h.ZX_INFO_VMAR_MAPS(), region.base(), region.size()).stream()
                .map(m -> new long[] {(m.base() - region.base()) / PAGE, (m.end() - region.base()) / PAGE,
                        m.mmuFlags() & RW})
                .toArray(long[][]::new);
    }

    @Test
    @DisplayName("core-tests A5 protect.cc 'Unmap': unmapping inside a protected range leaves the pieces with their perms")
    void unmapInsideProtectedRange() {
        Fixture.Vmar region = fx.vmar(64 * PAGE);
        int vmo = fx.vmo(64 * PAGE);
        long base = fx.map(region.handle(), RW | SPECIFIC, 0, vmo, 0, 64 * PAGE);
        ok(protect(region.handle(), R, base, 20 * PAGE));
        ok(zircon_h.zx_vmar_unmap(region.handle(), base + 5 * PAGE, 10 * PAGE));
        assertArrayEquals(new long[][] {{0, 5, R}, {15, 20, R}, {20, 64, RW}}, pieces(region));
        assertEquals("r-r", access(base + 4 * PAGE, 1) + access(base + 5 * PAGE, 1) + access(base + 15 * PAGE, 1));
    }

    @Test
    @DisplayName("core-tests A5 protect.cc 'MergeMappings': adjacent mappings contiguous in the VMO merge once their perms match")
    void adjacentMappingsMerge() {
        Fixture.Vmar region = fx.vmar(64 * PAGE);
        int vmo = fx.vmo(64 * PAGE);
        long base = fx.map(region.handle(), RW | SPECIFIC, 0, vmo, 0, 32 * PAGE);
        fx.map(region.handle(), R | SPECIFIC, 32 * PAGE, vmo, 32 * PAGE, 32 * PAGE);
        assertArrayEquals(new long[][] {{0, 32, RW}, {32, 64, R}}, pieces(region));
        ok(protect(region.handle(), RW, base + 32 * PAGE, 32 * PAGE));
        assertArrayEquals(new long[][] {{0, 64, RW}}, pieces(region));
    }

    @Test
    @DisplayName("core-tests A5 protect.cc 'SingleMapping': re-protecting a range with the same perms does not split the mapping")
    void sameProtectDoesNotSplit() {
        Fixture.Vmar region = fx.vmar(64 * PAGE);
        int vmo = fx.vmo(64 * PAGE);
        long base = fx.map(region.handle(), RW | SPECIFIC, 0, vmo, 0, 64 * PAGE);
        ok(protect(region.handle(), RW, base + 10 * PAGE, 10 * PAGE));
        assertArrayEquals(new long[][] {{0, 64, RW}}, pieces(region));
    }
    @Test
    @DisplayName("core-tests A5 'ProtectLargeUncomittedTest': protecting most of a touched 1 GiB mapping READ")
    void protectLargeUncommitted() {
        long size = 1L << 30;
        int vmo = fx.vmo(size);
        long addr = fx.map(vmo, RW, size);
        fx.close(vmo);
        for (long offset : new long[] {0, size / 2, size - 1}) {
            Zx.mem(addr + offset, 1).set(ValueLayout.JAVA_BYTE, 0, (byte) 5);
        }
        long base = (addr + 512 * PAGE - 1) / (512 * PAGE) * (512 * PAGE) + PAGE;
        ok(protect(Zx.root(), R, base, addr + size - base));
        assertTrue(Probe.writable(addr));
        for (long offset : new long[] {size / 4, size / 2, size - 1}) {
            assertFalse(Probe.writable(addr + offset), "offset " + offset);
            assertTrue(Probe.readable(addr + offset), "offset " + offset);
        }
    }

    @Test
    @DisplayName("core-tests A5 'ProtectReadIfXomUnsupported': protect to PERM_READ_IF_XOM_UNSUPPORTED is OK and readable on x86-64")
    void protectReadIfXomUnsupported() {
        int vmo = fx.vmo(PAGE);
        long addr = fx.map(vmo, R, PAGE);
        ok(protect(Zx.root(), zircon_h.ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED(), addr, PAGE));
        assertEquals("r", access(addr, 1));
    }
}
