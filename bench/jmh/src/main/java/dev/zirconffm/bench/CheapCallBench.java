package dev.zirconffm.bench;

import dev.zirconffm.Vmo;
import dev.zirconffm.internal.ZirconLibrary;
import dev.zirconffm.internal.bindings.zircon_h;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** A cheap syscall, {@code zx_vmo_get_size}: through {@link Vmo#size()} and through the raw handle. */
@State(Scope.Thread)
public class CheapCallBench {

    static {
        ZirconLibrary.ensureLoaded();
    }

    private Vmo vmo;
    private Arena setupArena;
    private MemorySegment out;
    private int rawVmo;

    /** Creates the VMOs and the raw out-parameter. */
    @Setup
    public void setup() {
        vmo = Vmo.create(MapCycleBench.PAGE);
        setupArena = Arena.ofShared();
        out = setupArena.allocate(ValueLayout.JAVA_LONG);
        Raw.check(zircon_h.zx_vmo_create(MapCycleBench.PAGE, 0, out), "zx_vmo_create");
        rawVmo = out.get(ValueLayout.JAVA_INT, 0);
    }

    /** Closes what {@link #setup} opened. */
    @TearDown
    public void tearDown() {
        vmo.close();
        zircon_h.zx_handle_close(rawVmo);
        setupArena.close();
    }

    /** {@link Vmo#size()}. */
    @Benchmark
    public long idiomatic() {
        return vmo.size();
    }

    /** {@code zx_vmo_get_size} through the generated handle, out-parameter reused. */
    @Benchmark
    public long raw() {
        Raw.check(zircon_h.zx_vmo_get_size(rawVmo, out), "zx_vmo_get_size");
        return out.get(ValueLayout.JAVA_LONG, 0);
    }
}
