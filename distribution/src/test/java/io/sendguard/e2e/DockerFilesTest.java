package io.sendguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.sendguard.e2e.harness.JamesProcess;
import io.sendguard.e2e.harness.SendguardConf;

/**
 * docker/Dockerfile and docker/docker-compose.yml name what exists: the drop-in jar this build makes,
 * conf/, the James version of the root pom, the Dockerfile the compose file builds. No Docker engine
 * is needed.
 */
class DockerFilesTest {
    static final Path ROOT = SendguardConf.shipped().getParent();

    static String read(String path) throws Exception {
        return Files.readString(ROOT.resolve(path), StandardCharsets.UTF_8);
    }

    static String jamesVersionOfThePom() throws Exception {
        Matcher m = Pattern.compile("<james\\.version>([^<]+)</james\\.version>").matcher(read("pom.xml"));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void dockerfileShouldBuildOnTheJamesVersionOfThePom() throws Exception {
        String dockerfile = read("docker/Dockerfile");
        Matcher arg = Pattern.compile("(?m)^ARG JAMES_VERSION=(\\S+)$").matcher(dockerfile);

        assertThat(arg.find()).isTrue();
        assertThat(arg.group(1)).isEqualTo(jamesVersionOfThePom()).isEqualTo("3.8.1");
        assertThat(dockerfile).containsPattern("(?m)^FROM apache/james:memory-\\$\\{JAMES_VERSION}$");
    }

    @Test
    void dockerfileShouldCopyPathsThatExistAfterTheBuild() throws Exception {
        List<String> sources = new ArrayList<>();
        Matcher copy = Pattern.compile("(?m)^COPY (\\S+) (\\S+)$").matcher(read("docker/Dockerfile"));
        while (copy.find()) {
            sources.add(copy.group(1));
            assertThat(copy.group(2)).startsWith("/root/");
        }

        assertThat(sources).containsExactly("distribution/target/james/extensions-jars/sendguard-extension.jar", "conf/");
        assertThat(ROOT.resolve(sources.get(0))).isRegularFile().isEqualTo(JamesProcess.dropInJar());
        assertThat(ROOT.resolve("conf")).isDirectory();
        assertThat(ROOT.resolve("conf/extensions.properties")).isRegularFile();
    }

    @Test
    void composeFileShouldBuildTheDockerfileAndReachTheShippedSmartHost() throws Exception {
        String compose = read("docker/docker-compose.yml");
        Matcher context = Pattern.compile("(?m)^\\s+context: (\\S+)$").matcher(compose);
        Matcher dockerfile = Pattern.compile("(?m)^\\s+dockerfile: (\\S+)$").matcher(compose);

        assertThat(context.find()).isTrue();
        assertThat(dockerfile.find()).isTrue();
        Path buildContext = ROOT.resolve("docker").resolve(context.group(1)).normalize();
        assertThat(buildContext).isEqualTo(ROOT.normalize());
        assertThat(buildContext.resolve(dockerfile.group(1))).isRegularFile();
        String smartHost = SendguardConf.GATEWAY.replace("<gateway>", "").replace("</gateway>", "");
        assertThat(read("conf/mailetcontainer.xml")).contains(SendguardConf.GATEWAY);
        assertThat(compose).contains("MH_SMTP_BIND_ADDR: " + smartHost).contains("/root/var")
            .containsPattern("image: mailhog/mailhog:v\\d");
    }
}
