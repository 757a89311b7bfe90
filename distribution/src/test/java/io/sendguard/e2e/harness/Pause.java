package io.sendguard.e2e.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/**
 * Test-only mailet (never shipped): while the file named by {@code whileExists} exists, holds each mail at
 * this point of the pipeline (up to three minutes), after writing {@code <file>.reached-<mail name>} so that a
 * test knows where the mail is. Lets a test kill James at a chosen step. Loaded from a jar of its own that
 * {@link TestMailets#installInto} puts in {@code extensions-jars/}.
 */
public class Pause extends GenericMailet {
    private static final long MAX_MILLIS = 180_000;
    private Path flag;

    @Override
    public void init() throws MessagingException {
        flag = Paths.get(getInitParameter("whileExists"));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (!Files.exists(flag)) {
            return;
        }
        try {
            Files.writeString(flag.resolveSibling(flag.getFileName() + ".reached-" + mail.getName()), "");
            long until = System.currentTimeMillis() + MAX_MILLIS;
            while (Files.exists(flag) && System.currentTimeMillis() < until) {
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw new MessagingException("Pause cannot write its marker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
