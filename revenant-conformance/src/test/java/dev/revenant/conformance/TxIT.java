package dev.revenant.conformance;

import static dev.revenant.conformance.AmqpErrors.assertClose;
import static dev.revenant.conformance.AmqpErrors.channelClose;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Transactions: publishes stay invisible until commit and vanish on rollback; acks made in a
 * transaction are undone by rollback; commit/rollback outside a transaction are 406.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class TxIT extends ConformanceBase {

    @Test
    void publishesAreInvisibleUntilCommit() throws Exception {
        Channel observer = openChannel();
        String queue = observer.queueDeclare().getQueue();
        Channel tx = openChannel();
        tx.txSelect();
        tx.basicPublish("", queue, null, Messages.utf8("a"));
        tx.basicPublish("", queue, null, Messages.utf8("b"));
        // a synchronous round trip on the publishing channel: the publishes have been received
        tx.queueDeclarePassive(queue);
        assertThat(observer.queueDeclarePassive(queue).getMessageCount()).isZero();
        assertThat(observer.basicGet(queue, true)).isNull();

        tx.txCommit();
        Messages.awaitMessageCount(observer, queue, 2);
        assertThat(Messages.drain(observer, queue)).containsExactly("a", "b");
    }

    @Test
    void rollbackDiscardsPublishes() throws Exception {
        Channel channel = openChannel();
        String queue = channel.queueDeclare().getQueue();
        channel.txSelect();
        channel.basicPublish("", queue, null, Messages.utf8("discarded"));
        channel.txRollback();
        channel.basicPublish("", queue, null, Messages.utf8("kept"));
        channel.txCommit();
        assertThat(Messages.drain(channel, queue)).containsExactly("kept");
    }

    @Test
    void rollbackUndoesAcks() throws Exception {
        Channel channel = openChannel();
        String queue = channel.queueDeclare().getQueue();
        channel.basicPublish("", queue, null, Messages.utf8("m"));
        Channel tx = openChannel();
        tx.txSelect();
        GetResponse response = Messages.awaitGet(tx, queue, false);
        tx.basicAck(response.getEnvelope().getDeliveryTag(), false);
        tx.txRollback();
        // the ack is undone: the message is still unacknowledged and returns when the channel closes
        tx.close();
        GetResponse again = Messages.awaitGet(channel, queue, true);
        assertThat(Messages.text(again)).isEqualTo("m");
        assertThat(again.getEnvelope().isRedeliver()).isTrue();
    }

    @Test
    void committedAcksStick() throws Exception {
        Channel channel = openChannel();
        String queue = channel.queueDeclare().getQueue();
        channel.basicPublish("", queue, null, Messages.utf8("m"));
        Channel tx = openChannel();
        tx.txSelect();
        GetResponse response = Messages.awaitGet(tx, queue, false);
        tx.basicAck(response.getEnvelope().getDeliveryTag(), false);
        tx.txCommit();
        tx.close();
        assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isZero();
    }

    @Test
    void aTransactionalChannelRunsManyTransactions() throws Exception {
        Channel channel = openChannel();
        String queue = channel.queueDeclare().getQueue();
        channel.txSelect();
        for (int i = 0; i < 3; i++) {
            channel.basicPublish("", queue, null, Messages.utf8("t" + i));
            channel.txCommit();
        }
        channel.txSelect(); // selecting again is harmless
        assertThat(Messages.drain(channel, queue)).containsExactly("t0", "t1", "t2");
    }

    @Test
    void commitOrRollbackWithoutSelectIsRefused() {
        assertClose(channelClose(() -> openChannel().txCommit()), AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
        assertClose(channelClose(() -> openChannel().txRollback()), AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
    }
}
