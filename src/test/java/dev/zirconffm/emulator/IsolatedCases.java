package dev.zirconffm.emulator;

import dev.zirconffm.internal.bindings.zircon_h;
import dev.zirconffm.internal.bindings.zx_info_handle_basic;
import dev.zirconffm.internal.bindings.zx_vmo_lock_state;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Cases run by {@link Isolated} in a child JVM: each hands the library a bad user buffer, which a
 * non-conforming library might dereference. Each returns the status of the call under test; the
 * child exits afterwards, so nothing is cleaned up.
 */
final class IsolatedCases {

    /** Fuchsia's x86-64 kernel address-space base; a kernel address on Linux too. */
    private static final long KERNEL_BASE = 0xffff_ff80_0000_0000L;

    private IsolatedCases() {
    }

    private static int vmo(long size) {
        MemorySegment out = Arena.global().allocate(ValueLayout.JAVA_INT);
        check(zircon_h.zx_vmo_create(size, 0, out));
        return out.get(ValueLayout.JAVA_INT, 0);
    }

    /** A 1-page VMAR in the root with nothing mapped: [base, base + page). */
    private static MemorySegment reserved(long pages) {
        MemorySegment handle = Arena.global().allocate(ValueLayout.JAVA_INT);
        MemorySegment addr = Arena.global().allocate(ValueLayout.JAVA_LONG);
        check(zircon_h.zx_vmar_allocate(Zx.root(), Zx.CAN_MAP_RW | Zx.CAN_MAP_SPECIFIC, 0, pages * Zx.PAGE,
                handle, addr));
        reservedHandle = handle.get(ValueLayout.JAVA_INT, 0);
        return MemorySegment.ofAddress(addr.get(ValueLayout.JAVA_LONG, 0));
    }

    private static int reservedHandle;

    private static void check(int status) {
        if (status != Zx.OK) {
            throw new IllegalStateException("setup failed: " + Zx.name(status));
        }
    }

    static int readIntoNull() {
        return zircon_h.zx_vmo_read(vmo(Zx.PAGE), MemorySegment.NULL, 0, 1);
    }

    static int writeFromNull() {
        return zircon_h.zx_vmo_write(vmo(Zx.PAGE), MemorySegment.NULL, 0, 1);
    }

    static int readIntoKernelAddress() {
        return zircon_h.zx_vmo_read(vmo(Zx.PAGE), MemorySegment.ofAddress(KERNEL_BASE), 0, 10);
    }

    static int writeFromBufferSpanningKernelBase() {
        return zircon_h.zx_vmo_write(vmo(Zx.PAGE), MemorySegment.ofAddress(KERNEL_BASE - 5), 0, 10);
    }

    static int readIntoUnmappedVmar() {
        return zircon_h.zx_vmo_read(vmo(Zx.PAGE), reserved(1), 0, 1);
    }

    static int writeFromBufferRunningOffMapping() {
        MemorySegment base = reserved(2);
        MemorySegment mapped = Arena.global().allocate(ValueLayout.JAVA_LONG);
        check(zircon_h.zx_vmar_map(reservedHandle, Zx.RW | Zx.SPECIFIC, 0, vmo(Zx.PAGE), 0, Zx.PAGE, mapped));
        int vmo = vmo(2 * Zx.PAGE);
        check(zircon_h.zx_vmo_write(vmo, base, 0, 1));
        return zircon_h.zx_vmo_write(vmo, base, 0, Zx.PAGE + 1);
    }

    static int readIntoBufferRunningOffMapping() {
        MemorySegment base = reserved(2);
        MemorySegment mapped = Arena.global().allocate(ValueLayout.JAVA_LONG);
        check(zircon_h.zx_vmar_map(reservedHandle, Zx.RW | Zx.SPECIFIC, 0, vmo(Zx.PAGE), 0, Zx.PAGE, mapped));
        int vmo = vmo(2 * Zx.PAGE);
        check(zircon_h.zx_vmo_read(vmo, base, 0, 1));
        return zircon_h.zx_vmo_read(vmo, base, 0, Zx.PAGE + 1);
    }

    static int getNameIntoNull() {
        return zircon_h.zx_object_get_property(vmo(Zx.PAGE), zircon_h.ZX_PROP_NAME(), MemorySegment.NULL,
                zircon_h.ZX_MAX_NAME_LEN());
    }

    static int setNameFromNull() {
        return zircon_h.zx_object_set_property(vmo(Zx.PAGE), zircon_h.ZX_PROP_NAME(), MemorySegment.NULL, 4);
    }

    static int lockIntoNullWithSize() {
        MemorySegment out = Arena.global().allocate(ValueLayout.JAVA_INT);
        check(zircon_h.zx_vmo_create(Zx.PAGE, zircon_h.ZX_VMO_DISCARDABLE(), out));
        return zircon_h.zx_vmo_op_range(out.get(ValueLayout.JAVA_INT, 0), zircon_h.ZX_VMO_OP_LOCK(), 0, Zx.PAGE,
                MemorySegment.NULL, zx_vmo_lock_state.sizeof());
    }

    static int destroyRootVmar() {
        return zircon_h.zx_vmar_destroy(Zx.root());
    }

    static int handleBasicIntoUnmappedBuffer() {
        return zircon_h.zx_object_get_info(vmo(Zx.PAGE), zircon_h.ZX_INFO_HANDLE_BASIC(), reserved(1),
                zx_info_handle_basic.sizeof(), MemorySegment.NULL, MemorySegment.NULL);
    }
}
