package dev.zirconffm.emulator;

import dev.zirconffm.internal.bindings.zircon_h;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

import static dev.zirconffm.emulator.Zx.ACCESS_DENIED;
import static dev.zirconffm.emulator.Zx.BAD_HANDLE;
import static dev.zirconffm.emulator.Zx.BAD_STATE;
import static dev.zirconffm.emulator.Zx.CAN_MAP_RW;
import static dev.zirconffm.emulator.Zx.CAN_MAP_SPECIFIC;
import static dev.zirconffm.emulator.Zx.INVALID_ARGS;
import static dev.zirconffm.emulator.Zx.INVALID_HANDLE;
import static dev.zirconffm.emulator.Zx.OUT_OF_RANGE;
import static dev.zirconffm.emulator.Zx.PAGE;
import static dev.zirconffm.emulator.Zx.R;
import static dev.zirconffm.emulator.Zx.RIGHT_DUPLICATE;
import static dev.zirconffm.emulator.Zx.RIGHT_MAP;
import static dev.zirconffm.emulator.Zx.RIGHT_OP_CHILDREN;
import static dev.zirconffm.emulator.Zx.RIGHT_READ;
import static dev.zirconffm.emulator.Zx.RW;
import static dev.zirconffm.emulator.Zx.SPECIFIC;
import static dev.zirconffm.emulator.Zx.WRONG_TYPE;
import static dev.zirconffm.emulator.Zx.assertStatus;
import static dev.zirconffm.emulator.Zx.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code zx_vmar_op_range} (vmar_op_range.md, core-tests A7). */
class VmarOpRangeTest extends EmulatorTest {

    private static final int COMMIT = zircon_h.ZX_VMAR_OP_COMMIT();
    private static final int DECOMMIT = zircon_h.ZX_VMAR_OP_DECOMMIT();
    private static final int MAP_RANGE = zircon_h.ZX_VMAR_OP_MAP_RANGE();
    private static final int ZERO = zircon_h.ZX_VMAR_OP_ZERO();
    private static final int DONT_NEED = zircon_h.ZX_VMAR_OP_DONT_NEED();
    private static final int ALWAYS_NEED = zircon_h.ZX_VMAR_OP_ALWAYS_NEED();
    private static final int PREFETCH = zircon_h.ZX_VMAR_OP_PREFETCH();
    private static final int SUB = CAN_MAP_RW | CAN_MAP_SPECIFIC;

    private static int op(int vmar, int op, long addr, long len) {
        return zircon_h.zx_vmar_op_range(vmar, op, addr, len, MemorySegment.NULL, 0);
    }

    private static long word(long addr) {
        return Zx.mem(addr, 8).get(ValueLayout.JAVA_LONG, 0);
    }

    @Test
    @DisplayName("core-tests A7 'RangeOpCommitVmoPages': DECOMMIT through mappings zeroes the VMO pages; a gap gives BAD_STATE")
    void decommitThroughMappings() {
        Fixture.Vmar region = fx.vmar(5 * PAGE);
        int h = region.handle();
        int vmo = fx.taggedVmo(4, 0);
        long base = region.base();
        fx.map(h, RW | SPECIFIC, 0, vmo, 0, 2 * PAGE);
        fx.map(h, RW | SPECIFIC, 2 * PAGE, vmo, 3 * PAGE, PAGE);
        fx.map(h, R | SPECIFIC, 4 * PAGE, vmo, PAGE, PAGE);
        // Page 3 is left empty.
        ok(op(h, DECOMMIT, base, PAGE));
        assertEquals(0, word(base));
        assertEquals(0, fx.readLong(vmo, 0));
        assertEquals(2, word(base + PAGE));
        ok(op(h, DECOMMIT, base + PAGE, 2 * PAGE));
        assertEquals(0, word(base + 4 * PAGE), "the read-only alias of VMO page 1 reads 0 too");
        assertEquals(0, fx.readLong(vmo, 3 * PAGE));
        assertStatus(BAD_STATE, op(h, DECOMMIT, base + 2 * PAGE, 2 * PAGE), "a range including the empty page");
        fx.writeLong(vmo, PAGE, 9);
        ok(op(h, DECOMMIT, base + 4 * PAGE, PAGE), "a read-only mapping made from a writable handle");
        assertEquals(0, fx.readLong(vmo, PAGE));
    }

    @Test
    @DisplayName("core-tests A7 'RangeOpCommitVmoPages': DECOMMIT over a mapping made from a READ|MAP handle gives ACCESS_DENIED")
    void decommitNeedsWritableVmoHandle() {
        int vmo = fx.vmo(PAGE);
        fx.writeLong(vmo, 0, 5);
        int readOnly = fx.duplicate(vmo, RIGHT_READ | RIGHT_MAP | RIGHT_DUPLICATE);
        Fixture.Vmar region = fx.vmar(PAGE);
        long addr = fx.map(region.handle(), R | SPECIFIC, 0, readOnly, 0, PAGE);
        assertStatus(ACCESS_DENIED, op(region.handle(), DECOMMIT, addr, PAGE));
        assertEquals(5, fx.readLong(vmo, 0));
    }

    @Test
    @DisplayName("core-tests A7 'RangeOpCommit': COMMIT through mappings commits the VMO pages; errors for gaps, range and rights")
    void commit() {
        Fixture.Vmar region = fx.vmar(20 * PAGE);
        int h = region.handle();
        Fixture.Vmar sub1 = fx.vmar(h, SUB, 0, 8 * PAGE);
        int vmo = fx.vmo(5 * PAGE);
        long addr = fx.map(sub1.handle(), RW | SPECIFIC, 0, vmo, 0, 5 * PAGE);
        ok(op(sub1.handle(), COMMIT, addr, 2 * PAGE));
        assertTrue(Info.vmo(vmo).committedBytes() >= 2 * PAGE);
        assertStatus(OUT_OF_RANGE, op(sub1.handle(), COMMIT, addr, 9 * PAGE), "past the VMAR's end");
        assertStatus(OUT_OF_RANGE, op(sub1.handle(), COMMIT, 0, PAGE), "at address 0");
        assertStatus(BAD_STATE, op(sub1.handle(), COMMIT, addr, 6 * PAGE), "covering a gap");
        int readOnly = fx.duplicate(vmo, RIGHT_READ | RIGHT_MAP);
        long ro = fx.map(sub1.handle(), R, 0, readOnly, 0, PAGE);
        assertStatus(ACCESS_DENIED, op(sub1.handle(), COMMIT, ro, PAGE));
    }

    @Test
    @DisplayName("core-tests A7 'RangeOpSubRegions', 'BadRangeOpNestedVmar': hints reach into children with OP_CHILDREN; COMMIT/DECOMMIT never do")
    void subregions() {
        Fixture.Vmar parent = fx.vmar(4 * PAGE);
        Fixture.Vmar child = fx.vmar(parent.handle(), SUB | SPECIFIC, 0, 4 * PAGE);
        int vmo = fx.vmo(2 * PAGE);
        long addr = fx.map(child.handle(), RW | SPECIFIC, 0, vmo, 0, 2 * PAGE);
        int p = parent.handle();
        for (int o : new int[] {MAP_RANGE, DONT_NEED, ALWAYS_NEED}) {
            ok(op(p, o, addr, 2 * PAGE), "op " + o + " through the parent");
        }
        int noOpChildren = fx.duplicate(p, Info.rights(p) & ~RIGHT_OP_CHILDREN);
        for (int o : new int[] {MAP_RANGE, DONT_NEED, ALWAYS_NEED}) {
            assertStatus(INVALID_ARGS, op(noOpChildren, o, addr, 2 * PAGE), "op " + o + " without OP_CHILDREN");
        }
        for (int o : new int[] {COMMIT, DECOMMIT}) {
            assertStatus(INVALID_ARGS, op(p, o, addr, 2 * PAGE), "op " + o + " through the parent");
            assertStatus(INVALID_ARGS, op(noOpChildren, o, addr, 2 * PAGE), "op " + o + " without OP_CHILDREN");
            assertStatus(INVALID_ARGS, op(Zx.root(), o, addr, 2 * PAGE), "op " + o + " through the root");
        }
        ok(op(child.handle(), COMMIT, addr, 2 * PAGE));
    }

    @Test
    @DisplayName("core-tests A7 'RangeOpZero': ZERO through a mapping zeroes the VMO; misaligned INVALID_ARGS; read-only ACCESS_DENIED")
    void zero() {
        Fixture.Vmar region = fx.vmar(8 * PAGE);
        int vmo = fx.vmo(4 * PAGE);
        byte[] fill = new byte[(int) (4 * PAGE)];
        Arrays.fill(fill, (byte) 0x55);
        fx.write(vmo, 0, fill);
        long addr = fx.map(region.handle(), RW | SPECIFIC, 0, vmo, 0, 4 * PAGE);
        assertStatus(INVALID_ARGS, op(region.handle(), ZERO, addr + 1, PAGE));
        ok(op(region.handle(), ZERO, addr, 4 * PAGE));
        assertArrayEquals(new byte[(int) (4 * PAGE)], fx.read(vmo, 0, (int) (4 * PAGE)));
        int readOnly = fx.duplicate(vmo, RIGHT_READ | RIGHT_MAP);
        long ro = fx.map(region.handle(), R | SPECIFIC, 4 * PAGE, readOnly, 0, PAGE);
        assertStatus(ACCESS_DENIED, op(region.handle(), ZERO, ro, PAGE));
    }

    @Test
    @DisplayName("core-tests A7 'Prefetch': OK over the mapping; len 0/unaligned INVALID_ARGS; past the VMAR OUT_OF_RANGE; past the mapping BAD_STATE")
    void prefetch() {
        Fixture.Vmar region = fx.vmar(4 * PAGE);
        int h = region.handle();
        int vmo = fx.vmo(2 * PAGE);
        long addr = fx.map(h, RW | SPECIFIC, PAGE, vmo, 0, 2 * PAGE);
        ok(op(h, PREFETCH, addr, PAGE));
        ok(op(h, PREFETCH, addr, 2 * PAGE));
        assertStatus(INVALID_ARGS, op(h, PREFETCH, addr, 0), "len 0");
        assertStatus(INVALID_ARGS, op(h, PREFETCH, addr + 1, PAGE), "unaligned");
        assertStatus(OUT_OF_RANGE, op(h, PREFETCH, addr, 4 * PAGE), "past the VMAR's end");
        assertStatus(BAD_STATE, op(h, PREFETCH, addr, 3 * PAGE), "past the mapping");
        assertStatus(INVALID_ARGS, op(Zx.root(), PREFETCH, addr, PAGE), "through the root");
        ok(zircon_h.zx_vmar_protect(h, 0, addr, 2 * PAGE));
        ok(op(h, PREFETCH, addr, 2 * PAGE), "after protect to no access");
    }

    @Test
    @DisplayName("vmar_op_range.md: an unknown op, a buffer or a buffer size give INVALID_ARGS; BAD_HANDLE; WRONG_TYPE")
    void badOpAndHandles() {
        Fixture.Vmar region = fx.vmar(PAGE);
        int vmo = fx.vmo(PAGE);
        long addr = fx.map(region.handle(), RW | SPECIFIC, 0, vmo, 0, PAGE);
        for (int o : new int[] {0, 4, 11, 99}) {
            assertStatus(INVALID_ARGS, op(region.handle(), o, addr, PAGE), "op " + o);
        }
        MemorySegment buf = fx.buffer(8);
        assertStatus(INVALID_ARGS, zircon_h.zx_vmar_op_range(region.handle(), COMMIT, addr, PAGE, buf, 8), "a buffer");
        assertStatus(INVALID_ARGS, zircon_h.zx_vmar_op_range(region.handle(), COMMIT, addr, PAGE, MemorySegment.NULL, 8),
                "a buffer size");
        assertStatus(BAD_HANDLE, op(INVALID_HANDLE, COMMIT, addr, PAGE));
        assertStatus(WRONG_TYPE, op(vmo, COMMIT, addr, PAGE));
    }
}
