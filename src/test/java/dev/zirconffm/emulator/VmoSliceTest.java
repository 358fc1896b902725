package dev.zirconffm.emulator;

import dev.zirconffm.internal.bindings.zircon_h;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.zirconffm.emulator.Zx.INVALID_ARGS;
import static dev.zirconffm.emulator.Zx.NOT_SUPPORTED;
import static dev.zirconffm.emulator.Zx.OUT_OF_RANGE;
import static dev.zirconffm.emulator.Zx.PAGE;
import static dev.zirconffm.emulator.Zx.RIGHT_DUPLICATE;
import static dev.zirconffm.emulator.Zx.RIGHT_EXECUTE;
import static dev.zirconffm.emulator.Zx.RIGHT_GET_PROPERTY;
import static dev.zirconffm.emulator.Zx.RIGHT_MAP;
import static dev.zirconffm.emulator.Zx.RIGHT_READ;
import static dev.zirconffm.emulator.Zx.RIGHT_SET_PROPERTY;
import static dev.zirconffm.emulator.Zx.RIGHT_WRITE;
import static dev.zirconffm.emulator.Zx.RW;
import static dev.zirconffm.emulator.Zx.assertStatus;
import static dev.zirconffm.emulator.Zx.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code ZX_VMO_CHILD_SLICE} (vmo_create_child.md, core-tests B9.1 vmo-slice.cc). */
class VmoSliceTest extends EmulatorTest {

    private static final int SLICE = zircon_h.ZX_VMO_CHILD_SLICE();

    @Test
    @DisplayName("core-tests B9.1 'WriteThrough': a slice sees the parent's data and its writes show in the parent")
    void writeThrough() {
        int parent = fx.taggedVmo(4, 0);
        int slice = fx.child(parent, SLICE, PAGE, 2 * PAGE);
        assertEquals(2 * PAGE, fx.size(slice));
        assertEquals(2, fx.readLong(slice, 0));
        assertEquals(3, fx.readLong(slice, PAGE));
        fx.writeLong(slice, PAGE, 30);
        assertEquals(30, fx.readLong(parent, 2 * PAGE));
        fx.writeLong(parent, PAGE, 20);
        assertEquals(20, fx.readLong(slice, 0));
    }

    @Test
    @DisplayName("core-tests B9.1 'WriteThrough' (mapped): mappings of a slice and of its parent alias the same pages")
    void mappedSliceAliasesParent() {
        int parent = fx.taggedVmo(4, 0);
        int slice = fx.child(parent, SLICE, PAGE, 2 * PAGE);
        long parentAddr = fx.map(parent, RW, 4 * PAGE);
        long sliceAddr = fx.map(slice, RW, 2 * PAGE);
        Zx.mem(sliceAddr + PAGE, 8).set(ValueLayout.JAVA_LONG, 0, 333);
        assertEquals(333, Zx.mem(parentAddr + 2 * PAGE, 8).get(ValueLayout.JAVA_LONG, 0));
        Zx.mem(parentAddr + PAGE, 8).set(ValueLayout.JAVA_LONG, 0, 222);
        assertEquals(222, Zx.mem(sliceAddr, 8).get(ValueLayout.JAVA_LONG, 0));
    }

    @Test
    @DisplayName("core-tests B9.1 'DecommitParent', 'DecommitChild', 'CommitChild': DECOMMIT on either side zeroes the shared page")
    void decommitThroughEitherSide() {
        int parent = fx.taggedVmo(2, 0);
        int slice = fx.child(parent, SLICE, 0, 2 * PAGE);
        ok(VmoOpRangeTest.op(parent, VmoOpRangeTest.DECOMMIT, 0, PAGE));
        assertEquals(0, fx.readLong(slice, 0));
        ok(VmoOpRangeTest.op(slice, VmoOpRangeTest.DECOMMIT, PAGE, PAGE));
        assertEquals(0, fx.readLong(parent, PAGE));
        ok(VmoOpRangeTest.op(slice, VmoOpRangeTest.COMMIT, 0, 2 * PAGE));
        fx.writeLong(slice, 0, 5);
        assertEquals(5, fx.readLong(parent, 0));
    }

    @Test
    @DisplayName("core-tests B9.1 'Nested': a slice of a slice reads and writes through to the root")
    void nested() {
        int root = fx.taggedVmo(4, 0);
        int outer = fx.child(root, SLICE, PAGE, 3 * PAGE);
        int inner = fx.child(outer, SLICE, PAGE, PAGE);
        assertEquals(3, fx.readLong(inner, 0));
        fx.writeLong(inner, 8, 44);
        assertEquals(44, fx.readLong(root, 2 * PAGE + 8));
        assertEquals(44, fx.readLong(outer, PAGE + 8));
    }

    @Test
    @DisplayName("core-tests B9.1 'NonSlice': out-of-bounds slices give INVALID_ARGS, overflowing ones OUT_OF_RANGE (before the resizability check)")
    void bounds() {
        int parent = fx.vmo(2 * PAGE, zircon_h.ZX_VMO_RESIZABLE());
        assertStatus(INVALID_ARGS, fx.childStatus(parent, SLICE, 0, 3 * PAGE).status());
        assertStatus(INVALID_ARGS, fx.childStatus(parent, SLICE, PAGE, 2 * PAGE).status());
        assertStatus(INVALID_ARGS, fx.childStatus(parent, SLICE, 2 * PAGE, PAGE).status());
        assertStatus(OUT_OF_RANGE, fx.childStatus(parent, SLICE, 0, -1L).status());
        assertStatus(OUT_OF_RANGE, fx.childStatus(parent, SLICE, 0, -PAGE).status());
        assertStatus(INVALID_ARGS, fx.childStatus(parent, SLICE, -PAGE, PAGE).status());
        assertStatus(OUT_OF_RANGE, fx.childStatus(parent, SLICE, -PAGE, -1L).status());
    }

    @Test
    @DisplayName("core-tests B9.1 'NonResizable': a slice of a RESIZABLE parent gives NOT_SUPPORTED")
    void sliceOfResizable() {
        int parent = fx.vmo(2 * PAGE, zircon_h.ZX_VMO_RESIZABLE());
        assertStatus(NOT_SUPPORTED, fx.childStatus(parent, SLICE, 0, PAGE).status());
    }

    @Test
    @DisplayName("core-tests B9.1 'ZeroSized': 0-size slices at 0 and at the parent's end are OK; 1-byte access gives OUT_OF_RANGE")
    void zeroSized() {
        int parent = fx.vmo(PAGE);
        MemorySegment buf = fx.buffer(1);
        for (long offset : new long[] {0, PAGE}) {
            int slice = fx.child(parent, SLICE, offset, 0);
            assertEquals(0, fx.size(slice));
            assertStatus(OUT_OF_RANGE, zircon_h.zx_vmo_read(slice, buf, 0, 1));
            assertStatus(OUT_OF_RANGE, zircon_h.zx_vmo_write(slice, buf, 0, 1));
        }
    }

    @Test
    @DisplayName("core-tests B9.1 'RoundUpSize': a 42-byte slice is one page and reads the parent's data near its end")
    void roundUpSize() {
        int parent = fx.vmo(PAGE);
        fx.writeLong(parent, PAGE - 64, 0x4242L);
        int slice = fx.child(parent, SLICE, 0, 42);
        assertEquals(PAGE, fx.size(slice));
        assertEquals(0x4242L, fx.readLong(slice, PAGE - 64));
    }

    @Test
    @DisplayName("core-tests B9.1 'NotCoWType': a slice is not IS_COW_CLONE; parent_koid is set")
    void notCowType() {
        int parent = fx.vmo(PAGE);
        Info.Vmo info = Info.vmo(fx.child(parent, SLICE, 0, PAGE));
        assertEquals(0, info.flags() & zircon_h.ZX_INFO_VMO_IS_COW_CLONE());
        assertEquals(Info.koid(parent), info.parentKoid());
    }

    @Test
    @DisplayName("core-tests B5 child-rights rule: SLICE gets P | GET/SET_PROPERTY, keeping EXECUTE; SLICE|NO_WRITE drops WRITE")
    void sliceRights() {
        int vmo = fx.vmo(PAGE);
        var out = fx.u32();
        ok(zircon_h.zx_vmo_replace_as_executable(vmo, Zx.INVALID_HANDLE, out));
        fx.forget(vmo);
        int exec = fx.track(out.get(ValueLayout.JAVA_INT, 0));
        int p = RIGHT_READ | RIGHT_WRITE | RIGHT_EXECUTE | RIGHT_DUPLICATE | RIGHT_MAP;
        int parent = fx.duplicate(exec, p);
        int props = RIGHT_GET_PROPERTY | RIGHT_SET_PROPERTY;
        assertEquals(p | props, Info.rights(fx.child(parent, SLICE, 0, PAGE)));
        assertEquals((p | props) & ~RIGHT_WRITE, Info.rights(fx.child(parent, SLICE | zircon_h.ZX_VMO_CHILD_NO_WRITE(), 0, PAGE)));
    }

    @Test
    @DisplayName("core-tests B9.1 'AttributedCounts': pages are charged to the parent; the slice keeps reading after the parent handle closes")
    void attributedCounts() {
        int parent = fx.vmo(2 * PAGE);
        fx.writeLong(parent, 0, 77);
        int slice = fx.child(parent, SLICE, 0, 2 * PAGE);
        assertEquals(PAGE, Info.vmo(parent).committedBytes());
        assertEquals(0, Info.vmo(slice).committedBytes());
        fx.close(parent);
        assertEquals(0, Info.vmo(slice).committedBytes());
        assertEquals(77, fx.readLong(slice, 0));
    }

    @Test
    @DisplayName("core-tests B9.1 'DeepHierarchy': 1000 nested slices, each made from the last with its handle dropped")
    void deepHierarchy() {
        int current = fx.taggedVmo(1, 0);
        for (int i = 0; i < 1000; i++) {
            int next = fx.child(current, SLICE, 0, PAGE);
            fx.close(current);
            current = next;
        }
        assertEquals(1, fx.readLong(current, 0));
        fx.writeLong(current, 0, 2);
        assertEquals(2, fx.readLong(current, 0));
    }
    @Test
    @DisplayName("vmo_op_range.md: OP_ZERO through a slice zeroes the parent's pages")
    void zeroThroughSlice() {
        int parent = fx.taggedVmo(3, 0);
        int slice = fx.child(parent, SLICE, PAGE, PAGE);
        ok(VmoOpRangeTest.op(slice, VmoOpRangeTest.ZERO, 0, PAGE));
        assertEquals(0, fx.readLong(parent, PAGE));
        assertEquals(1, fx.readLong(parent, 0));
        assertEquals(3, fx.readLong(parent, 2 * PAGE));
    }

    @Test
    @DisplayName("object_get_info.md ZX_INFO_VMO: a parent's num_children counts its slices")
    void sliceCountsAsChild() {
        int parent = fx.vmo(2 * PAGE);
        int a = fx.child(parent, SLICE, 0, PAGE);
        fx.child(parent, SLICE, PAGE, PAGE);
        assertEquals(2, Info.vmo(parent).numChildren());
        fx.close(a);
        assertEquals(1, Info.vmo(parent).numChildren());
    }
}
