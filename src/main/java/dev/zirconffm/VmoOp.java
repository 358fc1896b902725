package dev.zirconffm;

import dev.zirconffm.internal.bindings.zircon_h;

/** An operation of {@link Vmo#opRange(VmoOp, long, long)} ({@code ZX_VMO_OP_*}). */
public enum VmoOp {
    /** {@code ZX_VMO_OP_COMMIT}: back the range with memory now. */
    COMMIT(zircon_h.ZX_VMO_OP_COMMIT()),
    /** {@code ZX_VMO_OP_DECOMMIT}: release the range's memory; it reads as zeros afterwards. */
    DECOMMIT(zircon_h.ZX_VMO_OP_DECOMMIT()),
    /** {@code ZX_VMO_OP_ZERO}: zero the range. */
    ZERO(zircon_h.ZX_VMO_OP_ZERO()),
    /** {@code ZX_VMO_OP_LOCK}: lock a discardable VMO's pages against discarding. */
    LOCK(zircon_h.ZX_VMO_OP_LOCK()),
    /** {@code ZX_VMO_OP_TRY_LOCK}: lock a discardable VMO if it was not discarded. */
    TRY_LOCK(zircon_h.ZX_VMO_OP_TRY_LOCK()),
    /** {@code ZX_VMO_OP_UNLOCK}: allow a discardable VMO's pages to be discarded. */
    UNLOCK(zircon_h.ZX_VMO_OP_UNLOCK()),
    /** {@code ZX_VMO_OP_CACHE_SYNC}: synchronize instruction and data caches. */
    CACHE_SYNC(zircon_h.ZX_VMO_OP_CACHE_SYNC()),
    /** {@code ZX_VMO_OP_CACHE_INVALIDATE}: invalidate the data cache. */
    CACHE_INVALIDATE(zircon_h.ZX_VMO_OP_CACHE_INVALIDATE()),
    /** {@code ZX_VMO_OP_CACHE_CLEAN}: write the data cache back. */
    CACHE_CLEAN(zircon_h.ZX_VMO_OP_CACHE_CLEAN()),
    /** {@code ZX_VMO_OP_CACHE_CLEAN_INVALIDATE}: write back and invalidate the data cache. */
    CACHE_CLEAN_INVALIDATE(zircon_h.ZX_VMO_OP_CACHE_CLEAN_INVALIDATE()),
    /** {@code ZX_VMO_OP_DONT_NEED}: a hint that the range will not be needed soon. */
    DONT_NEED(zircon_h.ZX_VMO_OP_DONT_NEED()),
    /** {@code ZX_VMO_OP_ALWAYS_NEED}: a hint that the range should stay resident. */
    ALWAYS_NEED(zircon_h.ZX_VMO_OP_ALWAYS_NEED()),
    /** {@code ZX_VMO_OP_PREFETCH}: a hint to page the range in. */
    PREFETCH(zircon_h.ZX_VMO_OP_PREFETCH());

    private final int value;

    VmoOp(int value) {
        this.value = value;
    }

    /**
     * The {@code op} value of {@code zx_vmo_op_range}.
     *
     * @return the value
     */
    public int value() {
        return value;
    }

    boolean needsLockStateBuffer() {
        return this == LOCK;
    }
}
