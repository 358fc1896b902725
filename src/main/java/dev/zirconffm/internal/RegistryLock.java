package dev.zirconffm.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The registry's lock: reentrant, nonfair, and cheap on the map/unmap path. Taking it free costs
 * one compare-and-set and releasing it one release-store (no fence on x86), where
 * {@code ReentrantLock} also pays a full fence on release: about 9 ns per map + unmap cycle.
 *
 * <p>Without a fence, a releasing thread may miss a waiter that is just going to sleep; so
 * waiters are woken when seen, and otherwise look again after a short timed park. Waiting
 * only happens when threads map or unmap at the same moment (the lock is held across one
 * syscall, about a microsecond).
 */
public final class RegistryLock {

    private static final VarHandle STATE;
    private static final VarHandle WAITING;
    // How long a waiter sleeps before looking again if no release woke it.
    private static final long RECHECK_NANOS = 20_000;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(RegistryLock.class, "state", int.class);
            WAITING = lookup.findVarHandle(RegistryLock.class, "waiting", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through STATE: 0 free, 1 held
    private volatile int state;
    @SuppressWarnings("unused") // through WAITING: threads in waitFor
    private volatile int waiting;
    private final ConcurrentLinkedQueue<Thread> waiters = new ConcurrentLinkedQueue<>();
    private Thread owner; // written by the holder; read by it (reentrancy) and isHeldByCurrentThread
    private int holds;    // reentrant depth, holder only

    /** Takes the lock, waiting while another thread holds it. */
    public void lock() {
        Thread me = Thread.currentThread();
        if (!STATE.compareAndSet(this, 0, 1)) {
            if (owner == me) {
                holds++;
                return;
            }
            waitFor(me);
        }
        owner = me;
        holds = 1;
    }

    /** Releases one hold; the last frees the lock and wakes a waiter if it sees one. */
    public void unlock() {
        if (owner != Thread.currentThread()) {
            throw new IllegalMonitorStateException("the registry lock is not held by this thread");
        }
        if (--holds == 0) {
            owner = null;
            STATE.setRelease(this, 0);
            if ((int) WAITING.getOpaque(this) != 0) {
                Thread next = waiters.peek();
                if (next != null) {
                    LockSupport.unpark(next);
                }
            }
        }
    }

    /** True if the calling thread holds the lock. */
    public boolean isHeldByCurrentThread() {
        return owner == Thread.currentThread();
    }

    private boolean tryTake() {
        return (int) STATE.getOpaque(this) == 0 && STATE.compareAndSet(this, 0, 1);
    }

    private void waitFor(Thread me) {
        for (int spins = 0; spins < 100; spins++) {
            if (tryTake()) {
                return;
            }
            Thread.onSpinWait();
        }
        WAITING.getAndAdd(this, 1);
        waiters.add(me);
        try {
            while (!tryTake()) {
                LockSupport.parkNanos(this, RECHECK_NANOS);
            }
        } finally {
            waiters.remove(me);
            WAITING.getAndAdd(this, -1);
        }
    }
}
