package io.ssplab.ownjob;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssplab.core.BadInputException;
import io.ssplab.core.Json;
import io.ssplab.core.Messages;

/**
 * What the lab reads of one application's Spark event log: its name and cores, its jobs with the local
 * properties that tie them to a streaming batch, every successful task's run time and records, and the
 * Structured Streaming progress events. Spark's own event names and field names are read as Spark 3 and 4
 * write them ({@code JsonProtocol}); anything else in the log is skipped.
 *
 * <p>What an event log does <em>not</em> hold: the DStream listener events (Spark posts them on its
 * listener bus but never logs them), so a DStream batch's receiver records, its exact processing start and its
 * queue are not in it: {@link ForeignRun} says how each is recovered, or that it is not.
 */
public final class AppLog {
    /** The job property Spark Streaming sets to the batch time (JobScheduler.BATCH_TIME_PROPERTY_KEY). */
    static final String BATCH_TIME = "spark.streaming.internal.batchTime";
    /** The job properties Structured Streaming sets while it runs a micro-batch (MicroBatchExecution, StreamExecution). */
    static final String QUERY_ID = "sql.streaming.queryId";
    static final String BATCH_ID = "streaming.sql.batchId";
    static final String PROGRESS_EVENT = "org.apache.spark.sql.streaming.StreamingQueryListener$QueryProgressEvent";

    String appName;
    String appId;
    String master;
    int executorCores;
    int receivers;
    /** Jobs by id: the batch key (DStream "t:TIME", query "q:ID:BATCH"), submission and completion. */
    final Map<Integer, Job> jobs = new HashMap<>();
    /** Stage id → batch key. */
    final Map<Integer, String> stageBatch = new HashMap<>();
    /** Stage id → whether an RDD named like the lab's cost RDD is in it. */
    final Map<Integer, Boolean> stageNamedCost = new HashMap<>();
    /** Stage id → its name (Spark's call site, e.g. "count at MyApp.java:49"): the same stage of every batch has the same name. */
    final Map<Integer, String> stageName = new HashMap<>();
    /** Stage id → its successful tasks: {run time ms, records read}. */
    final Map<Integer, List<long[]>> stageTasks = new TreeMap<>();
    /** Query name (or id) → its progress events' JSON, in log order. */
    final Map<String, List<String>> progress = new LinkedHashMap<>();
    final Map<String, String> queryIdOfName = new HashMap<>();
    int events;
    int badLines;
    boolean lastLineCut;

    /**
     * One job: its batch key (null: not a streaming batch's), when it was submitted and completed (−1: never), and
     * whether it succeeded (Spark's "JobSucceeded"; a job the app's stop interrupted, or whose code threw, did not).
     */
    static final class Job {
        final String batch;
        final long submitted;
        long completed = -1;
        boolean succeeded;

        Job(String batch, long submitted) {
            this.batch = batch;
            this.submitted = submitted;
        }
    }

    private AppLog() {
    }

    /** Reads every file of the log, in order. A log with no Spark event in it is not an event log (one line, exit 2). */
    public static AppLog read(EventLogFiles.Located located) {
        AppLog log = new AppLog();
        for (Path file : located.files()) log.readFile(file);
        if (log.events == 0) throw new BadInputException(Messages.get(log.badLines == 0 ? "analyze.bad.empty" : "analyze.bad.notEventLog",
                located.where()));
        if (log.appId == null) log.appId = located.appId();
        if (log.appName == null) log.appName = log.appId;
        return log;
    }

    private void readFile(Path file) {
        try (BufferedReader in = EventLogFiles.open(file)) {
            String line;
            while ((line = readLine(in)) != null) {
                if (line.isBlank()) continue;
                JsonNode e;
                try {
                    e = Json.MAPPER.readTree(line);
                } catch (IOException notJson) {
                    badLines++;
                    lastLineCut = true;
                    continue;
                }
                lastLineCut = false;
                if (e == null || !e.has("Event")) {
                    badLines++;
                    continue;
                }
                events++;
                event(e);
            }
        } catch (CharacterCodingException binary) {
            if (events == 0) throw new BadInputException(Messages.get("analyze.bad.notEventLog", file));
        } catch (IOException e) {
            if (events == 0) throw new BadInputException(Messages.get("analyze.bad.unreadable", file, String.valueOf(e.getMessage())));
            lastLineCut = true; // a compressed log cut short by a killed app: keep what was read
        }
    }

    /** A compressed stream cut short fails inside the codec: what was read stays usable. */
    private static String readLine(BufferedReader in) throws IOException {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException codec) {
            throw new IOException(codec.getMessage(), codec);
        }
    }

    private void event(JsonNode e) {
        switch (e.path("Event").asText()) {
            case "SparkListenerApplicationStart" -> {
                appName = e.path("App Name").asText(null);
                appId = e.path("App ID").asText(null);
            }
            case "SparkListenerEnvironmentUpdate" -> master = property(e.path("Spark Properties"), "spark.master");
            case "SparkListenerExecutorAdded" -> executorCores += e.path("Executor Info").path("Total Cores").asInt(0);
            case "SparkListenerJobStart" -> jobStart(e);
            case "SparkListenerJobEnd" -> {
                Job j = jobs.get(e.path("Job ID").asInt(-1));
                if (j != null) {
                    j.completed = e.path("Completion Time").asLong(-1);
                    j.succeeded = "JobSucceeded".equals(e.path("Job Result").path("Result").asText());
                }
            }
            case "SparkListenerTaskEnd" -> taskEnd(e);
            case PROGRESS_EVENT -> {
                JsonNode p = e.path("progress");
                if (p.isObject()) {
                    String id = p.path("id").asText("");
                    String name = p.path("name").isTextual() && !p.path("name").asText().isBlank() ? p.path("name").asText() : id;
                    queryIdOfName.put(name, id);
                    progress.computeIfAbsent(name, n -> new ArrayList<>()).add(p.toString());
                }
            }
            default -> {
            }
        }
    }

    /** Spark 3+ writes the properties as an object, older Sparks as [key, value] pairs. */
    private static String property(JsonNode props, String key) {
        if (props.isObject()) return props.path(key).asText(null);
        for (JsonNode pair : props) if (pair.size() == 2 && key.equals(pair.get(0).asText())) return pair.get(1).asText();
        return null;
    }

    private void jobStart(JsonNode e) {
        JsonNode props = e.path("Properties");
        String batch = null;
        String time = props.path(BATCH_TIME).asText(null);
        if (time != null && time.strip().matches("\\d+")) batch = "t:" + time.strip();
        String query = props.path(QUERY_ID).asText(null);
        String batchId = props.path(BATCH_ID).asText(null);
        if (batch == null && query != null && batchId != null) batch = "q:" + query + ":" + batchId.strip();
        jobs.put(e.path("Job ID").asInt(-1), new Job(batch, e.path("Submission Time").asLong(-1)));
        for (JsonNode stage : e.path("Stage Infos")) {
            int id = stage.path("Stage ID").asInt(-1);
            boolean named = false;
            for (JsonNode rdd : stage.path("RDD Info")) {
                String name = rdd.path("Name").asText("");
                if (batch == null && name.matches("Receiver \\d+")) receivers++;
                if (io.ssplab.core.BatchMetrics.COST_STAGE_RDD.equals(name)) named = true;
            }
            if (batch != null) {
                stageBatch.put(id, batch);
                stageName.put(id, stage.path("Stage Name").asText(""));
                if (named) stageNamedCost.put(id, true);
            }
        }
    }

    private void taskEnd(JsonNode e) {
        int stage = e.path("Stage ID").asInt(-1);
        if (!stageBatch.containsKey(stage)) return;
        if (!"Success".equals(e.path("Task End Reason").path("Reason").asText())) return;
        JsonNode m = e.path("Task Metrics");
        JsonNode info = e.path("Task Info");
        // The Spark UI's task Duration is the executor's run time; without metrics, launch to finish.
        long run = m.has("Executor Run Time") ? m.path("Executor Run Time").asLong()
                : info.path("Finish Time").asLong() - info.path("Launch Time").asLong();
        long records = m.path("Input Metrics").path("Records Read").asLong(0) + m.path("Shuffle Read Metrics").path("Total Records Read").asLong(0);
        stageTasks.computeIfAbsent(stage, s -> new ArrayList<>()).add(new long[] {run, records});
    }

    /** Every batch key with its jobs, in key order. */
    Map<String, List<Job>> batchJobs() {
        Map<String, List<Job>> out = new TreeMap<>();
        for (Job j : jobs.values()) if (j.batch != null) out.computeIfAbsent(j.batch, b -> new ArrayList<>()).add(j);
        return out;
    }

    /** Every batch key with its stages' tasks. */
    Map<String, Map<Integer, List<long[]>>> batchStages() {
        Map<String, Map<Integer, List<long[]>>> out = new HashMap<>();
        for (Map.Entry<Integer, List<long[]>> s : stageTasks.entrySet()) {
            String b = stageBatch.get(s.getKey());
            if (b != null) out.computeIfAbsent(b, k -> new TreeMap<>()).put(s.getKey(), s.getValue());
        }
        return out;
    }

    /** Cores the application had: its executors' total (local[N]: N), else what its master says, else 0. */
    int cores() {
        if (executorCores > 0) return executorCores;
        if (master != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("local\\[(\\d+)").matcher(master);
            if (m.find()) return Integer.parseInt(m.group(1));
        }
        return 0;
    }

    static Iterator<String> names(JsonNode n) {
        return n.fieldNames();
    }
}
