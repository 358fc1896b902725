package dev.zirconffm;

import dev.zirconffm.internal.bindings.zircon_h;

/** An operation of {@link Vmar#opRange(VmarOp, long, long)} ({@code ZX_VMAR_OP_*}). */
public enum VmarOp {
    /** {@code ZX_VMAR_OP_COMMIT}: commit the pages of the mappings in the range. */
    COMMIT(zircon_h.ZX_VMAR_OP_COMMIT(), false),
    /** {@code ZX_VMAR_OP_DECOMMIT}: decommit them; they read as zeros afterwards. */
    DECOMMIT(zircon_h.ZX_VMAR_OP_DECOMMIT(), true),
    /** {@code ZX_VMAR_OP_MAP_RANGE}: populate the page tables for the range. */
    MAP_RANGE(zircon_h.ZX_VMAR_OP_MAP_RANGE(), false),
    /** {@code ZX_VMAR_OP_ZERO}: zero the range. */
    ZERO(zircon_h.ZX_VMAR_OP_ZERO(), true),
    /** {@code ZX_VMAR_OP_DONT_NEED}: a hint that the range will not be needed soon. */
    DONT_NEED(zircon_h.ZX_VMAR_OP_DONT_NEED(), false),
    /** {@code ZX_VMAR_OP_ALWAYS_NEED}: a hint that the range should stay resident. */
    ALWAYS_NEED(zircon_h.ZX_VMAR_OP_ALWAYS_NEED(), false),
    /** {@code ZX_VMAR_OP_PREFETCH}: a hint to page the range in. */
    PREFETCH(zircon_h.ZX_VMAR_OP_PREFETCH(), false);

    private final int value;
    private final boolean changesContents;

    VmarOp(int value, boolean changesContents) {
        this.value = value;
        this.changesContents = changesContents;
    }

    /**
     * The {@code op} value of {@code zx_vmar_op_range}.
     *
     * @return the value
     */
    public int value() {
        return value;
    }

    /** True if the op changes memory contents (and so needs the range to be the API's own). */
    boolean changesContents() {
        return changesContents;
    }
}
