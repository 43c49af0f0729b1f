package dev.jnas.worker;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;

/**
 * The channel protocol between the engine and a worker: one JSON object per line, over a loopback
 * connection the worker opens and authenticates with the experiment's token.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = WorkerMessage.Hello.class, name = "hello"),
    @JsonSubTypes.Type(value = WorkerMessage.Ready.class, name = "ready"),
    @JsonSubTypes.Type(value = WorkerMessage.Started.class, name = "started"),
    @JsonSubTypes.Type(value = WorkerMessage.Intermediate.class, name = "intermediate"),
    @JsonSubTypes.Type(value = WorkerMessage.Final.class, name = "final"),
    @JsonSubTypes.Type(value = WorkerMessage.Progress.class, name = "progress"),
    @JsonSubTypes.Type(value = WorkerMessage.Ended.class, name = "ended"),
    @JsonSubTypes.Type(value = WorkerMessage.File.class, name = "file"),
    @JsonSubTypes.Type(value = WorkerMessage.Ack.class, name = "ack"),
    @JsonSubTypes.Type(value = WorkerMessage.Run.class, name = "run"),
    @JsonSubTypes.Type(value = WorkerMessage.Exit.class, name = "exit"),
    @JsonSubTypes.Type(value = WorkerMessage.Stop.class, name = "stop")})
public sealed interface WorkerMessage {
  /** Worker to engine, first: who it is and the token that proves the engine started it. */
  record Hello(String worker, String token, long pid) implements WorkerMessage {}

  /** Worker to engine: started, the runtime loaded and warm, ready for a trial. */
  record Ready(String worker) implements WorkerMessage {}

  /** Worker to engine: the trial's evaluator is about to run. */
  record Started(int trial) implements WorkerMessage {}

  /** Worker to engine: an intermediate result. */
  record Intermediate(int trial, Map<String, Double> metrics) implements WorkerMessage {}

  /** Worker to engine: how far the trial is, {@code done} of {@code total} steps. */
  record Progress(int trial, long done, long total) implements WorkerMessage {}

  /** Worker to engine: the final result. */
  record Final(int trial, Map<String, Double> metrics) implements WorkerMessage {}

  /** Worker to engine: the evaluator returned ({@code failure} null) or threw (its one-line description). */
  record Ended(int trial, String failure) implements WorkerMessage {}

  /** Worker to engine, without a shared filesystem: one file of the trial's folder (its output, a trained model). */
  record File(int trial, String name, byte[] content) implements WorkerMessage {}

  /** Engine to a job's worker: the trial's end is recorded; the job may exit. */
  record Ack(int trial) implements WorkerMessage {}

  /** Engine to worker: run this trial. */
  record Run(TrialSpec spec) implements WorkerMessage {}

  /** Engine to worker: finish and exit. */
  record Exit() implements WorkerMessage {}

  /** Engine to worker: stop this trial at its next intermediate report (an early stop); the worker stays. */
  record Stop(int trial) implements WorkerMessage {}
}
