package dev.revenant.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Draws each scenario's charted metrics as a pair of horizontal bars (Revenant, RabbitMQ), each
 * pair scaled to its larger value since units differ from row to row, with the values and the
 * median same-round ratio written beside them. Plain SVG, no dependencies. Pure.
 */
public final class SvgBarChart {
    static final String REVENANT_COLOUR = "#6a3d9a";
    static final String RABBITMQ_COLOUR = "#ff6600";
    private static final int WIDTH = 960;
    private static final int LABEL_WIDTH = 380;
    private static final int BAR_SPACE = 400;
    private static final int BAR_HEIGHT = 14;
    private static final int ROW_HEIGHT = 44;
    private static final int TOP = 70;

    private SvgBarChart() {
    }

    private record Row(String label, Metric metric, OptionalDouble revenant, OptionalDouble rabbitmq, OptionalDouble ratio) {
    }

    public static String render(String title, RunResults results) {
        List<Row> rows = new ArrayList<>();
        for (ScenarioDescription scenario : results.scenarios()) {
            for (Metric metric : scenario.charted()) {
                rows.add(new Row(scenario.id() + " " + metric.label() + " (" + metric.unit() + ")"
                        + (metric.higherIsBetter() ? "" : ", lower is better"), metric,
                        Statistics.median(results.observations(), scenario.id(), metric, Broker.REVENANT),
                        Statistics.median(results.observations(), scenario.id(), metric, Broker.RABBITMQ),
                        Statistics.medianRatio(results.observations(), scenario.id(), metric)));
            }
        }
        int height = TOP + rows.size() * ROW_HEIGHT + 20;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height, WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        svg.append("<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">").append(escape(title)).append("</text>\n");
        legend(svg, 10, 46, REVENANT_COLOUR, "Revenant");
        legend(svg, 110, 46, RABBITMQ_COLOUR, "RabbitMQ");
        svg.append("<text x=\"").append(WIDTH - 10).append("\" y=\"46\" text-anchor=\"end\">Revenant/RabbitMQ</text>\n");
        int y = TOP;
        for (Row row : rows) {
            row(svg, row, y);
            y += ROW_HEIGHT;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void legend(StringBuilder svg, int x, int y, String colour, String name) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                + "<text x=\"%d\" y=\"%d\">%s</text>%n", x, y - 10, colour, x + 16, y, name));
    }

    private static void row(StringBuilder svg, Row row, int y) {
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\">%s</text>%n", y + BAR_HEIGHT + 4, escape(row.label())));
        double scale = Math.max(row.revenant().orElse(0), row.rabbitmq().orElse(0));
        bar(svg, row.metric(), row.revenant(), scale, y, REVENANT_COLOUR);
        bar(svg, row.metric(), row.rabbitmq(), scale, y + BAR_HEIGHT + 4, RABBITMQ_COLOUR);
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-weight=\"bold\">%s</text>%n",
                WIDTH - 10, y + BAR_HEIGHT + 4, MarkdownReport.ratio(row.ratio())));
    }

    private static void bar(StringBuilder svg, Metric metric, OptionalDouble value, double scale, int y, String colour) {
        if (value.isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#888\">no value</text>%n",
                    LABEL_WIDTH, y + BAR_HEIGHT - 3));
            return;
        }
        double width = scale > 0 ? BAR_SPACE * value.getAsDouble() / scale : 0;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                LABEL_WIDTH, y, width, BAR_HEIGHT, colour));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>%n",
                LABEL_WIDTH + width + 6, y + BAR_HEIGHT - 3, metric.format(value.getAsDouble())));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
