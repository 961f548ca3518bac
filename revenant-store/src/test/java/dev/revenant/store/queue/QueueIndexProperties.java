package dev.revenant.store.queue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index against a sorted map, with seqs spread over many chunks (recovery puts entries at any
 * seq, in any order): ready order, unacked state, delivery counts and removals must all agree.
 */
class QueueIndexProperties {

    /** op 0 append, 1 put at seq, 2 take, 3 requeue, 4 remove, 5 remove ready, 6 remove below. */
    record Op(int kind, long value) {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Long> seqs = Arbitraries.oneOf(Arbitraries.longs().between(1, 20_000),
                Arbitraries.longs().between(4090, 4100), Arbitraries.longs().between(1, 5));
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(new Op(0, 0))),
                Tuple.of(3, seqs.map(seq -> new Op(1, seq))),
                Tuple.of(6, Arbitraries.just(new Op(2, 0))),
                Tuple.of(3, Arbitraries.longs().between(0, 1000).map(pick -> new Op(3, pick))),
                Tuple.of(4, Arbitraries.longs().between(0, 1000).map(pick -> new Op(4, pick))),
                Tuple.of(1, Arbitraries.just(new Op(5, 0))),
                Tuple.of(1, seqs.map(seq -> new Op(6, seq))));
        return op.list().ofMaxSize(300);
    }

    private static final class Slot {
        long location;
        boolean unacked;
        int deliveries;

        Slot(long location) {
            this.location = location;
        }
    }

    @Property(tries = 500)
    void agreesWithASortedMap(@ForAll("operations") List<Op> operations) {
        QueueIndex index = new QueueIndex();
        TreeMap<Long, Slot> model = new TreeMap<>();
        long nextLocation = 100;
        for (Op op : operations) {
            switch (op.kind()) {
                case 0 -> {
                    long location = nextLocation++;
                    long seq = index.append(location);
                    assertThat(model.isEmpty() || seq > model.lastKey()).isTrue();
                    model.put(seq, new Slot(location));
                }
                case 1 -> {
                    long location = nextLocation++;
                    index.put(op.value(), location, 2);
                    Slot slot = model.computeIfAbsent(op.value(), s -> new Slot(location));
                    slot.location = location;
                    slot.deliveries = 2;
                }
                case 2 -> {
                    Long expected = model.entrySet().stream().filter(e -> !e.getValue().unacked)
                            .map(Map.Entry::getKey).findFirst().orElse(null);
                    long seq = index.firstReady();
                    assertThat(seq).isEqualTo(expected == null ? -1 : expected);
                    if (expected != null) {
                        Slot slot = model.get(expected);
                        assertThat(index.markUnacked(seq)).isEqualTo(slot.deliveries);
                        slot.unacked = true;
                        slot.deliveries++;
                    }
                }
                case 3 -> {
                    List<Long> unacked = model.entrySet().stream().filter(e -> e.getValue().unacked)
                            .map(Map.Entry::getKey).toList();
                    if (!unacked.isEmpty()) {
                        long seq = unacked.get((int) (op.value() % unacked.size()));
                        assertThat(index.markReady(seq)).isTrue();
                        model.get(seq).unacked = false;
                    }
                }
                case 4 -> {
                    List<Long> live = new ArrayList<>(model.keySet());
                    if (!live.isEmpty()) {
                        long seq = live.get((int) (op.value() % live.size()));
                        assertThat(index.remove(seq)).isEqualTo(model.remove(seq).location);
                    }
                }
                case 5 -> {
                    long ready = model.values().stream().filter(s -> !s.unacked).count();
                    List<Long> released = new ArrayList<>();
                    assertThat(index.removeReady(released::add)).isEqualTo(ready);
                    assertThat(released).hasSize((int) ready);
                    model.values().removeIf(s -> !s.unacked);
                }
                default -> {
                    long keep = op.value() / 2;
                    long expected = model.headMap(op.value()).keySet().stream().filter(s -> s != keep).count();
                    assertThat(index.removeBelow(op.value(), s -> s == keep, location -> { })).isEqualTo(expected);
                    model.headMap(op.value()).keySet().removeIf(s -> s != keep);
                }
            }
            assertThat(index.readyCount()).isEqualTo(model.values().stream().filter(s -> !s.unacked).count());
            assertThat(index.unackedCount()).isEqualTo(model.values().stream().filter(s -> s.unacked).count());
        }
        List<Long> live = new ArrayList<>();
        index.forEachLive((seq, location, deliveries) -> {
            live.add(seq);
            assertThat(location).isEqualTo(model.get(seq).location);
            assertThat(deliveries).isEqualTo(Math.min(255, model.get(seq).deliveries));
            assertThat(index.isUnacked(seq)).isEqualTo(model.get(seq).unacked);
        });
        assertThat(live).containsExactlyElementsOf(model.keySet());
        List<Long> ready = new ArrayList<>();
        index.forEachReady(0, Integer.MAX_VALUE, (seq, location, deliveries) -> ready.add(seq));
        assertThat(ready).containsExactlyElementsOf(
                model.entrySet().stream().filter(e -> !e.getValue().unacked).map(Map.Entry::getKey).toList());
        long from = model.isEmpty() ? 0 : model.firstKey();
        assertThat(index.countLive(from, from + 5000)).isEqualTo(model.subMap(from, true, from + 5000, true).size());
    }
}
