package dev.jnas.nn;

import dev.jnas.ir.TensorShape;
import java.util.List;

/**
 * A symbolic tensor while a space is traced: the value of one IR node. Its shape is known
 * (possibly per architecture); its values are not, so Java code may branch on {@link #shape()}
 * but not on data.
 */
public final class Tensor {
  final Trace.TraceGraph graph;
  final String name;
  /** The shape under each architecture the trace checks; null where this value is not reached. */
  final TensorShape[] shapes;

  Tensor(Trace.TraceGraph graph, String name, TensorShape[] shapes) {
    this.graph = graph;
    this.name = name;
    this.shapes = shapes;
  }

  /** The IR value this tensor is. */
  public String name() {
    return name;
  }

  /**
   * The shape, batch first as {@link TensorShape#UNKNOWN}; an error when it differs between
   * architectures of the space, since Java code branching on it would freeze one of them.
   */
  public TensorShape shape() {
    return graph.trace().commonShape(this);
  }

  /** Not available while tracing: the values are unknown, so control flow cannot depend on them. */
  public float item() {
    throw Trace.dataDependent(this, "item()");
  }

  /** Not available while tracing: the values are unknown, so control flow cannot depend on them. */
  public float[] toFloatArray() {
    throw Trace.dataDependent(this, "toFloatArray()");
  }

  public Tensor relu() {
    return F.relu(this);
  }

  public Tensor relu6() {
    return F.relu6(this);
  }

  public Tensor gelu() {
    return F.gelu(this);
  }

  public Tensor swish() {
    return F.swish(this);
  }

  public Tensor dropout(Object p) {
    return F.dropout(this, p);
  }

  public Tensor maxPool2d(Object kernel) {
    return F.maxPool2d(this, kernel);
  }

  public Tensor avgPool2d(Object kernel) {
    return F.avgPool2d(this, kernel);
  }

  public Tensor adaptiveAvgPool2d() {
    return F.adaptiveAvgPool2d(this);
  }

  /** Concatenation with {@code others} along {@code dim}. */
  public Tensor cat(Object dim, Tensor... others) {
    List<Tensor> all = new java.util.ArrayList<>(List.of(this));
    all.addAll(List.of(others));
    return F.cat(all, dim);
  }

  public Tensor average(Tensor other) {
    return F.average(this, other);
  }

  public Tensor sigmoid() {
    return F.sigmoid(this);
  }

  public Tensor tanh() {
    return F.tanh(this);
  }

  public Tensor flatten(int startDim) {
    return F.flatten(this, startDim);
  }

  public Tensor reshape(Object... dims) {
    return F.reshape(this, dims);
  }

  public Tensor add(Tensor other) {
    return F.add(this, other);
  }

  public Tensor mul(Tensor other) {
    return F.mul(this, other);
  }

  public Tensor mean(int... dims) {
    return F.mean(this, dims);
  }

  public Tensor sum(int... dims) {
    return F.sum(this, dims);
  }

  public Tensor matmul(Tensor other) {
    return F.matmul(this, other);
  }

  public Tensor permute(int... dims) {
    return F.permute(this, dims);
  }

  public Tensor transpose(int a, int b) {
    return F.transpose(this, a, b);
  }

  public Tensor slice(int dim, int start, int end) {
    return F.slice(this, dim, start, end);
  }

  public Tensor plus(Object value) {
    return F.plus(this, value);
  }

  public Tensor minus(Object value) {
    return F.minus(this, value);
  }

  public Tensor times(Object value) {
    return F.times(this, value);
  }

  public Tensor div(Object value) {
    return F.div(this, value);
  }

  public Tensor pow(Object value) {
    return F.pow(this, value);
  }

  public Tensor logSoftmax(int dim) {
    return F.logSoftmax(this, dim);
  }

  public Tensor softmax(int dim) {
    return F.softmax(this, dim);
  }

  @Override
  public String toString() {
    return "Tensor(" + name + ")";
  }

  static List<Tensor> list(Tensor first, Tensor second, Tensor... more) {
    List<Tensor> all = new java.util.ArrayList<>(List.of(first, second));
    all.addAll(List.of(more));
    return all;
  }
}
