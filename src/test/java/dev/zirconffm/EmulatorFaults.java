package dev.zirconffm;

import dev.zirconffm.reliability.KernelProbe;

/**
 * The emulator's test-only failure switches (src/main/native/include/zxemu/testing.h), for the
 * API's own tests; bound once, in {@link KernelProbe}.
 */
final class EmulatorFaults {

    private EmulatorFaults() {
    }

    /** The {@code nth} next call of {@code syscall} returns {@code status} before any effect. */
    static void failNthCall(String syscall, long nth, Status status) {
        KernelProbe.failNthCall(syscall, nth, status);
    }

    /** The {@code nth} next allocation in the emulator fails with {@code ZX_ERR_NO_MEMORY}. */
    static void failNthAllocation(long nth) {
        KernelProbe.failNthAllocation(nth);
    }

    /** Disarms every switch. */
    static void clear() {
        KernelProbe.clearFailures();
    }
}
