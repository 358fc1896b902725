package dev.zirconffm.internal;

import dev.zirconffm.internal.bindings.zircon_h;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A kernel handle value with a use counter, so that closing it while other threads use it never
 * lets a stale value reach the kernel (handle values are reused after close).
 *
 * <p>Every syscall brackets the value with {@link #acquire()} and {@link #release()}. {@link #close()}
 * marks the handle closed at once (later acquires fail) and the last user closes the value. A
 * <em>pin</em> ({@link #pin()}) is a long-lived use, e.g. a live mapping that needs its VMAR handle
 * to unmap itself later. One {@code long} holds it all, updated atomically: bit 0 closed, bit 1
 * consumed (the kernel took the value, e.g. by {@code zx_handle_replace}: never close it), bits
 * 2-21 transient users, bits 22-62 pins. No call allocates.
 */
public final class RawHandle {

    private static final long CLOSED = 1L;
    private static final long CONSUMED = 2L;
    private static final long USER = 1L << 2;
    private static final long USER_MASK = ((1L << 20) - 1) * USER;
    private static final long PIN = 1L << 22;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(RawHandle.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        ZirconLibrary.ensureLoaded();
    }

    private final int value;
    private final boolean processOwned;
    private final String kind;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile long state;

    /**
     * Wraps {@code value}. A process-owned value (the root VMAR, the process handle) is never
     * closed and {@link #close()} ignores it.
     *
     * @param kind the object kind, for messages ("Vmo", "Vmar")
     */
    public RawHandle(int value, boolean processOwned, String kind) {
        this.value = value;
        this.processOwned = processOwned;
        this.kind = kind;
    }

    /** Starts a use: returns the value, valid until the matching {@link #release()}. */
    public int acquire() {
        if (processOwned) {
            return value; // never closed nor consumed: counting its uses would only cost atomics
        }
        long before = (long) STATE.getAndAdd(this, USER);
        if ((before & CLOSED) != 0) {
            release();
            throw closed();
        }
        return value;
    }

    /** Ends a use started by {@link #acquire()}. */
    public void release() {
        if (processOwned) {
            return;
        }
        long after = (long) STATE.getAndAdd(this, -USER) - USER;
        if (after == CLOSED) {
            closeValue();
        }
    }

    /** Adds a long-lived use; the caller must hold an {@link #acquire()}d use. */
    public void pin() {
        if (!processOwned) {
            STATE.getAndAdd(this, PIN);
        }
    }

    /**
     * Starts a long-lived use at once, in one atomic step instead of {@link #acquire()},
     * {@link #pin()} and {@link #release()}: returns the value, valid until {@link #unpin()}.
     * Throws {@link IllegalStateException} (and takes nothing) if the handle is closed.
     */
    public int pinIfOpen() {
        if (processOwned) {
            return value;
        }
        long before = (long) STATE.getAndAdd(this, PIN);
        if ((before & CLOSED) != 0) {
            unpin();
            throw closed();
        }
        return value;
    }

    /** Ends a use added by {@link #pin()} or {@link #pinIfOpen()}; may close the value if the handle was closed meanwhile. */
    public void unpin() {
        if (processOwned) {
            return;
        }
        long after = (long) STATE.getAndAdd(this, -PIN) - PIN;
        if (after == CLOSED) {
            closeValue();
        }
    }

    /** Returns the value without acquiring it: only for pinned uses and messages. */
    public int valueUnchecked() {
        return value;
    }

    /** True once {@link #close()} or a consuming call ran. */
    public boolean isClosed() {
        return ((long) STATE.getVolatile(this) & CLOSED) != 0;
    }

    /** True for the process's own handles, which are never closed. */
    public boolean isProcessOwned() {
        return processOwned;
    }

    /** Number of live pins (for tests and messages). */
    public long pins() {
        return (long) STATE.getVolatile(this) / PIN;
    }

    /**
     * Marks the handle closed; the value is closed now if nobody uses it, else by the last user.
     * Idempotent; does nothing for a process-owned handle.
     */
    public void close() {
        if (processOwned) {
            return;
        }
        long before = (long) STATE.getAndBitwiseOr(this, CLOSED);
        if (before == 0) { // was open, unused and unpinned
            closeValue();
        }
    }

    /**
     * Takes the value for a syscall that consumes it (e.g. {@code zx_handle_replace}): marks the
     * handle closed, waits until no other thread uses it, and returns the value, which the caller
     * must pass to the consuming call (the kernel takes it even on failure). Throws
     * {@link IllegalStateException} if the handle was closed, or if pins remain: then the handle
     * stays closed and the last pin closes the value.
     */
    public int takeForConsume() {
        if (processOwned) {
            throw new UnsupportedOperationException("the process's own " + kind + " handle cannot be consumed");
        }
        for (;;) {
            long s = (long) STATE.getVolatile(this);
            if ((s & CLOSED) != 0) {
                throw closed();
            }
            if (STATE.compareAndSet(this, s, (s | CLOSED) + USER)) {
                break;
            }
        }
        // In-flight syscalls are short; wait for them to finish before the kernel takes the value.
        long s;
        int spins = 0;
        while (((s = (long) STATE.getVolatile(this)) & USER_MASK) != USER) {
            if (++spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        if (s / PIN != 0) {
            release();
            throw new IllegalStateException(kind + " handle still has " + (s / PIN)
                    + " live mapping(s) that need it to unmap; it is now closed and goes when they do");
        }
        // Ours alone now: mark it consumed so that no release ever closes the value again.
        STATE.getAndAdd(this, CONSUMED - USER);
        return value;
    }

    private void closeValue() {
        if (!processOwned) {
            // A failure here means the value was already invalid; nothing useful can be done.
            zircon_h.zx_handle_close(value);
        }
    }

    private IllegalStateException closed() {
        return new IllegalStateException(kind + " handle is closed");
    }
}
