package dev.zirconffm.internal;

/**
 * A mapping made through the API whose segment may still be accessed: its address range, what it
 * maps, and whether its segment is writable. It is also its own node in {@link MappingRegistry}'s
 * tree, so registering it allocates nothing more.
 */
public class LiveMapping {

    /** First address. */
    public final long base;
    /** Length in bytes, a whole number of pages. */
    public final long length;
    /** Koid of the mapped VMO. */
    public final long vmoKoid;
    /** Offset of {@link #base} in the VMO. */
    public final long vmoOffset;
    /** Koid of the VMAR the mapping was made in. */
    public final long vmarKoid;
    /** True if the segment handed out allows writes (the mapping must stay writable). */
    public final boolean writable;

    // Treap links, guarded by the registry's lock.
    LiveMapping left;
    LiveMapping right;
    final long priority;
    boolean registered;

    /** Describes a mapping of {@code length} bytes (a whole number of pages) at {@code base}. */
    public LiveMapping(long base, long length, long vmoKoid, long vmoOffset, long vmarKoid, boolean writable) {
        this.base = base;
        this.length = length;
        this.vmoKoid = vmoKoid;
        this.vmoOffset = vmoOffset;
        this.vmarKoid = vmarKoid;
        this.writable = writable;
        this.priority = mix(base);
    }

    /** One past the last address. */
    public final long end() {
        return base + length;
    }

    /** True if the mapping shares an address with {@code [start, end)}. */
    public final boolean overlaps(long start, long end) {
        return Long.compareUnsigned(base, end) < 0 && Long.compareUnsigned(start, end()) < 0;
    }

    /** For messages: the range, the VMO and the VMAR. */
    @Override
    public String toString() {
        return "live mapping [0x" + Long.toHexString(base) + ", 0x" + Long.toHexString(end()) + ") (length 0x"
                + Long.toHexString(length) + ") of VMO koid " + vmoKoid + " at VMO offset 0x"
                + Long.toHexString(vmoOffset) + " in VMAR koid " + vmarKoid + (writable ? ", read-write" : ", read-only");
    }

    // A well-mixed priority from the address keeps the treap balanced without a random source.
    private static long mix(long x) {
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }
}
