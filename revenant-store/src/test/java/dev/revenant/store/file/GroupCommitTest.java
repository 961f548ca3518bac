package dev.revenant.store.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitTest {
    @TempDir
    Path directory;

    @Test
    void concurrentRequestsShareForceRounds() throws Exception {
        GroupCommit groupCommit = new GroupCommit("test-sync", 100);
        List<SyncedFile> files = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                files.add(SyncedFile.open(directory.resolve("f" + i)));
            }
            int requests = 200;
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < requests; t++) {
                SyncedFile file = files.get(t % files.size());
                CompletableFuture<Void> done = new CompletableFuture<>();
                futures.add(done);
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                        file.channel().write(ByteBuffer.wrap(new byte[64]), 0);
                        file.markDirty(groupCommit);
                        groupCommit.sync().get(30, TimeUnit.SECONDS);
                        done.complete(null);
                    } catch (Exception e) {
                        done.completeExceptionally(e);
                    }
                });
                threads.add(thread);
                thread.start();
            }
            start.countDown();
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(groupCommit.rounds()).isPositive().isLessThan(requests);
        } finally {
            groupCommit.close();
            files.forEach(SyncedFile::closeQuietly);
        }
    }

    @Test
    void aRequestAfterCloseFails() {
        GroupCommit groupCommit = new GroupCommit("test-sync", 100);
        groupCommit.close();
        assertThatThrownBy(() -> groupCommit.sync().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeServesRequestsAlreadyMade() throws Exception {
        GroupCommit groupCommit = new GroupCommit("test-sync", 100);
        SyncedFile file = SyncedFile.open(directory.resolve("f"));
        try {
            file.channel().write(ByteBuffer.wrap(new byte[8]), 0);
            file.markDirty(groupCommit);
            CompletableFuture<Void> pending = groupCommit.sync();
            groupCommit.close();
            pending.get(10, TimeUnit.SECONDS);
            assertThat(pending).isCompleted();
        } finally {
            file.closeQuietly();
        }
    }

    @Test
    void bufferedWritesReachTheFileWithinTheFlushIntervalWithoutAnySync() throws Exception {
        GroupCommit groupCommit = new GroupCommit("test-sync", 20);
        ByteBuffer pending = ByteBuffer.wrap(new byte[] {1, 2, 3});
        SyncedFile[] holder = new SyncedFile[1];
        holder[0] = SyncedFile.open(directory.resolve("f"), () -> {
            synchronized (pending) {
                while (pending.hasRemaining()) {
                    holder[0].channel().write(pending, 0);
                }
            }
        });
        try {
            holder[0].markDirty(groupCommit);
            org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS)
                    .until(() -> holder[0].channel().size() == 3);
        } finally {
            groupCommit.close();
            holder[0].closeQuietly();
        }
    }
}
