package dev.zirconffm;

import dev.zirconffm.internal.bindings.zircon_h;

import java.util.Objects;
import java.util.Set;

/** A flag of {@link Vmar#allocate} ({@code ZX_VM_*}). */
public enum VmarOption {
    /** {@code ZX_VM_CAN_MAP_READ}: readable mappings may be made in the new VMAR. */
    CAN_MAP_READ(zircon_h.ZX_VM_CAN_MAP_READ()),
    /** {@code ZX_VM_CAN_MAP_WRITE}: writable mappings may be made in the new VMAR. */
    CAN_MAP_WRITE(zircon_h.ZX_VM_CAN_MAP_WRITE()),
    /** {@code ZX_VM_CAN_MAP_EXECUTE}: executable mappings may be made in the new VMAR. */
    CAN_MAP_EXECUTE(zircon_h.ZX_VM_CAN_MAP_EXECUTE()),
    /** {@code ZX_VM_CAN_MAP_SPECIFIC}: mappings and VMARs may be placed at chosen offsets in it. */
    CAN_MAP_SPECIFIC(zircon_h.ZX_VM_CAN_MAP_SPECIFIC()),
    /** {@code ZX_VM_SPECIFIC}: place the new VMAR at the given offset. */
    SPECIFIC(zircon_h.ZX_VM_SPECIFIC()),
    /** {@code ZX_VM_OFFSET_IS_UPPER_LIMIT}: the given offset bounds the new VMAR's end. */
    OFFSET_IS_UPPER_LIMIT(zircon_h.ZX_VM_OFFSET_IS_UPPER_LIMIT()),
    /** {@code ZX_VM_COMPACT}: keep the new VMAR's children close together. */
    COMPACT(zircon_h.ZX_VM_COMPACT());

    private final int bit;

    VmarOption(int bit) {
        this.bit = bit;
    }

    /**
     * The flag's bit in a {@code zx_vm_option_t}.
     *
     * @return the bit
     */
    public int bit() {
        return bit;
    }

    static int bits(Set<VmarOption> options) {
        int bits = 0;
        for (VmarOption o : Objects.requireNonNull(options, "options")) {
            bits |= Objects.requireNonNull(o, "options element").bit;
        }
        return bits;
    }
}
