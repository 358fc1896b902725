package dev.zirconffm.emulator;

import dev.zirconffm.internal.bindings.zircon_h;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;

import static dev.zirconffm.emulator.Zx.BAD_HANDLE;
import static dev.zirconffm.emulator.Zx.BAD_STATE;
import static dev.zirconffm.emulator.Zx.CAN_MAP_RW;
import static dev.zirconffm.emulator.Zx.CAN_MAP_SPECIFIC;
import static dev.zirconffm.emulator.Zx.INVALID_ARGS;
import static dev.zirconffm.emulator.Zx.INVALID_HANDLE;
import static dev.zirconffm.emulator.Zx.PAGE;
import static dev.zirconffm.emulator.Zx.RIGHT_OP_CHILDREN;
import static dev.zirconffm.emulator.Zx.RW;
import static dev.zirconffm.emulator.Zx.SPECIFIC;
import static dev.zirconffm.emulator.Zx.WRONG_TYPE;
import static dev.zirconffm.emulator.Zx.assertStatus;
import static dev.zirconffm.emulator.Zx.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code zx_vmar_unmap} (vmar_unmap.md, core-tests A4, A10). */
class VmarUnmapTest extends EmulatorTest {

    private static final int SUB = CAN_MAP_RW | CAN_MAP_SPECIFIC | SPECIFIC;

    private static int unmap(int vmar, long addr, long len) {
        return zircon_h.zx_vmar_unmap(vmar, addr, len);
    }

    /** Which of the {@code pages} pages from {@code addr} are mapped (readable). */
    private static boolean[] mapped(long addr, int pages) {
        return Probe.readablePages(addr, pages * PAGE);
    }

    private static boolean[] bits(String pattern) {
        boolean[] b = new boolean[pattern.length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = pattern.charAt(i) == '1';
        }
        return b;
    }

    @Test
    @DisplayName("vmar_unmap.md: unmapping a whole mapping makes it fault; the VMO keeps its data")
    void unmapWhole() {
        int vmo = fx.vmo(2 * PAGE);
        long addr = fx.map(vmo, RW, 2 * PAGE);
        Zx.mem(addr, 8).set(ValueLayout.JAVA_LONG, 0, 8);
        ok(unmap(Zx.root(), addr, 2 * PAGE));
        assertArrayEquals(bits("00"), mapped(addr, 2));
        assertFalse(Probe.writable(addr));
        assertEquals(8, fx.readLong(vmo, 0));
        assertEquals(0, Info.vmo(vmo).numMappings());
    }

    @Test
    @DisplayName("core-tests A4 'UnmapSplitTest': unmapping the left, right or centre of a mapping splits it; re-maps fit")
    void unmapSplits() {
        Fixture.Vmar region = fx.vmar(12 * PAGE);
        int h = region.handle();
        int vmo = fx.vmo(4 * PAGE);
        long left = fx.map(h, RW | SPECIFIC, 0, vmo, 0, 4 * PAGE);
        long right = fx.map(h, RW | SPECIFIC, 4 * PAGE, vmo, 0, 4 * PAGE);
        long centre = fx.map(h, RW | SPECIFIC, 8 * PAGE, vmo, 0, 4 * PAGE);
        ok(unmap(h, left, 2 * PAGE));
        ok(unmap(h, right + 2 * PAGE, 2 * PAGE));
        ok(unmap(h, centre + PAGE, 2 * PAGE));
        assertArrayEquals(bits("0011" + "1100" + "1001"), mapped(region.base(), 12));
        fx.map(h, RW | SPECIFIC, 0, vmo, 0, 2 * PAGE);
        fx.map(h, RW | SPECIFIC, 6 * PAGE, vmo, 0, 2 * PAGE);
        fx.map(h, RW | SPECIFIC, 9 * PAGE, vmo, 0, 2 * PAGE);
        assertArrayEquals(bits("111111111111"), mapped(region.base(), 12));
    }

    @Test
    @DisplayName("core-tests A4 'UnmapSplitTest': the pieces left by a split keep their VMO offsets")
    void splitPiecesKeepOffsets() {
        int vmo = fx.taggedVmo(4, 0);
        long addr = fx.map(vmo, RW, 4 * PAGE);
        ok(unmap(Zx.root(), addr + PAGE, 2 * PAGE));
        assertEquals(1, Zx.mem(addr, 8).get(ValueLayout.JAVA_LONG, 0));
        assertEquals(4,
                Zx.mem(addr + 3 * PAGE, 8).get(ValueLayout.JAVA_LONG, 0));
    }

    @Test
    @DisplayName("core-tests A4 'UnmapMultipleTest': one unmap may span two adjacent mappings, or a gap between two")
    void unmapSpansMappingsAndGaps() {
        Fixture.Vmar region = fx.vmar(12 * PAGE);
        int h = region.handle();
        int vmo = fx.vmo(4 * PAGE);
        fx.map(h, RW | SPECIFIC, 0, vmo, 0, 4 * PAGE);
        fx.map(h, RW | SPECIFIC, 4 * PAGE, vmo, 0, 4 * PAGE);
        ok(unmap(h, region.base() + 2 * PAGE, 3 * PAGE));
        assertArrayEquals(bits("11000111"), mapped(region.base(), 8));
        fx.map(h, RW | SPECIFIC, 9 * PAGE, vmo, 0, 2 * PAGE);
        ok(unmap(h, region.base() + 6 * PAGE, 4 * PAGE));
        assertArrayEquals(bits("110001000010"), mapped(region.base(), 12));
    }

    @Test
    @DisplayName("core-tests A4 'UnmapMultipleTest': spanning a whole subregion destroys it; later maps there give BAD_STATE")
    void unmapDestroysCoveredSubregion() {
        Fixture.Vmar region = fx.vmar(12 * PAGE);
        int h = region.handle();
        int vmo = fx.vmo(4 * PAGE);
        fx.map(h, RW | SPECIFIC, 0, vmo, 0, 2 * PAGE);
        Fixture.Vmar sub = fx.vmar(h, SUB, 2 * PAGE, 2 * PAGE);
        fx.map(sub.handle(), RW | SPECIFIC, 0, vmo, 0, PAGE);
        fx.map(h, RW | SPECIFIC, 4 * PAGE, vmo, 0, 2 * PAGE);
        ok(unmap(h, region.base() + PAGE, 4 * PAGE));
        assertArrayEquals(bits("100001"), mapped(region.base(), 6));
        assertStatus(BAD_STATE, fx.mapStatus(sub.handle(), RW, 0, vmo, 0, PAGE).status());
        assertTrue(Info.valid(sub.handle()), "the handle stays valid");
    }

    @Test
    @DisplayName("core-tests A4 'UnmapMultipleTest': covering part of a subregion gives INVALID_ARGS and changes nothing")
    void unmapPartOfSubregion() {
        Fixture.Vmar region = fx.vmar(12 * PAGE);
        int h = region.handle();
        int vmo = fx.vmo(4 * PAGE);
        fx.map(h, RW | SPECIFIC, 0, vmo, 0, 2 * PAGE);
        Fixture.Vmar sub = fx.vmar(h, SUB, 2 * PAGE, 4 * PAGE);
        fx.map(sub.handle(), RW | SPECIFIC, PAGE, vmo, 0, 2 * PAGE);
        fx.map(h, RW | SPECIFIC, 6 * PAGE, vmo, 0, 2 * PAGE);
        assertStatus(INVALID_ARGS, unmap(h, region.base(), 4 * PAGE), "mapping then the start of the subregion");
        assertStatus(INVALID_ARGS, unmap(h, region.base() + 4 * PAGE, 4 * PAGE), "end of the subregion then mapping");
        assertArrayEquals(bits("11011011"), mapped(region.base(), 8));
        ok(unmap(h, region.base(), 8 * PAGE));
        assertArrayEquals(bits("00000000"), mapped(region.base(), 8));
        assertStatus(BAD_STATE, fx.mapStatus(sub.handle(), RW, 0, vmo, 0, PAGE).status());
    }

    @Test
    @DisplayName("core-tests A4 'UnmapBaseNotMappedTest': an unmap starting in unmapped space below a mapping is OK")
    void unmapStartingInGap() {
        Fixture.Vmar region = fx.vmar(8 * PAGE);
        int h = region.handle();
        int vmo = fx.vmo(4 * PAGE);
        fx.map(h, RW | SPECIFIC, PAGE, vmo, 0, 2 * PAGE);
        ok(unmap(h, region.base(), 3 * PAGE));
        assertArrayEquals(bits("000"), mapped(region.base(), 3));
        fx.map(h, RW | SPECIFIC, 3 * PAGE, vmo, 0, PAGE);
        fx.map(h, RW | SPECIFIC, 6 * PAGE, vmo, 0, PAGE);
        ok(unmap(h, region.base() + 4 * PAGE, 3 * PAGE));
        assertArrayEquals(bits("00010000"), mapped(region.base(), 8));
    }

    @Test
    @DisplayName("core-tests A4 'UnalignedLenTest': an unaligned len rounds up, unmapping the last page too")
    void unmapUnalignedLen() {
        int vmo = fx.vmo(4 * PAGE);
        long addr = fx.map(vmo, RW, 4 * PAGE);
        ok(zircon_h.zx_vmar_protect(Zx.root(), RW, addr, 4 * PAGE - 1));
        ok(unmap(Zx.root(), addr, 4 * PAGE - 1));
        assertArrayEquals(bits("0000"), mapped(addr, 4));
    }

    @Test
    @DisplayName("core-tests A4 'UnmapOpChildren': unmapping a range that covers a child VMAR needs OP_CHILDREN (INVALID_ARGS without)")
    void unmapNeedsOpChildren() {
        Fixture.Vmar vmar = fx.vmar(Zx.root(), CAN_MAP_RW, 0, PAGE);
        Fixture.Vmar child = fx.vmar(vmar.handle(), CAN_MAP_RW, 0, PAGE);
        int vmo = fx.vmo(PAGE);
        long addr = fx.map(child.handle(), RW, 0, vmo, 0, PAGE);
        assertEquals(vmar.base(), child.base());
        assertEquals(vmar.base(), addr);
        int noOpChildren = fx.duplicate(vmar.handle(), zircon_h.ZX_DEFAULT_VMAR_RIGHTS() & ~RIGHT_OP_CHILDREN);
        assertStatus(INVALID_ARGS, unmap(noOpChildren, vmar.base(), PAGE));
        assertTrue(Probe.readable(addr));
        ok(unmap(vmar.handle(), vmar.base(), PAGE));
        assertFalse(Probe.readable(addr));
        assertStatus(BAD_STATE, fx.mapStatus(child.handle(), RW, 0, vmo, 0, PAGE).status(), "the child was destroyed");
    }

    @Test
    @DisplayName("vmar_unmap.md: a range lying inside a sub-region overlaps it partially (INVALID_ARGS), even with OP_CHILDREN")
    void unmapInsideSubregion() {
        Fixture.Vmar region = fx.vmar(8 * PAGE);
        Fixture.Vmar sub = fx.vmar(region.handle(), SUB, 2 * PAGE, 4 * PAGE);
        int vmo = fx.vmo(PAGE);
        long addr = fx.map(sub.handle(), RW | SPECIFIC, PAGE, vmo, 0, PAGE);
        assertStatus(INVALID_ARGS, unmap(region.handle(), addr, PAGE));
        assertTrue(Probe.readable(addr));
        ok(unmap(sub.handle(), addr, PAGE), "through the sub-region's own handle");
        assertFalse(Probe.readable(addr));
    }

    @Test
    @DisplayName("core-tests A10: unaligned addr, len 0, or a len that rounds up to 0 give INVALID_ARGS")
    void invalidArgs() {
        Fixture.Vmar region = fx.vmar(8 * PAGE);
        int h = region.handle();
        int vmo = fx.vmo(4 * PAGE);
        long addr = fx.map(h, RW | SPECIFIC, 2 * PAGE, vmo, 0, 4 * PAGE);
        assertStatus(INVALID_ARGS, unmap(h, addr + 1, PAGE), "addr + 1");
        assertStatus(INVALID_ARGS, unmap(h, addr, 0), "len 0");
        for (long at : new long[] {addr - PAGE, addr, addr + PAGE}) {
            assertStatus(INVALID_ARGS, unmap(h, at, -PAGE + 2), "a len that rounds up to 0");
        }
        assertArrayEquals(bits("1111"), mapped(addr, 4));
    }

    @Test
    @DisplayName("vmar_unmap.md: a range outside the VMAR gives INVALID_ARGS")
    void outsideVmar() {
        Fixture.Vmar region = fx.vmar(4 * PAGE);
        assertStatus(INVALID_ARGS, unmap(region.handle(), region.base() + 2 * PAGE, 4 * PAGE));
        assertStatus(INVALID_ARGS, unmap(region.handle(), region.base() - PAGE, 2 * PAGE));
    }

    @Test
    @DisplayName("vmar_unmap.md: BAD_HANDLE; WRONG_TYPE for a VMO handle; BAD_STATE for a destroyed VMAR")
    void badHandles() {
        Fixture.Vmar region = fx.vmar(4 * PAGE);
        int vmo = fx.vmo(PAGE);
        assertStatus(BAD_HANDLE, unmap(INVALID_HANDLE, region.base(), PAGE));
        assertStatus(WRONG_TYPE, unmap(vmo, region.base(), PAGE));
        ok(zircon_h.zx_vmar_destroy(region.handle()));
        assertStatus(BAD_STATE, unmap(region.handle(), region.base(), PAGE));
    }
    @Test
    @DisplayName("core-tests A4 'UnmapLargeUncommittedTest': unmapping most of a touched 1 GiB mapping leaves its first page")
    void unmapLargeUncommitted() {
        long size = 1L << 30;
        int vmo = fx.vmo(size);
        long addr = fx.map(vmo, RW, size);
        fx.close(vmo);
        for (long offset : new long[] {0, size / 2, size - 1}) {
            Zx.mem(addr + offset, 1).set(ValueLayout.JAVA_BYTE, 0, (byte) 5);
        }
        long base = (addr + 512 * PAGE - 1) / (512 * PAGE) * (512 * PAGE) + PAGE;
        ok(unmap(Zx.root(), base, addr + size - base));
        assertTrue(Probe.writable(addr));
        for (long offset : new long[] {size / 4, size / 2, size - 1}) {
            assertFalse(Probe.readable(addr + offset), "offset " + offset);
        }
    }

    @Test
    @DisplayName("core-tests A4 'PartialUnmapWithVmarOffset': a mapping at a VMO offset ends exactly where it should")
    void mappingAtVmoOffsetEnds() {
        long size = 10 * PAGE;
        Fixture.Vmar region = fx.vmar(size);
        int vmo = fx.vmo(size);
        long addr = fx.map(region.handle(), RW | SPECIFIC, 0, vmo, PAGE, size - PAGE);
        assertTrue(Probe.writable(addr));
        assertTrue(Probe.writable(addr + size - PAGE - 1));
        assertFalse(Probe.readable(addr + size - PAGE), "one byte past the end");
    }
}
