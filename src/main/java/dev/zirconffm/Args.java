package dev.zirconffm;

import dev.zirconffm.internal.ZirconLibrary;
import dev.zirconffm.internal.bindings.zircon_h;

/** Argument checks made before a syscall, and the formatting of arguments for exception messages. */
final class Args {

    private static final long PAGE_SIZE;

    static {
        ZirconLibrary.ensureLoaded();
        PAGE_SIZE = Integer.toUnsignedLong(zircon_h.zx_system_get_page_size());
    }

    private Args() {
    }

    static long pageSize() {
        return PAGE_SIZE;
    }

    static long requireNonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }

    static long requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    /** {@code value} rounded up to a whole number of pages; refuses values whose rounding overflows. */
    static long roundUpToPage(long value, String name) {
        long rounded = (value + PAGE_SIZE - 1) & -PAGE_SIZE;
        if (rounded < value) {
            throw new IllegalArgumentException(name + " is too large: " + value);
        }
        return rounded;
    }

    /** {@code start + length}, refusing a range that wraps the address space. */
    static long end(long start, long length, String name) {
        long end = start + length;
        if (Long.compareUnsigned(end, start) < 0) {
            throw new IllegalArgumentException(name + " wraps around the address space: start=" + hex(start)
                    + ", length=" + hex(length));
        }
        return end;
    }

    /**
     * The {@code ZX_VM_ALIGN_*} bits for an alignment in bytes: 0 for none, else a power of two
     * from 1 KiB to 4 GiB.
     */
    static int alignmentBits(long alignment) {
        if (alignment == 0) {
            return 0;
        }
        int log2 = 63 - Long.numberOfLeadingZeros(alignment);
        if (alignment < 0 || Long.bitCount(alignment) != 1 || log2 < 10 || log2 > 32) {
            throw new IllegalArgumentException("alignment must be 0 or a power of two from 1 KiB to 4 GiB: " + alignment);
        }
        return log2 << zircon_h.ZX_VM_ALIGN_BASE();
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
