package dev.zirconffm.bench;

import dev.zirconffm.internal.ZirconLibrary;
import dev.zirconffm.internal.bindings.zircon_h;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * The C loops of the baselines (bench/c/loops.c), run inside the benchmark JVM: one downcall runs
 * a whole batch, so the figure per operation is C's, under the same process conditions as the
 * Java benchmarks (the JVM's other threads, its many host mappings). The library comes from
 * {@code -Dzxbench.loops=PATH} and shares the one libzircon.so the JVM loaded.
 */
@State(Scope.Thread)
public class InJvmCBench {

    static final int MAP_BATCH = 1_000;
    static final int CALL_BATCH = 10_000;

    private static final MethodHandle MAP_UNMAP;
    private static final MethodHandle GET_SIZE;
    private static final MethodHandle VMO_WRITE;
    private static final MethodHandle VMO_READ;
    private static final MethodHandle MEMSET;
    private static final MethodHandle MEMCPY;

    static {
        ZirconLibrary.ensureLoaded(); // first, so that the loops bind to this very libzircon.so
        String path = System.getProperty("zxbench.loops");
        if (path == null) {
            throw new IllegalStateException("-Dzxbench.loops=PATH to libzxloops.so is required");
        }
        @SuppressWarnings("restricted")
        SymbolLookup loops = SymbolLookup.libraryLookup(Path.of(path), Arena.global());
        Linker linker = Linker.nativeLinker();
        MAP_UNMAP = linker.downcallHandle(loops.find("zxb_map_unmap").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
        GET_SIZE = linker.downcallHandle(loops.find("zxb_get_size").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
        FunctionDescriptor io = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);
        VMO_WRITE = linker.downcallHandle(loops.find("zxb_vmo_write").orElseThrow(), io);
        VMO_READ = linker.downcallHandle(loops.find("zxb_vmo_read").orElseThrow(), io);
        MEMSET = linker.downcallHandle(loops.find("zxb_memset").orElseThrow(),
                FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
        MEMCPY = linker.downcallHandle(loops.find("zxb_memcpy").orElseThrow(),
                FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    }

    private int vmo;
    private int root;
    private int rw;

    /** Creates a raw VMO of one page. */
    @Setup
    public void setup() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.JAVA_INT);
            Raw.check(zircon_h.zx_vmo_create(MapCycleBench.PAGE, 0, out), "zx_vmo_create");
            vmo = out.get(ValueLayout.JAVA_INT, 0);
        }
        root = zircon_h.zx_vmar_root_self();
        rw = zircon_h.ZX_VM_PERM_READ() | zircon_h.ZX_VM_PERM_WRITE();
    }

    /** Closes the VMO. */
    @TearDown
    public void tearDown() {
        zircon_h.zx_handle_close(vmo);
    }

    /** {@code zx_vmar_map} + {@code zx_vmar_unmap} of one page, in a C loop. */
    @Benchmark
    @OperationsPerInvocation(MAP_BATCH)
    public void mapUnmap() throws Throwable {
        Raw.check((int) MAP_UNMAP.invokeExact(root, vmo, rw, MapCycleBench.PAGE, (long) MAP_BATCH), "zxb_map_unmap");
    }

    /** {@code zx_vmo_get_size}, in a C loop. */
    @Benchmark
    @OperationsPerInvocation(CALL_BATCH)
    public void getSize() throws Throwable {
        Raw.check((int) GET_SIZE.invokeExact(vmo, (long) CALL_BATCH), "zxb_get_size");
    }

    /** A 1 MiB VMO and a 1 MiB native buffer, as C's malloc'd one. */
    @State(Scope.Thread)
    public static class Io {
        private Arena arena;
        private MemorySegment buffer;
        private int vmo;

        /** Creates them. */
        @Setup
        public void setup() {
            arena = Arena.ofShared();
            buffer = arena.allocate(VmoIoBench.SIZE, 64).fill((byte) 7);
            MemorySegment out = arena.allocate(ValueLayout.JAVA_INT);
            Raw.check(zircon_h.zx_vmo_create(VmoIoBench.SIZE, 0, out), "zx_vmo_create");
            vmo = out.get(ValueLayout.JAVA_INT, 0);
        }

        /** Frees them. */
        @TearDown
        public void tearDown() {
            zircon_h.zx_handle_close(vmo);
            arena.close();
        }
    }

    /** {@code zx_vmo_write} of 1 MiB from a native buffer, in C. */
    @Benchmark
    public void vmoWrite(Io io) throws Throwable {
        Raw.check((int) VMO_WRITE.invokeExact(io.vmo, io.buffer, (long) VmoIoBench.SIZE, 1L), "zxb_vmo_write");
    }

    /** {@code zx_vmo_read} of 1 MiB into a native buffer, in C. */
    @Benchmark
    public void vmoRead(Io io) throws Throwable {
        Raw.check((int) VMO_READ.invokeExact(io.vmo, io.buffer, (long) VmoIoBench.SIZE, 1L), "zxb_vmo_read");
    }

    /** libc {@code memset} through a downcall (for the diagnostics). */
    static void memset(MemorySegment dst, int value, long length) throws Throwable {
        MEMSET.invokeExact(dst, value, length);
    }

    /** libc {@code memset} of the 64 MiB mapping that {@link BulkBench} fills. */
    @Benchmark
    public void memset(BulkBench bulk) throws Throwable {
        MEMSET.invokeExact(bulk.dst(), (int) bulk.nextValue(), BulkBench.SIZE);
    }

    /** libc {@code memcpy} between the 64 MiB mappings that {@link BulkBench} copies. */
    @Benchmark
    public void memcpy(BulkBench bulk) throws Throwable {
        MEMCPY.invokeExact(bulk.dst(), bulk.src(), BulkBench.SIZE);
    }
}
