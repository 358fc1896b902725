package dev.zirconffm.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Linker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Makes the {@code zx_*} symbols visible to the generated bindings, once per class loader.
 *
 * <p>The bindings resolve symbols through {@code SymbolLookup.loaderLookup()} (libraries this
 * module's class loader loaded) and the default lookup. In order:
 * <ol>
 *   <li>{@code -Dzircon.library=PATH}: that file, and nothing else;</li>
 *   <li>on Fuchsia, the vDSO, already in the process (nothing to load);</li>
 *   <li>{@code libzircon.so} on {@code java.library.path} ({@code System.loadLibrary("zircon")});</li>
 *   <li>the host emulator packaged in this jar at {@code native/PLATFORM/libzircon.so}, copied
 *       once to a private temporary folder and loaded from there.</li>
 * </ol>
 * If none works, one {@link UnsatisfiedLinkError} lists every attempt.
 */
public final class ZirconLibrary {

    /** System property naming a {@code libzircon.so} to load instead of searching. */
    public static final String LIBRARY_PROPERTY = "zircon.library";

    private static volatile String loadedFrom;

    private ZirconLibrary() {
    }

    /** Loads the library if this class loader has not yet; returns where it came from. */
    public static String ensureLoaded() {
        String from = loadedFrom;
        if (from == null) {
            synchronized (ZirconLibrary.class) {
                from = loadedFrom;
                if (from == null) {
                    from = load();
                    loadedFrom = from;
                }
            }
        }
        return from;
    }

    /** The folder name of this machine's platform inside the jar, e.g. {@code linux-x86_64}. */
    public static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).replace(" ", "");
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> System.getProperty("os.arch");
        };
        return os + "-" + arch;
    }

    private static String load() {
        List<String> tried = new ArrayList<>();
        String explicit = System.getProperty(LIBRARY_PROPERTY);
        if (explicit != null) {
            try {
                System.load(Path.of(explicit).toAbsolutePath().toString());
                return explicit;
            } catch (UnsatisfiedLinkError e) {
                throw new UnsatisfiedLinkError("cannot load -D" + LIBRARY_PROPERTY + "=" + explicit + ": "
                        + e.getMessage());
            }
        }
        if (System.getProperty("os.name").equalsIgnoreCase("fuchsia")) {
            if (Linker.nativeLinker().defaultLookup().find("zx_vmo_create").isPresent()) {
                return "the Fuchsia vDSO";
            }
            tried.add("the vDSO (zx_vmo_create is not in the default lookup)");
        }
        try {
            System.loadLibrary("zircon");
            return "libzircon.so on java.library.path";
        } catch (UnsatisfiedLinkError e) {
            tried.add("System.loadLibrary(\"zircon\"): " + e.getMessage());
        }
        String resource = "/native/" + platform() + "/" + System.mapLibraryName("zircon");
        try (InputStream in = ZirconLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                tried.add("the emulator in the jar: no " + resource + " for this platform");
            } else {
                Path dir = Files.createTempDirectory("zircon-ffm-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Path lib = dir.resolve(System.mapLibraryName("zircon"));
                Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
                try {
                    System.load(lib.toString());
                } finally {
                    // Linux keeps a loaded library mapped after its file is gone: leave no litter.
                    Files.deleteIfExists(lib);
                    Files.deleteIfExists(dir);
                }
                return "the emulator in the jar (" + resource + ")";
            }
        } catch (IOException | UnsatisfiedLinkError e) {
            tried.add("the emulator in the jar (" + resource + "): " + e);
        }
        throw new UnsatisfiedLinkError("zircon-ffm found no libzircon.so. Tried: " + String.join("; ", tried)
                + ". Name one with -D" + LIBRARY_PROPERTY + "=PATH.");
    }
}
