package dev.revenant.benchmarks;

import dev.revenant.benchmarks.PerfTestOutput.Latency;
import dev.revenant.benchmarks.PerfTestOutput.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PerfTest 2.x console output (its default metrics format) into a {@link PerfTestOutput}.
 * Pure: lines in, record out; lines it does not recognise (start-up chatter, logs) are skipped.
 * Latencies printed in milliseconds ({@code --use-millis}) are converted to microseconds.
 */
public final class PerfTestOutputParser {
    private static final String LATENCY = "(\\d+)/(\\d+)/(\\d+)/(\\d+)/(\\d+) (\\S+)";
    private static final Pattern SENDING_AVERAGE = Pattern.compile("sending rate avg: ([\\d.]+) msg/s");
    private static final Pattern RECEIVING_AVERAGE = Pattern.compile("receiving rate avg: ([\\d.]+) msg/s");
    private static final Pattern CONSUMER_SUMMARY =
            Pattern.compile("consumer latency min/median/75th/95th/99th " + LATENCY);
    private static final Pattern CONFIRM_SUMMARY =
            Pattern.compile("confirm latency min/median/75th/95th/99th " + LATENCY);
    private static final Pattern SAMPLE_TIME = Pattern.compile(", time ([\\d.]+) s");
    private static final Pattern SAMPLE_SENT = Pattern.compile(", sent: ([\\d.]+) msg/s");
    private static final Pattern SAMPLE_RECEIVED = Pattern.compile(", received: ([\\d.]+) msg/s");
    private static final Pattern SAMPLE_CONSUMER_LATENCY = Pattern.compile("consumer latency: " + LATENCY);
    private static final Pattern STOPPED = Pattern.compile("^test stopped \\((.*)\\)");
    private static final Pattern ERROR = Pattern.compile("(?i)(exception|error)");

    private PerfTestOutputParser() {
    }

    public static PerfTestOutput parse(List<String> lines) {
        Double sending = null;
        Double receiving = null;
        Latency consumer = null;
        Latency confirm = null;
        String stopReason = null;
        String firstError = null;
        List<Sample> samples = new ArrayList<>();
        for (String line : lines) {
            Matcher m;
            if ((m = SENDING_AVERAGE.matcher(line)).find()) {
                sending = Double.parseDouble(m.group(1));
            } else if ((m = RECEIVING_AVERAGE.matcher(line)).find()) {
                receiving = Double.parseDouble(m.group(1));
            } else if ((m = CONSUMER_SUMMARY.matcher(line)).find()) {
                consumer = latency(m);
            } else if ((m = CONFIRM_SUMMARY.matcher(line)).find()) {
                confirm = latency(m);
            } else if ((m = SAMPLE_TIME.matcher(line)).find()) {
                samples.add(sample(line, Double.parseDouble(m.group(1))));
            } else if ((m = STOPPED.matcher(line)).find()) {
                stopReason = m.group(1);
            } else if (firstError == null && ERROR.matcher(line).find()) {
                firstError = line.strip();
            }
        }
        boolean complete = sending != null && receiving != null;
        return new PerfTestOutput(complete, complete ? sending : 0, complete ? receiving : 0,
                Optional.ofNullable(consumer), Optional.ofNullable(confirm), samples,
                Optional.ofNullable(stopReason), Optional.ofNullable(firstError));
    }

    private static Sample sample(String line, double time) {
        Matcher latency = SAMPLE_CONSUMER_LATENCY.matcher(line);
        long p99 = latency.find() ? latency(latency).p99() : -1;
        return new Sample(time, rate(SAMPLE_SENT, line), rate(SAMPLE_RECEIVED, line), p99);
    }

    private static double rate(Pattern pattern, String line) {
        Matcher m = pattern.matcher(line);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** PerfTest prints "µs" (which may reach us mangled by the platform charset) or "ms". */
    private static Latency latency(Matcher m) {
        long factor = m.group(6).equals("ms") ? 1000 : 1;
        return new Latency(factor * Long.parseLong(m.group(1)), factor * Long.parseLong(m.group(2)),
                factor * Long.parseLong(m.group(3)), factor * Long.parseLong(m.group(4)),
                factor * Long.parseLong(m.group(5)));
    }
}
