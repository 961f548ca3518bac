package dev.revenant.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MachineDescriptionTest {

    @Test
    void readsTheCpuModelAndTotalMemory() {
        assertThat(MachineDescription.cpuModel("processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\n"))
                .contains("AMD EPYC 7B13");
        assertThat(MachineDescription.memoryKibibytes("MemTotal:       24684312 kB\nMemFree:        21000000 kB\n"))
                .contains(24684312L);
        assertThat(MachineDescription.cpuModel("processor\t: 0\n")).isEmpty();
    }

    @Test
    void namesABrokerByItsServerProperties() {
        assertThat(MachineDescription.product(Map.of("product", "RabbitMQ", "version", "3.10.8", "platform", "Erlang/OTP 25.2.3")))
                .isEqualTo("RabbitMQ 3.10.8 on Erlang/OTP 25.2.3");
        assertThat(MachineDescription.product(Map.of())).isEqualTo("? ? on ?");
    }
}
