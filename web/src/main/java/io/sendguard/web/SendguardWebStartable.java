package io.sendguard.web;

import javax.inject.Inject;

import org.apache.james.utils.UserDefinedStartable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Sendguard's web listener with James ({@code extensions.properties}:
 * {@code guice.extension.startable=...,io.sendguard.web.SendguardWebStartable}). A listener that cannot listen stops
 * James at startup, naming {@code web.host} and {@code web.port}; {@code web.enabled=false} leaves it off.
 */
public class SendguardWebStartable implements UserDefinedStartable {
    private static final Logger LOGGER = LoggerFactory.getLogger(SendguardWebStartable.class);

    private final Web web;
    private SendguardWeb server;

    @Inject
    public SendguardWebStartable(Web web) {
        this.web = web;
    }

    @Override
    public void start() {
        if (!web.settings().enabled()) {
            LOGGER.warn("Sendguard web listener is OFF (web.enabled=false): the links in notices lead nowhere");
            return;
        }
        server = new SendguardWeb(web).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (RuntimeException e) {
                // stopping anyway
            }
        }, "sendguard-web-stop"));
    }
}
