package io.sendguard.server;

import java.io.File;
import java.io.FileNotFoundException;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;
import javax.jms.ConnectionFactory;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.ActiveMQPrefetchPolicy;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.region.policy.PolicyEntry;
import org.apache.activemq.broker.region.policy.PolicyMap;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.james.filesystem.api.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ActiveMQ broker behind James's spool and outgoing queue: persistent (KahaDB, every send synced to
 * disk before it returns) under {@value #DATA_DIRECTORY} of James's working directory, reachable only
 * inside this JVM ({@code vm://}): it opens no TCP port and no JMX connector.
 */
@Singleton
public final class EmbeddedBroker {
    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedBroker.class);
    static final String DATA_DIRECTORY = "file://var/store/activemq";
    static final String BROKER_NAME = "sendguard";
    /** What the broker may keep of queued messages in heap; beyond it they are read back from disk. */
    private static final long MEMORY_LIMIT_BYTES = 64L * 1024 * 1024;

    private final BrokerService broker;
    private final ActiveMQConnectionFactory connectionFactory;

    @Inject
    public EmbeddedBroker(FileSystem fileSystem) throws Exception {
        this(dataDirectory(fileSystem));
    }

    EmbeddedBroker(File dataDirectory) throws Exception {
        broker = new BrokerService();
        broker.setBrokerName(BROKER_NAME);
        broker.setPersistent(true);
        broker.setDataDirectoryFile(dataDirectory);
        KahaDBPersistenceAdapter kahaDb = new KahaDBPersistenceAdapter();
        kahaDb.setDirectory(new File(dataDirectory, "kahadb"));
        kahaDb.setEnableJournalDiskSyncs(true);
        broker.setPersistenceAdapter(kahaDb);
        broker.setUseJmx(false);
        broker.getManagementContext().setCreateConnector(false);
        broker.setUseShutdownHook(false);
        broker.setSchedulerSupport(false);
        broker.setAdvisorySupport(false);
        broker.setTransportConnectorURIs(new String[0]);
        broker.getSystemUsage().getMemoryUsage().setLimit(MEMORY_LIMIT_BYTES);
        broker.setDestinationPolicy(policy());
        broker.start();
        if (!broker.waitUntilStarted()) {
            throw new IllegalStateException("The embedded ActiveMQ broker did not start; see the log above");
        }
        connectionFactory = new ActiveMQConnectionFactory("vm://" + BROKER_NAME + "?create=false");
        connectionFactory.setTrustAllPackages(false);
        ActiveMQPrefetchPolicy prefetch = new ActiveMQPrefetchPolicy();
        // one consumer must not take mails whose delivery time has not come (James selects by time)
        prefetch.setQueuePrefetch(0);
        connectionFactory.setPrefetchPolicy(prefetch);
        LOGGER.info("Durable mail queues: embedded ActiveMQ, KahaDB in {}", dataDirectory);
    }

    private static File dataDirectory(FileSystem fileSystem) throws FileNotFoundException {
        return fileSystem.getFile(DATA_DIRECTORY);
    }

    /** Queued mail stays on disk when the heap limit is reached; SMTP is never blocked by the broker. */
    private static PolicyMap policy() {
        PolicyEntry all = new PolicyEntry();
        all.setQueue(">");
        all.setProducerFlowControl(false);
        PolicyMap map = new PolicyMap();
        map.setDefaultEntry(all);
        return map;
    }

    public ConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    @PreDestroy
    public void stop() throws Exception {
        broker.stop();
        broker.waitUntilStopped();
    }
}
