package io.sendguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.mailet.Mailet;
import org.apache.mailet.Matcher;
import org.junit.jupiter.api.Test;

import io.sendguard.e2e.harness.JamesProcess;
import io.sendguard.e2e.harness.SendguardConf;

/**
 * The README's reference must document every matcher and mailet the drop-in jar ships, with every
 * parameter the code accepts (the {@code PARAM_*} constants), so that docs cannot drift from code.
 */
class ReferenceDocsIT {
    @Test
    void readmeShouldDocumentEveryMailetAndMatcherWithAllItsParameters() throws Exception {
        String readme = Files.readString(SendguardConf.shipped().getParent().resolve("README.md"), StandardCharsets.UTF_8);
        List<Class<?>> units = mailetsAndMatchers();
        assertThat(units).extracting(Class::getSimpleName)
            .contains("InspectAttachments", "HasFinding", "DkimSign", "EncodeRawHeaders");

        List<String> missing = new ArrayList<>();
        for (Class<?> unit : units) {
            String section = section(readme, unit.getSimpleName());
            if (section == null) {
                missing.add(unit.getName() + ": no '#### " + unit.getSimpleName() + "' section");
                continue;
            }
            if (!section.contains(unit.getName())) {
                missing.add(unit.getName() + ": section does not give the fully qualified class name");
            }
            for (Field field : unit.getFields()) {
                if (field.getName().startsWith("PARAM_") && Modifier.isStatic(field.getModifiers())
                    && field.getType() == String.class) {
                    String parameter = (String) field.get(null);
                    if (!section.contains("| `" + parameter + "` |")) {
                        missing.add(unit.getSimpleName() + ": parameter " + parameter + " has no table row");
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    private static String section(String readme, String name) {
        int start = readme.indexOf("#### " + name + "\n");
        if (start < 0) {
            return null;
        }
        int end = readme.indexOf("\n### ", start + 1);
        int next = readme.indexOf("\n#### ", start + 1);
        if (next >= 0 && (end < 0 || next < end)) {
            end = next;
        }
        return end < 0 ? readme.substring(start) : readme.substring(start, end);
    }

    @Test
    void everyShippedSmtpServerShouldRunEncodeRawHeadersBeforeTheCoreHandlers() throws Exception {
        String xml = Files.readString(SendguardConf.shipped().resolve("smtpserver.xml"), StandardCharsets.UTF_8);
        String[] servers = xml.split("<smtpserver ");
        assertThat(servers).hasSizeGreaterThan(2);
        for (int i = 1; i < servers.length; i++) {
            int filter = servers[i].indexOf("<handler class=\"io.sendguard.smtp.EncodeRawHeaders\"/>");
            int core = servers[i].indexOf("<handler class=\"org.apache.james.smtpserver.CoreCmdHandlerLoader\"/>");
            assertThat(filter).as("server %d lists EncodeRawHeaders", i).isGreaterThan(0);
            assertThat(filter).as("server %d: EncodeRawHeaders before CoreCmdHandlerLoader", i).isLessThan(core);
        }
    }

    @Test
    void everyShippedSmtpServerShouldLimitTheMessageSize() throws Exception {
        // without a limit, a few parallel 40 MB mails ran James out of memory and were lost (issue #18)
        String xml = Files.readString(SendguardConf.shipped().resolve("smtpserver.xml"), StandardCharsets.UTF_8);
        String[] servers = xml.split("<smtpserver ");
        assertThat(servers).hasSizeGreaterThan(2);
        for (int i = 1; i < servers.length; i++) {
            assertThat(servers[i]).as("server %d", i).contains("<maxmessagesize>25M</maxmessagesize>");
        }
    }

    /** Public concrete mailets, matchers and SMTP handlers in the drop-in jar itself. */
    private static List<Class<?>> mailetsAndMatchers() throws Exception {
        Path jar = JamesProcess.dropInJar();
        List<Class<?>> result = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile());
             URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ReferenceDocsIT.class.getClassLoader())) {
            for (JarEntry entry : (Iterable<JarEntry>) file.stream()::iterator) {
                String name = entry.getName();
                if ((name.startsWith("io/sendguard/mailets/") || name.startsWith("io/sendguard/matchers/")
                    || name.startsWith("io/sendguard/smtp/"))
                    && name.endsWith(".class") && !name.contains("$")) {
                    Class<?> type = Class.forName(name.replace('/', '.').replace(".class", ""), false, loader);
                    boolean unit = Mailet.class.isAssignableFrom(type) || Matcher.class.isAssignableFrom(type)
                        || ProtocolHandler.class.isAssignableFrom(type);
                    if (unit && Modifier.isPublic(type.getModifiers()) && !Modifier.isAbstract(type.getModifiers())) {
                        result.add(type);
                    }
                }
            }
        }
        return result;
    }
}
