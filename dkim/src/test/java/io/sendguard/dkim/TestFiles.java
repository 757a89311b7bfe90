package io.sendguard.dkim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates the module directory and the shared test data directory. */
public final class TestFiles {
    private TestFiles() {
    }

    /** @return the sendguard-dkim module directory, whatever the working directory of the test JVM */
    public static Path moduleDirectory() {
        for (String candidate : new String[]{System.getProperty("basedir"), System.getProperty("user.dir")}) {
            if (candidate == null) {
                continue;
            }
            Path dir = Paths.get(candidate).toAbsolutePath().normalize();
            if (isModule(dir)) {
                return dir;
            }
            if (isModule(dir.resolve("dkim"))) {
                return dir.resolve("dkim");
            }
        }
        throw new IllegalStateException("cannot locate the sendguard-dkim module directory from user.dir="
                + System.getProperty("user.dir"));
    }

    private static boolean isModule(Path dir) {
        try {
            Path pom = dir.resolve("pom.xml");
            return Files.isRegularFile(pom) && Files.readString(pom).contains("<artifactId>sendguard-dkim</artifactId>");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** @return the shared directory: system property {@code sendguard.shared}, default {@code ../../shared} from the module */
    public static Path sharedDirectory() {
        String configured = System.getProperty("sendguard.shared", "../../shared");
        Path path = Paths.get(configured);
        return (path.isAbsolute() ? path : moduleDirectory().resolve(path)).normalize();
    }

    /**
     * @return the RFC 8463 test vector directory: the shared copy when {@code sendguard.shared} is set,
     * otherwise the copy kept with these tests (src/test/resources/rfc8463, the same published data)
     */
    public static Path rfc8463Directory() {
        if (System.getProperty("sendguard.shared") != null) {
            Path dir = sharedDirectory().resolve("testdata").resolve("rfc8463");
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("RFC 8463 test data not found at " + dir);
            }
            return dir;
        }
        return moduleDirectory().resolve("src/test/resources/rfc8463");
    }
}
