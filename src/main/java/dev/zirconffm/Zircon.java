package dev.zirconffm;

import dev.zirconffm.internal.ZirconLibrary;

/** Process-wide facts: the page size, and where {@code libzircon.so} was loaded from. */
public final class Zircon {

    static {
        ZirconLibrary.ensureLoaded();
    }

    private Zircon() {
    }

    /**
     * The system page size in bytes ({@code zx_system_get_page_size}, which cannot fail).
     *
     * @return the page size in bytes
     */
    public static long pageSize() {
        return Args.pageSize();
    }

    /**
     * Loads {@code libzircon.so} if not yet loaded and says where it came from: the file named by
     * {@code -Dzircon.library}, the Fuchsia vDSO, {@code java.library.path}, or the emulator
     * packaged in this jar.
     *
     * @return a description of where it was loaded from
     * @throws UnsatisfiedLinkError listing every place tried, if none worked
     */
    public static String librarySource() {
        return ZirconLibrary.ensureLoaded();
    }
}
