package dev.zirconffm.bench;

import dev.zirconffm.MapOptions;
import dev.zirconffm.Vmar;
import dev.zirconffm.Vmo;
import dev.zirconffm.internal.ZirconLibrary;
import dev.zirconffm.internal.bindings.zircon_h;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * One map + unmap cycle of a 4 KiB VMO in the root VMAR, as the C baselines do it: through the
 * idiomatic API (an arena per mapping, closed at once), through the raw jextract handles (plain
 * downcalls), and through the raw handles plus a JDK arena ({@link #arenaRaw}, the floor of any
 * arena-scoped binding); and, for reference, the JDK's {@code FileChannel.map(..., arena)} of a
 * 4 KiB file in {@code /dev/shm}.
 */
@State(Scope.Thread)
public class MapCycleBench {

    static final long PAGE = 4096;
    private static final int RW;

    static {
        ZirconLibrary.ensureLoaded();
        RW = zircon_h.ZX_VM_PERM_READ() | zircon_h.ZX_VM_PERM_WRITE();
    }

    private Vmo vmo;
    private Vmar root;
    private Arena setupArena;
    private MemorySegment out;
    private int rawVmo;
    private int rawRoot;
    private Path file;
    private FileChannel channel;

    /** Creates the VMOs (one through the API, one raw) and the /dev/shm file. */
    @Setup
    public void setup() throws IOException {
        vmo = Vmo.create(PAGE);
        root = Vmar.root();
        setupArena = Arena.ofShared();
        out = setupArena.allocate(ValueLayout.JAVA_LONG);
        Raw.check(zircon_h.zx_vmo_create(PAGE, 0, out), "zx_vmo_create");
        rawVmo = out.get(ValueLayout.JAVA_INT, 0);
        rawRoot = zircon_h.zx_vmar_root_self();
        file = Files.createTempFile(Path.of("/dev/shm"), "zircon-ffm-bench-", ".bin");
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        channel.write(ByteBuffer.allocate((int) PAGE), 0);
    }

    /** Closes what {@link #setup} opened. */
    @TearDown
    public void tearDown() throws IOException {
        vmo.close();
        zircon_h.zx_handle_close(rawVmo);
        setupArena.close();
        channel.close();
        Files.deleteIfExists(file);
    }

    /** {@code Vmar.map} into a confined arena, then closing the arena (which unmaps). */
    @Benchmark
    public long idiomatic() {
        try (Arena arena = Arena.ofConfined()) {
            return root.map(arena, vmo, 0, PAGE, MapOptions.READ_WRITE).address();
        }
    }

    /** {@code zx_vmar_map} + {@code zx_vmar_unmap} through the generated handles, out-parameter reused. */
    @Benchmark
    public long raw() {
        int st = zircon_h.zx_vmar_map(rawRoot, RW, 0, rawVmo, 0, PAGE, out);
        long address = out.get(ValueLayout.JAVA_LONG, 0);
        st |= zircon_h.zx_vmar_unmap(rawRoot, address, PAGE);
        Raw.check(st, "zx_vmar_map/unmap");
        return address;
    }

    /** The JDK's {@code FileChannel.map(READ_WRITE, 0, 4096, arena)}, then closing the arena. */
    @Benchmark
    public long fileChannel() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, PAGE, arena).address();
        }
    }

    /**
     * The least an arena-scoped binding can do: the raw map, a segment of a confined arena whose
     * cleanup does the raw unmap, and closing the arena. No checks, no registry, no use counts.
     */
    @Benchmark
    @SuppressWarnings("restricted")
    public long arenaRaw() {
        try (Arena arena = Arena.ofConfined()) {
            Raw.check(zircon_h.zx_vmar_map(rawRoot, RW, 0, rawVmo, 0, PAGE, out), "zx_vmar_map");
            return MemorySegment.ofAddress(out.get(ValueLayout.JAVA_LONG, 0)).reinterpret(PAGE, arena, unmap)
                    .address();
        }
    }

    private final Consumer<MemorySegment> unmap =
            s -> Raw.check(zircon_h.zx_vmar_unmap(rawRoot, s.address(), PAGE), "zx_vmar_unmap");
}
