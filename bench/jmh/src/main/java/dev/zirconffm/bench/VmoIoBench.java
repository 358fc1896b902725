package dev.zirconffm.bench;

import dev.zirconffm.Vmo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.Arrays;

/** {@link Vmo#write(byte[], long)} and {@link Vmo#read(byte[], long)} of a 1 MiB array. */
@State(Scope.Thread)
public class VmoIoBench {

    static final int SIZE = 1 << 20;

    private Vmo vmo;
    private byte[] array;

    /** Creates the VMO and the array. */
    @Setup
    public void setup() {
        vmo = Vmo.create(SIZE);
        array = new byte[SIZE];
        Arrays.fill(array, (byte) 7);
    }

    /** Closes the VMO. */
    @TearDown
    public void tearDown() {
        vmo.close();
    }

    /** {@code Vmo.write(byte[], 0)}: the array goes to {@code zx_vmo_write} without a staging copy. */
    @Benchmark
    public void write() {
        vmo.write(array, 0);
    }

    /** {@code Vmo.read(byte[], 0)}. */
    @Benchmark
    public byte[] read() {
        vmo.read(array, 0);
        return array;
    }
}
