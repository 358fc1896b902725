package dev.zirconffm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The process-wide set of {@link LiveMapping}s, ordered by address, under one lock.
 *
 * <p>Callers hold {@link #lock()} across the check, the syscall and the update, so that no
 * operation can unmap a range between the moment another maps it and the moment it is
 * registered. Lookups are O(log n) in a treap whose nodes are the mappings themselves (no
 * allocation to insert or remove). Addresses compare unsigned.
 */
public final class MappingRegistry {

    private static final MappingRegistry INSTANCE = new MappingRegistry();

    private final ReentrantLock lock = new ReentrantLock();
    private LiveMapping root;
    private int size;

    /** A new, empty registry (the API uses {@link #global()}; tests may make their own). */
    public MappingRegistry() {
    }

    /** The registry of every mapping made through the API in this process. */
    public static MappingRegistry global() {
        return INSTANCE;
    }

    /** The lock to hold across check, syscall and update. */
    public ReentrantLock lock() {
        return lock;
    }

    /** Number of live mappings. */
    public int size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    /** Adds {@code m}; it must not overlap a registered mapping (the kernel guarantees it). */
    public void add(LiveMapping m) {
        assert lock.isHeldByCurrentThread();
        if (m.registered) {
            throw new IllegalStateException("already registered: " + m);
        }
        LiveMapping clash = firstOverlap(m.base, m.end());
        if (clash != null) {
            // The kernel never maps over a live mapping that the API let stay; this is a bug.
            throw new IllegalStateException("registry out of step with the kernel: " + m + " overlaps " + clash);
        }
        root = insert(root, m);
        m.registered = true;
        size++;
    }

    /** Removes {@code m}; returns false if it was not registered. */
    public boolean remove(LiveMapping m) {
        assert lock.isHeldByCurrentThread();
        if (!m.registered) {
            return false;
        }
        root = delete(root, m);
        m.registered = false;
        size--;
        return true;
    }

    /** The lowest-addressed mapping sharing an address with {@code [start, end)}, or null. */
    public LiveMapping firstOverlap(long start, long end) {
        assert lock.isHeldByCurrentThread();
        LiveMapping below = floor(start);
        if (below != null && below.overlaps(start, end)) {
            return below;
        }
        LiveMapping next = ceiling(start);
        return next != null && next.overlaps(start, end) ? next : null;
    }

    /** The next mapping after {@code previous} sharing an address with {@code [start, end)}, or null. */
    public LiveMapping nextOverlap(LiveMapping previous, long start, long end) {
        assert lock.isHeldByCurrentThread();
        LiveMapping next = higher(previous.base);
        return next != null && next.overlaps(start, end) ? next : null;
    }

    /** The registered mapping that contains all of {@code [start, end)}, or null. */
    public LiveMapping containing(long start, long end) {
        assert lock.isHeldByCurrentThread();
        LiveMapping m = floor(start);
        return m != null && Long.compareUnsigned(end, m.end()) <= 0 && Long.compareUnsigned(start, m.end()) < 0 ? m : null;
    }

    /**
     * A mapping of VMO {@code vmoKoid} that would lose pages if the VMO went from
     * {@code currentSize} to {@code newSize} bytes, or null. O(n): resizing is rare.
     */
    public LiveMapping firstCutByShrink(long vmoKoid, long currentSize, long newSize) {
        assert lock.isHeldByCurrentThread();
        return findCut(root, vmoKoid, currentSize, newSize);
    }

    /** A snapshot of every live mapping in address order (for tests and diagnostics). */
    public List<LiveMapping> snapshot() {
        lock.lock();
        try {
            List<LiveMapping> out = new ArrayList<>(size);
            collect(root, out);
            return out;
        } finally {
            lock.unlock();
        }
    }

    private static LiveMapping findCut(LiveMapping n, long koid, long currentSize, long newSize) {
        while (n != null) {
            if (n.vmoKoid == koid) {
                // The part of the mapping backed by the VMO today: [vmoOffset, min(end, currentSize)).
                long backedEnd = Math.min(n.vmoOffset + n.length, currentSize);
                if (backedEnd > newSize && backedEnd > n.vmoOffset) {
                    return n;
                }
            }
            LiveMapping inLeft = findCut(n.left, koid, currentSize, newSize);
            if (inLeft != null) {
                return inLeft;
            }
            n = n.right;
        }
        return null;
    }

    private static void collect(LiveMapping n, List<LiveMapping> out) {
        while (n != null) {
            collect(n.left, out);
            out.add(n);
            n = n.right;
        }
    }

    private LiveMapping floor(long key) {
        LiveMapping n = root;
        LiveMapping best = null;
        while (n != null) {
            int c = Long.compareUnsigned(n.base, key);
            if (c == 0) {
                return n;
            }
            if (c < 0) {
                best = n;
                n = n.right;
            } else {
                n = n.left;
            }
        }
        return best;
    }

    private LiveMapping ceiling(long key) {
        LiveMapping n = root;
        LiveMapping best = null;
        while (n != null) {
            int c = Long.compareUnsigned(n.base, key);
            if (c == 0) {
                return n;
            }
            if (c > 0) {
                best = n;
                n = n.left;
            } else {
                n = n.right;
            }
        }
        return best;
    }

    private LiveMapping higher(long key) {
        LiveMapping n = root;
        LiveMapping best = null;
        while (n != null) {
            if (Long.compareUnsigned(n.base, key) > 0) {
                best = n;
                n = n.left;
            } else {
                n = n.right;
            }
        }
        return best;
    }

    private static LiveMapping insert(LiveMapping n, LiveMapping m) {
        if (n == null) {
            m.left = null;
            m.right = null;
            return m;
        }
        if (Long.compareUnsigned(m.base, n.base) < 0) {
            n.left = insert(n.left, m);
            if (n.left.priority > n.priority) {
                n = rotateRight(n);
            }
        } else {
            n.right = insert(n.right, m);
            if (n.right.priority > n.priority) {
                n = rotateLeft(n);
            }
        }
        return n;
    }

    private static LiveMapping delete(LiveMapping n, LiveMapping m) {
        if (n == null) {
            throw new IllegalStateException("registry corrupted: registered mapping not found: " + m);
        }
        if (n == m) {
            return merge(n.left, n.right);
        }
        if (Long.compareUnsigned(m.base, n.base) < 0) {
            n.left = delete(n.left, m);
        } else {
            n.right = delete(n.right, m);
        }
        return n;
    }

    // Joins two treaps whose keys are all ordered (every key of a below every key of b).
    private static LiveMapping merge(LiveMapping a, LiveMapping b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (a.priority > b.priority) {
            a.right = merge(a.right, b);
            return a;
        }
        b.left = merge(a, b.left);
        return b;
    }

    private static LiveMapping rotateRight(LiveMapping n) {
        LiveMapping l = n.left;
        n.left = l.right;
        l.right = n;
        return l;
    }

    private static LiveMapping rotateLeft(LiveMapping n) {
        LiveMapping r = n.right;
        n.right = r.left;
        r.left = n;
        return r;
    }
}
