package dev.zirconffm;

import dev.zirconffm.internal.bindings.zircon_h;

import java.util.Objects;
import java.util.Set;

/** An option of {@link Vmo#create(long, Set)} ({@code ZX_VMO_*}). */
public enum VmoOption {
    /** {@code ZX_VMO_RESIZABLE}: the VMO can be resized with {@link Vmo#setSize(long)}. */
    RESIZABLE(zircon_h.ZX_VMO_RESIZABLE()),
    /**
     * {@code ZX_VMO_DISCARDABLE}: the kernel may discard the VMO's pages while it is unlocked
     * ({@link VmoOp#LOCK}, {@link VmoOp#UNLOCK}). Such a VMO can only be mapped through
     * {@link Vmar#mapUnsafe}.
     */
    DISCARDABLE(zircon_h.ZX_VMO_DISCARDABLE()),
    /** {@code ZX_VMO_UNBOUNDED}: the VMO's size is the maximum; {@code size} becomes its stream size. */
    UNBOUNDED(zircon_h.ZX_VMO_UNBOUNDED());

    private final int bit;

    VmoOption(int bit) {
        this.bit = bit;
    }

    /**
     * The option's bit in {@code zx_vmo_create}'s {@code options}.
     *
     * @return the bit
     */
    public int bit() {
        return bit;
    }

    static int bits(Set<VmoOption> options) {
        int bits = 0;
        for (VmoOption o : Objects.requireNonNull(options, "options")) {
            bits |= Objects.requireNonNull(o, "options element").bit;
        }
        return bits;
    }
}
