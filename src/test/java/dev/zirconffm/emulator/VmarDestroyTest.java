package dev.zirconffm.emulator;

import dev.zirconffm.internal.bindings.zircon_h;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;

import static dev.zirconffm.emulator.Zx.ACCESS_DENIED;
import static dev.zirconffm.emulator.Zx.BAD_HANDLE;
import static dev.zirconffm.emulator.Zx.BAD_STATE;
import static dev.zirconffm.emulator.Zx.CAN_MAP_RW;
import static dev.zirconffm.emulator.Zx.CAN_MAP_SPECIFIC;
import static dev.zirconffm.emulator.Zx.INVALID_HANDLE;
import static dev.zirconffm.emulator.Zx.PAGE;
import static dev.zirconffm.emulator.Zx.R;
import static dev.zirconffm.emulator.Zx.RIGHT_OP_CHILDREN;
import static dev.zirconffm.emulator.Zx.RW;
import static dev.zirconffm.emulator.Zx.SPECIFIC;
import static dev.zirconffm.emulator.Zx.WRONG_TYPE;
import static dev.zirconffm.emulator.Zx.assertStatus;
import static dev.zirconffm.emulator.Zx.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code zx_vmar_destroy} and nested destruction (vmar_destroy.md, core-tests A6). */
class VmarDestroyTest extends EmulatorTest {

    private static final int SUB = CAN_MAP_RW | CAN_MAP_SPECIFIC;

    @Test
    @DisplayName("core-tests A6 'DestroyTest': without OP_CHILDREN ACCESS_DENIED; then OK; allocating inside gives BAD_STATE")
    void destroy() {
        Fixture.Vmar region = fx.vmar(1024 * PAGE);
        int noOpChildren = fx.duplicate(region.handle(), Info.rights(region.handle()) & ~RIGHT_OP_CHILDREN);
        assertStatus(ACCESS_DENIED, zircon_h.zx_vmar_destroy(noOpChildren));
        ok(zircon_h.zx_vmar_destroy(region.handle()));
        assertStatus(BAD_STATE, fx.allocateStatus(region.handle(), SUB, 0, PAGE).status());
    }

    @Test
    @DisplayName("core-tests A6 'DestroyedVmarTest': destroying a region unmaps it and its child's memory; both handles stay valid but BAD_STATE")
    void destroyedVmarIsDeadButValid() {
        Fixture.Vmar region0 = fx.vmar(10 * PAGE);
        Fixture.Vmar region1 = fx.vmar(region0.handle(), SUB | SPECIFIC, 4 * PAGE, 4 * PAGE);
        int vmo = fx.vmo(2 * PAGE);
        long addr0 = fx.map(region0.handle(), RW | SPECIFIC, 0, vmo, 0, 2 * PAGE);
        long addr1 = fx.map(region1.handle(), RW | SPECIFIC, PAGE, vmo, 0, 2 * PAGE);
        Zx.mem(addr0, 8).set(ValueLayout.JAVA_LONG, 0, 10);
        assertEquals(10, Zx.mem(addr1, 8).get(ValueLayout.JAVA_LONG, 0));

        ok(zircon_h.zx_vmar_destroy(region0.handle()));

        for (Fixture.Vmar r : new Fixture.Vmar[] {region0, region1}) {
            int h = r.handle();
            assertTrue(Info.valid(h), "the handle stays valid");
            assertStatus(BAD_STATE, zircon_h.zx_vmar_destroy(h), "destroy");
            assertStatus(BAD_STATE, fx.allocateStatus(h, SUB, 0, PAGE).status(), "allocate");
            assertStatus(BAD_STATE, zircon_h.zx_vmar_unmap(h, r.base(), PAGE), "unmap");
            assertStatus(BAD_STATE, zircon_h.zx_vmar_protect(h, R, r.base(), PAGE), "protect");
            assertStatus(BAD_STATE, fx.mapStatus(h, RW, 0, vmo, 0, PAGE).status(), "map");
        }
        assertFalse(Probe.readable(addr0));
        assertFalse(Probe.readable(addr1));
        assertEquals(10, fx.readLong(vmo, 0), "the VMO keeps its data");
        assertEquals(0, Info.vmo(vmo).numMappings());
        fx.vmar(PAGE);
    }

    @Test
    @DisplayName("vmar_destroy.md: destruction is recursive through several levels")
    void nestedDestruction() {
        Fixture.Vmar top = fx.vmar(16 * PAGE);
        Fixture.Vmar middle = fx.vmar(top.handle(), SUB, 0, 8 * PAGE);
        Fixture.Vmar bottom = fx.vmar(middle.handle(), SUB, 0, 4 * PAGE);
        int vmo = fx.vmo(PAGE);
        long inTop = fx.map(top.handle(), RW, 0, vmo, 0, PAGE);
        long inMiddle = fx.map(middle.handle(), RW, 0, vmo, 0, PAGE);
        long inBottom = fx.map(bottom.handle(), RW, 0, vmo, 0, PAGE);
        assertEquals(3, Info.vmo(vmo).numMappings());
        ok(zircon_h.zx_vmar_destroy(middle.handle()));
        assertTrue(Probe.readable(inTop), "the parent's own mapping stays");
        assertFalse(Probe.readable(inMiddle));
        assertFalse(Probe.readable(inBottom));
        assertEquals(1, Info.vmo(vmo).numMappings());
        assertStatus(BAD_STATE, fx.mapStatus(bottom.handle(), RW, 0, vmo, 0, PAGE).status(), "the grandchild is dead too");
        Fixture.Vmar again = fx.vmar(top.handle(), SUB | SPECIFIC, middle.base() - top.base(), 8 * PAGE);
        assertEquals(middle.base(), again.base(), "the range is free again");
    }

    @Test
    @DisplayName("vmar_allocate.md (Deallocation): closing a VMAR's last handle does not destroy it or unmap its memory")
    void closingHandleDoesNotDestroy() {
        Fixture.Vmar region = fx.vmar(4 * PAGE);
        int vmo = fx.vmo(PAGE);
        long addr = fx.map(region.handle(), RW | SPECIFIC, PAGE, vmo, 0, PAGE);
        fx.close(region.handle());
        assertTrue(Probe.writable(addr));
        // The region still occupies its range in the root: a SPECIFIC allocation there collides.
        Info.Vmar root = Info.vmar(Zx.root());
        assertStatus(Zx.ALREADY_EXISTS,
                fx.allocateStatus(Zx.root(), SUB | SPECIFIC, region.base() - root.base(), PAGE).status());
        ok(zircon_h.zx_vmar_unmap(Zx.root(), region.base(), 4 * PAGE), "unmapping its whole range destroys it");
        assertFalse(Probe.readable(addr));
    }

    @Test
    @DisplayName("vmar_destroy.md: BAD_HANDLE; WRONG_TYPE for a VMO handle")
    void badHandles() {
        assertStatus(BAD_HANDLE, zircon_h.zx_vmar_destroy(INVALID_HANDLE));
        assertStatus(WRONG_TYPE, zircon_h.zx_vmar_destroy(fx.vmo(PAGE)));
    }
    @Test
    @DisplayName("vmar_destroy.md: the root VMAR cannot be destroyed (NOT_SUPPORTED); run in a child JVM")
    void rootCannotBeDestroyed() {
        assertStatus(Zx.NOT_SUPPORTED, Isolated.status(IsolatedCases.class, "destroyRootVmar"));
    }
}
