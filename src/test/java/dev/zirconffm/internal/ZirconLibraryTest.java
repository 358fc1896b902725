package dev.zirconffm.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each way {@link ZirconLibrary} finds libzircon.so, in a fresh JVM (a library loads once per
 * JVM): -Dzircon.library, java.library.path, the copy packaged in a jar, and nothing at all.
 */
class ZirconLibraryTest {

    static final Path CLASSES = Path.of("target/classes").toAbsolutePath();
    static final Path TEST_CLASSES = Path.of("target/test-classes").toAbsolutePath();
    static final Path NATIVE_DIR = CLASSES.resolve("native").resolve(ZirconLibrary.platform());
    static final Path LIBRARY = NATIVE_DIR.resolve(System.mapLibraryName("zircon"));

    record Run(int exit, String out, String err) {
        String all() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    static Run probe(Path modulePath, String... jvmOptions) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=dev.zirconffm"));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-p", modulePath.toString(), "--patch-module", "dev.zirconffm=" + TEST_CLASSES,
                "-m", "dev.zirconffm/dev.zirconffm.internal.LoadProbe"));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("forked JVM did not finish: " + cmd);
        }
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes()),
                new String(p.getErrorStream().readAllBytes()));
    }

    @Test
    void zirconLibraryPropertyLoadsThatFile() throws Exception {
        Run r = probe(CLASSES, "-D" + ZirconLibrary.LIBRARY_PROPERTY + "=" + LIBRARY);
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("loaded from: " + LIBRARY), r.all());
        assertTrue(r.out().contains("vmo size: 4096"), r.all());
    }

    @Test
    void aMissingZirconLibraryFileIsAClearErrorWithoutFallback() throws Exception {
        Run r = probe(CLASSES, "-D" + ZirconLibrary.LIBRARY_PROPERTY + "=/nonexistent/libzircon.so",
                "-Djava.library.path=" + NATIVE_DIR);
        assertNotEquals(0, r.exit(), r.all());
        assertTrue(r.err().contains("UnsatisfiedLinkError: cannot load -Dzircon.library=/nonexistent/libzircon.so"), r.all());
    }

    @Test
    void javaLibraryPathIsUsedWhenNoPropertyIsSet() throws Exception {
        Run r = probe(CLASSES, "-Djava.library.path=" + NATIVE_DIR);
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("loaded from: libzircon.so on java.library.path"), r.all());
    }

    @Test
    void theCopyInsideAJarIsExtractedAndLoaded(@TempDir Path tmp) throws Exception {
        Path jar = tmp.resolve("zircon-ffm.jar");
        jar(CLASSES, jar);
        Path privateTmp = Files.createDirectory(tmp.resolve("tmp"));
        Run r = probe(jar, "-Djava.library.path=" + tmp.resolve("empty"), "-Djava.io.tmpdir=" + privateTmp);
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("loaded from: the emulator in the jar (/native/" + ZirconLibrary.platform()
                + "/libzircon.so)"), r.all());
        assertTrue(r.out().contains("vmo size: 4096"), r.all());
        try (Stream<Path> left = Files.list(privateTmp)) {
            assertEquals(List.of(), left.toList(), "the extracted copy must not be left behind");
        }
    }

    @Test
    void withNothingToLoadOneErrorListsEveryAttempt(@TempDir Path tmp) throws Exception {
        Path jar = tmp.resolve("no-native.jar");
        jarWithout(CLASSES, jar, "native/");
        Run r = probe(jar, "-Djava.library.path=" + tmp.resolve("empty"));
        assertNotEquals(0, r.exit(), r.all());
        assertTrue(r.err().contains("zircon-ffm found no libzircon.so. Tried: System.loadLibrary(\"zircon\")"), r.all());
        assertTrue(r.err().contains("the emulator in the jar: no /native/" + ZirconLibrary.platform()), r.all());
        assertTrue(r.err().contains("-Dzircon.library=PATH"), r.all());
    }

    @Test
    void platformNamesTheJarFolderOfThisMachine() {
        assertTrue(Files.isRegularFile(LIBRARY), "the build puts the emulator at " + LIBRARY);
        assertTrue(ZirconLibrary.platform().matches("[a-z]+-[a-z0-9_]+"), ZirconLibrary.platform());
    }

    private static void jar(Path dir, Path jar) throws IOException {
        jarWithout(dir, jar, null);
    }

    private static void jarWithout(Path dir, Path jar, String excludedPrefix) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = dir.relativize(f).toString().replace('\\', '/');
                if (excludedPrefix != null && name.startsWith(excludedPrefix)) {
                    continue;
                }
                out.putNextEntry(new JarEntry(name));
                try (InputStream in = Files.newInputStream(f)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}
