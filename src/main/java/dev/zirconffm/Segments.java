package dev.zirconffm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Objects;

/**
 * Bulk operations on segments, such as mappings, where the platform's C library is faster than
 * the JDK's own routines.
 *
 * <p>{@link MemorySegment#fill(byte)} stores in atomic units (the JDK's {@code Unsafe.setMemory})
 * and runs at about 0.4 to 0.8 of glibc's {@code memset} on large ranges (docs/PERFORMANCE.md).
 * {@link #fill(MemorySegment, byte)} calls {@code memset} for large native segments instead: the
 * segment is passed to the downcall as a segment, so the JDK checks that it is alive and
 * accessible from this thread and keeps its arena from closing until the call returns.
 */
@SuppressWarnings("restricted") // memset through a handle whose descriptor is C's own
public final class Segments {

    /** Below this many bytes a downcall costs more than it saves: the JDK fills. */
    static final long MEMSET_THRESHOLD = 16 * 1024;

    // Not critical: a large memset takes milliseconds, too long to hold off the GC. Its return
    // value (the destination again) is ignored, so that no segment is made to wrap it.
    private static final MethodHandle MEMSET = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("memset").orElseThrow(),
            FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));

    private Segments() {
    }

    /**
     * Sets every byte of {@code segment} to {@code value}, like {@link MemorySegment#fill(byte)} but
     * through the C library's {@code memset} for native segments of 16 KiB or more. Unlike the
     * JDK's fill, the stores are not promised to be in atomic units: do not use it on memory that
     * other threads read concurrently and expect to see whole old or new values in.
     *
     * @param segment the segment to fill
     * @param value   the byte to store
     * @return {@code segment}
     * @throws NullPointerException     if {@code segment} is null
     * @throws IllegalArgumentException if {@code segment} is read-only
     * @throws IllegalStateException    if the segment's arena is closed
     * @throws WrongThreadException     if the segment is confined to another thread
     */
    public static MemorySegment fill(MemorySegment segment, byte value) {
        Objects.requireNonNull(segment, "segment");
        if (!segment.isNative() || segment.byteSize() < MEMSET_THRESHOLD) {
            return segment.fill(value);
        }
        if (segment.isReadOnly()) {
            throw new IllegalArgumentException("segment: read-only, cannot be filled: " + segment);
        }
        try {
            MEMSET.invokeExact(segment, (int) value, segment.byteSize());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("memset cannot throw a checked exception", t);
        }
        return segment;
    }
}
