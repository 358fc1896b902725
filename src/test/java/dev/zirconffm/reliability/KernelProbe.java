package dev.zirconffm.reliability;

import dev.zirconffm.Status;
import dev.zirconffm.ZxException;
import dev.zirconffm.internal.ZirconLibrary;
import dev.zirconffm.internal.bindings.zircon_h;
import dev.zirconffm.internal.bindings.zx_info_maps;
import dev.zirconffm.internal.bindings.zx_info_process_handle_stats;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * What the reliability tests ask the emulator behind the API's back: live handles per object
 * type, what the root VMAR holds, and the failure switches of {@code zxemu/testing.h}. Public
 * (unlike the package-private helpers of {@code dev.zirconffm}) because the model check also runs
 * in a child JVM where this package is outside the API's module.
 */
@SuppressWarnings("restricted") // signatures as in zxemu/testing.h
public final class KernelProbe {

    private static final MethodHandle FAIL_NTH_CALL;
    private static final MethodHandle FAIL_NTH_ALLOCATION;
    private static final MethodHandle CLEAR;

    static {
        ZirconLibrary.ensureLoaded();
        Linker linker = Linker.nativeLinker();
        SymbolLookup lookup = SymbolLookup.loaderLookup();
        FAIL_NTH_CALL = linker.downcallHandle(lookup.find("zxemu_fail_nth_call").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
        FAIL_NTH_ALLOCATION = linker.downcallHandle(lookup.find("zxemu_fail_nth_allocation").orElseThrow(),
                FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG));
        CLEAR = linker.downcallHandle(lookup.find("zxemu_clear_failures").orElseThrow(), FunctionDescriptor.ofVoid());
    }

    private KernelProbe() {
    }

    /** Open handles to VMOs in the process. */
    public static int vmoHandles() {
        return handleCount(zircon_h.ZX_OBJ_TYPE_VMO());
    }

    /** Open handles to VMARs in the process (the root VMAR's own handle included). */
    public static int vmarHandles() {
        return handleCount(zircon_h.ZX_OBJ_TYPE_VMAR());
    }

    /** Open handles to the process object. */
    public static int processHandles() {
        return handleCount(zircon_h.ZX_OBJ_TYPE_PROCESS());
    }

    private static int handleCount(int type) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(zx_info_process_handle_stats.layout());
            int st = zircon_h.zx_object_get_info(zircon_h.zx_process_self(), zircon_h.ZX_INFO_PROCESS_HANDLE_STATS(),
                    buf, buf.byteSize(), MemorySegment.NULL, MemorySegment.NULL);
            if (st != zircon_h.ZX_OK()) {
                throw new ZxException(st, "zx_object_get_info", "ZX_INFO_PROCESS_HANDLE_STATS");
            }
            return zx_info_process_handle_stats.handle_count(buf).getAtIndex(ValueLayout.JAVA_INT, type);
        }
    }

    /**
     * The entries below the root VMAR itself in its {@code ZX_INFO_VMAR_MAPS} listing: every
     * sub-VMAR and mapping anyone left in the emulated address space. 0 when nothing is left.
     */
    public static long rootChildren() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment counts = arena.allocate(16);
            MemorySegment one = arena.allocate(zx_info_maps.layout());
            int st = zircon_h.zx_object_get_info(zircon_h.zx_vmar_root_self(), zircon_h.ZX_INFO_VMAR_MAPS(), one,
                    one.byteSize(), counts.asSlice(0, 8), counts.asSlice(8, 8));
            if (st != zircon_h.ZX_OK()) {
                throw new ZxException(st, "zx_object_get_info", "ZX_INFO_VMAR_MAPS of the root VMAR");
            }
            return counts.get(ValueLayout.JAVA_LONG, 8) - 1; // avail, less the root's own entry
        }
    }

    /** The {@code nth} next call of {@code syscall} returns {@code status} (zxemu_fail_nth_call). */
    public static void failNthCall(String syscall, long nth, Status status) {
        try (Arena arena = Arena.ofConfined()) {
            int st = (int) FAIL_NTH_CALL.invokeExact(arena.allocateFrom(syscall), nth, status.value());
            if (st != 0) {
                throw new IllegalArgumentException("zxemu_fail_nth_call(" + syscall + ") = " + Status.of(st));
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** The {@code nth} next allocation in the emulator fails with NO_MEMORY (zxemu_fail_nth_allocation). */
    public static void failNthAllocation(long nth) {
        try {
            FAIL_NTH_ALLOCATION.invokeExact(nth);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Disarms every failure switch. */
    public static void clearFailures() {
        try {
            CLEAR.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
