package dev.revenant.store.file;

import dev.revenant.store.queue.QueueIndex;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Rebuilds one durable queue from its log directory: replays every segment in order into a
 * {@link QueueIndex}, truncates a torn tail of the last segment, and sets aside what cannot be
 * read. Invariant: the resulting index holds exactly the entries whose last record is an
 * ENQUEUE (or DELIVER) not cancelled by a later ACK or PURGE, all ready.
 */
final class QueueLogRecovery {
    private static final System.Logger LOG = System.getLogger(QueueLogRecovery.class.getName());

    /** A recovered queue, or a directory that held nothing usable ({@code key == null}). */
    record Recovered(String key, QueueIndex index, QueueLog log) {
    }

    private final QueueIndex index = new QueueIndex();
    private final Set<Long> keeps = new HashSet<>();
    private long maxSeq;

    private QueueLogRecovery() {
    }

    static Recovered recover(Path directory, int segmentBytes, GroupCommit groupCommit) throws IOException {
        return new QueueLogRecovery().run(directory, segmentBytes, groupCommit);
    }

    private Recovered run(Path directory, int segmentBytes, GroupCommit groupCommit) throws IOException {
        List<Long> numbers = segmentNumbers(directory);
        ArrayDeque<QueueSegment> segments = new ArrayDeque<>();
        String key = null;
        boolean lastKept = false;
        for (int i = 0; i < numbers.size(); i++) {
            boolean last = i == numbers.size() - 1;
            Path path = directory.resolve(QueueSegment.fileName(numbers.get(i)));
            SyncedFile file = SyncedFile.open(path);
            byte[] extra = FileHeader.read(file.channel(), QueueLog.MAGIC);
            String segmentKey = extra == null ? null : new String(extra, StandardCharsets.UTF_8);
            if (segmentKey == null || (key != null && !key.equals(segmentKey))) {
                file.closeQuietly();
                setAside(path, last);
                continue;
            }
            key = segmentKey;
            QueueSegment segment = new QueueSegment(numbers.get(i), path, FileHeader.length(extra), 0);
            long size = file.channel().size();
            QueueLogReader.Result result = QueueLogReader.read(file.channel(), segment.headerBytes, size, last,
                    (type, deliveries, seq, location) -> apply(segment, type, deliveries, seq, location));
            if (result.skipped() > 0) {
                LOG.log(System.Logger.Level.ERROR, "Skipped {0} damaged records in {1}", result.skipped(), path);
            }
            segment.size = result.validEnd();
            if (last && result.validEnd() < size) {
                LOG.log(System.Logger.Level.WARNING, "Truncating torn tail of {0}: {1} -> {2} bytes",
                        path, size, result.validEnd());
                file.channel().truncate(result.validEnd());
                file.channel().force(false);
            }
            segments.addLast(segment);
            lastKept = last;
            file.closeQuietly();
        }
        if (key == null) {
            return new Recovered(null, null, null);
        }
        index.reserveSeqsBelow(maxSeq + 1);
        QueueLog log = new QueueLog(directory, key, segmentBytes, groupCommit, segments);
        log.attach(index);
        if (lastKept) {
            log.reopenTail();
        } else {
            // The last file was set aside: continue in a fresh segment after the others.
            log.startSegmentAfter(segments.peekLast().number);
        }
        return new Recovered(key, index, log);
    }

    private void apply(QueueSegment segment, byte type, int deliveries, long seq, long location) {
        segment.noteRecord(type, seq);
        maxSeq = Math.max(maxSeq, seq);
        if (type != QueueRecords.KEEP && type != QueueRecords.PURGE) {
            keeps.clear();
        }
        switch (type) {
            case QueueRecords.ENQUEUE -> {
                if (location > 0) {
                    index.put(seq, location, deliveries);
                }
            }
            case QueueRecords.DELIVER -> {
                if (index.isLive(seq)) {
                    index.put(seq, index.location(seq), deliveries);
                }
            }
            case QueueRecords.ACK -> index.remove(seq);
            case QueueRecords.KEEP -> keeps.add(seq);
            case QueueRecords.PURGE -> {
                index.removeBelow(seq, keeps::contains, location1 -> { });
                keeps.clear();
            }
            default -> throw new IllegalStateException("unknown record type " + type);
        }
    }

    private static void setAside(Path path, boolean last) throws IOException {
        if (last) {
            LOG.log(System.Logger.Level.WARNING, "Deleting queue segment {0} with a torn header", path);
            Files.delete(path);
        } else {
            LOG.log(System.Logger.Level.ERROR, "Queue segment {0} has a bad header; set aside", path);
            Files.move(path, path.resolveSibling(path.getFileName() + ".corrupt"));
        }
    }

    private static List<Long> segmentNumbers(Path directory) throws IOException {
        List<Long> numbers = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(file -> {
                long number = QueueSegment.numberOf(file.getFileName().toString());
                if (number > 0) {
                    numbers.add(number);
                }
            });
        }
        numbers.sort(null);
        return numbers;
    }
}
