package dev.zirconffm.emulator;

import dev.zirconffm.internal.ZirconLibrary;
import dev.zirconffm.internal.bindings.zircon_h;

import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Constants and status assertions shared by the conformance tests. Statuses print by name (e.g.
 * {@code ZX_ERR_OUT_OF_RANGE}) so a failure says at once which Fuchsia status was expected.
 */
final class Zx {

    static {
        ZirconLibrary.ensureLoaded();
    }

    /** {@code zx_system_get_page_size()}: "page" in every test. */
    static final long PAGE = Integer.toUnsignedLong(zircon_h.zx_system_get_page_size());

    static final int OK = zircon_h.ZX_OK();
    static final int INVALID_ARGS = zircon_h.ZX_ERR_INVALID_ARGS();
    static final int BAD_HANDLE = zircon_h.ZX_ERR_BAD_HANDLE();
    static final int WRONG_TYPE = zircon_h.ZX_ERR_WRONG_TYPE();
    static final int ACCESS_DENIED = zircon_h.ZX_ERR_ACCESS_DENIED();
    static final int OUT_OF_RANGE = zircon_h.ZX_ERR_OUT_OF_RANGE();
    static final int BAD_STATE = zircon_h.ZX_ERR_BAD_STATE();
    static final int NOT_FOUND = zircon_h.ZX_ERR_NOT_FOUND();
    static final int NOT_SUPPORTED = zircon_h.ZX_ERR_NOT_SUPPORTED();
    static final int UNAVAILABLE = zircon_h.ZX_ERR_UNAVAILABLE();
    static final int ALREADY_EXISTS = zircon_h.ZX_ERR_ALREADY_EXISTS();
    static final int NO_RESOURCES = zircon_h.ZX_ERR_NO_RESOURCES();
    static final int BUFFER_TOO_SMALL = zircon_h.ZX_ERR_BUFFER_TOO_SMALL();

    static final int INVALID_HANDLE = zircon_h.ZX_HANDLE_INVALID();

    static final int R = zircon_h.ZX_VM_PERM_READ();
    static final int W = zircon_h.ZX_VM_PERM_WRITE();
    static final int X = zircon_h.ZX_VM_PERM_EXECUTE();
    static final int RW = R | W;
    static final int SPECIFIC = zircon_h.ZX_VM_SPECIFIC();
    static final int SPECIFIC_OVERWRITE = zircon_h.ZX_VM_SPECIFIC_OVERWRITE();
    static final int CAN_MAP_SPECIFIC = zircon_h.ZX_VM_CAN_MAP_SPECIFIC();
    static final int CAN_MAP_READ = zircon_h.ZX_VM_CAN_MAP_READ();
    static final int CAN_MAP_WRITE = zircon_h.ZX_VM_CAN_MAP_WRITE();
    static final int CAN_MAP_EXECUTE = zircon_h.ZX_VM_CAN_MAP_EXECUTE();
    static final int CAN_MAP_RW = CAN_MAP_READ | CAN_MAP_WRITE;
    static final int MAP_RANGE = zircon_h.ZX_VM_MAP_RANGE();

    static final int RIGHT_DUPLICATE = zircon_h.ZX_RIGHT_DUPLICATE();
    static final int RIGHT_TRANSFER = zircon_h.ZX_RIGHT_TRANSFER();
    static final int RIGHT_READ = zircon_h.ZX_RIGHT_READ();
    static final int RIGHT_WRITE = zircon_h.ZX_RIGHT_WRITE();
    static final int RIGHT_EXECUTE = zircon_h.ZX_RIGHT_EXECUTE();
    static final int RIGHT_MAP = zircon_h.ZX_RIGHT_MAP();
    static final int RIGHT_GET_PROPERTY = zircon_h.ZX_RIGHT_GET_PROPERTY();
    static final int RIGHT_SET_PROPERTY = zircon_h.ZX_RIGHT_SET_PROPERTY();
    static final int RIGHT_INSPECT = zircon_h.ZX_RIGHT_INSPECT();
    static final int RIGHT_OP_CHILDREN = zircon_h.ZX_RIGHT_OP_CHILDREN();
    static final int RIGHT_RESIZE = zircon_h.ZX_RIGHT_RESIZE();
    static final int SAME_RIGHTS = zircon_h.ZX_RIGHT_SAME_RIGHTS();

    private static final Map<Integer, String> STATUS_NAMES = statusNames();

    private Zx() {
    }

    /** The root VMAR of this (emulated) process. Owned by the runtime: never closed. */
    static int root() {
        return zircon_h.zx_vmar_root_self();
    }

    /** This process. Owned by the runtime: never closed. */
    static int self() {
        return zircon_h.zx_process_self();
    }

    /** The name of a status, e.g. {@code ZX_ERR_BAD_HANDLE}, or its number if unknown. */
    static String name(int status) {
        return STATUS_NAMES.getOrDefault(status, "status " + status);
    }

    /** Asserts that {@code actual} is {@code expected}, naming both. */
    static void assertStatus(int expected, int actual, String what) {
        assertEquals(name(expected), name(actual), what);
    }

    /** Asserts that {@code actual} is {@code expected}, naming both. */
    static void assertStatus(int expected, int actual) {
        assertEquals(name(expected), name(actual));
    }

    /** Asserts {@code ZX_OK}. */
    static void ok(int status) {
        assertStatus(OK, status);
    }

    /** Asserts {@code ZX_OK}, with a description of the call. */
    static void ok(int status, String what) {
        assertStatus(OK, status, what);
    }

    /** A segment over {@code len} bytes of mapped memory at {@code addr}, for tests only. */
    static MemorySegment mem(long addr, long len) {
        return MemorySegment.ofAddress(addr).reinterpret(len);
    }

    private static Map<Integer, String> statusNames() {
        Map<Integer, String> names = new TreeMap<>();
        for (Method m : zircon_h.class.getMethods()) {
            String n = m.getName();
            if (Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0
                    && (n.equals("ZX_OK") || n.startsWith("ZX_ERR_"))) {
                try {
                    names.putIfAbsent((Integer) m.invoke(null), n);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return names;
    }
}
