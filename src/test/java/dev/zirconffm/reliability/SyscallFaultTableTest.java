package dev.zirconffm.reliability;

import dev.zirconffm.CachePolicy;
import dev.zirconffm.MapOption;
import dev.zirconffm.MapOptions;
import dev.zirconffm.Right;
import dev.zirconffm.Rights;
import dev.zirconffm.Status;
import dev.zirconffm.Vmar;
import dev.zirconffm.VmarOp;
import dev.zirconffm.Vmo;
import dev.zirconffm.VmoChildOption;
import dev.zirconffm.VmoOp;
import dev.zirconffm.ZxException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.zirconffm.Status.ACCESS_DENIED;
import static dev.zirconffm.Status.ALREADY_EXISTS;
import static dev.zirconffm.Status.BAD_HANDLE;
import static dev.zirconffm.Status.BAD_STATE;
import static dev.zirconffm.Status.INVALID_ARGS;
import static dev.zirconffm.Status.NOT_FOUND;
import static dev.zirconffm.Status.NOT_SUPPORTED;
import static dev.zirconffm.Status.NO_MEMORY;
import static dev.zirconffm.Status.NO_RESOURCES;
import static dev.zirconffm.Status.OUT_OF_RANGE;
import static dev.zirconffm.Status.UNAVAILABLE;
import static dev.zirconffm.reliability.FaultFixture.PAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every syscall the API makes, failed by the emulator (zxemu_fail_nth_call with each status the
 * syscall's doc lists, and zxemu_fail_nth_allocation where the call allocates): the API must
 * throw the {@link ZxException} naming that syscall and status, and leave no handle, no mapping
 * and no changed state behind. A consuming call (replace) loses exactly its own handle.
 *
 * <p>Not in the table: {@code zx_system_get_page_size}, {@code zx_vmar_root_self} (no status to
 * fail), {@code zx_handle_close} (Fuchsia fails it only for a handle that is already invalid;
 * the API ignores its status), and the unmap an arena's close makes (FaultInjectionTest).
 */
class SyscallFaultTableTest {

    /** An operation under test; {@code prepared} is what {@link Case#prepare} made. */
    interface Action {
        Object run(FaultFixture f, Object prepared) throws Exception;
    }

    /** What runs before the failure is armed (a fresh wrapper, say), or nothing. */
    interface Prepare {
        Object run(FaultFixture f);
    }

    /**
     * One API operation: the syscalls it makes (a name twice if it makes it twice), the statuses to
     * inject, the syscall that allocates (or null), and whether it consumes a handle.
     */
    record Case(String operation, List<String> syscalls, List<Status> statuses, String allocating, boolean consumes,
                Prepare prepare, Action action) {
        @Override
        public String toString() {
            return operation;
        }
    }

    private static Case c(String operation, List<String> syscalls, List<Status> statuses, String allocating, Action action) {
        return new Case(operation, syscalls, statuses, allocating, false, f -> null, action);
    }

    static final List<Case> CASES = List.of(
            c("Vmo.create", List.of("zx_vmo_create"), List.of(NO_MEMORY, OUT_OF_RANGE, INVALID_ARGS), "zx_vmo_create",
                    (f, p) -> Vmo.create(PAGE)),
            c("Vmo.size", List.of("zx_vmo_get_size"), List.of(BAD_HANDLE, NO_MEMORY), null, (f, p) -> f.vmo.size()),
            c("Vmo.read(byte[])", List.of("zx_vmo_read"), List.of(ACCESS_DENIED, OUT_OF_RANGE, BAD_STATE, NO_MEMORY), null,
                    (f, p) -> {
                        f.vmo.read(new byte[16], 0);
                        return null;
                    }),
            c("Vmo.read(segment)", List.of("zx_vmo_read"), List.of(ACCESS_DENIED, OUT_OF_RANGE), null, (f, p) -> {
                f.resizable.read(f.readWrite.asSlice(0, 64), 0);
                return null;
            }),
            c("Vmo.write(byte[])", List.of("zx_vmo_write"), List.of(ACCESS_DENIED, OUT_OF_RANGE, BAD_STATE, NO_MEMORY), null,
                    (f, p) -> {
                        f.vmo.write(new byte[]{9, 9, 9}, 0);
                        return null;
                    }),
            c("Vmo.write(segment)", List.of("zx_vmo_write"), List.of(ACCESS_DENIED, NO_MEMORY), null, (f, p) -> {
                f.resizable.write(f.readOnly.asSlice(0, 64), 0);
                return null;
            }),
            c("Vmo.setSize", List.of("zx_object_get_info", "zx_vmo_get_size", "zx_vmo_set_size"),
                    List.of(NO_MEMORY, ACCESS_DENIED, OUT_OF_RANGE, UNAVAILABLE), null, (f, p) -> {
                        f.resizable.setSize(PAGE);
                        return null;
                    }),
            c("Vmo.opRange(ZERO)", List.of("zx_vmo_op_range"), List.of(NO_MEMORY, ACCESS_DENIED, OUT_OF_RANGE), null, (f, p) -> {
                f.vmo.opRange(VmoOp.ZERO, 0, 2 * PAGE);
                return null;
            }),
            c("Vmo.createChild", List.of("zx_vmo_create_child"), List.of(NO_MEMORY, ACCESS_DENIED, INVALID_ARGS, NOT_SUPPORTED),
                    "zx_vmo_create_child", (f, p) -> f.vmo.createChild(EnumSet.of(VmoChildOption.SNAPSHOT), 0, PAGE)),
            c("Vmo.name", List.of("zx_object_get_property"), List.of(ACCESS_DENIED), null, (f, p) -> f.vmo.name()),
            c("Vmo.setName", List.of("zx_object_set_property"), List.of(ACCESS_DENIED, NO_MEMORY), null, (f, p) -> {
                f.vmo.setName("changed");
                return null;
            }),
            c("Vmo.setCachePolicy", List.of("zx_vmo_set_cache_policy"), List.of(ACCESS_DENIED, BAD_STATE, NOT_SUPPORTED), null,
                    (f, p) -> {
                        f.resizable.setCachePolicy(CachePolicy.UNCACHED);
                        return null;
                    }),
            c("Vmo.info", List.of("zx_object_get_info"), List.of(ACCESS_DENIED, NO_MEMORY), null, (f, p) -> f.vmo.info()),
            c("Handle.koid", List.of("zx_object_get_info"), List.of(BAD_HANDLE), null, (f, p) -> f.unmapped.koid()),
            c("Vmo.duplicate", List.of("zx_handle_duplicate"), List.of(NO_MEMORY, ACCESS_DENIED, INVALID_ARGS),
                    "zx_handle_duplicate", (f, p) -> f.vmo.duplicate(Rights.of(Right.READ, Right.MAP))),
            new Case("Vmo.replace", List.of("zx_handle_replace"), List.of(NO_MEMORY, INVALID_ARGS), "zx_handle_replace", true,
                    f -> null, (f, p) -> f.spare.replace(Rights.of(Right.READ))),
            new Case("Vmo.replaceAsExecutable", List.of("zx_vmo_replace_as_executable"), List.of(NO_MEMORY, ACCESS_DENIED),
                    "zx_vmo_replace_as_executable", true, f -> null, (f, p) -> f.spare.replaceAsExecutable()),
            c("Vmar.allocate", List.of("zx_vmar_allocate"), List.of(NO_MEMORY, NO_RESOURCES, ACCESS_DENIED, INVALID_ARGS),
                    "zx_vmar_allocate", (f, p) -> f.region.allocate(2 * PAGE, Set.of())),
            c("Vmar.info", List.of("zx_object_get_info"), List.of(ACCESS_DENIED, BAD_STATE), null, (f, p) -> f.sub.info()),
            new Case("Vmar.map", List.of("zx_vmo_get_size", "zx_object_get_info", "zx_object_get_info", "zx_vmar_map"),
                    List.of(NO_MEMORY, NO_RESOURCES, ACCESS_DENIED, ALREADY_EXISTS, BAD_STATE), "zx_vmar_map", false,
                    f -> f.region.duplicate(), // a wrapper that has not fetched its koid
                    (f, p) -> ((Vmar) p).map(f.arena, f.unmapped, 0, PAGE, MapOptions.READ_WRITE)),
            new Case("Vmar.mapUnsafe", List.of("zx_object_get_info", "zx_object_get_info", "zx_vmar_map"),
                    List.of(NO_MEMORY, ACCESS_DENIED), "zx_vmar_map", false, f -> f.region.duplicate(),
                    (f, p) -> ((Vmar) p).mapUnsafe(f.arena, 0, f.resizable, 0, PAGE,
                            MapOptions.READ.with(MapOption.ALLOW_FAULTS))),
            c("Vmar.unmap", List.of("zx_vmar_unmap"), List.of(INVALID_ARGS, BAD_STATE, NO_MEMORY), null, (f, p) -> {
                f.region.unmap(f.region.base() + 30 * PAGE, PAGE); // a free range: would succeed
                return null;
            }),
            c("Vmar.protect", List.of("zx_vmar_protect"), List.of(ACCESS_DENIED, NOT_FOUND, NO_MEMORY), "zx_vmar_protect",
                    (f, p) -> {
                        f.region.protect(f.readOnly.address() + PAGE, PAGE, MapOptions.READ_WRITE); // splits
                        return null;
                    }),
            c("Vmar.destroy", List.of("zx_vmar_destroy"), List.of(ACCESS_DENIED, BAD_STATE), null, (f, p) -> {
                f.sub.destroy();
                return null;
            }),
            c("Vmar.opRange(ZERO)", List.of("zx_vmar_op_range"), List.of(ACCESS_DENIED, BAD_STATE, NO_MEMORY), null, (f, p) -> {
                f.region.opRange(VmarOp.ZERO, f.readWrite.address(), PAGE);
                return null;
            }),
            c("Vmar.maps", List.of("zx_object_get_info"), List.of(ACCESS_DENIED, BAD_STATE, NO_MEMORY), null,
                    (f, p) -> f.region.maps()),
            c("Vmar.duplicate", List.of("zx_handle_duplicate"), List.of(NO_MEMORY, ACCESS_DENIED), "zx_handle_duplicate",
                    (f, p) -> f.sub.duplicate()),
            new Case("Vmar.replace", List.of("zx_handle_replace"), List.of(NO_MEMORY, INVALID_ARGS), "zx_handle_replace", true,
                    f -> null, (f, p) -> f.spareRegion.replace(Rights.DEFAULT_VMAR)));

    /** One row per (operation, syscall occurrence, status), plus one per allocating operation. */
    static Stream<Arguments> injections() {
        List<Arguments> rows = new ArrayList<>();
        for (Case c : CASES) {
            for (int i = 0; i < c.syscalls().size(); i++) {
                String syscall = c.syscalls().get(i);
                int nth = (int) c.syscalls().subList(0, i + 1).stream().filter(syscall::equals).count();
                for (Status s : c.statuses()) {
                    rows.add(Arguments.of(c, syscall, nth, s));
                }
            }
            if (c.allocating() != null) {
                rows.add(Arguments.of(c, null, 1, NO_MEMORY));
            }
        }
        return rows.stream();
    }

    private FaultFixture fixture;

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @ParameterizedTest(name = "{0}: {1} #{2} fails with {3}")
    @MethodSource("injections")
    void aFailedSyscallThrowsItsStatusAndLeavesNothingBehind(Case c, String syscall, int nth, Status status) throws Exception {
        fixture = new FaultFixture();
        FaultFixture f = fixture;
        Object prepared = c.prepare().run(f);
        FaultFixture.Snapshot before = f.snapshot();
        if (syscall != null) {
            KernelProbe.failNthCall(syscall, nth, status);
        } else {
            KernelProbe.failNthAllocation(1);
        }
        ZxException e = assertThrows(ZxException.class, () -> c.action().run(f, prepared));
        KernelProbe.clearFailures();
        assertEquals(syscall != null ? syscall : c.allocating(), e.syscall(), "the syscall named");
        assertEquals(status, e.status(), "the status");
        FaultFixture.Snapshot after = f.snapshot();
        if (c.consumes()) {
            // The kernel took the handle it was given, and nothing else.
            Object consumed = c.operation().startsWith("Vmo") ? f.spare : f.spareRegion;
            assertTrue(((dev.zirconffm.Handle) consumed).isClosed(), "the consumed handle is closed");
            boolean vmo = consumed == f.spare;
            assertEquals(before.vmoHandles() - (vmo ? 1 : 0), after.vmoHandles(), "VMO handles");
            assertEquals(before.vmarHandles() - (vmo ? 0 : 1), after.vmarHandles(), "VMAR handles");
            after = new FaultFixture.Snapshot(before.vmoHandles(), before.vmarHandles(), after.registered(), after.rootChildren(),
                    after.layout(), after.vmoBytes(), after.resizableBytes(), after.resizableSize(), after.name(), after.children(),
                    after.cachePolicy(), after.segmentBytes());
        }
        assertEquals(before, after, "state after the failure");
        for (dev.zirconffm.Handle h : new dev.zirconffm.Handle[]{f.vmo, f.resizable, f.unmapped, f.region, f.sub}) {
            assertFalse(h.isClosed(), h + " stays open");
        }
        if (prepared instanceof AutoCloseable a) {
            a.close();
        }
    }
}
