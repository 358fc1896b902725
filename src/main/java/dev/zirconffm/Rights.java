package dev.zirconffm;

import dev.zirconffm.internal.bindings.zircon_h;

import java.util.AbstractSet;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * An immutable set of handle {@link Right}s, a typed {@code zx_rights_t}.
 *
 * <p>It is a {@link java.util.Set} (read-only) with value-style helpers: {@link #of}, {@link #plus},
 * {@link #minus}, {@link #union}, {@link #intersection}, {@link #containsAll(Rights)}. Rights read
 * from the kernel keep bits this library has no {@link Right} for; {@link #bits()} returns them all.
 */
public final class Rights extends AbstractSet<Right> {

    private static final Right[] ALL = Right.values();
    private static final int KNOWN_BITS;

    static {
        int known = 0;
        for (Right r : ALL) {
            known |= r.bit();
        }
        KNOWN_BITS = known;
    }

    /** No rights ({@code ZX_RIGHT_NONE}). */
    public static final Rights NONE = new Rights(zircon_h.ZX_RIGHT_NONE());
    /** {@code ZX_RIGHTS_BASIC}: TRANSFER, DUPLICATE, WAIT, INSPECT. */
    public static final Rights BASIC = new Rights(zircon_h.ZX_RIGHTS_BASIC());
    /** {@code ZX_RIGHTS_IO}: READ, WRITE. */
    public static final Rights IO = new Rights(zircon_h.ZX_RIGHTS_IO());
    /** {@code ZX_RIGHTS_PROPERTY}: GET_PROPERTY, SET_PROPERTY. */
    public static final Rights PROPERTY = new Rights(zircon_h.ZX_RIGHTS_PROPERTY());
    /** {@code ZX_DEFAULT_VMO_RIGHTS}: the rights of a new VMO's handle. */
    public static final Rights DEFAULT_VMO = new Rights(zircon_h.ZX_DEFAULT_VMO_RIGHTS());
    /** {@code ZX_DEFAULT_VMAR_RIGHTS}: the rights of a new VMAR's handle, before its mapping limits. */
    public static final Rights DEFAULT_VMAR = new Rights(zircon_h.ZX_DEFAULT_VMAR_RIGHTS());

    private final int bits;

    private Rights(int bits) {
        this.bits = bits;
    }

    /**
     * Returns the set holding exactly the given rights.
     *
     * @param rights the rights
     * @return the set
     */
    public static Rights of(Right... rights) {
        Objects.requireNonNull(rights, "rights");
        int bits = 0;
        for (Right r : rights) {
            bits |= Objects.requireNonNull(r, "rights element").bit();
        }
        return new Rights(bits);
    }

    /**
     * Returns the set holding the rights of {@code rights}.
     *
     * @param rights the rights
     * @return the set
     */
    public static Rights copyOf(Collection<Right> rights) {
        Objects.requireNonNull(rights, "rights");
        if (rights instanceof Rights r) {
            return r;
        }
        int bits = 0;
        for (Right r : rights) {
            bits |= Objects.requireNonNull(r, "rights element").bit();
        }
        return new Rights(bits);
    }

    /**
     * Returns the set for a {@code zx_rights_t} value.
     *
     * @param bits the {@code zx_rights_t} value
     * @return the set
     * @throws IllegalArgumentException if a bit is set that names no {@link Right}
     *                                  (including {@code ZX_RIGHT_SAME_RIGHTS})
     */
    public static Rights fromBits(int bits) {
        if ((bits & ~KNOWN_BITS) != 0) {
            throw new IllegalArgumentException("rights: unknown bits 0x" + Integer.toHexString(bits & ~KNOWN_BITS));
        }
        return new Rights(bits);
    }

    /** Rights as the kernel reported them: unknown bits are kept, not refused. */
    static Rights fromKernel(int bits) {
        return new Rights(bits);
    }

    /**
     * The {@code zx_rights_t} value, including any bit unknown to this library.
     *
     * @return the value
     */
    public int bits() {
        return bits;
    }

    /**
     * True if {@code right} is in this set.
     *
     * @param right the right
     * @return true if present
     */
    public boolean contains(Right right) {
        return (bits & right.bit()) != 0;
    }

    @Override
    public boolean contains(Object o) {
        return o instanceof Right r && contains(r);
    }

    /**
     * True if every right of {@code other} is in this set.
     *
     * @param other the other set
     * @return true if all are present
     */
    public boolean containsAll(Rights other) {
        return (other.bits & ~bits) == 0;
    }

    /**
     * This set with {@code right} added.
     *
     * @param right the right
     * @return the new set
     */
    public Rights plus(Right right) {
        return new Rights(bits | right.bit());
    }

    /**
     * This set without {@code right}.
     *
     * @param right the right
     * @return the new set
     */
    public Rights minus(Right right) {
        return new Rights(bits & ~right.bit());
    }

    /**
     * The rights in this set or in {@code other}.
     *
     * @param other the other set
     * @return the union
     */
    public Rights union(Rights other) {
        return new Rights(bits | other.bits);
    }

    /**
     * The rights in both this set and {@code other}.
     *
     * @param other the other set
     * @return the intersection
     */
    public Rights intersection(Rights other) {
        return new Rights(bits & other.bits);
    }

    /**
     * A mutable copy as an {@link EnumSet} (bits unknown to this library are dropped).
     *
     * @return a new set
     */
    public EnumSet<Right> toEnumSet() {
        EnumSet<Right> set = EnumSet.noneOf(Right.class);
        for (Right r : ALL) {
            if (contains(r)) {
                set.add(r);
            }
        }
        return set;
    }

    @Override
    public int size() {
        return Integer.bitCount(bits & KNOWN_BITS);
    }

    @Override
    public Iterator<Right> iterator() {
        return new Iterator<>() {
            private int next = advance(0);

            private int advance(int from) {
                int i = from;
                while (i < ALL.length && !contains(ALL[i])) {
                    i++;
                }
                return i;
            }

            @Override
            public boolean hasNext() {
                return next < ALL.length;
            }

            @Override
            public Right next() {
                if (next >= ALL.length) {
                    throw new NoSuchElementException();
                }
                Right r = ALL[next];
                next = advance(next + 1);
                return r;
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof Rights r) {
            return r.bits == bits;
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    @Override
    public String toString() {
        String unknown = (bits & ~KNOWN_BITS) == 0 ? "" : " +0x" + Integer.toHexString(bits & ~KNOWN_BITS);
        return super.toString() + unknown;
    }
}
