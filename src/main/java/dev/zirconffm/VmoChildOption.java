package dev.zirconffm;

import dev.zirconffm.internal.bindings.zircon_h;

import java.util.Objects;
import java.util.Set;

/** An option of {@link Vmo#createChild(Set, long, long)} ({@code ZX_VMO_CHILD_*}). */
public enum VmoChildOption {
    /** {@code ZX_VMO_CHILD_SNAPSHOT}: a copy-on-write snapshot; later writes on either side stay apart. */
    SNAPSHOT(zircon_h.ZX_VMO_CHILD_SNAPSHOT()),
    /**
     * {@code ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE}: the child sees the parent's later writes
     * to pages it has not written itself, or a snapshot; its own writes never reach the parent.
     */
    SNAPSHOT_AT_LEAST_ON_WRITE(zircon_h.ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE()),
    /** {@code ZX_VMO_CHILD_SLICE}: a window on the parent's pages; writes go to the parent. */
    SLICE(zircon_h.ZX_VMO_CHILD_SLICE()),
    /** {@code ZX_VMO_CHILD_NO_WRITE}: the child's handle has no {@link Right#WRITE}. */
    NO_WRITE(zircon_h.ZX_VMO_CHILD_NO_WRITE()),
    /** {@code ZX_VMO_CHILD_RESIZABLE}: the child can be resized (not with {@link #SLICE}). */
    RESIZABLE(zircon_h.ZX_VMO_CHILD_RESIZABLE());

    private final int bit;

    VmoChildOption(int bit) {
        this.bit = bit;
    }

    /**
     * The option's bit in {@code zx_vmo_create_child}'s {@code options}.
     *
     * @return the bit
     */
    public int bit() {
        return bit;
    }

    static int bits(Set<VmoChildOption> options) {
        int bits = 0;
        for (VmoChildOption o : Objects.requireNonNull(options, "options")) {
            bits |= Objects.requireNonNull(o, "options element").bit;
        }
        return bits;
    }
}
