package io.ssplab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The master's /json/ page as Spark 4.1 writes it (recorded from a real master). */
class MasterViewTest {
    static final String RECORDED = """
            {
              "url" : "spark://127.0.0.1:7077",
              "workers" : [ {
                "id" : "worker-20261124033732-127.0.0.1-44669", "host" : "127.0.0.1", "port" : 44669,
                "webuiaddress" : "http://127.0.0.1:34535", "cores" : 4, "coresused" : 4, "coresfree" : 0,
                "memory" : 2048, "memoryused" : 1024, "memoryfree" : 1024, "resources" : { }, "resourcesused" : { },
                "resourcesfree" : { }, "state" : "ALIVE", "lastheartbeat" : 1795491458920
              }, {
                "id" : "worker-20261124030000-127.0.0.1-40000", "host" : "127.0.0.1", "port" : 40000,
                "webuiaddress" : "http://127.0.0.1:40001", "cores" : 4, "coresused" : 0, "state" : "DEAD", "memory" : 2048
              } ],
              "aliveworkers" : 1, "cores" : 4, "coresused" : 4, "memory" : 2048, "memoryused" : 1024,
              "activeapps" : [ { "id" : "app-20261124033804-0000", "starttime" : 1795491484000, "name" : "ssp-phase1",
                                 "cores" : 4, "user" : "root", "memoryperexecutor" : 1024, "state" : "RUNNING", "duration" : 1000 } ],
              "completedapps" : [ ], "activedrivers" : [ ], "completeddrivers" : [ ],
              "status" : "ALIVE"
            }""";

    @Test
    void readsWorkersAppsAndCores() throws Exception {
        MasterView v = MasterView.parse(RECORDED);
        assertThat(v.alive()).isTrue();
        assertThat(v.url()).isEqualTo("spark://127.0.0.1:7077");
        assertThat(v.aliveWorkers()).isEqualTo(1);
        assertThat(v.workers()).hasSize(2);
        assertThat(v.workers().get(0).webUiAddress()).isEqualTo("http://127.0.0.1:34535");
        assertThat(v.workers().get(0).memoryMb()).isEqualTo(2048);
        assertThat(v.coresFree()).isZero();
        assertThat(v.activeApps()).extracting(MasterView.AppView::name).containsExactly("ssp-phase1");
        assertThat(v.activeApps().get(0).cores()).isEqualTo(4);
    }

    @Test
    void aMasterStillStartingIsNotAlive() throws Exception {
        MasterView v = MasterView.parse("{\"status\":\"RECOVERING\",\"workers\":[]}");
        assertThat(v.alive()).isFalse();
        assertThat(v.aliveWorkers()).isZero();
    }
}
