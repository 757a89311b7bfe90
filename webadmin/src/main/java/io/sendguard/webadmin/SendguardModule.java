package io.sendguard.webadmin;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

import io.sendguard.core.stats.InspectionStats;

/**
 * The Guice module James loads for Sendguard's extensions (the child injector in which our mailets,
 * matchers and WebAdmin routes are created), so that they share one instance of each service.
 * Enable it in {@code extensions.properties}:
 *
 * <pre>
 * guice.extension.module=io.sendguard.webadmin.SendguardModule
 * </pre>
 */
public class SendguardModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(InspectionStats.class).in(Scopes.SINGLETON);
    }
}
