package dev.zirconffm;

import dev.zirconffm.internal.ZirconLibrary;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZirconTest {

    @Test
    void pageSizeIsAPowerOfTwoOfAtLeast4KiB() {
        long page = Zircon.pageSize();
        assertEquals(1, Long.bitCount(page));
        assertTrue(page >= 4096, "page size " + page);
    }

    @Test
    void librarySourceSaysWhereTheLibraryCameFrom() {
        // Surefire puts the build's native folder on java.library.path.
        assertEquals("libzircon.so on java.library.path", Zircon.librarySource());
        assertEquals(ZirconLibrary.ensureLoaded(), Zircon.librarySource());
    }
}
