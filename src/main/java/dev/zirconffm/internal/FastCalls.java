package dev.zirconffm.internal;

import dev.zirconffm.internal.bindings.zircon_h;

import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Downcall handles for the hot paths, built once with {@link Linker.Option#critical(boolean)}.
 *
 * <p>The generated bindings use plain downcalls. Here the calls that must be cheap skip the
 * thread-state transition (they are short and never call back into Java), and
 * {@code zx_vmo_read}/{@code zx_vmo_write} accept heap segments, so a {@code byte[]} reaches the
 * syscall without a staging copy. The GC waits while a critical call runs: a huge read or write
 * of a heap array delays it for the length of the copy.
 */
@SuppressWarnings("restricted") // the handles match the generated descriptors of the same symbols
public final class FastCalls {

    static {
        ZirconLibrary.ensureLoaded();
    }

    private static final Linker LINKER = Linker.nativeLinker();

    private static final MethodHandle VMO_GET_SIZE = LINKER.downcallHandle(
            zircon_h.zx_vmo_get_size$address(), zircon_h.zx_vmo_get_size$descriptor(),
            Linker.Option.critical(false));
    private static final MethodHandle VMO_READ = LINKER.downcallHandle(
            zircon_h.zx_vmo_read$address(), zircon_h.zx_vmo_read$descriptor(),
            Linker.Option.critical(true));
    private static final MethodHandle VMO_WRITE = LINKER.downcallHandle(
            zircon_h.zx_vmo_write$address(), zircon_h.zx_vmo_write$descriptor(),
            Linker.Option.critical(true));
    private static final MethodHandle VMAR_MAP = LINKER.downcallHandle(
            zircon_h.zx_vmar_map$address(), zircon_h.zx_vmar_map$descriptor(),
            Linker.Option.critical(false));
    private static final MethodHandle VMAR_UNMAP = LINKER.downcallHandle(
            zircon_h.zx_vmar_unmap$address(), zircon_h.zx_vmar_unmap$descriptor(),
            Linker.Option.critical(false));

    private FastCalls() {
    }

    /** {@code zx_vmo_get_size(handle, out)}. */
    public static int vmoGetSize(int handle, MemorySegment out) {
        try {
            return (int) VMO_GET_SIZE.invokeExact(handle, out);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code zx_vmo_read(handle, buffer, offset, size)}; {@code buffer} may be a heap segment. */
    public static int vmoRead(int handle, MemorySegment buffer, long offset, long size) {
        try {
            return (int) VMO_READ.invokeExact(handle, buffer, offset, size);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code zx_vmo_write(handle, buffer, offset, size)}; {@code buffer} may be a heap segment. */
    public static int vmoWrite(int handle, MemorySegment buffer, long offset, long size) {
        try {
            return (int) VMO_WRITE.invokeExact(handle, buffer, offset, size);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code zx_vmar_map(vmar, options, vmarOffset, vmo, vmoOffset, len, mappedAddr)}. */
    public static int vmarMap(int vmar, int options, long vmarOffset, int vmo, long vmoOffset, long len,
                              MemorySegment mappedAddr) {
        try {
            return (int) VMAR_MAP.invokeExact(vmar, options, vmarOffset, vmo, vmoOffset, len, mappedAddr);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code zx_vmar_unmap(vmar, addr, len)}. */
    public static int vmarUnmap(int vmar, long addr, long len) {
        try {
            return (int) VMAR_UNMAP.invokeExact(vmar, addr, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // invokeExact declares Throwable; the linker only throws unchecked exceptions (e.g. a closed
    // segment's IllegalStateException), which must reach the caller unchanged.
    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new AssertionError("downcall threw a checked exception", t);
    }
}
