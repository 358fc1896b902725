package dev.zirconffm;

import dev.zirconffm.internal.bindings.zircon_h;

/** A VMO's cache policy ({@code ZX_CACHE_POLICY_*}). */
public enum CachePolicy {
    /** {@code ZX_CACHE_POLICY_CACHED}: the default. */
    CACHED(zircon_h.ZX_CACHE_POLICY_CACHED()),
    /** {@code ZX_CACHE_POLICY_UNCACHED}. */
    UNCACHED(zircon_h.ZX_CACHE_POLICY_UNCACHED()),
    /** {@code ZX_CACHE_POLICY_UNCACHED_DEVICE}. */
    UNCACHED_DEVICE(zircon_h.ZX_CACHE_POLICY_UNCACHED_DEVICE()),
    /** {@code ZX_CACHE_POLICY_WRITE_COMBINING}. */
    WRITE_COMBINING(zircon_h.ZX_CACHE_POLICY_WRITE_COMBINING());

    private final int value;

    CachePolicy(int value) {
        this.value = value;
    }

    /**
     * The policy's {@code ZX_CACHE_POLICY_*} value.
     *
     * @return the value
     */
    public int value() {
        return value;
    }

    /**
     * The policy with the given value; {@link IllegalArgumentException} if none.
     *
     * @param value the kernel value
     * @return the policy
     */
    public static CachePolicy of(int value) {
        for (CachePolicy p : values()) {
            if (p.value == value) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown cache policy " + value);
    }
}
