package dev.zirconffm.bench;

import dev.zirconffm.MapOptions;
import dev.zirconffm.Vmar;
import dev.zirconffm.VmarOption;
import dev.zirconffm.Vmo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.foreign.Arena;
import java.util.EnumSet;

/**
 * A map + unmap cycle (idiomatic API) in a VMAR that already holds {@link #live} mappings. The
 * VMAR is compact, so the live mappings sit side by side: each is one host mapping, and none
 * splits the reservation around it (30,000 of them stay well under Linux's 65,530 per process).
 */
@State(Scope.Thread)
public class LiveMappingsBench {

    /** How many mappings stay live in the VMAR while the cycle runs. */
    @Param({"10", "30000"})
    public int live;

    private Vmo vmo;
    private Vmar vmar;
    private Arena holder;

    /** Allocates the VMAR and fills it with {@link #live} mappings of one page. */
    @Setup
    public void setup() {
        vmo = Vmo.create(MapCycleBench.PAGE);
        vmar = Vmar.root().allocate((live + 64) * MapCycleBench.PAGE,
                EnumSet.of(VmarOption.CAN_MAP_READ, VmarOption.CAN_MAP_WRITE, VmarOption.COMPACT));
        holder = Arena.ofShared();
        for (int i = 0; i < live; i++) {
            vmar.map(holder, vmo, 0, MapCycleBench.PAGE, MapOptions.READ_WRITE);
        }
    }

    /** Unmaps everything and closes. */
    @TearDown
    public void tearDown() {
        holder.close();
        vmar.destroy();
        vmar.close();
        vmo.close();
    }

    /** {@code Vmar.map} into a confined arena, then closing it. */
    @Benchmark
    public long mapUnmap() {
        try (Arena arena = Arena.ofConfined()) {
            return vmar.map(arena, vmo, 0, MapCycleBench.PAGE, MapOptions.READ_WRITE).address();
        }
    }
}
