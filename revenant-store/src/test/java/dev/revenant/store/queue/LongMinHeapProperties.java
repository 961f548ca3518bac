package dev.revenant.store.queue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

import static org.assertj.core.api.Assertions.assertThat;

class LongMinHeapProperties {

    @Property
    void pollsInTheSameOrderAsAPriorityQueue(@ForAll List<Long> pushes, @ForAll List<Boolean> pollAfter) {
        LongMinHeap heap = new LongMinHeap();
        PriorityQueue<Long> model = new PriorityQueue<>();
        List<Long> fromHeap = new ArrayList<>();
        List<Long> fromModel = new ArrayList<>();
        for (int i = 0; i < pushes.size(); i++) {
            heap.push(pushes.get(i));
            model.add(pushes.get(i));
            if (i < pollAfter.size() && pollAfter.get(i)) {
                fromHeap.add(heap.poll());
                fromModel.add(model.poll());
            }
        }
        while (!model.isEmpty()) {
            assertThat(heap.peek()).isEqualTo(model.peek());
            fromHeap.add(heap.poll());
            fromModel.add(model.poll());
        }
        assertThat(heap.isEmpty()).isTrue();
        assertThat(fromHeap).isEqualTo(fromModel);
    }
}
