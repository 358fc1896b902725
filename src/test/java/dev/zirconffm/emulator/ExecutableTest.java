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
import static dev.zirconffm.emulator.Zx.OK;
import static dev.zirconffm.emulator.Zx.PAGE;
import static dev.zirconffm.emulator.Zx.R;
import static dev.zirconffm.emulator.Zx.RIGHT_DUPLICATE;
import static dev.zirconffm.emulator.Zx.RIGHT_EXECUTE;
import static dev.zirconffm.emulator.Zx.RIGHT_MAP;
import static dev.zirconffm.emulator.Zx.RIGHT_READ;
import static dev.zirconffm.emulator.Zx.RIGHT_WRITE;
import static dev.zirconffm.emulator.Zx.W;
import static dev.zirconffm.emulator.Zx.X;
import static dev.zirconffm.emulator.Zx.assertStatus;
import static dev.zirconffm.emulator.Zx.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@code zx_vmo_replace_as_executable} and executable mappings (core-tests B5 'RightsExec'). */
class ExecutableTest extends EmulatorTest {

    /** Replaces {@code vmo} with an executable handle, asserting {@code ZX_OK}. */
    private int executable(int vmo) {
        MemorySegment out = fx.u32();
        ok(zircon_h.zx_vmo_replace_as_executable(vmo, INVALID_HANDLE, out));
        fx.forget(vmo);
        return fx.track(out.get(ValueLayout.JAVA_INT, 0));
    }

    @Test
    @DisplayName("vmo_replace_as_executable.md: with ZX_HANDLE_INVALID as vmex, OK; adds EXECUTE; consumes the handle")
    void replaceAddsExecute() {
        int vmo = fx.vmo(PAGE);
        Info.Basic before = Info.basic(vmo);
        int exec = executable(vmo);
        Info.Basic after = Info.basic(exec);
        assertEquals(before.koid(), after.koid());
        assertEquals(before.rights() | RIGHT_EXECUTE, after.rights());
        assertFalse(vmo != exec && Info.valid(vmo), "the original handle is consumed");
    }

    @Test
    @DisplayName("vmo_replace_as_executable.md: a non-VMO handle gives BAD_HANDLE and is consumed")
    void replaceNonVmo() {
        int vmar = fx.duplicate(fx.vmar(PAGE).handle(), Zx.SAME_RIGHTS);
        assertStatus(BAD_HANDLE, zircon_h.zx_vmo_replace_as_executable(vmar, INVALID_HANDLE, fx.u32()));
        fx.forget(vmar);
        assertFalse(Info.valid(vmar));
    }

    @Test
    @DisplayName("vmo_replace_as_executable.md: an invalid handle gives BAD_HANDLE")
    void replaceBadHandle() {
        assertStatus(BAD_HANDLE, zircon_h.zx_vmo_replace_as_executable(INVALID_HANDLE, INVALID_HANDLE, fx.u32()));
    }

    private int mapStatus(int vmo, int perms) {
        return fx.mapStatus(Zx.root(), perms, 0, vmo, 0, PAGE).status();
    }

    @Test
    @DisplayName("core-tests B5 'RightsExec': the map matrix of an executable VMO's handle rights and mapping perms")
    void executableMapMatrix() {
        int exec = executable(fx.vmo(PAGE));
        int rwx = R | W | X;
        int rx = R | X;
        int rw = R | W;
        // Full handle.
        assertStatus(OK, mapStatus(exec, rwx), "full: RWX");
        assertStatus(OK, mapStatus(exec, rx), "full: RX");
        // No MAP right: the MAP check comes first.
        int noMap = fx.duplicate(exec, RIGHT_READ | RIGHT_WRITE | RIGHT_EXECUTE | RIGHT_DUPLICATE);
        for (int perms : new int[] {0, R, W, rw, rx, rwx}) {
            assertStatus(ACCESS_DENIED, mapStatus(noMap, perms), "no MAP: perms " + perms);
        }
        int readMap = fx.duplicate(exec, RIGHT_READ | RIGHT_MAP);
        assertStatus(ACCESS_DENIED, mapStatus(readMap, rx), "READ|MAP: RX");
        assertStatus(ACCESS_DENIED, mapStatus(readMap, rwx), "READ|MAP: RWX");
        int readExecMap = fx.duplicate(exec, RIGHT_READ | RIGHT_EXECUTE | RIGHT_MAP);
        assertStatus(OK, mapStatus(readExecMap, R), "READ|EXECUTE|MAP: R");
        assertStatus(OK, mapStatus(readExecMap, rx), "READ|EXECUTE|MAP: RX");
        assertStatus(ACCESS_DENIED, mapStatus(readExecMap, rw), "READ|EXECUTE|MAP: RW");
        assertStatus(ACCESS_DENIED, mapStatus(readExecMap, rwx), "READ|EXECUTE|MAP: RWX");
        int allMap = fx.duplicate(exec, RIGHT_READ | RIGHT_WRITE | RIGHT_EXECUTE | RIGHT_MAP);
        assertStatus(OK, mapStatus(allMap, rw), "READ|WRITE|EXECUTE|MAP: RW");
        assertStatus(OK, mapStatus(allMap, rwx), "READ|WRITE|EXECUTE|MAP: RWX");
        // Write or execute without read cannot be expressed.
        for (int h : new int[] {exec, readMap, readExecMap, allMap}) {
            assertStatus(INVALID_ARGS, mapStatus(h, W), "W only");
            assertStatus(INVALID_ARGS, mapStatus(h, X), "X only");
            assertStatus(INVALID_ARGS, mapStatus(h, W | X), "WX");
        }
    }

    @Test
    @DisplayName("vmar_map.md: a VMO without EXECUTE cannot be mapped executable (ACCESS_DENIED)")
    void plainVmoIsNotExecutable() {
        int vmo = fx.vmo(PAGE);
        assertStatus(ACCESS_DENIED, mapStatus(vmo, R | X));
    }
}
