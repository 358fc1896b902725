package dev.zirconffm.emulator;

import dev.zirconffm.internal.bindings.zircon_h;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static dev.zirconffm.emulator.Zx.ACCESS_DENIED;
import static dev.zirconffm.emulator.Zx.BAD_HANDLE;
import static dev.zirconffm.emulator.Zx.BAD_STATE;
import static dev.zirconffm.emulator.Zx.INVALID_ARGS;
import static dev.zirconffm.emulator.Zx.INVALID_HANDLE;
import static dev.zirconffm.emulator.Zx.PAGE;
import static dev.zirconffm.emulator.Zx.RIGHT_MAP;
import static dev.zirconffm.emulator.Zx.RW;
import static dev.zirconffm.emulator.Zx.WRONG_TYPE;
import static dev.zirconffm.emulator.Zx.assertStatus;
import static dev.zirconffm.emulator.Zx.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code zx_vmo_set_cache_policy} (vmo_set_cache_policy.md, core-tests B7 'Cache'). */
class CachePolicyTest extends EmulatorTest {

    private static final int CACHED = zircon_h.ZX_CACHE_POLICY_CACHED();
    private static final int UNCACHED = zircon_h.ZX_CACHE_POLICY_UNCACHED();
    private static final int UNCACHED_DEVICE = zircon_h.ZX_CACHE_POLICY_UNCACHED_DEVICE();
    private static final int WRITE_COMBINING = zircon_h.ZX_CACHE_POLICY_WRITE_COMBINING();

    private static int setPolicy(int vmo, int policy) {
        return zircon_h.zx_vmo_set_cache_policy(vmo, policy);
    }

    @Test
    @DisplayName("core-tests B7 'Cache': a fresh VMO accepts each policy, ZX_INFO_VMO reports it; MASK + 1 gives INVALID_ARGS")
    void policies() {
        int vmo = fx.vmo(PAGE);
        assertEquals(CACHED, Info.vmo(vmo).cachePolicy());
        for (int policy : new int[] {CACHED, UNCACHED, UNCACHED_DEVICE, WRITE_COMBINING, CACHED}) {
            ok(setPolicy(vmo, policy), "policy " + policy);
            assertEquals(policy, Info.vmo(vmo).cachePolicy());
        }
        assertStatus(INVALID_ARGS, setPolicy(vmo, zircon_h.ZX_CACHE_POLICY_MASK() + 1));
        assertStatus(INVALID_ARGS, setPolicy(vmo, 0xff));
    }

    @Test
    @DisplayName("core-tests B7 'Cache': while mapped gives BAD_STATE, OK after the unmap")
    void whileMapped() {
        int vmo = fx.vmo(PAGE);
        long addr = fx.map(vmo, RW, PAGE);
        assertStatus(BAD_STATE, setPolicy(vmo, UNCACHED));
        ok(zircon_h.zx_vmar_unmap(Zx.root(), addr, PAGE));
        ok(setPolicy(vmo, UNCACHED));
    }

    @Test
    @DisplayName("core-tests B7 'Cache': with a snapshot child gives BAD_STATE, OK once it is closed; on the child BAD_STATE")
    void withChildren() {
        int vmo = fx.vmo(PAGE);
        int child = fx.child(vmo, zircon_h.ZX_VMO_CHILD_SNAPSHOT(), 0, PAGE);
        assertStatus(BAD_STATE, setPolicy(vmo, UNCACHED));
        assertStatus(BAD_STATE, setPolicy(child, UNCACHED));
        fx.close(child);
        ok(setPolicy(vmo, UNCACHED));
    }

    @Test
    @DisplayName("core-tests B7 'Cache' / B9.3 'Uncached': a snapshot of an UNCACHED VMO gives BAD_STATE")
    void snapshotOfUncached() {
        int vmo = fx.vmo(PAGE);
        ok(setPolicy(vmo, UNCACHED));
        assertStatus(BAD_STATE, fx.childStatus(vmo, zircon_h.ZX_VMO_CHILD_SNAPSHOT(), 0, PAGE).status());
    }

    @Test
    @DisplayName("core-tests B7 'Cache': an UNCACHED VMO gives BAD_STATE to vmo_read and vmo_write, OK once CACHED again")
    void readWriteWhileUncached() {
        int vmo = fx.vmo(PAGE);
        MemorySegment buf = fx.buffer(8);
        ok(setPolicy(vmo, UNCACHED));
        assertStatus(BAD_STATE, zircon_h.zx_vmo_read(vmo, buf, 0, 8));
        assertStatus(BAD_STATE, zircon_h.zx_vmo_write(vmo, buf, 0, 8));
        ok(setPolicy(vmo, CACHED));
        ok(zircon_h.zx_vmo_read(vmo, buf, 0, 8));
        ok(zircon_h.zx_vmo_write(vmo, buf, 0, 8));
    }

    @Test
    @DisplayName("core-tests B7 'Cache': a huge sparse VMO with a byte written at 2^50 can be set UNCACHED")
    void hugeSparseVmo() {
        int vmo = fx.vmo(PAGE << 40);
        fx.write(vmo, 1L << 50, new byte[] {1});
        ok(setPolicy(vmo, UNCACHED));
    }

    @Test
    @DisplayName("vmo_set_cache_policy.md: needs ZX_RIGHT_MAP (ACCESS_DENIED); BAD_HANDLE; WRONG_TYPE")
    void rightsAndHandles() {
        int vmo = fx.vmo(PAGE);
        int noMap = fx.duplicate(vmo, Info.rights(vmo) & ~RIGHT_MAP);
        assertStatus(ACCESS_DENIED, setPolicy(noMap, UNCACHED));
        assertStatus(BAD_HANDLE, setPolicy(INVALID_HANDLE, UNCACHED));
        assertStatus(WRONG_TYPE, setPolicy(fx.vmar(PAGE).handle(), UNCACHED));
    }
}
