package dev.zirconffm.testing;

import dev.zirconffm.AddressSpaceDump;
import dev.zirconffm.MapsEntry;
import dev.zirconffm.Status;
import dev.zirconffm.Vmar;
import dev.zirconffm.VmarOption;
import dev.zirconffm.ZxException;
import dev.zirconffm.internal.LiveMapping;
import dev.zirconffm.internal.MappingRegistry;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A JUnit 5 extension for tests of code that uses zircon-ffm: each test gets a fresh child
 * {@link Vmar} of the root region as a parameter, destroyed after the test, and the test fails,
 * naming what it leaked, if it leaves handles open or mappings and sub-regions in that VMAR.
 *
 * <pre>{@code
 * @ExtendWith(ZirconExtension.class)
 * class SharedPagesTest {
 *
 *     @Test
 *     void twoMappingsShareTheirPages(Vmar vmar) {
 *         try (Vmo vmo = Vmo.create(Zircon.pageSize());
 *              Arena arena = Arena.ofConfined()) {
 *             MemorySegment writer = vmar.map(arena, vmo, 0, vmo.size(), MapOptions.READ_WRITE);
 *             MemorySegment reader = vmar.map(arena, vmo, 0, vmo.size(), MapOptions.READ);
 *             writer.set(ValueLayout.JAVA_INT, 0, 42);
 *             assertEquals(42, reader.get(ValueLayout.JAVA_INT, 0));
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Had the test left the arena open, it would fail with a message like this one:
 * <pre>
 * twoMappingsShareTheirPages(Vmar) leaked:
 *   mappings and sub-regions left in its VMAR (ZX_INFO_VMAR_MAPS): 2 mappings
 *     vmar   0x00007f3a00000000-0x00007f3a40000000     1 GiB      'useralloc'
 *       map  0x00007f3a00000000-0x00007f3a00001000     4 KiB  rw- '' vmo koid 1203 offset 0x0
 *       map  0x00007f3a00001000-0x00007f3a00002000     4 KiB  r-- '' vmo koid 1203 offset 0x0
 *   the VMAR is left in place, not destroyed: live segments may still be accessed (close their arena)
 * </pre>
 *
 * <p>The region is 1 GiB ({@link #DEFAULT_REGION_SIZE}) with {@link VmarOption#CAN_MAP_READ},
 * {@link VmarOption#CAN_MAP_WRITE} and {@link VmarOption#CAN_MAP_SPECIFIC}; register the
 * extension with {@code @RegisterExtension} and {@link #ZirconExtension(long, Set)} for another
 * size or other options. The same {@link Vmar} is given to the test's {@code @BeforeEach},
 * {@code @Test} and {@code @AfterEach} methods; the leak check runs after the {@code @AfterEach}
 * methods. Closing or destroying the given handle in the test is allowed.
 *
 * <p>What counts as a leak:
 * <ul>
 * <li>more open handles of some type after the test than before it, as the process's
 *     {@code ZX_INFO_PROCESS_HANDLE_STATS} counts them (fewer is not a leak);</li>
 * <li>any mapping or sub-region left in the test's VMAR. A live mapping's segment may still be
 *     accessed, so the VMAR is then left in place rather than destroyed under it.</li>
 * </ul>
 * Segments of automatic arenas ({@link java.lang.foreign.Arena#ofAuto()}) unmap once collected:
 * before failing, the check gives the garbage collector a bounded chance (about half a second).
 *
 * <p>The handle count is process-wide: run the tests that use this extension on one thread at a
 * time (JUnit's default), or mark them {@code @Isolated} under parallel execution, and keep
 * other threads from opening handles meanwhile.
 *
 * <p>JUnit Jupiter's API is an optional dependency of zircon-ffm: tests that use this class
 * bring their own {@code junit-jupiter} (5.x), as every JUnit 5 test does.
 */
public final class ZirconExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    /** The size in bytes of each test's VMAR unless configured otherwise: 1 GiB. */
    public static final long DEFAULT_REGION_SIZE = 1L << 30;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ZirconExtension.class);
    private static final String KEY = "per-test";
    // A bounded chance for the GC to unmap segments of automatic arenas: 25 x 20 ms.
    private static final int GC_ROUNDS = 25;
    private static final long GC_PAUSE_MILLIS = 20;

    private final long regionSize;
    private final Set<VmarOption> options;

    /**
     * The extension with a 1 GiB readable, writable region per test
     * (the constructor {@code @ExtendWith} uses).
     */
    public ZirconExtension() {
        this(DEFAULT_REGION_SIZE, EnumSet.of(VmarOption.CAN_MAP_READ, VmarOption.CAN_MAP_WRITE, VmarOption.CAN_MAP_SPECIFIC));
    }

    /**
     * The extension with a region of {@code regionSize} bytes and {@code options} per test, e.g.
     * {@code @RegisterExtension static ZirconExtension zircon = new ZirconExtension(1 << 20,
     * EnumSet.of(CAN_MAP_READ, CAN_MAP_WRITE));}.
     *
     * @param regionSize the size in bytes of each test's region (rounded up to whole pages)
     * @param options    the region's {@link VmarOption}s, as {@link Vmar#allocate(long, Set)} takes them
     * @throws IllegalArgumentException if {@code regionSize} is not positive
     * @throws NullPointerException     if {@code options} or an element is null
     */
    public ZirconExtension(long regionSize, Set<VmarOption> options) {
        if (regionSize <= 0) {
            throw new IllegalArgumentException("regionSize must be positive: " + regionSize);
        }
        Objects.requireNonNull(options, "options").forEach(o -> Objects.requireNonNull(o, "options has a null element"));
        this.regionSize = regionSize;
        this.options = options.isEmpty() ? EnumSet.noneOf(VmarOption.class) : EnumSet.copyOf(options);
    }

    /**
     * Counts the process's handles, then allocates the test's region.
     *
     * @param context the test's context
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        HandleStats before = HandleStats.now();
        Vmar region = Vmar.root().allocate(regionSize, options);
        Vmar given;
        try {
            // The test gets its own handle: it may close it, and the extension still cleans up.
            given = region.duplicate();
        } catch (RuntimeException e) {
            region.destroy();
            region.close();
            throw e;
        }
        context.getStore(NAMESPACE).put(KEY, new PerTest(before, region, given));
    }

    /**
     * True for parameters of type {@link Vmar}.
     *
     * @param parameter the parameter
     * @param context   the context it is resolved in
     * @return whether this extension resolves it
     */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Vmar.class;
    }

    /**
     * The test's region.
     *
     * @param parameter the parameter
     * @param context   the context it is resolved in
     * @return the test's {@link Vmar}
     * @throws ParameterResolutionException outside a test's {@code @BeforeEach}, {@code @Test}
     *                                      or {@code @AfterEach} methods (e.g. in {@code @BeforeAll})
     */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        PerTest test = context.getStore(NAMESPACE).get(KEY, PerTest.class);
        if (test == null) {
            throw new ParameterResolutionException("ZirconExtension gives each test its own Vmar: declare it on a"
                    + " @Test, @BeforeEach or @AfterEach method, not on " + parameter.getDeclaringExecutable());
        }
        return test.given;
    }

    /**
     * Checks for leaks, destroys the test's region (unless a live segment is still in it), closes
     * its handles, and fails the test naming what leaked.
     *
     * @param context the test's context
     * @throws InterruptedException if interrupted while waiting for the garbage collector
     */
    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        PerTest test = context.getStore(NAMESPACE).remove(KEY, PerTest.class);
        if (test == null) {
            return;
        }
        Leaks leaks;
        boolean live;
        try {
            leaks = test.leaks();
            for (int i = 0; i < GC_ROUNDS && leaks.any(); i++) {
                System.gc();
                Thread.sleep(GC_PAUSE_MILLIS);
                leaks = test.leaks();
            }
        } finally {
            live = test.cleanUp(); // even if the check failed
        }
        if (leaks.any()) {
            fail(leaks.describe(context.getDisplayName(), live));
        }
    }

    /** What one test holds: the handle counts before it, the region, and the handle it was given. */
    private record PerTest(HandleStats before, Vmar region, Vmar given) {

        Leaks leaks() {
            // Both of the extension's handles are still open, unless the test closed its own.
            String handles = HandleStats.now().gainedSince(before, given.isClosed() ? 1 : 2);
            List<MapsEntry> layout;
            try {
                layout = region.maps();
            } catch (ZxException e) {
                if (e.status() != Status.BAD_STATE) {
                    throw e;
                }
                layout = List.of(); // the test destroyed the region: nothing is left in it
            }
            return new Leaks(handles, layout);
        }

        /** Destroys the region unless a live mapping is in it, closes both handles; true if one is. */
        boolean cleanUp() {
            given.close();
            boolean live = hasLiveMapping();
            try {
                if (!live) {
                    region.destroy();
                }
            } catch (ZxException e) {
                if (e.status() != Status.BAD_STATE) { // BAD_STATE: the test destroyed it already
                    throw e;
                }
            } finally {
                region.close();
            }
            return live;
        }

        private boolean hasLiveMapping() {
            MappingRegistry registry = MappingRegistry.global();
            registry.lock().lock();
            try {
                LiveMapping m = registry.firstOverlap(region.base(), region.base() + region.length());
                return m != null;
            } finally {
                registry.lock().unlock();
            }
        }
    }

    /** Handles gained ("" if none) and the region's layout after the test (empty if destroyed). */
    private record Leaks(String handles, List<MapsEntry> layout) {

        boolean any() {
            return !handles.isEmpty() || layout.size() > 1;
        }

        String describe(String test, boolean live) {
            StringBuilder sb = new StringBuilder(test).append(" leaked:");
            if (!handles.isEmpty()) {
                sb.append("\n  open handles (ZX_INFO_PROCESS_HANDLE_STATS): ").append(handles);
            }
            if (layout.size() > 1) {
                long mappings = layout.stream().filter(e -> e instanceof MapsEntry.Mapping).count();
                long regions = layout.size() - 1 - mappings;
                List<String> counts = new ArrayList<>();
                if (mappings > 0) {
                    counts.add(mappings + (mappings == 1 ? " mapping" : " mappings"));
                }
                if (regions > 0) {
                    counts.add(regions + (regions == 1 ? " sub-region" : " sub-regions"));
                }
                sb.append("\n  mappings and sub-regions left in its VMAR (ZX_INFO_VMAR_MAPS): ")
                        .append(String.join(", ", counts));
                for (String line : AddressSpaceDump.of(layout).lines()) {
                    sb.append("\n    ").append(line);
                }
                sb.append(live ? "\n  the VMAR is left in place, not destroyed: live segments may still be accessed"
                        + " (close their arena)" : "\n  the VMAR and everything in it are destroyed");
            }
            return sb.toString();
        }
    }
}
