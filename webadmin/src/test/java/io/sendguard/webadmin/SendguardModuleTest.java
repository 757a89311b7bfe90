package io.sendguard.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Publisher;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;

import io.sendguard.audit.AuditLog;
import io.sendguard.mailets.DkimSign;

/** SendguardModule in a child injector of a James-like parent, as James loads extension modules. */
class SendguardModuleTest {
    @TempDir
    Path base;

    Injector child() {
        Injector parent = Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                bind(FileSystem.class).toInstance(new FileSystem() {
                    @Override
                    public InputStream getResource(String url) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public File getFile(String fileURL) throws FileNotFoundException {
                        if (!fileURL.startsWith("file://")) {
                            throw new FileNotFoundException(fileURL);
                        }
                        return base.resolve(fileURL.substring("file://".length())).toFile();
                    }

                    @Override
                    public File getBasedir() {
                        return base.toFile();
                    }
                });
                bind(MetricFactory.class).toInstance(new NoMetrics());
                // James binds its users repository (the web listener signs people in with it)
                bind(org.apache.james.user.api.UsersRepository.class).toInstance((org.apache.james.user.api.UsersRepository)
                    java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {org.apache.james.user.api.UsersRepository.class}, (proxy, method, args) -> {
                            throw new UnsupportedOperationException(method.getName());
                        }));
                bind(org.apache.mailet.MailetContext.class).toInstance(org.apache.mailet.base.test.FakeMailContext.defaultContext());
            }
        });
        return parent.createChildInjector(new SendguardModule());
    }

    static Object field(Object target, String name) throws Exception {
        java.lang.reflect.Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }

    @Test
    void auditLogShouldBeOffWhenTheConfFileIsAbsent() {
        assertThat(child().getInstance(AuditLog.class).isEnabled()).isFalse();
    }

    @Test
    void dkimSignShouldShareTheModulesAuditLogWhenTheConfFileIsPresent() throws Exception {
        Files.createDirectories(base.resolve("conf"));
        Files.writeString(base.resolve("conf/sendguard-audit.properties"),
            "audit.recipients=hashed\naudit.hashKey=0123456789abcdef0123456789abcdef-module\n", StandardCharsets.UTF_8);
        Injector injector = child();

        AuditLog log = injector.getInstance(AuditLog.class);

        assertThat(log.isEnabled()).isTrue();
        assertThat(field(injector.getInstance(DkimSign.class), "audit")).isSameAs(log);
        assertThat(base.resolve("var/sendguard/audit")).isDirectory();
        log.close();
    }

    /** A MetricFactory that counts nothing. */
    static final class NoMetrics implements MetricFactory {
        @Override
        public Metric generate(String name) {
            return new Metric() {
                @Override
                public void increment() {
                }

                @Override
                public void decrement() {
                }

                @Override
                public void add(int value) {
                }

                @Override
                public void remove(int value) {
                }

                @Override
                public long getCount() {
                    return 0;
                }
            };
        }

        @Override
        public TimeMetric timer(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> Publisher<T> decoratePublisherWithTimerMetric(String name, Publisher<T> publisher) {
            return publisher;
        }

        @Override
        public <T> Publisher<T> decoratePublisherWithTimerMetricLogP99(String name, Publisher<T> publisher) {
            return publisher;
        }
    }
}
