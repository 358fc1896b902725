package dev.zirconffm.emulator;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Tells whether a byte of this process's memory can be read or written, without touching it from
 * Java. Core-tests probe with fault-catching loads and stores; a JVM cannot survive a fault on a
 * mapping, so these probes let the Linux kernel do the access instead: {@code write(2)} from the
 * address into a pipe reads it, {@code read(2)} from a pipe into the address writes it, and a
 * fault (no mapping, no permission, or past the end of the file behind a mapping) comes back as
 * {@code EFAULT} rather than a signal. A successful write probe stores the byte that was there.
 */
final class Probe {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final MethodHandle PIPE = fn("pipe", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle READ = fn("read",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle WRITE = fn("write",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle CLOSE = fn("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private Probe() {
    }

    /** Whether the byte at {@code addr} can be read. */
    static boolean readable(long addr) {
        try (Arena arena = Arena.ofConfined()) {
            int[] fds = pipe(arena);
            try {
                return (long) WRITE.invokeExact(fds[1], MemorySegment.ofAddress(addr), 1L) == 1;
            } finally {
                closeBoth(fds);
            }
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /**
     * Whether the byte at {@code addr} can be written (Zircon has no write-only mappings, so an
     * unreadable byte is not writable either). The byte keeps its value.
     */
    static boolean writable(long addr) {
        try (Arena arena = Arena.ofConfined()) {
            int[] fds = pipe(arena);
            try {
                if ((long) WRITE.invokeExact(fds[1], MemorySegment.ofAddress(addr), 1L) != 1) {
                    return false;
                }
                return (long) READ.invokeExact(fds[0], MemorySegment.ofAddress(addr), 1L) == 1;
            } finally {
                closeBoth(fds);
            }
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Whether the first byte of each page in [{@code addr}, {@code addr + len}) is readable. */
    static boolean[] readablePages(long addr, long len) {
        boolean[] r = new boolean[(int) (len / Zx.PAGE)];
        for (int i = 0; i < r.length; i++) {
            r[i] = readable(addr + i * Zx.PAGE);
        }
        return r;
    }

    private static int[] pipe(Arena arena) throws Throwable {
        MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
        if ((int) PIPE.invokeExact(fds) != 0) {
            throw new AssertionError("pipe(2) failed");
        }
        return new int[] {fds.getAtIndex(ValueLayout.JAVA_INT, 0), fds.getAtIndex(ValueLayout.JAVA_INT, 1)};
    }

    private static void closeBoth(int[] fds) throws Throwable {
        int a = (int) CLOSE.invokeExact(fds[0]);
        int b = (int) CLOSE.invokeExact(fds[1]);
        if (a != 0 || b != 0) {
            throw new AssertionError("close(2) of a probe pipe failed");
        }
    }

    private static MethodHandle fn(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(), descriptor);
    }
}
