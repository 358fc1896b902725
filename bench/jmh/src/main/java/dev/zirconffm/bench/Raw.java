package dev.zirconffm.bench;

/** Status checks for the raw-handle benchmarks: a failed call must not pass for a fast one. */
final class Raw {

    private Raw() {
    }

    /** Throws unless {@code status} is {@code ZX_OK} (0). */
    static void check(int status, String call) {
        if (status != 0) {
            throw new IllegalStateException(call + " failed: status " + status);
        }
    }
}
