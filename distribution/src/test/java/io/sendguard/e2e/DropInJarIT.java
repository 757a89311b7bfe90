package io.sendguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.sendguard.e2e.harness.JamesProcess;

/**
 * The drop-in jar is loaded parent-first by James: any class it shares with James's lib/ would be
 * shadowed by James's (older) copy. So it must share none, and it must run on Java 11.
 */
class DropInJarIT {
    private static final int JAVA_11_MAJOR = 55;
    private static List<String> jarClasses;

    @BeforeAll
    static void readJar() throws IOException {
        jarClasses = classesOf(JamesProcess.dropInJar());
    }

    private static List<String> classesOf(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream()
                .map(JarEntry::getName)
                .filter(name -> name.endsWith(".class") && !name.startsWith("META-INF/"))
                .collect(Collectors.toList());
        }
    }

    @Test
    void jarShouldContainSendguardAndTikaRelocated() {
        assertThat(jarClasses).contains(
            "io/sendguard/mailets/InspectAttachments.class",
            "io/sendguard/matchers/HasFinding.class",
            "io/sendguard/webadmin/SendguardModule.class",
            "io/sendguard/shaded/org/apache/tika/Tika.class",
            "io/sendguard/shaded/org/apache/commons/io/IOUtils.class");
        assertThat(jarClasses).noneMatch(name -> name.startsWith("org/apache/tika/"));
    }

    @Test
    void jarShouldShareNoClassWithJamesLib() throws IOException {
        Set<String> ours = new HashSet<>(jarClasses);
        List<String> clashes = new ArrayList<>();
        try (Stream<Path> libs = Files.list(JamesProcess.jamesHome().resolve("lib"))) {
            for (Path lib : (Iterable<Path>) libs::iterator) {
                for (String name : classesOf(lib)) {
                    if (ours.contains(name)) {
                        clashes.add(lib.getFileName() + ": " + name);
                    }
                }
            }
        }
        assertThat(clashes).isEmpty();
    }

    @Test
    void everyClassShouldRunOnJava11() throws IOException {
        List<String> tooNew = new ArrayList<>();
        try (JarFile file = new JarFile(JamesProcess.dropInJar().toFile())) {
            for (JarEntry entry : (Iterable<JarEntry>) file.stream()::iterator) {
                if (!entry.getName().endsWith(".class") || entry.getName().startsWith("META-INF/")) {
                    continue;
                }
                try (InputStream in = file.getInputStream(entry)) {
                    DataInputStream data = new DataInputStream(in);
                    data.readInt(); // magic
                    data.readUnsignedShort(); // minor
                    int major = data.readUnsignedShort();
                    if (major > JAVA_11_MAJOR) {
                        tooNew.add(entry.getName() + " (class version " + major + ")");
                    }
                }
            }
        }
        assertThat(tooNew).isEmpty();
    }
}
