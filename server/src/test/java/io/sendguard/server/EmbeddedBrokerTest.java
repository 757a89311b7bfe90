package io.sendguard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import javax.jms.Connection;
import javax.jms.DeliveryMode;
import javax.jms.MessageConsumer;
import javax.jms.Session;
import javax.jms.TextMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerTest {
    @TempDir
    Path dir;

    @Test
    void aPersistentMessageShouldOutliveTheBroker() throws Exception {
        EmbeddedBroker first = new EmbeddedBroker(dir.toFile());
        Connection connection = first.connectionFactory().createConnection();
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        session.createProducer(session.createQueue("spool")).send(session.createTextMessage("accepted"),
            DeliveryMode.PERSISTENT, 4, 0);
        session.commit();
        connection.close();
        first.stop();

        EmbeddedBroker second = new EmbeddedBroker(dir.toFile());
        try {
            Connection again = second.connectionFactory().createConnection();
            again.start();
            Session read = again.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = read.createConsumer(read.createQueue("spool"));
            TextMessage message = (TextMessage) consumer.receive(10_000);
            assertThat(message).isNotNull();
            assertThat(message.getText()).isEqualTo("accepted");
            read.commit();
            again.close();
            assertThat(dir.resolve("kahadb")).isDirectory();
        } finally {
            second.stop();
        }
    }
}
