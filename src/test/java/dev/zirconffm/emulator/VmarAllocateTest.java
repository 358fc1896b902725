package dev.zirconffm.emulator;

import dev.zirconffm.internal.bindings.zircon_h;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.zirconffm.emulator.Zx.ACCESS_DENIED;
import static dev.zirconffm.emulator.Zx.BAD_HANDLE;
import static dev.zirconffm.emulator.Zx.CAN_MAP_EXECUTE;
import static dev.zirconffm.emulator.Zx.CAN_MAP_READ;
import static dev.zirconffm.emulator.Zx.CAN_MAP_RW;
import static dev.zirconffm.emulator.Zx.CAN_MAP_SPECIFIC;
import static dev.zirconffm.emulator.Zx.CAN_MAP_WRITE;
import static dev.zirconffm.emulator.Zx.INVALID_ARGS;
import static dev.zirconffm.emulator.Zx.INVALID_HANDLE;
import static dev.zirconffm.emulator.Zx.NO_RESOURCES;
import static dev.zirconffm.emulator.Zx.PAGE;
import static dev.zirconffm.emulator.Zx.R;
import static dev.zirconffm.emulator.Zx.RIGHT_EXECUTE;
import static dev.zirconffm.emulator.Zx.RIGHT_READ;
import static dev.zirconffm.emulator.Zx.RIGHT_WRITE;
import static dev.zirconffm.emulator.Zx.RW;
import static dev.zirconffm.emulator.Zx.SPECIFIC;
import static dev.zirconffm.emulator.Zx.WRONG_TYPE;
import static dev.zirconffm.emulator.Zx.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code zx_vmar_allocate} (vmar_allocate.md, core-tests A1, A9, A10). */
class VmarAllocateTest extends EmulatorTest {

    private static final int UPPER_LIMIT = zircon_h.ZX_VM_OFFSET_IS_UPPER_LIMIT();
    private static final int ALL = CAN_MAP_RW | CAN_MAP_SPECIFIC;

    private int allocStatus(int parent, int options, long offset, long size) {
        return fx.allocateStatus(parent, options, offset, size).status();
    }

    @Test
    @DisplayName("core-tests A1 'BasicAllocateTest', 'ObjectInfoTest': a 10-page region and a 1-page child inside it")
    void basicAllocate() {
        Fixture.Vmar region = fx.vmar(Zx.root(), ALL, 0, 10 * PAGE);
        assertEquals(new Info.Vmar(region.base(), 10 * PAGE), Info.vmar(region.handle()));
        assertEquals(0, region.base() % PAGE);
        Fixture.Vmar child = fx.vmar(region.handle(), ALL, 0, PAGE);
        assertTrue(child.base() >= region.base() && child.base() + PAGE <= region.base() + 10 * PAGE);
        assertEquals(new Info.Vmar(child.base(), PAGE), Info.vmar(child.handle()));
    }

    @Test
    @DisplayName("core-tests A1 'AllocateOobTest': SPECIFIC at offset == size, or running past the end, gives INVALID_ARGS")
    void allocateOutOfBounds() {
        Fixture.Vmar region = fx.vmar(Zx.root(), ALL, 0, 10 * PAGE);
        assertStatus(INVALID_ARGS, allocStatus(region.handle(), ALL | SPECIFIC, 10 * PAGE, PAGE));
        assertStatus(INVALID_ARGS, allocStatus(region.handle(), ALL | SPECIFIC, 9 * PAGE, 2 * PAGE));
    }

    @Test
    @DisplayName("core-tests A1 'AllocateUnsatisfiableTest': too big gives INVALID_ARGS; exactly full is OK at the base; then NO_RESOURCES")
    void allocateUnsatisfiable() {
        Fixture.Vmar region = fx.vmar(Zx.root(), ALL, 0, 10 * PAGE);
        assertStatus(INVALID_ARGS, allocStatus(region.handle(), ALL, 0, 11 * PAGE));
        Fixture.Vmar full = fx.vmar(region.handle(), ALL, 0, 10 * PAGE);
        assertEquals(region.base(), full.base());
        assertStatus(NO_RESOURCES, allocStatus(region.handle(), ALL, 0, PAGE));
    }

    @Test
    @DisplayName("core-tests A1 'MapInCompactTest': two 1-page mappings in a COMPACT region lie inside it")
    void compactRegion() {
        Fixture.Vmar region = fx.vmar(Zx.root(), ALL | zircon_h.ZX_VM_COMPACT(), 0, 10 * PAGE);
        int vmo = fx.vmo(PAGE);
        for (int i = 0; i < 2; i++) {
            long addr = fx.map(region.handle(), RW, 0, vmo, 0, PAGE);
            assertTrue(addr >= region.base() && addr + PAGE <= region.base() + 10 * PAGE);
        }
    }

    @Test
    @DisplayName("vmar_allocate.md: SPECIFIC places the child at parent base + offset")
    void specificOffset() {
        Fixture.Vmar region = fx.vmar(Zx.root(), ALL, 0, 10 * PAGE);
        Fixture.Vmar child = fx.vmar(region.handle(), ALL | SPECIFIC, 3 * PAGE, 2 * PAGE);
        assertEquals(region.base() + 3 * PAGE, child.base());
    }

    @Test
    @DisplayName("vmar_allocate.md: OFFSET_IS_UPPER_LIMIT keeps the child below base + offset")
    void upperLimit() {
        Fixture.Vmar region = fx.vmar(Zx.root(), ALL, 0, 100 * PAGE);
        for (int i = 0; i < 20; i++) {
            Fixture.Vmar child = fx.vmar(region.handle(), ALL | UPPER_LIMIT, 50 * PAGE, PAGE);
            assertTrue(child.base() + PAGE <= region.base() + 50 * PAGE, "child ends below the limit");
            assertTrue(child.base() >= region.base());
        }
        assertStatus(INVALID_ARGS, allocStatus(region.handle(), ALL | UPPER_LIMIT | SPECIFIC, 50 * PAGE, PAGE));
    }

    @Test
    @DisplayName("vmar_allocate.md: children never overlap one another")
    void childrenAreDisjoint() {
        Fixture.Vmar region = fx.vmar(Zx.root(), ALL, 0, 64 * PAGE);
        List<Fixture.Vmar> children = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            children.add(fx.vmar(region.handle(), ALL, 0, (1 + i % 3) * PAGE));
        }
        for (Fixture.Vmar a : children) {
            for (Fixture.Vmar b : children) {
                if (a != b) {
                    assertTrue(a.base() + a.size() <= b.base() || b.base() + b.size() <= a.base(), a + " overlaps " + b);
                }
            }
        }
    }

    @Test
    @DisplayName("vmar_allocate.md / core-tests A9 'NestedRegionPermsTest': CAN_MAP_* no wider than the parent's (ACCESS_DENIED)")
    void canMapNoWiderThanParent() {
        for (int excluded : new int[] {CAN_MAP_READ, CAN_MAP_WRITE, CAN_MAP_EXECUTE}) {
            int rwx = CAN_MAP_READ | CAN_MAP_WRITE | CAN_MAP_EXECUTE;
            Fixture.Vmar region = fx.vmar(Zx.root(), (rwx & ~excluded) | CAN_MAP_SPECIFIC, 0, 4 * PAGE);
            assertStatus(ACCESS_DENIED, allocStatus(region.handle(), rwx, 0, PAGE), "without " + excluded);
            fx.vmar(region.handle(), rwx & ~excluded, 0, PAGE);
        }
    }

    @Test
    @DisplayName("vmar_allocate.md: a new VMAR's rights are the default VMAR rights plus READ/WRITE/EXECUTE per CAN_MAP_*")
    void childRights() {
        int base = zircon_h.ZX_DEFAULT_VMAR_RIGHTS();
        assertEquals(base, Info.rights(fx.vmar(Zx.root(), 0, 0, PAGE).handle()));
        assertEquals(base | RIGHT_READ, Info.rights(fx.vmar(Zx.root(), CAN_MAP_READ, 0, PAGE).handle()));
        assertEquals(base | RIGHT_READ | RIGHT_WRITE, Info.rights(fx.vmar(Zx.root(), CAN_MAP_RW, 0, PAGE).handle()));
        assertEquals(base | RIGHT_READ | RIGHT_EXECUTE,
                Info.rights(fx.vmar(Zx.root(), CAN_MAP_READ | CAN_MAP_EXECUTE, 0, PAGE).handle()));
    }

    @Test
    @DisplayName("core-tests A9 'RightsDropTest': a parent handle without WRITE cannot allocate a CAN_MAP_WRITE child")
    void parentHandleRights() {
        Fixture.Vmar region = fx.vmar(Zx.root(), ALL, 0, 4 * PAGE);
        int readOnly = fx.duplicate(region.handle(), zircon_h.ZX_DEFAULT_VMAR_RIGHTS() | RIGHT_READ);
        assertStatus(ACCESS_DENIED, allocStatus(readOnly, CAN_MAP_RW, 0, PAGE));
        fx.vmar(readOnly, CAN_MAP_READ, 0, PAGE);
    }

    @Test
    @DisplayName("core-tests A3 'NestedRegionPermsTest': SPECIFIC in a region without CAN_MAP_SPECIFIC gives ACCESS_DENIED")
    void specificNeedsCanMapSpecific() {
        Fixture.Vmar region = fx.vmar(Zx.root(), CAN_MAP_RW, 0, 4 * PAGE);
        assertStatus(ACCESS_DENIED, allocStatus(region.handle(), CAN_MAP_RW | SPECIFIC, PAGE, PAGE));
    }

    @Test
    @DisplayName("core-tests A10 'InvalidArgsTest': offset without SPECIFIC, PERM_*, unknown bits, zero/unaligned sizes give INVALID_ARGS")
    void invalidArgs() {
        Fixture.Vmar region = fx.vmar(Zx.root(), ALL, 0, 10 * PAGE);
        int h = region.handle();
        assertStatus(INVALID_ARGS, allocStatus(h, ALL, PAGE, PAGE), "offset without SPECIFIC");
        assertStatus(INVALID_ARGS, allocStatus(h, ALL | R, 0, PAGE), "PERM_READ");
        assertStatus(INVALID_ARGS, allocStatus(h, ALL | (1 << 31), 0, PAGE), "bit 31");
        assertStatus(INVALID_ARGS, allocStatus(h, ALL | zircon_h.ZX_VM_MAP_RANGE(), 0, PAGE), "MAP_RANGE");
        assertStatus(INVALID_ARGS, allocStatus(h, ALL, 0, 0), "size 0");
        assertStatus(INVALID_ARGS, allocStatus(h, ALL, 0, PAGE - 1), "size page - 1");
        assertStatus(INVALID_ARGS, allocStatus(h, ALL | SPECIFIC, PAGE - 1, PAGE), "SPECIFIC offset page - 1");
        assertStatus(INVALID_ARGS, allocStatus(h, ALL, 0, -PAGE + 2), "size that rounds up to 0");
        assertStatus(INVALID_ARGS, allocStatus(h, ALL | SPECIFIC | UPPER_LIMIT, PAGE, PAGE), "SPECIFIC|UPPER_LIMIT");
    }

    @Test
    @DisplayName("vmar_allocate.md: BAD_HANDLE, and WRONG_TYPE for a VMO handle")
    void badHandles() {
        assertStatus(BAD_HANDLE, allocStatus(INVALID_HANDLE, 0, 0, PAGE));
        assertStatus(WRONG_TYPE, allocStatus(fx.vmo(PAGE), 0, 0, PAGE));
    }

    @Test
    @DisplayName("vmar_allocate.md: a region holding a child cannot be overlapped by a SPECIFIC sibling (ALREADY_EXISTS)")
    void overlappingSpecificAllocation() {
        Fixture.Vmar region = fx.vmar(Zx.root(), ALL, 0, 10 * PAGE);
        fx.vmar(region.handle(), ALL | SPECIFIC, 2 * PAGE, 2 * PAGE);
        assertStatus(Zx.ALREADY_EXISTS, allocStatus(region.handle(), ALL | SPECIFIC, 3 * PAGE, 2 * PAGE));
        assertStatus(Zx.ALREADY_EXISTS, allocStatus(region.handle(), ALL | SPECIFIC, PAGE, 4 * PAGE));
    }
}
