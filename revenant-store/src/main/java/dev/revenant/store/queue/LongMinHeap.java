package dev.revenant.store.queue;

import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * A binary min-heap of primitive longs. Invariant: {@code values[i] <= values[2i+1]} and
 * {@code values[i] <= values[2i+2]} for every i below {@code size}, so the root is the minimum.
 */
public final class LongMinHeap {
    private long[] values = new long[16];
    private int size;

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
        if (values.length > 1024) {
            values = new long[16];
        }
    }

    public void push(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (values[parent] <= value) {
                break;
            }
            values[i] = values[parent];
            i = parent;
        }
        values[i] = value;
    }

    public long peek() {
        if (size == 0) {
            throw new NoSuchElementException("heap is empty");
        }
        return values[0];
    }

    public long poll() {
        long top = peek();
        long last = values[--size];
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < size && values[child + 1] < values[child]) {
                child++;
            }
            if (last <= values[child]) {
                break;
            }
            values[i] = values[child];
            i = child;
        }
        if (size > 0) {
            values[i] = last;
        }
        return top;
    }
}
