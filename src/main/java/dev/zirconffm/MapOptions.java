package dev.zirconffm;

import dev.zirconffm.internal.bindings.zircon_h;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;

/**
 * An immutable {@code zx_vm_option_t}: a set of {@link MapOption}s and an optional alignment.
 * Build it once and reuse it: {@link Vmar#map} reads its bits without allocating.
 *
 * <pre>{@code
 * static final MapOptions RW = MapOptions.of(MapOption.PERM_READ, MapOption.PERM_WRITE);
 * }</pre>
 */
public final class MapOptions {

    private static final MapOption[] ALL = MapOption.values();
    private static final int PERMISSION_BITS = zircon_h.ZX_VM_PERM_READ() | zircon_h.ZX_VM_PERM_WRITE()
            | zircon_h.ZX_VM_PERM_EXECUTE() | zircon_h.ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED();
    private static final int ALIGN_MASK = 0x1f << zircon_h.ZX_VM_ALIGN_BASE();
    private static final int UNSAFE_BITS;

    static {
        int unsafe = 0;
        for (MapOption o : ALL) {
            if (o.isUnsafe()) {
                unsafe |= o.bit();
            }
        }
        UNSAFE_BITS = unsafe;
    }

    /** Readable: {@code ZX_VM_PERM_READ}. */
    public static final MapOptions READ = of(MapOption.PERM_READ);
    /** Readable and writable: {@code ZX_VM_PERM_READ | ZX_VM_PERM_WRITE}. */
    public static final MapOptions READ_WRITE = of(MapOption.PERM_READ, MapOption.PERM_WRITE);

    private final int bits;

    private MapOptions(int bits) {
        this.bits = bits;
    }

    /**
     * The options holding exactly {@code options}, without alignment.
     *
     * @param options the options
     * @return the options
     */
    public static MapOptions of(MapOption... options) {
        Objects.requireNonNull(options, "options");
        int bits = 0;
        for (MapOption o : options) {
            bits |= Objects.requireNonNull(o, "options element").bit();
        }
        return new MapOptions(bits);
    }

    /**
     * The options holding exactly the elements of {@code options}, without alignment.
     *
     * @param options the options
     * @return the options
     */
    public static MapOptions copyOf(Collection<MapOption> options) {
        Objects.requireNonNull(options, "options");
        int bits = 0;
        for (MapOption o : options) {
            bits |= Objects.requireNonNull(o, "options element").bit();
        }
        return new MapOptions(bits);
    }

    /**
     * These options plus {@code option}.
     *
     * @param option the flag
     * @return the new options
     */
    public MapOptions with(MapOption option) {
        return new MapOptions(bits | Objects.requireNonNull(option, "option").bit());
    }

    /**
     * These options with the mapping's address aligned to {@code alignment} bytes
     * ({@code ZX_VM_ALIGN_*}); 0 removes the alignment.
     *
     * @param alignment the alignment in bytes
     * @return the new options
     * @throws IllegalArgumentException unless {@code alignment} is 0 or a power of two from 1 KiB to 4 GiB
     */
    public MapOptions aligned(long alignment) {
        return new MapOptions((bits & ~ALIGN_MASK) | Args.alignmentBits(alignment));
    }

    /**
     * True if {@code option} is set.
     *
     * @param option the flag
     * @return true if set
     */
    public boolean contains(MapOption option) {
        return (bits & option.bit()) != 0;
    }

    /**
     * The alignment in bytes, or 0 if none was asked for.
     *
     * @return the alignment in bytes, or 0
     */
    public long alignment() {
        int log2 = (bits & ALIGN_MASK) >>> zircon_h.ZX_VM_ALIGN_BASE();
        return log2 == 0 ? 0 : 1L << log2;
    }

    /**
     * The flags as a new {@link EnumSet} (without the alignment).
     *
     * @return a new set
     */
    public EnumSet<MapOption> toEnumSet() {
        EnumSet<MapOption> set = EnumSet.noneOf(MapOption.class);
        for (MapOption o : ALL) {
            if (contains(o)) {
                set.add(o);
            }
        }
        return set;
    }

    /**
     * The {@code zx_vm_option_t} value, alignment included.
     *
     * @return the value
     */
    public int bits() {
        return bits;
    }

    /** True if every flag is a permission ({@code ZX_VM_PERM_*}) and there is no alignment. */
    boolean onlyPermissions() {
        return (bits & ~PERMISSION_BITS) == 0;
    }

    /** True if an unsafe flag is set. */
    boolean hasUnsafe() {
        return (bits & UNSAFE_BITS) != 0;
    }

    /** The first unsafe flag set, or null. */
    MapOption firstUnsafe() {
        for (MapOption o : ALL) {
            if (o.isUnsafe() && contains(o)) {
                return o;
            }
        }
        return null;
    }

    /** Options built from kernel {@code mmu_flags} (permission bits only). */
    static MapOptions permissionsFromKernel(int mmuFlags) {
        return new MapOptions(mmuFlags & PERMISSION_BITS);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapOptions m && m.bits == bits;
    }

    @Override
    public int hashCode() {
        return bits;
    }

    @Override
    public String toString() {
        long a = alignment();
        return toEnumSet() + (a == 0 ? "" : " aligned " + a);
    }
}
