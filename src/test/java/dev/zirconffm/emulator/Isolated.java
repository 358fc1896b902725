package dev.zirconffm.emulator;

import dev.zirconffm.internal.ZirconLibrary;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one syscall case in a child JVM and returns its status. For cases where a non-conforming
 * library would fault (a bad user buffer handed to {@code zx_vmo_read}, say) and so take the whole
 * test JVM down: here a crash fails just that test, naming the signal.
 *
 * <p>A case is a static no-argument method returning the status to check; the child prints it.
 */
final class Isolated {

    private static final String PREFIX = "zircon-ffm-status=";

    private Isolated() {
    }

    /** The status returned by {@code owner.method()} run in a fresh JVM. */
    static int status(Class<?> owner, String method) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-Djava.library.path=" + System.getProperty("java.library.path", ""));
        String explicit = System.getProperty(ZirconLibrary.LIBRARY_PROPERTY);
        if (explicit != null) {
            cmd.add("-D" + ZirconLibrary.LIBRARY_PROPERTY + "=" + explicit);
        }
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, location(ZirconLibrary.class), location(Isolated.class),
                System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path", "")));
        cmd.add(Isolated.class.getName());
        cmd.add(owner.getName());
        cmd.add(method);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(method + ": child JVM timed out");
            }
            int exit = p.exitValue();
            for (String line : out.split("\n")) {
                if (line.startsWith(PREFIX) && exit == 0) {
                    return Integer.parseInt(line.substring(PREFIX.length()).trim());
                }
            }
            throw new AssertionError(method + " crashed the JVM or failed (exit " + exit
                    + (exit > 128 ? ", signal " + (exit - 128) : "") + "):\n" + tail(out));
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError("cannot run a child JVM", e);
        }
    }

    /** The child: loads the library, runs the case, prints its status. */
    public static void main(String[] args) throws ReflectiveOperationException {
        ZirconLibrary.ensureLoaded();
        Method m = Class.forName(args[0]).getDeclaredMethod(args[1]);
        m.setAccessible(true);
        int status = (int) m.invoke(null);
        System.out.println(PREFIX + status);
        System.out.flush();
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static String tail(String s) {
        return s.length() <= 2000 ? s : s.substring(s.length() - 2000);
    }
}
