package dev.revenant.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class SvgBarChartTest {

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void isWellFormedSvgWithOneBarPerBrokerAndChartedMetric() throws Exception {
        Document svg = parse(SvgBarChart.render("Revenant <vs> RabbitMQ & co", MarkdownReportTest.results()));

        assertThat(svg.getDocumentElement().getNodeName()).isEqualTo("svg");
        NodeList rects = svg.getElementsByTagName("rect");
        long revenantBars = 0;
        long rabbitmqBars = 0;
        for (int i = 0; i < rects.getLength(); i++) {
            String fill = rects.item(i).getAttributes().getNamedItem("fill").getNodeValue();
            revenantBars += fill.equals(SvgBarChart.REVENANT_COLOUR) ? 1 : 0;
            rabbitmqBars += fill.equals(SvgBarChart.RABBITMQ_COLOUR) ? 1 : 0;
        }
        // Charted: S1 received, S3 dead-lettered, C1 sent (both brokers), C2 received (RabbitMQ only); plus one legend square each.
        assertThat(revenantBars).isEqualTo(1 + 3);
        assertThat(rabbitmqBars).isEqualTo(1 + 4);
        assertThat(svg.getDocumentElement().getTextContent()).contains("Revenant <vs> RabbitMQ & co")
                .contains("S3 dead-lettered (received from the DLQ) (msg/s)").contains("no value");
    }

    @Test
    void scalesEachPairToItsLargerValueAndPrintsTheRatio() {
        String svg = SvgBarChart.render("t", new RunResults(List.of(MarkdownReportTest.S1), List.of(
                new Observation("S1", Metric.RECEIVED, Broker.REVENANT, 1, 60_000),
                new Observation("S1", Metric.RECEIVED, Broker.RABBITMQ, 1, 30_000)), List.of()));

        assertThat(svg).contains("width=\"400.0\" height=\"14\" fill=\"" + SvgBarChart.REVENANT_COLOUR)
                .contains("width=\"200.0\" height=\"14\" fill=\"" + SvgBarChart.RABBITMQ_COLOUR)
                .contains(">60,000<").contains(">30,000<").contains(">2.00<");
    }

    @Test
    void marksMetricsWhereLowerIsBetter() {
        ScenarioDescription latency = new ScenarioDescription("L1", "latency", List.of(), List.of(Metric.LATENCY_P99),
                List.of(Metric.LATENCY_P99));
        String svg = SvgBarChart.render("t", new RunResults(List.of(latency), List.of(), List.of()));

        assertThat(svg).contains("L1 consumer latency p99 (µs), lower is better");
    }
}
