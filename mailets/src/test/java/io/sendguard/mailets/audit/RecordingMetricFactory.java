package io.sendguard.mailets.audit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.reactivestreams.Publisher;

/** A MetricFactory that remembers counters and timings, as James's own RecordingMetricFactory does. */
public final class RecordingMetricFactory implements MetricFactory {
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final Map<String, List<Duration>> timings = new ConcurrentHashMap<>();

    public long count(String name) {
        AtomicLong counter = counters.get(name);
        return counter == null ? 0 : counter.get();
    }

    /** The counters generated so far (at 0 or more). */
    public java.util.Set<String> generated() {
        return counters.keySet();
    }

    public List<Duration> timings(String name) {
        return timings.getOrDefault(name, List.of());
    }

    @Override
    public Metric generate(String name) {
        AtomicLong counter = counters.computeIfAbsent(name, n -> new AtomicLong());
        return new Metric() {
            @Override
            public void increment() {
                counter.incrementAndGet();
            }

            @Override
            public void decrement() {
                counter.decrementAndGet();
            }

            @Override
            public void add(int value) {
                counter.addAndGet(value);
            }

            @Override
            public void remove(int value) {
                counter.addAndGet(-value);
            }

            @Override
            public long getCount() {
                return counter.get();
            }
        };
    }

    @Override
    public TimeMetric timer(String name) {
        long start = System.nanoTime();
        return new TimeMetric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ExecutionResult stopAndPublish() {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                timings.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(elapsed);
                return new ExecutionResult() {
                    @Override
                    public Duration elasped() {
                        return elapsed;
                    }

                    @Override
                    public ExecutionResult logWhenExceedP99(Duration threshold) {
                        return this;
                    }
                };
            }
        };
    }

    @Override
    public <T> Publisher<T> decoratePublisherWithTimerMetric(String name, Publisher<T> publisher) {
        return publisher;
    }

    @Override
    public <T> Publisher<T> decoratePublisherWithTimerMetricLogP99(String name, Publisher<T> publisher) {
        return publisher;
    }
}
