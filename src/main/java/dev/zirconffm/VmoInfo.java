package dev.zirconffm;

import dev.zirconffm.internal.bindings.zircon_h;

/**
 * What {@code ZX_INFO_VMO} reports about a VMO ({@link Vmo#info()}).
 *
 * @param koid           the VMO's koid
 * @param name           its name ({@code ZX_PROP_NAME})
 * @param sizeBytes      its size
 * @param parentKoid     the koid of the VMO it is a child of, or 0
 * @param numChildren    how many children it has
 * @param numMappings    how many times it is mapped
 * @param shareCount     how many processes map it or hold a handle to it
 * @param flags          the {@code ZX_INFO_VMO_*} flags; see the {@code is...} methods
 * @param committedBytes bytes committed to it
 * @param populatedBytes bytes populated in it
 * @param handleRights   the rights of the handle the info was read through
 * @param cachePolicy    its {@code ZX_CACHE_POLICY_*} value; see {@link #cachePolicyEnum()}
 */
public record VmoInfo(long koid, String name, long sizeBytes, long parentKoid, long numChildren,
                      long numMappings, long shareCount, int flags, long committedBytes,
                      long populatedBytes, Rights handleRights, int cachePolicy) {

    /**
     * True if the VMO is resizable ({@code ZX_INFO_VMO_RESIZABLE}).
     *
     * @return true if resizable
     */
    public boolean isResizable() {
        return (flags & zircon_h.ZX_INFO_VMO_RESIZABLE()) != 0;
    }

    /**
     * True if the VMO is a copy-on-write child ({@code ZX_INFO_VMO_IS_COW_CLONE}).
     *
     * @return true if a copy-on-write child
     */
    public boolean isCowClone() {
        return (flags & zircon_h.ZX_INFO_VMO_IS_COW_CLONE()) != 0;
    }

    /**
     * True if the VMO is discardable ({@code ZX_INFO_VMO_DISCARDABLE}).
     *
     * @return true if discardable
     */
    public boolean isDiscardable() {
        return (flags & zircon_h.ZX_INFO_VMO_DISCARDABLE()) != 0;
    }

    /**
     * True if the VMO is backed by pages ({@code ZX_INFO_VMO_TYPE_PAGED}), not physical memory.
     *
     * @return true if paged
     */
    public boolean isPaged() {
        return (flags & zircon_h.ZX_INFO_VMO_TYPE_PAGED()) != 0;
    }

    /**
     * The cache policy as an enum.
     *
     * @return the cache policy
     */
    public CachePolicy cachePolicyEnum() {
        return CachePolicy.of(cachePolicy);
    }
}
