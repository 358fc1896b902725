package dev.zirconffm.emulator;

import dev.zirconffm.internal.bindings.zircon_h;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static dev.zirconffm.emulator.Zx.CAN_MAP_RW;
import static dev.zirconffm.emulator.Zx.CAN_MAP_SPECIFIC;
import static dev.zirconffm.emulator.Zx.INVALID_ARGS;
import static dev.zirconffm.emulator.Zx.OK;
import static dev.zirconffm.emulator.Zx.PAGE;
import static dev.zirconffm.emulator.Zx.RW;
import static dev.zirconffm.emulator.Zx.SPECIFIC;
import static dev.zirconffm.emulator.Zx.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ZX_VM_ALIGN_*} for map and allocate (core-tests A8 'AlignmentVmarMapTest', 'AlignmentVmarAllocateTest'). */
class AlignmentTest extends EmulatorTest {

    private static final int BASE = zircon_h.ZX_VM_ALIGN_BASE();

    /** An 8 GiB region at a 512 MiB-aligned address, as the core tests place theirs. */
    private Fixture.Vmar bigRegion() {
        Fixture.Vmar region = fx.vmar(Zx.root(), CAN_MAP_RW | CAN_MAP_SPECIFIC | zircon_h.ZX_VM_ALIGN_512MB(), 0, 8L << 30);
        assertEquals(0, region.base() % (512L << 20), "ZX_VM_ALIGN_512MB");
        return region;
    }

    @Test
    @DisplayName("core-tests A8 'AlignmentVmarMapTest': every ALIGN_1KB..ALIGN_2GB map is aligned; 9 and 33 give INVALID_ARGS")
    void mapAlignment() {
        Fixture.Vmar region = bigRegion();
        int vmo = fx.vmo(2 * PAGE);
        for (int log2 = 10; log2 <= 31; log2++) {
            long addr = fx.map(region.handle(), RW | (log2 << BASE), 0, vmo, 0, 2 * PAGE);
            assertTrue(Long.numberOfTrailingZeros(addr) >= log2, "ALIGN 2^" + log2 + ": " + Long.toHexString(addr));
            assertTrue(addr >= region.base() && addr + 2 * PAGE <= region.base() + region.size());
        }
        for (int bad : new int[] {1, 9, 33}) {
            assertStatus(INVALID_ARGS, fx.mapStatus(region.handle(), RW | (bad << BASE), 0, vmo, 0, 2 * PAGE).status(),
                    "alignment field " + bad);
        }
    }

    @Test
    @DisplayName("core-tests A8 'AlignmentVmarMapTest': an ALIGN_4GB map is OK and 4 GiB-aligned")
    void mapAlignment4GB() {
        Fixture.Vmar region = bigRegion();
        int vmo = fx.vmo(2 * PAGE);
        long addr = fx.map(region.handle(), RW | zircon_h.ZX_VM_ALIGN_4GB(), 0, vmo, 0, 2 * PAGE);
        assertTrue(Long.numberOfTrailingZeros(addr) >= 32, Long.toHexString(addr));
    }

    @Test
    @DisplayName("core-tests A8 'AlignmentVmarMapTest': ALIGN_64KB|SPECIFIC at offset 4096 gives INVALID_ARGS; at 64 KiB OK")
    void specificMapMustBeAligned() {
        Fixture.Vmar region = bigRegion();
        int vmo = fx.vmo(2 * PAGE);
        int options = RW | SPECIFIC | zircon_h.ZX_VM_ALIGN_64KB();
        assertStatus(INVALID_ARGS, fx.mapStatus(region.handle(), options, 4096, vmo, 0, 2 * PAGE).status());
        assertStatus(OK, fx.mapStatus(region.handle(), options, 64 << 10, vmo, 0, 2 * PAGE).status());
    }

    @Test
    @DisplayName("core-tests A8 'AlignmentVmarAllocateTest': every ALIGN_1KB..ALIGN_2GB allocation is aligned; 9 and 33 give INVALID_ARGS")
    void allocateAlignment() {
        Fixture.Vmar region = bigRegion();
        for (int log2 = 10; log2 <= 31; log2++) {
            Fixture.Vmar child = fx.vmar(region.handle(), CAN_MAP_RW | (log2 << BASE), 0, 16 * PAGE);
            assertTrue(Long.numberOfTrailingZeros(child.base()) >= log2,
                    "ALIGN 2^" + log2 + ": " + Long.toHexString(child.base()));
        }
        for (int bad : new int[] {1, 9, 33}) {
            assertStatus(INVALID_ARGS, fx.allocateStatus(region.handle(), CAN_MAP_RW | (bad << BASE), 0, 16 * PAGE).status(),
                    "alignment field " + bad);
        }
    }

    @Test
    @DisplayName("core-tests A8 'AlignmentVmarAllocateTest': an ALIGN_4GB allocation is OK and 4 GiB-aligned")
    void allocateAlignment4GB() {
        Fixture.Vmar region = bigRegion();
        Fixture.Vmar child = fx.vmar(region.handle(), CAN_MAP_RW | zircon_h.ZX_VM_ALIGN_4GB(), 0, 16 * PAGE);
        assertTrue(Long.numberOfTrailingZeros(child.base()) >= 32, Long.toHexString(child.base()));
    }

    @Test
    @DisplayName("core-tests A8 'AlignmentVmarAllocateTest': ALIGN_64KB|SPECIFIC at offset 4096 gives INVALID_ARGS; at 64 KiB OK")
    void specificAllocateMustBeAligned() {
        Fixture.Vmar region = bigRegion();
        int options = CAN_MAP_RW | SPECIFIC | zircon_h.ZX_VM_ALIGN_64KB();
        assertStatus(INVALID_ARGS, fx.allocateStatus(region.handle(), options, 4096, 16 * PAGE).status());
        assertStatus(OK, fx.allocateStatus(region.handle(), options, 64 << 10, 16 * PAGE).status());
    }
}
