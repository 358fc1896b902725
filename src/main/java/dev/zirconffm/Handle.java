package dev.zirconffm;

import dev.zirconffm.internal.RawHandle;
import dev.zirconffm.internal.Scratch;
import dev.zirconffm.internal.ZirconLibrary;
import dev.zirconffm.internal.bindings.zircon_h;
import dev.zirconffm.internal.bindings.zx_info_handle_basic;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * A handle to a kernel object, closed by {@link #close()}.
 *
 * <p>Safe to share between threads. A close that races with a call never lets the call pass a
 * stale handle value to the kernel: the value is closed when the last call using it returns.
 * After {@link #close()}, or after a call that consumes the handle ({@link #replace(Rights)}),
 * every method except {@link #close()} and {@link #isClosed()} throws {@link IllegalStateException}.
 */
public abstract sealed class Handle implements AutoCloseable permits Vmo, Vmar {

    static {
        ZirconLibrary.ensureLoaded();
    }

    final RawHandle raw;
    // Immutable for the life of a handle, so fetched at most once (0 / null: not fetched yet).
    private volatile long koid;
    private volatile Rights rights;

    Handle(RawHandle raw) {
        this.raw = raw;
    }

    /**
     * The kernel object id, fetched once with {@code zx_object_get_info(ZX_INFO_HANDLE_BASIC)}.
     *
     * @return the koid
     * @throws IllegalStateException if the handle is closed
     * @throws ZxException           {@code ZX_ERR_BAD_HANDLE} (not expected)
     */
    public long koid() {
        long k = koid;
        if (k == 0 || raw.isClosed()) {
            k = basicInfo().koid();
        }
        return k;
    }

    /**
     * This handle's rights, fetched once with {@code zx_object_get_info(ZX_INFO_HANDLE_BASIC)}.
     *
     * @return the rights
     * @throws IllegalStateException if the handle is closed
     * @throws ZxException           {@code ZX_ERR_BAD_HANDLE} (not expected)
     */
    public Rights rights() {
        Rights r = rights;
        if (r == null || raw.isClosed()) {
            r = basicInfo().rights();
        }
        return r;
    }

    /**
     * The handle's basic information: {@code zx_object_get_info(ZX_INFO_HANDLE_BASIC)}.
     *
     * @return the handle's information
     * @throws IllegalStateException if the handle is closed
     * @throws ZxException           {@code ZX_ERR_BAD_HANDLE} (not expected)
     */
    public HandleInfo basicInfo() {
        MemorySegment buf = Scratch.get();
        int h = raw.acquire();
        try {
            int st = zircon_h.zx_object_get_info(h, zircon_h.ZX_INFO_HANDLE_BASIC(), buf,
                    zx_info_handle_basic.sizeof(), MemorySegment.NULL, MemorySegment.NULL);
            if (st != zircon_h.ZX_OK()) {
                throw new ZxException(st, "zx_object_get_info", "handle=" + Args.hex(h) + ", topic=ZX_INFO_HANDLE_BASIC");
            }
        } finally {
            raw.release();
        }
        HandleInfo info = new HandleInfo(zx_info_handle_basic.koid(buf),
                Rights.fromKernel(zx_info_handle_basic.rights(buf)),
                ObjectType.of(zx_info_handle_basic.type(buf)), zx_info_handle_basic.related_koid(buf));
        koid = info.koid();
        rights = info.rights();
        return info;
    }

    /**
     * A new handle to the same object with the same rights: {@code zx_handle_duplicate} with
     * {@code ZX_RIGHT_SAME_RIGHTS}.
     *
     * @return the new handle
     * @throws IllegalStateException if this handle is closed
     * @throws ZxException           {@code ZX_ERR_ACCESS_DENIED} without {@link Right#DUPLICATE},
     *                               {@code ZX_ERR_NO_MEMORY}
     */
    public abstract Handle duplicate();

    /**
     * A new handle to the same object with {@code rights}: {@code zx_handle_duplicate}.
     *
     * @param rights the rights
     * @return the new handle
     * @throws IllegalStateException if this handle is closed
     * @throws ZxException           {@code ZX_ERR_ACCESS_DENIED} without {@link Right#DUPLICATE},
     *                               {@code ZX_ERR_INVALID_ARGS} if {@code rights} is not a subset of
     *                               this handle's rights, {@code ZX_ERR_NO_MEMORY}
     */
    public abstract Handle duplicate(Rights rights);

    /**
     * Replaces this handle by one with {@code rights} (a subset of its rights): {@code zx_handle_replace}.
     * This object is closed afterwards, whether the call succeeds or fails (the kernel invalidates
     * the handle in both cases).
     *
     * @param rights the rights
     * @return the new handle
     * @throws IllegalStateException if this handle is closed; for a {@link Vmar}, also if mappings
     *                               made through it are live (it is closed all the same)
     * @throws ZxException           {@code ZX_ERR_INVALID_ARGS} if {@code rights} is not a subset,
     *                               {@code ZX_ERR_NO_MEMORY}
     */
    public abstract Handle replace(Rights rights);

    /**
     * True once this handle is closed (by {@link #close()} or a consuming call).
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return raw.isClosed();
    }

    /**
     * Closes the handle ({@code zx_handle_close}), at once or when the last call still using it
     * returns. Idempotent. A process-owned handle ({@link Vmar#root()}) is never closed; closing
     * it does nothing.
     */
    @Override
    public void close() {
        raw.close();
    }

    /** Duplicates the value: {@code zx_handle_duplicate(handle, rightsBits)}; returns the new value. */
    final int duplicateValue(int rightsBits) {
        MemorySegment out = Scratch.get();
        int h = raw.acquire();
        try {
            int st = zircon_h.zx_handle_duplicate(h, rightsBits, out);
            if (st != zircon_h.ZX_OK()) {
                throw new ZxException(st, "zx_handle_duplicate", "handle=" + Args.hex(h) + ", rights=" + Args.hex(rightsBits));
            }
            return out.get(ValueLayout.JAVA_INT, 0);
        } finally {
            raw.release();
        }
    }

    /** Replaces the value: {@code zx_handle_replace(handle, rightsBits)}; this object is dead afterwards. */
    final int replaceValue(int rightsBits) {
        MemorySegment out = Scratch.get();
        int h = raw.takeForConsume();
        int st = zircon_h.zx_handle_replace(h, rightsBits, out);
        if (st != zircon_h.ZX_OK()) {
            throw new ZxException(st, "zx_handle_replace", "handle=" + Args.hex(h) + ", rights=" + Args.hex(rightsBits));
        }
        return out.get(ValueLayout.JAVA_INT, 0);
    }

    static int rightsBits(Rights rights) {
        return Objects.requireNonNull(rights, "rights").bits();
    }

    /** The handle value, for messages only. */
    final String describeValue() {
        return Args.hex(raw.valueUnchecked());
    }

    @Override
    public String toString() {
        long k = koid;
        return getClass().getSimpleName() + "[handle=" + describeValue() + (k != 0 ? ", koid=" + k : "")
                + (isClosed() ? ", closed" : "") + "]";
    }
}
