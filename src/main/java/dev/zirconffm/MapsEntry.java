package dev.zirconffm;

/**
 * One entry of a VMAR's layout ({@code ZX_INFO_VMAR_MAPS}, {@link Vmar#maps()}): a region (the
 * VMAR itself at depth 0, then its sub-VMARs) or a mapping.
 */
public sealed interface MapsEntry permits MapsEntry.Region, MapsEntry.Mapping {

    /**
     * The entry's name (a region's name, or the mapped VMO's).
     *
     * @return the name
     */
    String name();

    /**
     * The first address.
     *
     * @return the first address
     */
    long base();

    /**
     * The length in bytes.
     *
     * @return the length in bytes
     */
    long size();

    /**
     * The depth in the tree: 0 for the VMAR asked about, 1 for its direct children, and so on.
     *
     * @return the depth
     */
    long depth();

    /**
     * A VMAR ({@code ZX_INFO_MAPS_TYPE_VMAR}).
     *
     * @param name  its name
     * @param base  its first address
     * @param size  its length
     * @param depth its depth
     */
    record Region(String name, long base, long size, long depth) implements MapsEntry {
    }

    /**
     * A mapping ({@code ZX_INFO_MAPS_TYPE_MAPPING}).
     *
     * @param name           the mapped VMO's name
     * @param base           its first address
     * @param size           its length
     * @param depth          its depth
     * @param permissions    its current permissions ({@code ZX_VM_PERM_*} of {@code mmu_flags})
     * @param vmoKoid        the mapped VMO's koid
     * @param vmoOffset      the offset of {@code base} in the VMO
     * @param committedBytes bytes committed in the mapped range
     * @param populatedBytes bytes populated in the mapped range
     */
    record Mapping(String name, long base, long size, long depth, MapOptions permissions, long vmoKoid,
                   long vmoOffset, long committedBytes, long populatedBytes) implements MapsEntry {
    }
}
