package io.sendguard.e2e.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Puts the test-only mailets ({@link Pause}) into a James working directory, as an extension jar of their own. */
public final class TestMailets {
    private TestMailets() {
    }

    public static void installInto(Path workDir) {
        String entry = Pause.class.getName().replace('.', '/') + ".class";
        Path jar = workDir.resolve("extensions-jars").resolve("sendguard-test-mailets.jar");
        try (InputStream in = Pause.class.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new IllegalStateException(entry + " not found on the test classpath");
            }
            Files.createDirectories(jar.getParent());
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
                out.putNextEntry(new JarEntry(entry));
                in.transferTo(out);
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
