package dev.zirconffm.reliability;

import dev.zirconffm.MapOption;
import dev.zirconffm.MapOptions;
import dev.zirconffm.Right;
import dev.zirconffm.Rights;
import dev.zirconffm.Status;
import dev.zirconffm.Vmar;
import dev.zirconffm.VmarOp;
import dev.zirconffm.VmarOption;
import dev.zirconffm.Vmo;
import dev.zirconffm.VmoChildOption;
import dev.zirconffm.VmoOp;
import dev.zirconffm.VmoOption;
import dev.zirconffm.Zircon;
import dev.zirconffm.ZxException;
import dev.zirconffm.internal.MappingRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import static dev.zirconffm.Status.ACCESS_DENIED;
import static dev.zirconffm.Status.INVALID_ARGS;
import static dev.zirconffm.VmarOption.CAN_MAP_EXECUTE;
import static dev.zirconffm.VmarOption.CAN_MAP_READ;
import static dev.zirconffm.VmarOption.CAN_MAP_SPECIFIC;
import static dev.zirconffm.VmarOption.CAN_MAP_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attempts to get more than a handle, a region or a segment grants: each must be refused with
 * the status Fuchsia's docs give (or the API's own exception), and change nothing: no new
 * mapping, handle or permission. Each row first does the same call with the right (where one
 * exists), so the refusal is shown to come from the missing right alone.
 */
class RightsEscalationTest {

    static final long PAGE = Zircon.pageSize();
    static final Rights RO = Rights.of(Right.READ, Right.MAP, Right.DUPLICATE, Right.INSPECT, Right.GET_PROPERTY);

    /** The objects a row attacks; every handle it makes goes in {@link #owned} and is closed after. */
    static final class Fx {
        final List<AutoCloseable> owned = new ArrayList<>();
        final Arena arena = Arena.ofConfined();
        final Vmar region = own(Vmar.root().allocate(64 * PAGE, EnumSet.of(CAN_MAP_READ, CAN_MAP_WRITE, CAN_MAP_SPECIFIC)));
        final Vmar readOnlyRegion = own(region.allocate(0, 8 * PAGE, EnumSet.of(CAN_MAP_READ, VmarOption.SPECIFIC), 0));
        final Vmar execRegion = own(Vmar.root().allocate(8 * PAGE, EnumSet.of(CAN_MAP_READ, CAN_MAP_EXECUTE)));
        final Vmo vmo = own(Vmo.create(4 * PAGE));
        final Vmo readOnly = own(vmo.duplicate(RO));

        <T extends AutoCloseable> T own(T t) {
            owned.add(t);
            return t;
        }

        Vmo dup(Vmo v, Right... drop) {
            Rights r = v.rights();
            for (Right d : drop) {
                r = r.minus(d);
            }
            return own(v.duplicate(r));
        }

        Vmar dup(Vmar v, Right... drop) {
            Rights r = v.rights();
            for (Right d : drop) {
                r = r.minus(d);
            }
            return own(v.duplicate(r));
        }
    }

    /** A refused call. */
    interface Attempt {
        void run() throws Exception;
    }

    /** Builds the row's objects, checks the allowed variant, and returns the refused call. */
    interface Row {
        Attempt prepare(Fx f) throws Exception;
    }

    private static Arguments row(String name, Object expected, Row row) {
        return Arguments.of(name, expected, row);
    }

    static Stream<Arguments> attempts() {
        return Stream.of(
                row("map read-write through a VMO handle without WRITE", ACCESS_DENIED, f -> {
                    f.region.map(f.arena, f.vmo, 0, PAGE, MapOptions.READ_WRITE);
                    return () -> f.region.map(f.arena, f.readOnly, 0, PAGE, MapOptions.READ_WRITE);
                }),
                row("map through a VMO handle without MAP", ACCESS_DENIED, f -> {
                    Vmo noMap = f.dup(f.vmo, Right.MAP);
                    return () -> f.region.map(f.arena, noMap, 0, PAGE, MapOptions.READ);
                }),
                row("map readable through a VMO handle without READ", ACCESS_DENIED, f -> {
                    Vmo noRead = f.dup(f.vmo, Right.READ);
                    return () -> f.region.map(f.arena, noRead, 0, PAGE, MapOptions.READ);
                }),
                row("map read-write into a region without CAN_MAP_WRITE", ACCESS_DENIED, f -> {
                    f.readOnlyRegion.map(f.arena, f.vmo, 0, PAGE, MapOptions.READ);
                    return () -> f.readOnlyRegion.map(f.arena, f.vmo, 0, PAGE, MapOptions.READ_WRITE);
                }),
                row("map read-write through a VMAR handle without WRITE", ACCESS_DENIED, f -> {
                    Vmar noWrite = f.dup(f.region, Right.WRITE);
                    noWrite.map(f.arena, f.vmo, 0, PAGE, MapOptions.READ);
                    return () -> noWrite.map(f.arena, f.vmo, 0, PAGE, MapOptions.READ_WRITE);
                }),
                row("map executable through a VMO handle without EXECUTE", ACCESS_DENIED, f -> {
                    f.execRegion.map(f.arena, f.vmo, 0, PAGE, MapOptions.READ);
                    return () -> f.execRegion.map(f.arena, f.vmo, 0, PAGE, MapOptions.READ.with(MapOption.PERM_EXECUTE));
                }),
                row("map executable into a region without CAN_MAP_EXECUTE", ACCESS_DENIED, f -> {
                    Vmo x = f.own(f.dup(f.vmo).replaceAsExecutable());
                    return () -> f.region.map(f.arena, x, 0, PAGE, MapOptions.READ.with(MapOption.PERM_EXECUTE));
                }),
                row("map a specific address in a region without CAN_MAP_SPECIFIC", ACCESS_DENIED, f -> {
                    f.region.map(f.arena, 60 * PAGE, f.vmo, 0, PAGE, MapOptions.READ.with(MapOption.SPECIFIC));
                    return () -> f.readOnlyRegion.map(f.arena, 0, f.vmo, 0, PAGE, MapOptions.READ.with(MapOption.SPECIFIC));
                }),
                row("map read-write a NO_WRITE child", ACCESS_DENIED, f -> {
                    Vmo child = f.own(f.vmo.createChild(EnumSet.of(VmoChildOption.SNAPSHOT, VmoChildOption.NO_WRITE), 0, PAGE));
                    f.region.map(f.arena, child, 0, PAGE, MapOptions.READ);
                    return () -> f.region.map(f.arena, child, 0, PAGE, MapOptions.READ_WRITE);
                }),
                row("protect up to read-write a mapping made through a read-only VMO handle", ACCESS_DENIED, f -> {
                    MemorySegment ok = f.region.map(f.arena, f.vmo, 0, PAGE, MapOptions.READ);
                    f.region.protect(ok.address(), PAGE, MapOptions.READ_WRITE);
                    MemorySegment s = f.region.map(f.arena, f.readOnly, 0, PAGE, MapOptions.READ);
                    return () -> f.region.protect(s.address(), PAGE, MapOptions.READ_WRITE);
                }),
                row("protect up to read-write after the VMO handle that allowed only reading is closed", ACCESS_DENIED, f -> {
                    Vmo ro = f.vmo.duplicate(RO);
                    MemorySegment s = f.region.map(f.arena, ro, 0, PAGE, MapOptions.READ);
                    ro.close(); // the ceiling was captured at map time
                    return () -> f.region.protect(s.address(), PAGE, MapOptions.READ_WRITE);
                }),
                row("protect up to read-write through a VMAR handle without WRITE", ACCESS_DENIED, f -> {
                    MemorySegment s = f.region.map(f.arena, f.vmo, 0, PAGE, MapOptions.READ);
                    Vmar noWrite = f.dup(f.region, Right.WRITE);
                    noWrite.protect(s.address(), PAGE, MapOptions.READ);
                    return () -> noWrite.protect(s.address(), PAGE, MapOptions.READ_WRITE);
                }),
                row("protect up to executable without EXECUTE anywhere", ACCESS_DENIED, f -> {
                    MemorySegment s = f.region.map(f.arena, f.vmo, 0, PAGE, MapOptions.READ);
                    return () -> f.region.protect(s.address(), PAGE, MapOptions.READ.with(MapOption.PERM_EXECUTE));
                }),
                row("protect up a sub-region's mapping through its parent", ACCESS_DENIED, f -> {
                    Vmar child = f.own(f.region.allocate(4 * PAGE, EnumSet.of(CAN_MAP_READ, CAN_MAP_WRITE)));
                    MemorySegment s = child.map(f.arena, f.vmo, 0, PAGE, MapOptions.READ);
                    child.protect(s.address(), PAGE, MapOptions.READ_WRITE); // its own region may
                    child.protect(s.address(), PAGE, MapOptions.READ);
                    return () -> f.region.protect(s.address(), PAGE, MapOptions.READ_WRITE);
                }),
                row("protect a sub-region's mapping through a parent handle without OP_CHILDREN", INVALID_ARGS, f -> {
                    Vmar child = f.own(f.region.allocate(4 * PAGE, EnumSet.of(CAN_MAP_READ, CAN_MAP_WRITE)));
                    MemorySegment s = child.map(f.arena, f.vmo, 0, PAGE, MapOptions.READ_WRITE);
                    Vmar noChildren = f.dup(f.region, Right.OP_CHILDREN);
                    f.region.protect(s.address(), PAGE, MapOptions.READ_WRITE);
                    return () -> noChildren.protect(s.address(), PAGE, MapOptions.READ_WRITE);
                }),
                row("zero through a region a mapping whose ceiling is read-only", ACCESS_DENIED, f -> {
                    MemorySegment w = f.region.map(f.arena, f.vmo, 0, PAGE, MapOptions.READ_WRITE);
                    f.region.opRange(VmarOp.ZERO, w.address(), PAGE);
                    MemorySegment s = f.region.map(f.arena, f.readOnly, 0, PAGE, MapOptions.READ);
                    return () -> f.region.opRange(VmarOp.ZERO, s.address(), PAGE);
                }),
                row("allocate a writable sub-region in a read-only region", ACCESS_DENIED, f -> {
                    f.own(f.readOnlyRegion.allocate(PAGE, EnumSet.of(CAN_MAP_READ)));
                    return () -> f.readOnlyRegion.allocate(PAGE, EnumSet.of(CAN_MAP_READ, CAN_MAP_WRITE));
                }),
                row("allocate an executable sub-region in a region without CAN_MAP_EXECUTE", ACCESS_DENIED,
                        f -> () -> f.region.allocate(PAGE, EnumSet.of(CAN_MAP_READ, CAN_MAP_EXECUTE))),
                row("allocate a writable sub-region through a VMAR handle without WRITE", ACCESS_DENIED, f -> {
                    Vmar noWrite = f.dup(f.region, Right.WRITE);
                    f.own(noWrite.allocate(PAGE, EnumSet.of(CAN_MAP_READ)));
                    return () -> noWrite.allocate(PAGE, EnumSet.of(CAN_MAP_READ, CAN_MAP_WRITE));
                }),
                row("destroy a region through a handle without OP_CHILDREN", ACCESS_DENIED, f -> {
                    Vmar noChildren = f.dup(f.readOnlyRegion, Right.OP_CHILDREN);
                    return noChildren::destroy;
                }),
                row("unmap a sub-region through a parent handle without OP_CHILDREN", INVALID_ARGS, f -> {
                    Vmar noChildren = f.dup(f.region, Right.OP_CHILDREN);
                    return () -> noChildren.unmap(f.readOnlyRegion.base(), f.readOnlyRegion.length());
                }),
                row("duplicate a VMO handle without DUPLICATE", ACCESS_DENIED, f -> {
                    Vmo noDup = f.dup(f.vmo, Right.DUPLICATE);
                    return noDup::duplicate;
                }),
                row("duplicate a VMAR handle without DUPLICATE", ACCESS_DENIED, f -> {
                    Vmar noDup = f.dup(f.region, Right.DUPLICATE);
                    return noDup::duplicate;
                }),
                row("duplicate with more rights than the handle has", INVALID_ARGS, f -> {
                    f.own(f.readOnly.duplicate(Rights.of(Right.READ)));
                    return () -> f.readOnly.duplicate(RO.plus(Right.WRITE));
                }),
                row("replace with more rights than the handle has (and lose the handle)", INVALID_ARGS, f -> {
                    Vmo victim = f.dup(f.readOnly);
                    return () -> {
                        try {
                            victim.replace(RO.plus(Right.WRITE));
                        } finally {
                            assertTrue(victim.isClosed(), "replace consumes the handle even when refused");
                        }
                    };
                }),
                row("replace a VMAR handle with more rights than it has", INVALID_ARGS, f -> {
                    Vmar victim = f.dup(f.readOnlyRegion, Right.WRITE);
                    return () -> victim.replace(Rights.DEFAULT_VMAR.plus(Right.WRITE));
                }),
                row("write through a read-only handle", ACCESS_DENIED, f -> {
                    f.vmo.write(new byte[]{1}, 0);
                    return () -> f.readOnly.write(new byte[]{1}, 0);
                }),
                row("write through a NO_WRITE child", ACCESS_DENIED, f -> {
                    Vmo child = f.own(f.vmo.createChild(EnumSet.of(VmoChildOption.SNAPSHOT, VmoChildOption.NO_WRITE), 0, PAGE));
                    return () -> child.write(new byte[]{1}, 0);
                }),
                row("write through a slice of a read-only handle", ACCESS_DENIED, f -> {
                    Vmo slice = f.own(f.readOnly.createChild(EnumSet.of(VmoChildOption.SLICE), 0, PAGE));
                    assertFalse(slice.rights().contains(Right.WRITE));
                    return () -> slice.write(new byte[]{1}, 0);
                }),
                row("read through a handle without READ", ACCESS_DENIED, f -> {
                    Vmo noRead = f.dup(f.vmo, Right.READ);
                    return () -> noRead.read(new byte[1], 0);
                }),
                row("zero through a read-only handle", ACCESS_DENIED, f -> () -> f.readOnly.opRange(VmoOp.ZERO, 0, PAGE)),
                row("resize without RESIZE", ACCESS_DENIED, f -> {
                    Vmo r = f.own(Vmo.create(PAGE, EnumSet.of(VmoOption.RESIZABLE)));
                    r.setSize(2 * PAGE);
                    Vmo noResize = f.dup(r, Right.RESIZE);
                    return () -> noResize.setSize(3 * PAGE);
                }),
                row("resize without WRITE", ACCESS_DENIED, f -> {
                    Vmo r = f.own(Vmo.create(PAGE, EnumSet.of(VmoOption.RESIZABLE)));
                    Vmo noWrite = f.dup(r, Right.WRITE);
                    return () -> noWrite.setSize(3 * PAGE);
                }),
                row("create a child without DUPLICATE", ACCESS_DENIED, f -> {
                    Vmo noDup = f.dup(f.vmo, Right.DUPLICATE);
                    return () -> noDup.createChild(EnumSet.of(VmoChildOption.SNAPSHOT), 0, PAGE);
                }),
                row("create a child without READ", ACCESS_DENIED, f -> {
                    Vmo noRead = f.dup(f.vmo, Right.READ);
                    return () -> noRead.createChild(EnumSet.of(VmoChildOption.SLICE), 0, PAGE);
                }),
                row("set the name without SET_PROPERTY", ACCESS_DENIED, f -> () -> f.readOnly.setName("x")),
                row("write into a read-only segment", IllegalArgumentException.class, f -> {
                    MemorySegment s = f.region.map(f.arena, f.vmo, 0, PAGE, MapOptions.READ);
                    return () -> s.set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
                }),
                row("write into a read-only segment after protecting its pages read-write", IllegalArgumentException.class, f -> {
                    MemorySegment s = f.region.map(f.arena, f.vmo, 0, PAGE, MapOptions.READ);
                    f.region.protect(s.address(), PAGE, MapOptions.READ_WRITE);
                    return () -> s.set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
                }),
                row("have the kernel write into a read-only segment (zx_vmo_read into it)", IllegalArgumentException.class, f -> {
                    MemorySegment s = f.region.map(f.arena, f.vmo, 0, PAGE, MapOptions.READ);
                    return () -> f.vmo.read(s, 0);
                }),
                row("drop READ under a live segment", IllegalStateException.class, f -> {
                    MemorySegment s = f.region.map(f.arena, f.vmo, 0, PAGE, MapOptions.READ);
                    return () -> f.region.protect(s.address(), PAGE, MapOptions.of());
                }),
                row("unmap in the root region", IllegalStateException.class, f -> {
                    MemorySegment s = Vmar.root().map(f.arena, f.vmo, 0, PAGE, MapOptions.READ);
                    return () -> Vmar.root().unmap(s.address() + 64 * PAGE, PAGE);
                }),
                row("destroy the root region", IllegalStateException.class, f -> Vmar.root()::destroy),
                row("replace the root region's handle", UnsupportedOperationException.class,
                        f -> () -> Vmar.root().replace(Rights.DEFAULT_VMAR)));
    }

    private Fx f;

    @BeforeEach
    void setUp() {
        f = new Fx();
    }

    @AfterEach
    void tearDown() throws Exception {
        f.arena.close();
        f.region.destroy();
        f.execRegion.destroy();
        for (int i = f.owned.size() - 1; i >= 0; i--) {
            f.owned.get(i).close();
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("attempts")
    void everyEscalationIsRefusedAndChangesNothing(String attempt, Object expected, Row row) throws Exception {
        Attempt refused = row.prepare(f);
        int vmos = KernelProbe.vmoHandles();
        int vmars = KernelProbe.vmarHandles();
        int registered = MappingRegistry.global().size();
        long rootChildren = KernelProbe.rootChildren();
        List<String> layout = f.region.maps().stream().map(e -> e.getClass().getSimpleName() + e.base() + "+" + e.size()
                + (e instanceof dev.zirconffm.MapsEntry.Mapping m ? m.permissions().toString() : "")).toList();
        Throwable t = assertThrows(Throwable.class, refused::run, attempt);
        if (expected instanceof Status status) {
            ZxException e = assertInstanceOf(ZxException.class, t, attempt);
            assertEquals(status, e.status(), attempt + ": " + e.getMessage());
        } else {
            assertInstanceOf((Class<?>) expected, t, attempt);
        }
        boolean consumed = attempt.startsWith("replace") && !attempt.contains("root");
        boolean vmarConsumed = consumed && attempt.contains("VMAR");
        assertEquals(vmos - (consumed && !vmarConsumed ? 1 : 0), KernelProbe.vmoHandles(), "VMO handles");
        assertEquals(vmars - (vmarConsumed ? 1 : 0), KernelProbe.vmarHandles(), "VMAR handles");
        assertEquals(registered, MappingRegistry.global().size(), "registered mappings");
        assertEquals(rootChildren, KernelProbe.rootChildren(), "regions and mappings in the root");
        assertEquals(layout, f.region.maps().stream().map(e -> e.getClass().getSimpleName() + e.base() + "+" + e.size()
                + (e instanceof dev.zirconffm.MapsEntry.Mapping m ? m.permissions().toString() : "")).toList(), "layout");
    }
}
