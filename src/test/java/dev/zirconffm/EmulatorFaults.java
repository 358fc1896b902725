package dev.zirconffm;

import dev.zirconffm.internal.ZirconLibrary;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** The emulator's test-only failure switches (src/main/native/include/zxemu/testing.h). */
@SuppressWarnings("restricted") // signatures as in zxemu/testing.h
final class EmulatorFaults {

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

    private EmulatorFaults() {
    }

    /** The {@code nth} next call of {@code syscall} returns {@code status} before any effect. */
    static void failNthCall(String syscall, long nth, Status status) {
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

    /** The {@code nth} next allocation in the emulator fails with {@code ZX_ERR_NO_MEMORY}. */
    static void failNthAllocation(long nth) {
        try {
            FAIL_NTH_ALLOCATION.invokeExact(nth);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Disarms every switch. */
    static void clear() {
        try {
            CLEAR.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
