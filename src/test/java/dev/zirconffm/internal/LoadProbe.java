package dev.zirconffm.internal;

import dev.zirconffm.Vmo;

/** Run in a forked JVM by {@link ZirconLibraryTest}: prints where the library came from, then uses it. */
public final class LoadProbe {

    private LoadProbe() {
    }

    public static void main(String[] args) {
        System.out.println("loaded from: " + ZirconLibrary.ensureLoaded());
        try (Vmo vmo = Vmo.create(1)) {
            System.out.println("vmo size: " + vmo.size());
        }
    }
}
