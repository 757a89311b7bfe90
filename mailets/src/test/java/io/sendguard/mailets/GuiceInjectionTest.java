package io.sendguard.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.MetricFactory;
import org.junit.jupiter.api.Test;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;

import io.sendguard.audit.AuditLog;
import io.sendguard.core.stats.InspectionStats;
import io.sendguard.mailets.audit.RecordingAuditLog;
import io.sendguard.mailets.audit.RecordingMetricFactory;

/** The optional auditing and metrics of DkimSign and InspectContent are injected as James's Guice would. */
class GuiceInjectionTest {
    static final FileSystem NO_FILES = new FileSystem() {
        @Override
        public InputStream getResource(String url) {
            throw new UnsupportedOperationException();
        }

        @Override
        public File getFile(String fileURL) {
            throw new UnsupportedOperationException();
        }

        @Override
        public File getBasedir() {
            throw new UnsupportedOperationException();
        }
    };

    static Object field(Object target, String name) throws Exception {
        java.lang.reflect.Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }

    @Test
    void dkimSignShouldGetTheAuditLogWhenOneIsBound() throws Exception {
        RecordingAuditLog log = new RecordingAuditLog();
        Injector injector = Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                bind(FileSystem.class).toInstance(NO_FILES);
                bind(MetricFactory.class).toInstance(new RecordingMetricFactory());
                bind(AuditLog.class).toInstance(log);
                bind(InspectionStats.class).toInstance(new InspectionStats());
            }
        });

        assertThat(field(injector.getInstance(DkimSign.class), "audit")).isSameAs(log);
        assertThat(field(injector.getInstance(InspectContent.class), "metrics")).isNotNull();
    }

    @Test
    void dkimSignShouldBeCreatedWithoutAuditingWhenNothingIsBound() throws Exception {
        Injector injector = Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                bind(FileSystem.class).toInstance(NO_FILES);
            }
        });

        assertThat(field(injector.getInstance(DkimSign.class), "audit")).isSameAs(AuditLog.disabled());
    }
}
