package dev.zirconffm.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Per-thread native memory for syscall out-parameters and small info buffers, so a call does not
 * allocate a segment. A caller uses it only between two syscalls of its own: read the result
 * before the next call that may use it.
 */
public final class Scratch {

    /** Bytes available in each thread's scratch segment; enough for every fixed-size info record. */
    public static final int SIZE = 1024;

    // An automatic arena per thread: the memory goes when the thread and its ThreadLocal do.
    private static final ThreadLocal<MemorySegment> SEGMENT =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(SIZE, 16));

    private Scratch() {
    }

    /** Returns this thread's scratch segment, {@link #SIZE} bytes, 16-byte aligned. Contents undefined. */
    public static MemorySegment get() {
        return SEGMENT.get();
    }
}
