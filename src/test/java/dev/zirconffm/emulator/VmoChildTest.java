package dev.zirconffm.emulator;

import dev.zirconffm.internal.bindings.zircon_h;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.zirconffm.emulator.Zx.ACCESS_DENIED;
import static dev.zirconffm.emulator.Zx.BAD_HANDLE;
import static dev.zirconffm.emulator.Zx.INVALID_ARGS;
import static dev.zirconffm.emulator.Zx.INVALID_HANDLE;
import static dev.zirconffm.emulator.Zx.PAGE;
import static dev.zirconffm.emulator.Zx.RIGHT_DUPLICATE;
import static dev.zirconffm.emulator.Zx.RIGHT_GET_PROPERTY;
import static dev.zirconffm.emulator.Zx.RIGHT_MAP;
import static dev.zirconffm.emulator.Zx.RIGHT_READ;
import static dev.zirconffm.emulator.Zx.RIGHT_RESIZE;
import static dev.zirconffm.emulator.Zx.RIGHT_SET_PROPERTY;
import static dev.zirconffm.emulator.Zx.RIGHT_WRITE;
import static dev.zirconffm.emulator.Zx.RW;
import static dev.zirconffm.emulator.Zx.UNAVAILABLE;
import static dev.zirconffm.emulator.Zx.WRONG_TYPE;
import static dev.zirconffm.emulator.Zx.assertStatus;
import static dev.zirconffm.emulator.Zx.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code zx_vmo_create_child} with the snapshot types (vmo_create_child.md, core-tests B9.2, B9.3,
 * B4 'ChildResizeRight', B5 child rights). Slices are in {@link VmoSliceTest}.
 */
class VmoChildTest extends EmulatorTest {

    static final int SNAPSHOT = zircon_h.ZX_VMO_CHILD_SNAPSHOT();
    static final int AT_LEAST_ON_WRITE = zircon_h.ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE();
    static final int SNAPSHOT_MODIFIED = zircon_h.ZX_VMO_CHILD_SNAPSHOT_MODIFIED();
    static final int SLICE = zircon_h.ZX_VMO_CHILD_SLICE();
    static final int REFERENCE = zircon_h.ZX_VMO_CHILD_REFERENCE();
    static final int NO_WRITE = zircon_h.ZX_VMO_CHILD_NO_WRITE();
    static final int CHILD_RESIZABLE = zircon_h.ZX_VMO_CHILD_RESIZABLE();

    private static final int PAGED = zircon_h.ZX_INFO_VMO_TYPE_PAGED();
    private static final int VIA_HANDLE = zircon_h.ZX_INFO_VMO_VIA_HANDLE();
    private static final int COW = zircon_h.ZX_INFO_VMO_IS_COW_CLONE();

    @Test
    @DisplayName("core-tests B9.3 'Info': a clone has its own koid, parent_koid, and flags PAGED|IS_COW_CLONE|VIA_HANDLE")
    void snapshotInfo() {
        int parent = fx.vmo(2 * PAGE);
        int clone = fx.child(parent, SNAPSHOT, 0, 2 * PAGE);
        Info.Vmo p = Info.vmo(parent);
        Info.Vmo c = Info.vmo(clone);
        assertNotEquals(p.koid(), c.koid());
        assertEquals(p.koid(), c.parentKoid());
        assertEquals(0, p.parentKoid());
        assertEquals(PAGED | VIA_HANDLE, p.flags());
        assertEquals(PAGED | COW | VIA_HANDLE, c.flags());
        assertEquals(2 * PAGE, c.sizeBytes());
    }

    @Test
    @DisplayName("core-tests B9.3 'Read', 'CloneVmoWrite', 'ParentVmoWrite': a snapshot sees the data at creation; later writes stay private")
    void snapshotIsolationThroughVmoWrite() {
        int parent = fx.taggedVmo(2, 0);
        int clone = fx.child(parent, SNAPSHOT, 0, 2 * PAGE);
        assertEquals(1, fx.readLong(clone, 0));
        assertEquals(2, fx.readLong(clone, PAGE));
        fx.writeLong(clone, 0, 100);
        fx.writeLong(parent, PAGE, 200);
        assertEquals(1, fx.readLong(parent, 0), "a clone write is not seen by the parent");
        assertEquals(100, fx.readLong(clone, 0));
        assertEquals(2, fx.readLong(clone, PAGE), "a parent write is not seen by the clone");
        assertEquals(200, fx.readLong(parent, PAGE));
    }

    @Test
    @DisplayName("core-tests B9.3 'CloneVmarWrite', 'ParentVmarWrite': writes through mappings of either side stay private")
    void snapshotIsolationThroughMappings() {
        int parent = fx.taggedVmo(2, 0);
        long parentAddr = fx.map(parent, RW, 2 * PAGE);
        setWordAt(parentAddr + 8, 0x77);
        int clone = fx.child(parent, SNAPSHOT, 0, 2 * PAGE);
        assertEquals(0x77, fx.readLong(clone, 8), "the clone sees a write made through a mapping before it");
        long cloneAddr = fx.map(clone, RW, 2 * PAGE);
        assertEquals(1, Zx.mem(cloneAddr, 8).get(ValueLayout.JAVA_LONG, 0));
        Zx.mem(cloneAddr, 8).set(ValueLayout.JAVA_LONG, 0, 300);
        Zx.mem(parentAddr + PAGE, 8).set(ValueLayout.JAVA_LONG, 0, 400);
        assertEquals(1, Zx.mem(parentAddr, 8).get(ValueLayout.JAVA_LONG, 0));
        assertEquals(1, fx.readLong(parent, 0));
        assertEquals(300, fx.readLong(clone, 0));
        assertEquals(2, Zx.mem(cloneAddr + PAGE, 8).get(ValueLayout.JAVA_LONG, 0));
        assertEquals(2, fx.readLong(clone, PAGE));
        assertEquals(400, fx.readLong(parent, PAGE));
    }

    @Test
    @DisplayName("core-tests B9.3 'CloseOriginal', 'CloseClone': closing either side keeps the other's data")
    void closingEitherSideKeepsData() {
        int parent = fx.taggedVmo(2, 0);
        int clone = fx.child(parent, SNAPSHOT, 0, 2 * PAGE);
        fx.writeLong(parent, 0, 11);
        fx.close(parent);
        assertEquals(1, fx.readLong(clone, 0));
        assertEquals(2, fx.readLong(clone, PAGE));

        int parent2 = fx.taggedVmo(2, 0);
        int clone2 = fx.child(parent2, SNAPSHOT, 0, 2 * PAGE);
        fx.writeLong(clone2, 0, 22);
        fx.close(clone2);
        assertEquals(1, fx.readLong(parent2, 0));
    }

    @Test
    @DisplayName("core-tests B9.3 'ZeroPageWrite': clones of a never-written VMO, and a clone of a clone, write independently")
    void zeroPageWrites() {
        int parent = fx.vmo(PAGE);
        int a = fx.child(parent, SNAPSHOT, 0, PAGE);
        int b = fx.child(parent, SNAPSHOT, 0, PAGE);
        int aa = fx.child(a, SNAPSHOT, 0, PAGE);
        int[] all = {parent, a, b, aa};
        for (int i = 0; i < all.length; i++) {
            fx.writeLong(all[i], 0, i + 1);
            for (int j = 0; j < all.length; j++) {
                assertEquals(j <= i ? j + 1 : 0, fx.readLong(all[j], 0), "VMO " + j + " after writing " + i);
            }
        }
    }

    @Test
    @DisplayName("core-tests B9.3 'Offset', 'OutOfBounds': a clone at an offset and past the parent's end reads parent data then zeros")
    void snapshotAtOffsetBeyondParent() {
        int parent = fx.taggedVmo(3, 0);
        int clone = fx.child(parent, SNAPSHOT, PAGE, 4 * PAGE);
        assertEquals(4 * PAGE, fx.size(clone));
        assertEquals(2, fx.readLong(clone, 0));
        assertEquals(3, fx.readLong(clone, PAGE));
        assertEquals(0, fx.readLong(clone, 2 * PAGE));
        assertEquals(0, fx.readLong(clone, 3 * PAGE));
        fx.writeLong(clone, 3 * PAGE, 9);
        assertEquals(9, fx.readLong(clone, 3 * PAGE));
    }

    @Test
    @DisplayName("core-tests B9.3 (legacy vmo-clone): clone sizes round up to whole pages")
    void childSizeRoundsUp() {
        int parent = fx.vmo(2 * PAGE);
        assertEquals(PAGE, fx.size(fx.child(parent, SNAPSHOT, 0, 1)));
        assertEquals(2 * PAGE, fx.size(fx.child(parent, SNAPSHOT, 0, PAGE + 1)));
        assertEquals(0, fx.size(fx.child(parent, SNAPSHOT, 0, 0)));
    }

    @Test
    @DisplayName("vmo_create_child.md: SNAPSHOT_AT_LEAST_ON_WRITE sees the parent's data; its own writes are private")
    void atLeastOnWrite() {
        int parent = fx.taggedVmo(2, 0);
        int child = fx.child(parent, AT_LEAST_ON_WRITE, 0, 2 * PAGE);
        assertEquals(1, fx.readLong(child, 0));
        assertEquals(2, fx.readLong(child, PAGE));
        fx.writeLong(child, 0, 50);
        assertEquals(50, fx.readLong(child, 0));
        assertEquals(1, fx.readLong(parent, 0));
        assertEquals(PAGED | COW | VIA_HANDLE, Info.vmo(child).flags());
    }

    @Test
    @DisplayName("vmo_create_child.md: SNAPSHOT_MODIFIED of an anonymous VMO sees the data at creation; writes are private")
    void snapshotModified() {
        int parent = fx.taggedVmo(2, 0);
        int child = fx.child(parent, SNAPSHOT_MODIFIED, 0, 2 * PAGE);
        assertEquals(2, fx.readLong(child, PAGE));
        fx.writeLong(child, PAGE, 60);
        assertEquals(2, fx.readLong(parent, PAGE));
    }

    @Test
    @DisplayName("core-tests B9.3 'ManyChildren', 'ManyChildrenRevClose': num_children counts up to 5 and back down")
    void numChildren() {
        int parent = fx.vmo(PAGE);
        int[] children = new int[5];
        for (int i = 0; i < 5; i++) {
            children[i] = fx.child(parent, SNAPSHOT, 0, PAGE);
            assertEquals(i + 1, Info.vmo(parent).numChildren());
        }
        for (int i = 4; i >= 0; i--) {
            fx.close(children[i]);
            assertEquals(i, Info.vmo(parent).numChildren());
        }
        for (int i = 0; i < 5; i++) {
            children[i] = fx.child(parent, SNAPSHOT, 0, PAGE);
        }
        for (int i = 0; i < 5; i++) {
            fx.close(children[i]);
            assertEquals(4 - i, Info.vmo(parent).numChildren());
        }
    }

    @Test
    @DisplayName("core-tests B9.3 'ProgressiveCloneClose': a chain of 5 resizable snapshots keeps its data after the original closes")
    void progressiveCloneClose() {
        int original = fx.taggedVmo(5, zircon_h.ZX_VMO_RESIZABLE());
        int[] clones = new int[5];
        for (int i = 0; i < 5; i++) {
            clones[i] = fx.child(i == 0 ? original : clones[i - 1], SNAPSHOT | CHILD_RESIZABLE, 0, 5 * PAGE);
            fx.writeLong(clones[i], i * PAGE, 100 + i);
        }
        fx.close(original);
        for (int i = 0; i < 5; i++) {
            for (int page = 0; page < 5; page++) {
                // Each clone was made from the previous one, after that one wrote its page.
                long expected = page <= i ? 100 + page : page + 1;
                assertEquals(expected, fx.readLong(clones[i], page * PAGE), "clone " + i + " page " + page);
            }
        }
    }

    @Test
    @DisplayName("vmo_create_child.md: a size that cannot be rounded up to a page gives OUT_OF_RANGE")
    void childSizeOverflow() {
        int vmo = fx.vmo(PAGE);
        assertStatus(Zx.OUT_OF_RANGE, fx.childStatus(vmo, SNAPSHOT, 0, -1L).status());
        assertStatus(Zx.OUT_OF_RANGE, fx.childStatus(vmo, SNAPSHOT, 0, -PAGE + 1).status());
    }

    private static void setWordAt(long addr, long value) {
        Zx.mem(addr, 8).set(ValueLayout.JAVA_LONG, 0, value);
    }

    // ======= rights =======

    @Test
    @DisplayName("core-tests B5 child-rights rule: SNAPSHOT gets (P | GET/SET_PROPERTY | WRITE) & ~EXECUTE; NO_WRITE drops WRITE")
    void snapshotRights() {
        int vmo = fx.vmo(PAGE);
        int p = RIGHT_READ | RIGHT_DUPLICATE | RIGHT_MAP;
        int parent = fx.duplicate(vmo, p);
        int props = RIGHT_GET_PROPERTY | RIGHT_SET_PROPERTY;
        assertEquals(p | props | RIGHT_WRITE, Info.rights(fx.child(parent, SNAPSHOT, 0, PAGE)));
        assertEquals(p | props, Info.rights(fx.child(parent, SNAPSHOT | NO_WRITE, 0, PAGE)));
        assertEquals(p | props | RIGHT_WRITE, Info.rights(fx.child(parent, AT_LEAST_ON_WRITE, 0, PAGE)));
        // Legacy vmo-clone 'Rights': a child of READ|DUPLICATE.
        int minimal = fx.duplicate(vmo, RIGHT_READ | RIGHT_DUPLICATE);
        assertEquals(RIGHT_READ | RIGHT_DUPLICATE | RIGHT_WRITE | props, Info.rights(fx.child(minimal, SNAPSHOT, 0, PAGE)));
    }

    @Test
    @DisplayName("core-tests B5 child-rights rule: a snapshot of an executable VMO loses EXECUTE; full rights keep the rest")
    void snapshotDropsExecute() {
        int vmo = fx.vmo(PAGE);
        var out = fx.u32();
        ok(zircon_h.zx_vmo_replace_as_executable(vmo, INVALID_HANDLE, out));
        fx.forget(vmo);
        int exec = fx.track(out.get(ValueLayout.JAVA_INT, 0));
        int rights = Info.rights(exec);
        assertEquals((rights | RIGHT_WRITE) & ~Zx.RIGHT_EXECUTE, Info.rights(fx.child(exec, SNAPSHOT, 0, PAGE)));
    }

    @Test
    @DisplayName("vmo_create_child.md: the parent handle needs DUPLICATE and READ (ACCESS_DENIED); BAD_HANDLE; WRONG_TYPE")
    void childNeedsDuplicateAndRead() {
        int vmo = fx.vmo(PAGE);
        int all = Info.rights(vmo);
        assertStatus(ACCESS_DENIED, fx.childStatus(fx.duplicate(vmo, all & ~RIGHT_DUPLICATE), SNAPSHOT, 0, PAGE).status());
        assertStatus(ACCESS_DENIED, fx.childStatus(fx.duplicate(vmo, all & ~RIGHT_READ), SNAPSHOT, 0, PAGE).status());
        assertStatus(BAD_HANDLE, fx.childStatus(INVALID_HANDLE, SNAPSHOT, 0, PAGE).status());
        assertStatus(WRONG_TYPE, fx.childStatus(fx.vmar(PAGE).handle(), SNAPSHOT, 0, PAGE).status());
    }

    @Test
    @DisplayName("vmo_create_child.md / core-tests B5 'NoWriteResizable': invalid option combinations give INVALID_ARGS")
    void badChildOptions() {
        int vmo = fx.vmo(PAGE);
        int resizable = fx.vmo(PAGE, zircon_h.ZX_VMO_RESIZABLE());
        int[] bad = {0, NO_WRITE, CHILD_RESIZABLE, 1 << 1, 1 << 20, SLICE | SNAPSHOT, SLICE | CHILD_RESIZABLE,
                SNAPSHOT | NO_WRITE | CHILD_RESIZABLE, AT_LEAST_ON_WRITE | NO_WRITE | CHILD_RESIZABLE,
                SLICE | NO_WRITE | CHILD_RESIZABLE, SNAPSHOT_MODIFIED | NO_WRITE | CHILD_RESIZABLE};
        for (int options : bad) {
            assertStatus(INVALID_ARGS, fx.childStatus(vmo, options, 0, PAGE).status(), "options " + Integer.toHexString(options));
            assertStatus(INVALID_ARGS, fx.childStatus(resizable, options, 0, PAGE).status(),
                    "options " + Integer.toHexString(options) + " of a resizable parent");
        }
        ok(fx.childStatus(vmo, SNAPSHOT | NO_WRITE, 0, PAGE).status());
    }

    @Test
    @DisplayName("core-tests B9.3 (legacy vmo-clone 'ImmutableClone'): SNAPSHOT|NO_WRITE is IMMUTABLE; SLICE|NO_WRITE and SNAPSHOT are not")
    void immutableFlag() {
        int vmo = fx.vmo(PAGE);
        int immutable = zircon_h.ZX_INFO_VMO_IMMUTABLE();
        assertTrue((Info.vmo(fx.child(vmo, SNAPSHOT | NO_WRITE, 0, PAGE)).flags() & immutable) != 0);
        assertEquals(0, Info.vmo(fx.child(vmo, SLICE | NO_WRITE, 0, PAGE)).flags() & immutable);
        assertEquals(0, Info.vmo(fx.child(vmo, SNAPSHOT, 0, PAGE)).flags() & immutable);
    }

    // ======= resizing children =======

    @Test
    @DisplayName("core-tests B4 'ChildResizeRight': children without CHILD_RESIZABLE lack RESIZE and give UNAVAILABLE")
    void nonResizableChildren() {
        int vmo = fx.vmo(PAGE, zircon_h.ZX_VMO_RESIZABLE());
        for (int type : new int[] {SNAPSHOT, AT_LEAST_ON_WRITE, SNAPSHOT_MODIFIED}) {
            int child = fx.child(vmo, type, 0, PAGE);
            assertEquals(0, Info.rights(child) & RIGHT_RESIZE, "type " + type);
            assertStatus(UNAVAILABLE, zircon_h.zx_vmo_set_size(child, 2 * PAGE), "type " + type);
        }
        int slice = fx.child(fx.vmo(PAGE), SLICE, 0, PAGE);
        assertEquals(0, Info.rights(slice) & RIGHT_RESIZE);
        assertStatus(UNAVAILABLE, zircon_h.zx_vmo_set_size(slice, 2 * PAGE));
    }

    @Test
    @DisplayName("core-tests B4 'ChildResizeRight': CHILD_RESIZABLE children have RESIZE; a duplicate without it gives ACCESS_DENIED")
    void resizableChildren() {
        int vmo = fx.vmo(PAGE);
        for (int type : new int[] {SNAPSHOT, AT_LEAST_ON_WRITE, SNAPSHOT_MODIFIED}) {
            int child = fx.child(vmo, type | CHILD_RESIZABLE, 0, PAGE);
            assertTrue((Info.rights(child) & RIGHT_RESIZE) != 0, "type " + type);
            assertTrue((Info.vmo(child).flags() & zircon_h.ZX_INFO_VMO_RESIZABLE()) != 0);
            ok(zircon_h.zx_vmo_set_size(child, 2 * PAGE));
            int noResize = fx.duplicate(child, Info.rights(child) & ~RIGHT_RESIZE);
            assertStatus(ACCESS_DENIED, zircon_h.zx_vmo_set_size(noResize, 3 * PAGE));
        }
    }

    @Test
    @DisplayName("core-tests B9.3 'ResizeGrow': growing a 1-page clone of a 2-page parent shows zeros, not the parent's page 1")
    void resizeGrowShowsZeros() {
        int parent = fx.taggedVmo(2, 0);
        int clone = fx.child(parent, SNAPSHOT | CHILD_RESIZABLE, 0, PAGE);
        ok(zircon_h.zx_vmo_set_size(clone, 2 * PAGE));
        assertEquals(1, fx.readLong(clone, 0));
        assertEquals(0, fx.readLong(clone, PAGE));
    }

    @Test
    @DisplayName("core-tests B9.3 'ResizeChild', 'ResizeOriginal': shrinking either side leaves the other intact; regrowth shows zeros")
    void resizeEitherSide() {
        int parent = fx.taggedVmo(3, zircon_h.ZX_VMO_RESIZABLE());
        int clone = fx.child(parent, SNAPSHOT | CHILD_RESIZABLE, 0, 3 * PAGE);
        ok(zircon_h.zx_vmo_set_size(clone, PAGE));
        for (int i = 0; i < 3; i++) {
            assertEquals(i + 1, fx.readLong(parent, i * PAGE));
        }
        ok(zircon_h.zx_vmo_set_size(clone, 3 * PAGE));
        assertEquals(1, fx.readLong(clone, 0));
        assertEquals(0, fx.readLong(clone, PAGE));
        assertEquals(0, fx.readLong(clone, 2 * PAGE));

        int clone2 = fx.child(parent, SNAPSHOT | CHILD_RESIZABLE, 0, 3 * PAGE);
        ok(zircon_h.zx_vmo_set_size(parent, PAGE));
        for (int i = 0; i < 3; i++) {
            assertEquals(i + 1, fx.readLong(clone2, i * PAGE));
        }
        ok(zircon_h.zx_vmo_set_size(parent, 3 * PAGE));
        assertEquals(0, fx.readLong(parent, PAGE));
        assertEquals(0, fx.readLong(parent, 2 * PAGE));
    }

    @Test
    @DisplayName("core-tests B9.3 'NoAccumulatedOverflow': offsets that overflow across generations give INVALID_ARGS")
    void noAccumulatedOverflow() {
        int vmo = fx.vmo(0);
        int child = fx.child(vmo, SNAPSHOT, 0xffff_ffff_ffff_8000L, 0);
        assertStatus(INVALID_ARGS, fx.childStatus(child, SNAPSHOT, 0x8000, 0).status());
        int grandchild = fx.child(child, SNAPSHOT | CHILD_RESIZABLE, 0x4000, 0);
        assertStatus(INVALID_ARGS, zircon_h.zx_vmo_set_size(grandchild, 0x8000));
    }

    @Test
    @DisplayName("core-tests B9.3 'DisjointCloneTest2': leaves keep their values in all 24 close orders of parent, middle and leaves")
    void disjointClonesInEveryCloseOrder() {
        int[][] orders = permutations(4);
        for (int[] order : orders) {
            int parent = fx.taggedVmo(4, 0);
            int middle = fx.child(parent, SNAPSHOT, PAGE, 3 * PAGE);
            int left = fx.child(middle, SNAPSHOT, 0, PAGE);
            int right = fx.child(middle, SNAPSHOT, 2 * PAGE, PAGE);
            fx.writeLong(parent, PAGE, 100);
            fx.writeLong(middle, 2 * PAGE, 200);
            int[] vmos = {parent, middle, left, right};
            boolean[] open = {true, true, true, true};
            for (int closing : order) {
                fx.close(vmos[closing]);
                open[closing] = false;
                if (open[2]) {
                    assertEquals(2, fx.readLong(left, 0), "left leaf, order " + Arrays.toString(order));
                }
                if (open[3]) {
                    assertEquals(4, fx.readLong(right, 0), "right leaf, order " + Arrays.toString(order));
                }
                if (open[1]) {
                    assertEquals(2, fx.readLong(middle, 0));
                    assertEquals(200, fx.readLong(middle, 2 * PAGE));
                }
            }
        }
    }

    private static int[][] permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out.toArray(int[][]::new);
    }

    private static void permute(int[] current, boolean[] used, int depth, List<int[]> out) {
        if (depth == current.length) {
            out.add(current.clone());
            return;
        }
        for (int i = 0; i < current.length; i++) {
            if (!used[i]) {
                used[i] = true;
                current[depth] = i;
                permute(current, used, depth + 1, out);
                used[i] = false;
            }
        }
    }

    @Test
    @DisplayName("core-tests B9.4 'ContentInParentAndChild': OP_ZERO on either side of a snapshot zeroes only that side")
    void zeroOnEitherSide() {
        int parent = fx.taggedVmo(2, 0);
        int clone = fx.child(parent, SNAPSHOT, 0, 2 * PAGE);
        ok(VmoOpRangeTest.op(clone, VmoOpRangeTest.ZERO, 0, PAGE));
        assertEquals(0, fx.readLong(clone, 0));
        assertEquals(1, fx.readLong(parent, 0));
        ok(VmoOpRangeTest.op(parent, VmoOpRangeTest.ZERO, PAGE, PAGE));
        assertEquals(0, fx.readLong(parent, PAGE));
        assertEquals(2, fx.readLong(clone, PAGE));
    }

    @Test
    @DisplayName("core-tests B9.3 'ResizeOffsetChild': shrinking a parent to 0 leaves an offset clone's data; regrowth shows zeros")
    void shrinkParentUnderOffsetClone() {
        int parent = fx.taggedVmo(4, zircon_h.ZX_VMO_RESIZABLE());
        int clone = fx.child(parent, SNAPSHOT | CHILD_RESIZABLE, PAGE, 2 * PAGE);
        ok(zircon_h.zx_vmo_set_size(parent, 0));
        assertEquals(2, fx.readLong(clone, 0));
        assertEquals(3, fx.readLong(clone, PAGE));
        ok(zircon_h.zx_vmo_set_size(parent, 4 * PAGE));
        for (int i = 0; i < 4; i++) {
            assertEquals(0, fx.readLong(parent, i * PAGE), "page " + i);
        }
        ok(zircon_h.zx_vmo_set_size(clone, 4 * PAGE));
        assertEquals(0, fx.readLong(clone, 2 * PAGE), "never the old parent page 3");
    }

    @Test
    @DisplayName("core-tests B9.1 'CowPageSourceThroughSlices': SNAPSHOT of a SLICE of a SNAPSHOT is NOT_SUPPORTED, or works")
    void snapshotThroughSlice() {
        int parent = fx.taggedVmo(2, 0);
        int clone = fx.child(parent, SNAPSHOT, 0, 2 * PAGE);
        int slice = fx.child(clone, SLICE, 0, 2 * PAGE);
        Fixture.NewHandle grandchild = fx.childStatus(slice, SNAPSHOT, 0, 2 * PAGE);
        if (grandchild.status() == Zx.NOT_SUPPORTED) {
            return;
        }
        ok(grandchild.status());
        assertEquals(1, fx.readLong(grandchild.handle(), 0));
        fx.writeLong(grandchild.handle(), 0, 9);
        assertEquals(9, fx.readLong(grandchild.handle(), 0));
        assertEquals(1, fx.readLong(clone, 0));
    }

    @Test
    @DisplayName("core-tests B9.5 'ChildSlice', 'NestedChild': a slice of a reference is a window on the root; nested parent koids")
    void referenceNesting() {
        int root = fx.taggedVmo(3, 0);
        int ref = fx.child(root, REFERENCE, 0, 0);
        int slice = fx.child(ref, SLICE, PAGE, PAGE);
        assertEquals(2, fx.readLong(slice, 0));
        fx.writeLong(slice, 0, 22);
        assertEquals(22, fx.readLong(root, PAGE));
        int nested = fx.child(ref, REFERENCE, 0, 0);
        assertEquals(Info.koid(ref), Info.vmo(nested).parentKoid());
        assertEquals(22, fx.readLong(nested, PAGE));
    }

    @Test
    @DisplayName("core-tests B9.5 'UnsupportedResize': REFERENCE|RESIZABLE of a non-resizable VMO is NOT_SUPPORTED; a plain one gives UNAVAILABLE")
    void referenceResize() {
        int vmo = fx.vmo(PAGE);
        assertStatus(zircon_h.ZX_ERR_NOT_SUPPORTED(), fx.childStatus(vmo, REFERENCE | CHILD_RESIZABLE, 0, 0).status());
        int ref = fx.child(vmo, REFERENCE, 0, 0);
        assertStatus(UNAVAILABLE, zircon_h.zx_vmo_set_size(ref, 2 * PAGE));
    }

    // ======= reference children =======

    @Test
    @DisplayName("core-tests B9.5 'Write', 'GetInfo': a REFERENCE child shares the parent's pages; parent_koid set, not a COW clone")
    void referenceChild() {
        int parent = fx.vmo(2 * PAGE);
        int ref = fx.child(parent, REFERENCE, 0, 0);
        fx.writeLong(parent, PAGE, 7);
        assertEquals(7, fx.readLong(ref, PAGE));
        fx.writeLong(ref, 0, 8);
        assertEquals(8, fx.readLong(parent, 0));
        Info.Vmo info = Info.vmo(ref);
        assertEquals(Info.koid(parent), info.parentKoid());
        assertEquals(0, info.flags() & COW);
    }
}
