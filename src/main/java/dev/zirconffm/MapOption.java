package dev.zirconffm;

import dev.zirconffm.internal.bindings.zircon_h;

/**
 * A flag of {@link Vmar#map} and {@link Vmar#protect} ({@code ZX_VM_*}); combine them in
 * {@link MapOptions}. The flags marked <em>unsafe</em> let a mapping fault on access, which
 * would crash the JVM; only {@link Vmar#mapUnsafe} accepts them.
 */
public enum MapOption {
    /** {@code ZX_VM_PERM_READ}: readable. {@link Vmar#map} requires it. */
    PERM_READ(zircon_h.ZX_VM_PERM_READ(), false),
    /** {@code ZX_VM_PERM_WRITE}: writable; without it the segment is read-only. */
    PERM_WRITE(zircon_h.ZX_VM_PERM_WRITE(), false),
    /** {@code ZX_VM_PERM_EXECUTE}: executable. */
    PERM_EXECUTE(zircon_h.ZX_VM_PERM_EXECUTE(), false),
    /**
     * {@code ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED}: readable only where execute-only memory is not
     * supported. <em>Unsafe</em> without {@link #PERM_READ}: the pages may not be readable.
     */
    PERM_READ_IF_XOM_UNSUPPORTED(zircon_h.ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED(), false),
    /** {@code ZX_VM_SPECIFIC}: map at the given VMAR offset; fails if anything is there. */
    SPECIFIC(zircon_h.ZX_VM_SPECIFIC(), false),
    /**
     * {@code ZX_VM_SPECIFIC_OVERWRITE}: map at the given offset, replacing mappings there. The API
     * refuses it over a live mapping, and anywhere in the root VMAR.
     */
    SPECIFIC_OVERWRITE(zircon_h.ZX_VM_SPECIFIC_OVERWRITE(), false),
    /** {@code ZX_VM_OFFSET_IS_UPPER_LIMIT}: the given offset bounds the mapping's end. */
    OFFSET_IS_UPPER_LIMIT(zircon_h.ZX_VM_OFFSET_IS_UPPER_LIMIT(), false),
    /** {@code ZX_VM_MAP_RANGE}: populate the mapping now. */
    MAP_RANGE(zircon_h.ZX_VM_MAP_RANGE(), false),
    /** {@code ZX_VM_REQUIRE_NON_RESIZABLE}: fail for a resizable VMO. {@link Vmar#map} always adds it. */
    REQUIRE_NON_RESIZABLE(zircon_h.ZX_VM_REQUIRE_NON_RESIZABLE(), false),
    /**
     * {@code ZX_VM_ALLOW_FAULTS}: allow a mapping that may fault (resizable, discardable or
     * pager-backed VMO, or past the VMO's end). <em>Unsafe.</em>
     */
    ALLOW_FAULTS(zircon_h.ZX_VM_ALLOW_FAULTS(), true),
    /** {@code ZX_VM_FAULT_BEYOND_STREAM_SIZE}: fault past the VMO's stream size. <em>Unsafe.</em> */
    FAULT_BEYOND_STREAM_SIZE(zircon_h.ZX_VM_FAULT_BEYOND_STREAM_SIZE(), true);

    private final int bit;
    private final boolean unsafe;

    MapOption(int bit, boolean unsafe) {
        this.bit = bit;
        this.unsafe = unsafe;
    }

    /**
     * The flag's bit in a {@code zx_vm_option_t}.
     *
     * @return the bit
     */
    public int bit() {
        return bit;
    }

    /**
     * True if the flag can make a mapping fault, so only {@link Vmar#mapUnsafe} accepts it.
     *
     * @return true if unsafe
     */
    public boolean isUnsafe() {
        return unsafe;
    }
}
