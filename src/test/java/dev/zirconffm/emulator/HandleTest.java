package dev.zirconffm.emulator;

import dev.zirconffm.internal.bindings.zircon_h;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.zirconffm.emulator.Zx.ACCESS_DENIED;
import static dev.zirconffm.emulator.Zx.BAD_HANDLE;
import static dev.zirconffm.emulator.Zx.INVALID_ARGS;
import static dev.zirconffm.emulator.Zx.INVALID_HANDLE;
import static dev.zirconffm.emulator.Zx.PAGE;
import static dev.zirconffm.emulator.Zx.RIGHT_DUPLICATE;
import static dev.zirconffm.emulator.Zx.RIGHT_MAP;
import static dev.zirconffm.emulator.Zx.RIGHT_READ;
import static dev.zirconffm.emulator.Zx.RIGHT_WRITE;
import static dev.zirconffm.emulator.Zx.RW;
import static dev.zirconffm.emulator.Zx.SAME_RIGHTS;
import static dev.zirconffm.emulator.Zx.assertStatus;
import static dev.zirconffm.emulator.Zx.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Handles: {@code zx_handle_close}, {@code _close_many}, {@code _duplicate} and {@code _replace}. */
class HandleTest extends EmulatorTest {

    @Test
    @DisplayName("handle_close.md: closing ZX_HANDLE_INVALID is OK")
    void closeInvalidHandleIsOk() {
        ok(zircon_h.zx_handle_close(INVALID_HANDLE));
    }

    @Test
    @DisplayName("handle_close.md: a closed handle is BAD_HANDLE, for close and for use")
    void closedHandleIsBad() {
        int vmo = fx.vmo(PAGE);
        fx.close(vmo);
        assertStatus(BAD_HANDLE, zircon_h.zx_handle_close(vmo));
        assertStatus(BAD_HANDLE, zircon_h.zx_vmo_get_size(vmo, fx.u64()));
        assertFalse(Info.valid(vmo));
    }

    @Test
    @DisplayName("rights.md / types.h: every valid handle has ZX_HANDLE_FIXED_BITS_MASK set")
    void handleValuesHaveFixedBits() {
        int mask = zircon_h.ZX_HANDLE_FIXED_BITS_MASK();
        for (int i = 0; i < 16; i++) {
            int vmo = fx.vmo(PAGE);
            assertEquals(mask, vmo & mask, "handle " + Integer.toHexString(vmo));
        }
        assertEquals(mask, Zx.self() & mask);
        assertEquals(mask, Zx.root() & mask);
    }

    @Test
    @DisplayName("handle_close.md / object_get_info.md: closing the last handle frees the object, counted by ZX_INFO_PROCESS_HANDLE_STATS")
    void handleStatsCountLiveHandles() {
        int vmoType = zircon_h.ZX_OBJ_TYPE_VMO();
        int before = Info.handleCounts()[vmoType];
        int a = fx.vmo(PAGE);
        int b = fx.duplicate(a, SAME_RIGHTS);
        assertEquals(before + 2, Info.handleCounts()[vmoType]);
        fx.close(a);
        fx.close(b);
        assertEquals(before, Info.handleCounts()[vmoType]);
    }

    @Test
    @DisplayName("handle_close_many.md: closes all handles; ZX_HANDLE_INVALID entries are skipped")
    void closeManyClosesAll() {
        int a = fx.vmo(PAGE);
        int b = fx.vmo(PAGE);
        MemorySegment list = fx.buffer(12);
        list.setAtIndex(ValueLayout.JAVA_INT, 0, a);
        list.setAtIndex(ValueLayout.JAVA_INT, 1, INVALID_HANDLE);
        list.setAtIndex(ValueLayout.JAVA_INT, 2, b);
        ok(zircon_h.zx_handle_close_many(list, 3));
        fx.forget(a);
        fx.forget(b);
        assertFalse(Info.valid(a));
        assertFalse(Info.valid(b));
    }

    @Test
    @DisplayName("handle_close_many.md: an empty list is OK")
    void closeManyEmpty() {
        ok(zircon_h.zx_handle_close_many(MemorySegment.NULL, 0));
    }

    @Test
    @DisplayName("handle_close_many.md: a bad handle gives BAD_HANDLE, but the valid ones are still closed")
    void closeManyWithBadHandleClosesTheRest() {
        int a = fx.vmo(PAGE);
        int gone = fx.vmo(PAGE);
        fx.close(gone);
        int b = fx.vmo(PAGE);
        MemorySegment list = fx.buffer(12);
        list.setAtIndex(ValueLayout.JAVA_INT, 0, a);
        list.setAtIndex(ValueLayout.JAVA_INT, 1, gone);
        list.setAtIndex(ValueLayout.JAVA_INT, 2, b);
        assertStatus(BAD_HANDLE, zircon_h.zx_handle_close_many(list, 3));
        fx.forget(a);
        fx.forget(b);
        assertFalse(Info.valid(a));
        assertFalse(Info.valid(b));
    }

    @Test
    @DisplayName("handle_close_many.md: the same handle twice gives BAD_HANDLE, and it is closed")
    void closeManyWithDuplicateEntry() {
        int a = fx.vmo(PAGE);
        MemorySegment list = fx.buffer(8);
        list.setAtIndex(ValueLayout.JAVA_INT, 0, a);
        list.setAtIndex(ValueLayout.JAVA_INT, 1, a);
        assertStatus(BAD_HANDLE, zircon_h.zx_handle_close_many(list, 2));
        fx.forget(a);
        assertFalse(Info.valid(a));
    }

    @Test
    @DisplayName("handle_duplicate.md: SAME_RIGHTS gives a new handle to the same object with the same rights")
    void duplicateSameRights() {
        int vmo = fx.vmo(PAGE);
        int dup = fx.duplicate(vmo, SAME_RIGHTS);
        assertNotEquals(vmo, dup);
        Info.Basic original = Info.basic(vmo);
        Info.Basic copy = Info.basic(dup);
        assertEquals(original.koid(), copy.koid());
        assertEquals(original.rights(), copy.rights());
        assertEquals(zircon_h.ZX_OBJ_TYPE_VMO(), copy.type());
        // Both name the same object: a write through one is read through the other.
        fx.writeLong(vmo, 0, 0x1234_5678_9abcL);
        assertEquals(0x1234_5678_9abcL, fx.readLong(dup, 0));
    }

    @Test
    @DisplayName("handle_duplicate.md: a subset of the rights is exactly what the duplicate carries")
    void duplicateSubset() {
        int vmo = fx.vmo(PAGE);
        int rights = RIGHT_DUPLICATE | RIGHT_READ;
        int dup = fx.duplicate(vmo, rights);
        assertEquals(rights, Info.rights(dup));
        assertEquals(Info.koid(vmo), Info.koid(dup));
    }

    @Test
    @DisplayName("handle_duplicate.md: ZX_RIGHT_NONE is allowed")
    void duplicateWithNoRights() {
        int vmo = fx.vmo(PAGE);
        int dup = fx.duplicate(vmo, zircon_h.ZX_RIGHT_NONE());
        assertEquals(0, Info.rights(dup));
    }

    @Test
    @DisplayName("handle_duplicate.md: rights not a subset give INVALID_ARGS")
    void duplicateWithMoreRights() {
        int vmo = fx.vmo(PAGE);
        int readOnly = fx.duplicate(vmo, RIGHT_DUPLICATE | RIGHT_READ);
        assertStatus(INVALID_ARGS, fx.duplicateStatus(readOnly, RIGHT_DUPLICATE | RIGHT_READ | RIGHT_WRITE).status());
    }

    @Test
    @DisplayName("handle_duplicate.md: a handle without ZX_RIGHT_DUPLICATE gives ACCESS_DENIED")
    void duplicateWithoutDuplicateRight() {
        int vmo = fx.vmo(PAGE);
        int noDup = fx.duplicate(vmo, RIGHT_READ | RIGHT_MAP);
        assertStatus(ACCESS_DENIED, fx.duplicateStatus(noDup, SAME_RIGHTS).status());
        assertStatus(ACCESS_DENIED, fx.duplicateStatus(noDup, RIGHT_READ).status());
    }

    @Test
    @DisplayName("handle_duplicate.md: an invalid handle gives BAD_HANDLE")
    void duplicateBadHandle() {
        assertStatus(BAD_HANDLE, fx.duplicateStatus(INVALID_HANDLE, SAME_RIGHTS).status());
        int vmo = fx.vmo(PAGE);
        fx.close(vmo);
        assertStatus(BAD_HANDLE, fx.duplicateStatus(vmo, SAME_RIGHTS).status());
    }

    @Test
    @DisplayName("handle_duplicate.md: VMAR handles duplicate too")
    void duplicateVmar() {
        Fixture.Vmar vmar = fx.vmar(4 * PAGE);
        int dup = fx.duplicate(vmar.handle(), SAME_RIGHTS);
        assertEquals(Info.koid(vmar.handle()), Info.koid(dup));
        assertEquals(zircon_h.ZX_OBJ_TYPE_VMAR(), Info.basic(dup).type());
        assertEquals(Info.vmar(vmar.handle()), Info.vmar(dup));
    }

    @Test
    @DisplayName("handle_replace.md: SAME_RIGHTS moves the object to a new handle; the old one is invalid")
    void replaceSameRights() {
        int vmo = fx.vmo(PAGE);
        Info.Basic before = Info.basic(vmo);
        MemorySegment out = fx.u32();
        ok(zircon_h.zx_handle_replace(vmo, SAME_RIGHTS, out));
        fx.forget(vmo);
        int replaced = fx.track(out.get(ValueLayout.JAVA_INT, 0));
        assertFalse(Info.valid(vmo) && vmo != replaced, "the replaced handle is still valid");
        assertEquals(before, Info.basic(replaced));
    }

    @Test
    @DisplayName("handle_replace.md: a subset of the rights; ZX_RIGHT_DUPLICATE is not needed")
    void replaceSubsetWithoutDuplicateRight() {
        int vmo = fx.vmo(PAGE);
        int noDup = fx.duplicate(vmo, RIGHT_READ | RIGHT_WRITE | RIGHT_MAP);
        MemorySegment out = fx.u32();
        ok(zircon_h.zx_handle_replace(noDup, RIGHT_READ, out));
        fx.forget(noDup);
        int replaced = fx.track(out.get(ValueLayout.JAVA_INT, 0));
        assertEquals(RIGHT_READ, Info.rights(replaced));
        assertEquals(Info.koid(vmo), Info.koid(replaced));
    }

    @Test
    @DisplayName("handle_replace.md: rights not a subset give INVALID_ARGS, and the handle is still consumed")
    void replaceWithMoreRightsConsumesHandle() {
        int vmo = fx.vmo(PAGE);
        int readOnly = fx.duplicate(vmo, RIGHT_READ);
        int vmoType = zircon_h.ZX_OBJ_TYPE_VMO();
        int live = Info.handleCounts()[vmoType];
        assertStatus(INVALID_ARGS, zircon_h.zx_handle_replace(readOnly, RIGHT_READ | RIGHT_WRITE, fx.u32()));
        fx.forget(readOnly);
        assertEquals(live - 1, Info.handleCounts()[vmoType], "the handle given to zx_handle_replace is gone");
        assertStatus(BAD_HANDLE, zircon_h.zx_handle_close(readOnly));
    }

    @Test
    @DisplayName("handle_replace.md: an invalid handle gives BAD_HANDLE")
    void replaceBadHandle() {
        assertStatus(BAD_HANDLE, zircon_h.zx_handle_replace(INVALID_HANDLE, SAME_RIGHTS, fx.u32()));
    }

    @Test
    @DisplayName("vmar_map.md: a mapping keeps its VMO alive after the last VMO handle is closed")
    void mappingOutlivesVmoHandle() {
        int vmo = fx.vmo(PAGE);
        long addr = fx.map(vmo, RW, PAGE);
        Zx.mem(addr, 8).set(ValueLayout.JAVA_LONG, 0, 42);
        fx.close(vmo);
        assertEquals(42, Zx.mem(addr, 8).get(ValueLayout.JAVA_LONG, 0));
        Zx.mem(addr, 8).set(ValueLayout.JAVA_LONG, 0, 43);
        assertEquals(43, Zx.mem(addr, 8).get(ValueLayout.JAVA_LONG, 0));
        assertTrue(Probe.writable(addr));
    }
}
