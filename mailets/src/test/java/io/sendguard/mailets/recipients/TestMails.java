package io.sendguard.mailets.recipients;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Domain;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMailContext;

/** Raw test messages, and a mail context whose server is local for example.com. */
final class TestMails {
    private TestMails() {
    }

    static MimeMessage parse(String headers) throws Exception {
        String raw = headers.replace("\r\n", "\n").replace("\n", "\r\n");
        if (!raw.contains("\r\n\r\n")) {
            raw = raw + (raw.endsWith("\r\n") ? "" : "\r\n") + "Subject: test\r\nMessage-ID: <original@example.com>\r\n\r\nbody\r\n";
        }
        Properties properties = new Properties();
        properties.setProperty("mail.mime.allowutf8", "true");
        return new MimeMessage(Session.getInstance(properties), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    static String raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The header section of a message, unfolded. */
    static String headerSection(MimeMessage message) throws Exception {
        String raw = raw(message);
        return raw.substring(0, raw.indexOf("\r\n\r\n")).replace("\r\n\t", " ").replace("\r\n ", "  ");
    }

    /** A {@link FakeMailContext} whose isLocalServer is true for the given domains (FakeMailContext cannot be subclassed). */
    static MailetContext localFor(FakeMailContext delegate, String... domains) {
        Set<String> local = Set.of(domains);
        return (MailetContext) Proxy.newProxyInstance(TestMails.class.getClassLoader(), new Class<?>[] {MailetContext.class},
            (proxy, method, args) -> {
                if (method.getName().equals("isLocalServer") && args != null && args.length == 1 && args[0] instanceof Domain) {
                    return local.contains(((Domain) args[0]).asString());
                }
                try {
                    return method.invoke(delegate, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    }

    /**
     * A {@link FakeMailContext} that fails as a broken collaborator would: {@code isLocalServer} and {@code sendMail}
     * throw {@code failure} (a {@code StackOverflowError}, an {@code OutOfMemoryError}...).
     */
    static MailetContext failing(FakeMailContext delegate, Throwable failure) {
        return (MailetContext) Proxy.newProxyInstance(TestMails.class.getClassLoader(), new Class<?>[] {MailetContext.class},
            (proxy, method, args) -> {
                if (method.getName().equals("isLocalServer") || method.getName().equals("sendMail")) {
                    throw failure;
                }
                try {
                    return method.invoke(delegate, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    }
}
