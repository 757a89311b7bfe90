package io.sendguard.server;

import org.apache.james.ExtraProperties;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerMain;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.mailrepository.api.MailRepositoryFactory;
import org.apache.james.modules.RunArgumentsModule;
import org.apache.james.FakeSearchMailboxModule;
import org.apache.james.modules.server.JMXServerModule;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;

/**
 * James 3.8.1's memory server, started exactly as {@link MemoryJamesServerMain} starts it, except that mail
 * James has accepted survives a crash: the spool and outgoing queues are durable ({@link EmbeddedBroker},
 * under {@code var/store/activemq}) and {@code file://} mail repositories are available (error,
 * quarantine...). Users, domains and mailboxes stay in memory, as in the memory server.
 *
 * <pre>java -Dworking.directory=DIR -cp 'lib/*' io.sendguard.server.DurableJamesServerMain</pre>
 */
public final class DurableJamesServerMain {
    /** What this server adds to the memory server. */
    public static final Module FILE_MAIL_REPOSITORIES = binder -> Multibinder.newSetBinder(binder, MailRepositoryFactory.class)
        .addBinding().to(FileMailRepositoryFactory.class);

    private DurableJamesServerMain() {
    }

    public static void main(String[] args) throws Exception {
        ExtraProperties.initialize();
        MemoryJamesConfiguration configuration = MemoryJamesConfiguration.builder()
            .useWorkingDirectoryEnvProperty()
            .build();
        JamesServerMain.main(createServer(configuration, args));
    }

    static GuiceJamesServer createServer(MemoryJamesConfiguration configuration, String[] args) {
        return MemoryJamesServerMain.createServer(configuration)
            .combineWith(new FakeSearchMailboxModule(), new JMXServerModule(), FILE_MAIL_REPOSITORIES)
            .overrideWith(new DurableMailQueueModule())
            .overrideWith(new RunArgumentsModule(args));
    }
}
