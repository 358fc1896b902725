package dev.zirconffm.emulator;

import dev.zirconffm.internal.bindings.zircon_h;
import dev.zirconffm.internal.bindings.zx_vmo_lock_state;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

import static dev.zirconffm.emulator.Zx.ACCESS_DENIED;
import static dev.zirconffm.emulator.Zx.BAD_HANDLE;
import static dev.zirconffm.emulator.Zx.INVALID_ARGS;
import static dev.zirconffm.emulator.Zx.INVALID_HANDLE;
import static dev.zirconffm.emulator.Zx.NOT_SUPPORTED;
import static dev.zirconffm.emulator.Zx.OUT_OF_RANGE;
import static dev.zirconffm.emulator.Zx.PAGE;
import static dev.zirconffm.emulator.Zx.RIGHT_READ;
import static dev.zirconffm.emulator.Zx.RIGHT_WRITE;
import static dev.zirconffm.emulator.Zx.RW;
import static dev.zirconffm.emulator.Zx.WRONG_TYPE;
import static dev.zirconffm.emulator.Zx.assertStatus;
import static dev.zirconffm.emulator.Zx.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code zx_vmo_op_range} on plain VMOs (vmo_op_range.md, core-tests B6 and B9.4). */
class VmoOpRangeTest extends EmulatorTest {

    static final int COMMIT = zircon_h.ZX_VMO_OP_COMMIT();
    static final int DECOMMIT = zircon_h.ZX_VMO_OP_DECOMMIT();
    static final int ZERO = zircon_h.ZX_VMO_OP_ZERO();
    static final int LOCK = zircon_h.ZX_VMO_OP_LOCK();
    static final int TRY_LOCK = zircon_h.ZX_VMO_OP_TRY_LOCK();
    static final int UNLOCK = zircon_h.ZX_VMO_OP_UNLOCK();
    static final int CACHE_SYNC = zircon_h.ZX_VMO_OP_CACHE_SYNC();
    static final int CACHE_INVALIDATE = zircon_h.ZX_VMO_OP_CACHE_INVALIDATE();
    static final int CACHE_CLEAN = zircon_h.ZX_VMO_OP_CACHE_CLEAN();
    static final int CACHE_CLEAN_INVALIDATE = zircon_h.ZX_VMO_OP_CACHE_CLEAN_INVALIDATE();
    static final int DONT_NEED = zircon_h.ZX_VMO_OP_DONT_NEED();
    static final int ALWAYS_NEED = zircon_h.ZX_VMO_OP_ALWAYS_NEED();
    static final int PREFETCH = zircon_h.ZX_VMO_OP_PREFETCH();

    private static final int[] CACHE_OPS = {CACHE_SYNC, CACHE_CLEAN, CACHE_CLEAN_INVALIDATE, CACHE_INVALIDATE};

    static int op(int vmo, int op, long offset, long len) {
        return zircon_h.zx_vmo_op_range(vmo, op, offset, len, MemorySegment.NULL, 0);
    }

    private byte[] filled(long len, int value) {
        byte[] b = new byte[(int) len];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    @DisplayName("core-tests B6 'Commit': COMMIT, DECOMMIT, COMMIT are OK; a range overflowing the VMO gives OUT_OF_RANGE")
    void commitDecommit() {
        int vmo = fx.vmo(4 * PAGE);
        ok(op(vmo, COMMIT, 0, 4 * PAGE));
        ok(op(vmo, DECOMMIT, 0, 4 * PAGE));
        ok(op(vmo, COMMIT, 0, 4 * PAGE));
        assertStatus(OUT_OF_RANGE, op(vmo, COMMIT, PAGE, -PAGE));
    }

    @Test
    @DisplayName("core-tests B6 'Commit': DECOMMIT drops a page's content even while mapped, in every mapping")
    void decommitDropsContentWhileMapped() {
        int vmo = fx.vmo(4 * PAGE);
        long whole = fx.map(vmo, RW, 2 * PAGE);
        long alias = fx.map(Zx.root(), RW, 0, vmo, PAGE, PAGE);
        Zx.mem(whole + PAGE, 8).set(ValueLayout.JAVA_LONG, 0, 99);
        assertEquals(99, Zx.mem(alias, 8).get(ValueLayout.JAVA_LONG, 0));
        ok(op(vmo, DECOMMIT, 0, PAGE));
        assertEquals(99, Zx.mem(alias, 8).get(ValueLayout.JAVA_LONG, 0), "page 1 untouched");
        ok(op(vmo, DECOMMIT, PAGE, PAGE));
        assertEquals(0, Zx.mem(alias, 8).get(ValueLayout.JAVA_LONG, 0));
        assertEquals(0, Zx.mem(whole + PAGE, 8).get(ValueLayout.JAVA_LONG, 0));
        assertEquals(0, fx.readLong(vmo, PAGE));
    }

    @Test
    @DisplayName("core-tests B6 'DecommitMisaligned': unaligned DECOMMIT gives INVALID_ARGS; unaligned COMMIT rounds out")
    void decommitMisaligned() {
        int vmo = fx.vmo(4 * PAGE);
        assertStatus(INVALID_ARGS, op(vmo, DECOMMIT, 0x10, 0x100));
        ok(op(vmo, COMMIT, 0x10, 0x100));
        assertStatus(INVALID_ARGS, op(vmo, DECOMMIT, 0x10, 0x100));
    }

    @Test
    @DisplayName("core-tests B1 'Info' / B6: COMMIT makes the range committed, DECOMMIT frees it (committed_bytes)")
    void commitCountsInInfo() {
        int vmo = fx.vmo(4 * PAGE);
        ok(op(vmo, COMMIT, 0, 4 * PAGE));
        assertEquals(4 * PAGE, committed(vmo));
        ok(op(vmo, DECOMMIT, PAGE, 2 * PAGE));
        assertEquals(2 * PAGE, committed(vmo));
    }

    private static long committed(int vmo) {
        return Info.vmo(vmo).committedBytes();
    }

    @Test
    @DisplayName("core-tests B6 'OpOutOfBounds' (newest): COMMIT, DECOMMIT, ZERO and CACHE_* past the end give OUT_OF_RANGE")
    void opsOutOfBounds() {
        int vmo = fx.vmo(PAGE);
        for (int o : new int[] {COMMIT, DECOMMIT, ZERO, CACHE_SYNC, CACHE_INVALIDATE, CACHE_CLEAN, CACHE_CLEAN_INVALIDATE}) {
            assertStatus(OUT_OF_RANGE, op(vmo, o, 0, 2 * PAGE), "op " + o);
        }
    }

    @Test
    @DisplayName("vmo_op_range.md: COMMIT, DECOMMIT, ZERO and CACHE_INVALIDATE need WRITE; CACHE_SYNC/CLEAN/CLEAN_INVALIDATE and PREFETCH need READ")
    void opRights() {
        int vmo = fx.vmo(PAGE);
        int readOnly = fx.duplicate(vmo, RIGHT_READ);
        int writeOnly = fx.duplicate(vmo, RIGHT_WRITE);
        for (int o : new int[] {COMMIT, DECOMMIT, ZERO, CACHE_INVALIDATE}) {
            assertStatus(ACCESS_DENIED, op(readOnly, o, 0, PAGE), "op " + o + " without WRITE");
        }
        for (int o : new int[] {CACHE_SYNC, CACHE_CLEAN, CACHE_CLEAN_INVALIDATE, PREFETCH}) {
            assertStatus(ACCESS_DENIED, op(writeOnly, o, 0, PAGE), "op " + o + " without READ");
            ok(op(readOnly, o, 0, PAGE), "op " + o + " with READ");
        }
        ok(op(writeOnly, COMMIT, 0, PAGE));
        ok(op(writeOnly, ZERO, 0, PAGE));
        ok(op(writeOnly, DECOMMIT, 0, PAGE));
    }

    @Test
    @DisplayName("vmo_op_range.md: an unknown op gives INVALID_ARGS; BAD_HANDLE; WRONG_TYPE")
    void badOpAndHandles() {
        int vmo = fx.vmo(PAGE);
        for (int o : new int[] {0, 5, 15, 99, -1}) {
            assertStatus(INVALID_ARGS, op(vmo, o, 0, PAGE), "op " + o);
        }
        assertStatus(BAD_HANDLE, op(INVALID_HANDLE, COMMIT, 0, PAGE));
        assertStatus(WRONG_TYPE, op(Zx.root(), COMMIT, 0, PAGE));
    }

    @Test
    @DisplayName("core-tests B6 'CacheOp': unaligned ranges are OK, len 0 is INVALID_ARGS, ranges past the end are OUT_OF_RANGE")
    void cacheOps() {
        long size = 0x8000;
        int vmo = fx.vmo(size);
        for (int o : CACHE_OPS) {
            String what = "cache op " + o;
            ok(op(vmo, o, 0, 1), what);
            ok(op(vmo, o, 1, 1), what);
            ok(op(vmo, o, 0, size), what);
            ok(op(vmo, o, 1, size - 1), what);
            ok(op(vmo, o, 0x5200, 1), what);
            ok(op(vmo, o, 0x5200, 0x200), what);
            ok(op(vmo, o, 0x5200, 0x2e00), what);
            assertStatus(INVALID_ARGS, op(vmo, o, 0, 0), what + " len 0");
            assertStatus(OUT_OF_RANGE, op(vmo, o, 1, size), what);
            assertStatus(OUT_OF_RANGE, op(vmo, o, size, 1), what);
            assertStatus(OUT_OF_RANGE, op(vmo, o, size + 1, 1), what);
            assertStatus(OUT_OF_RANGE, op(vmo, o, -2L, 1), what);
            assertStatus(OUT_OF_RANGE, op(vmo, o, -1L, 1), what);
            assertStatus(OUT_OF_RANGE, op(vmo, o, -1L, -1L), what);
        }
    }

    @Test
    @DisplayName("core-tests B6 'CacheOpOutOfRange': ranges that overflow give OUT_OF_RANGE")
    void cacheOpOverflow() {
        int vmo = fx.vmo(2 * PAGE);
        assertStatus(OUT_OF_RANGE, op(vmo, CACHE_CLEAN_INVALIDATE, PAGE, -1L));
        assertStatus(OUT_OF_RANGE, op(vmo, CACHE_CLEAN_INVALIDATE, -PAGE + 1, 1));
    }

    @Test
    @DisplayName("core-tests B6 'Prefetch': len 0, unaligned and spanning ranges are OK; past the end is OUT_OF_RANGE")
    void prefetch() {
        long size = 2 * PAGE;
        int vmo = fx.vmo(size);
        ok(op(vmo, PREFETCH, 0, PAGE));
        ok(op(vmo, PREFETCH, 0, 0));
        ok(op(vmo, PREFETCH, 4, 2));
        ok(op(vmo, PREFETCH, PAGE - 1, 2));
        assertStatus(OUT_OF_RANGE, op(vmo, PREFETCH, 0, size + PAGE));
        assertStatus(OUT_OF_RANGE, op(vmo, PREFETCH, size + PAGE, 0));
    }

    @Test
    @DisplayName("vmo_op_range.md: DONT_NEED and ALWAYS_NEED are hints: OK, and the data stays")
    void evictionHints() {
        int vmo = fx.vmo(2 * PAGE);
        fx.writeLong(vmo, PAGE, 1234);
        ok(op(vmo, DONT_NEED, 0, 2 * PAGE));
        assertEquals(1234, fx.readLong(vmo, PAGE));
        ok(op(vmo, ALWAYS_NEED, 0, 2 * PAGE));
        assertEquals(1234, fx.readLong(vmo, PAGE));
    }

    @Test
    @DisplayName("core-tests B8 'LockUnlock': LOCK, TRY_LOCK and UNLOCK on a non-discardable VMO give NOT_SUPPORTED")
    void lockOpsNeedDiscardable() {
        int vmo = fx.vmo(PAGE);
        MemorySegment state = fx.buffer(zx_vmo_lock_state.sizeof());
        assertStatus(NOT_SUPPORTED, op(vmo, TRY_LOCK, 0, PAGE));
        assertStatus(NOT_SUPPORTED, zircon_h.zx_vmo_op_range(vmo, LOCK, 0, PAGE, state, state.byteSize()));
        assertStatus(NOT_SUPPORTED, op(vmo, UNLOCK, 0, PAGE));
    }

    // ======= ZX_VMO_OP_ZERO (vmo-zero.cc) =======

    @Test
    @DisplayName("core-tests B9.4 'UnalignedSubPage': ZERO(42, 91) clears exactly bytes [42, 133)")
    void zeroSubPage() {
        int vmo = fx.vmo(PAGE);
        fx.write(vmo, 0, filled(PAGE, 0xff));
        ok(op(vmo, ZERO, 42, 91));
        byte[] b = fx.read(vmo, 0, (int) PAGE);
        for (int i = 0; i < PAGE; i++) {
            assertEquals(i >= 42 && i < 133 ? 0 : (byte) 0xff, b[i], "byte " + i);
        }
    }

    @Test
    @DisplayName("core-tests B9.4 'UnalignedCommitted': ZERO(page/2, page) clears exactly that span across a page boundary")
    void zeroAcrossPageBoundary() {
        int vmo = fx.vmo(2 * PAGE);
        fx.write(vmo, 0, filled(2 * PAGE, 0xff));
        long addr = fx.map(vmo, RW, 2 * PAGE);
        ok(op(vmo, ZERO, PAGE / 2, PAGE));
        byte[] b = fx.read(vmo, 0, (int) (2 * PAGE));
        for (int i = 0; i < 2 * PAGE; i++) {
            assertEquals(i >= PAGE / 2 && i < PAGE / 2 + PAGE ? 0 : (byte) 0xff, b[i], "byte " + i);
        }
        assertArrayEquals(b, Zx.mem(addr, 2 * PAGE).toArray(ValueLayout.JAVA_BYTE), "the mapping agrees");
    }

    @Test
    @DisplayName("core-tests B9.4 'ZeroLengths': len 0 at 0, 10 and page (== size) is OK")
    void zeroLengths() {
        int vmo = fx.vmo(PAGE);
        ok(op(vmo, ZERO, 0, 0));
        ok(op(vmo, ZERO, 10, 0));
        ok(op(vmo, ZERO, PAGE, 0));
    }

    @Test
    @DisplayName("core-tests B9.4 'UnalignedUnCommitted': ZERO on an untouched VMO commits nothing")
    void zeroUncommitted() {
        int vmo = fx.vmo(4 * PAGE);
        ok(op(vmo, ZERO, 10, 2 * PAGE));
        assertEquals(0, committed(vmo));
        assertArrayEquals(new byte[(int) (4 * PAGE)], fx.read(vmo, 0, (int) (4 * PAGE)));
    }
}
