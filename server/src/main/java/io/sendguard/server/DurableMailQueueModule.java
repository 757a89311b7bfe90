package io.sendguard.server;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.activemq.ActiveMQMailQueueFactory;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollectorNoop;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.ManageableMailQueue;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * Replaces the memory server's in-memory mail queues (spool, outgoing) with James's ActiveMQ queues on
 * the {@link EmbeddedBroker}. A mail is taken off the spool only when its processing ended, so a mail
 * James was processing when it was killed is processed again after the restart.
 */
public final class DurableMailQueueModule extends AbstractModule {

    @Provides
    @Singleton
    ActiveMQMailQueueFactory activeMqQueues(EmbeddedBroker broker, MailQueueItemDecoratorFactory decorators,
                                            MetricFactory metrics, GaugeRegistry gauges) {
        ActiveMQMailQueueFactory factory = new ActiveMQMailQueueFactory(broker.connectionFactory(), decorators, metrics,
            gauges, new ActiveMQMetricCollectorNoop());
        // the mail inside the queued message (KahaDB), not in side files a crash could leave behind
        factory.setUseBlobMessages(false);
        // no MBeans: nothing beyond what the stock memory server exposes
        factory.setUseJMX(false);
        factory.init();
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends ManageableMailQueue> manageable(ActiveMQMailQueueFactory factory) {
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<?> any(ActiveMQMailQueueFactory factory) {
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends MailQueue> queues(ActiveMQMailQueueFactory factory) {
        return factory;
    }
}
