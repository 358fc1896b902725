package dev.zirconffm;

import dev.zirconffm.internal.bindings.zircon_h;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RightsTest {

    @Test
    void ofHoldsExactlyTheGivenRightsAndTheirBits() {
        Rights r = Rights.of(Right.READ, Right.MAP);
        assertEquals(zircon_h.ZX_RIGHT_READ() | zircon_h.ZX_RIGHT_MAP(), r.bits());
        assertTrue(r.contains(Right.READ));
        assertTrue(r.contains((Object) Right.MAP));
        assertFalse(r.contains(Right.WRITE));
        assertFalse(r.contains("READ"));
        assertEquals(2, r.size());
        assertEquals(List.of(Right.READ, Right.MAP), List.copyOf(r));
    }

    @Test
    void setAlgebra() {
        Rights rw = Rights.of(Right.READ, Right.WRITE);
        Rights rm = Rights.of(Right.READ, Right.MAP);
        assertEquals(Rights.of(Right.READ, Right.WRITE, Right.MAP), rw.union(rm));
        assertEquals(Rights.of(Right.READ), rw.intersection(rm));
        assertEquals(Rights.of(Right.READ, Right.WRITE, Right.EXECUTE), rw.plus(Right.EXECUTE));
        assertEquals(Rights.of(Right.WRITE), rw.minus(Right.READ));
        assertTrue(rw.union(rm).containsAll(rw));
        assertFalse(rw.containsAll(rm));
        assertTrue(Rights.NONE.isEmpty());
    }

    @Test
    void isASetEqualToOtherSetsOfTheSameRights() {
        Rights r = Rights.of(Right.READ, Right.WRITE);
        Set<Right> e = EnumSet.of(Right.READ, Right.WRITE);
        assertEquals(e, r);
        assertEquals(r, e);
        assertEquals(e.hashCode(), r.hashCode());
        assertEquals(e, r.toEnumSet());
        assertEquals(r, Rights.copyOf(e));
    }

    @Test
    void namedConstantsMatchTheAbi() {
        assertEquals(zircon_h.ZX_DEFAULT_VMO_RIGHTS(), Rights.DEFAULT_VMO.bits());
        assertEquals(zircon_h.ZX_DEFAULT_VMAR_RIGHTS(), Rights.DEFAULT_VMAR.bits());
        assertEquals(zircon_h.ZX_RIGHTS_BASIC(), Rights.BASIC.bits());
        assertEquals(zircon_h.ZX_RIGHTS_IO(), Rights.IO.bits());
        assertEquals(zircon_h.ZX_RIGHTS_PROPERTY(), Rights.PROPERTY.bits());
        assertTrue(Rights.DEFAULT_VMO.containsAll(Rights.of(Right.READ, Right.WRITE, Right.MAP, Right.DUPLICATE)));
    }

    @Test
    void fromBitsRefusesUnknownBitsButKernelValuesKeepThem() {
        assertEquals(Rights.of(Right.READ), Rights.fromBits(zircon_h.ZX_RIGHT_READ()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Rights.fromBits(zircon_h.ZX_RIGHT_SAME_RIGHTS()));
        assertTrue(e.getMessage().contains("rights"), e.getMessage());
        Rights kernel = Rights.fromKernel(zircon_h.ZX_RIGHT_READ() | (1 << 30));
        assertEquals(zircon_h.ZX_RIGHT_READ() | (1 << 30), kernel.bits());
        assertEquals(1, kernel.size());
        assertTrue(kernel.toString().contains("+0x40000000"), kernel.toString());
    }

    @Test
    void nullsAreRefusedNamingTheArgument() {
        assertThrows(NullPointerException.class, () -> Rights.of((Right[]) null));
        NullPointerException e = assertThrows(NullPointerException.class, () -> Rights.of(Right.READ, null));
        assertTrue(e.getMessage().contains("rights"));
    }

    @Test
    void everyRightHasADistinctSingleBit() {
        int seen = 0;
        for (Right r : Right.values()) {
            assertEquals(1, Integer.bitCount(r.bit()), r.name());
            assertEquals(0, seen & r.bit(), r.name());
            seen |= r.bit();
        }
    }
}
