package dev.zirconffm.emulator;

import dev.zirconffm.internal.bindings.zircon_h;
import dev.zirconffm.internal.bindings.zx_vmo_lock_state;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

import static dev.zirconffm.emulator.Zx.ACCESS_DENIED;
import static dev.zirconffm.emulator.Zx.BAD_STATE;
import static dev.zirconffm.emulator.Zx.INVALID_ARGS;
import static dev.zirconffm.emulator.Zx.NOT_SUPPORTED;
import static dev.zirconffm.emulator.Zx.OUT_OF_RANGE;
import static dev.zirconffm.emulator.Zx.PAGE;
import static dev.zirconffm.emulator.Zx.RIGHT_READ;
import static dev.zirconffm.emulator.Zx.RW;
import static dev.zirconffm.emulator.Zx.assertStatus;
import static dev.zirconffm.emulator.Zx.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ZX_VMO_DISCARDABLE} and the lock ops (vmo_op_range.md, core-tests B8 'Discardable', 'LockUnlock'). */
class VmoDiscardableTest extends EmulatorTest {

    private static final int DISCARDABLE = zircon_h.ZX_VMO_DISCARDABLE();
    private static final int LOCK = VmoOpRangeTest.LOCK;
    private static final int TRY_LOCK = VmoOpRangeTest.TRY_LOCK;
    private static final int UNLOCK = VmoOpRangeTest.UNLOCK;

    private int lock(int vmo, long offset, long len, MemorySegment state) {
        return zircon_h.zx_vmo_op_range(vmo, LOCK, offset, len, state, state.byteSize());
    }

    private MemorySegment lockState() {
        return fx.buffer(zx_vmo_lock_state.sizeof());
    }

    @Test
    @DisplayName("core-tests B8 'Discardable': the flag, LOCK reports the range, faulting maps need ALLOW_FAULTS, UNLOCK")
    void discardable() {
        long size = 3 * PAGE;
        int vmo = fx.vmo(size, DISCARDABLE);
        assertTrue((Info.vmo(vmo).flags() & zircon_h.ZX_INFO_VMO_DISCARDABLE()) != 0);
        MemorySegment state = lockState();
        ok(lock(vmo, 0, size, state));
        assertEquals(0, zx_vmo_lock_state.offset(state));
        assertEquals(size, zx_vmo_lock_state.size(state));
        assertArrayEquals(new byte[(int) size], fx.read(vmo, 0, (int) size));
        byte[] bb = new byte[(int) size];
        Arrays.fill(bb, (byte) 0xbb);
        fx.write(vmo, 0, bb);
        assertStatus(NOT_SUPPORTED, fx.mapStatus(Zx.root(), RW, 0, vmo, 0, size).status(), "without ALLOW_FAULTS");
        long addr = fx.map(Zx.root(), RW | zircon_h.ZX_VM_ALLOW_FAULTS(), 0, vmo, 0, size);
        assertArrayEquals(bb, Zx.mem(addr, size).toArray(ValueLayout.JAVA_BYTE));
        Zx.mem(addr, 8).set(ValueLayout.JAVA_LONG, 0, 0x1234);
        assertEquals(0x1234, fx.readLong(vmo, 0));
        ok(VmoOpRangeTest.op(vmo, UNLOCK, 0, size));
    }

    @Test
    @DisplayName("core-tests B8 'Discardable': no kind of child can be made of a discardable VMO (NOT_SUPPORTED)")
    void noChildren() {
        int vmo = fx.vmo(PAGE, DISCARDABLE);
        for (int type : new int[] {VmoChildTest.SLICE, VmoChildTest.SNAPSHOT, VmoChildTest.AT_LEAST_ON_WRITE,
                VmoChildTest.SNAPSHOT_MODIFIED}) {
            assertStatus(NOT_SUPPORTED, fx.childStatus(vmo, type, 0, PAGE).status(), "type " + type);
        }
    }

    @Test
    @DisplayName("core-tests B8 'LockUnlock': TRY_LOCK, UNLOCK, LOCK, UNLOCK; a READ-only handle is enough")
    void lockSequence() {
        int vmo = fx.vmo(PAGE, DISCARDABLE);
        for (int h : new int[] {vmo, fx.duplicate(vmo, RIGHT_READ)}) {
            ok(VmoOpRangeTest.op(h, TRY_LOCK, 0, PAGE));
            ok(VmoOpRangeTest.op(h, UNLOCK, 0, PAGE));
            MemorySegment state = lockState();
            ok(lock(h, 0, PAGE, state));
            assertEquals(0, zx_vmo_lock_state.offset(state));
            assertEquals(PAGE, zx_vmo_lock_state.size(state));
            ok(VmoOpRangeTest.op(h, UNLOCK, 0, PAGE));
        }
    }

    @Test
    @DisplayName("core-tests B8 'LockUnlock': without READ and WRITE ACCESS_DENIED; part of the VMO OUT_OF_RANGE; UNLOCK unlocked BAD_STATE")
    void lockErrors() {
        int vmo = fx.vmo(2 * PAGE, DISCARDABLE);
        int none = fx.duplicate(vmo, Info.rights(vmo) & ~(RIGHT_READ | Zx.RIGHT_WRITE));
        assertStatus(ACCESS_DENIED, lock(none, 0, 2 * PAGE, lockState()));
        assertStatus(ACCESS_DENIED, VmoOpRangeTest.op(none, TRY_LOCK, 0, 2 * PAGE));
        assertStatus(ACCESS_DENIED, VmoOpRangeTest.op(none, UNLOCK, 0, 2 * PAGE));
        assertStatus(OUT_OF_RANGE, lock(vmo, 0, PAGE, lockState()));
        assertStatus(OUT_OF_RANGE, VmoOpRangeTest.op(vmo, TRY_LOCK, PAGE, PAGE));
        assertStatus(BAD_STATE, VmoOpRangeTest.op(vmo, UNLOCK, 0, 2 * PAGE));
    }

    @Test
    @DisplayName("core-tests B8 'LockUnlock': LOCK with a null, empty or 8-byte buffer gives INVALID_ARGS")
    void lockBufferErrors() {
        int vmo = fx.vmo(PAGE, DISCARDABLE);
        assertStatus(INVALID_ARGS, zircon_h.zx_vmo_op_range(vmo, LOCK, 0, PAGE, MemorySegment.NULL, 0), "null");
        assertStatus(INVALID_ARGS, zircon_h.zx_vmo_op_range(vmo, LOCK, 0, PAGE, lockState(), 0), "size 0");
        assertStatus(INVALID_ARGS, zircon_h.zx_vmo_op_range(vmo, LOCK, 0, PAGE, fx.u64(), 8), "8 bytes");
        // None of the failed LOCKs left the VMO locked.
        assertStatus(BAD_STATE, VmoOpRangeTest.op(vmo, UNLOCK, 0, PAGE));
    }

    @Test
    @DisplayName("core-tests B8 'LockUnlock': LOCK with a null buffer but a size gives INVALID_ARGS")
    void lockIntoNullWithSize() {
        assertStatus(INVALID_ARGS, Isolated.status(IsolatedCases.class, "lockIntoNullWithSize"));
    }
}
