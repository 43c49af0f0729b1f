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

  /** ReLU of this tensor, as {@code F.relu(this)}. */
  public Tensor relu() {
    return F.relu(this);
  }

  /** ReLU of this tensor capped at 6, as {@code F.relu6(this)}. */
  public Tensor relu6() {
    return F.relu6(this);
  }

  /** GELU of this tensor, as {@code F.gelu(this)}. */
  public Tensor gelu() {
    return F.gelu(this);
  }

  /** Swish (SiLU) of this tensor, as {@code F.swish(this)}. */
  public Tensor swish() {
    return F.swish(this);
  }

  /** Dropout with probability {@code p} (a number or a {@link ValueChoice}), as {@code F.dropout(this, p)}. */
  public Tensor dropout(Object p) {
    return F.dropout(this, p);
  }

  /** Max pooling with a square {@code kernel} and stride equal to it, as {@code F.maxPool2d(this, kernel)}. */
  public Tensor maxPool2d(Object kernel) {
    return F.maxPool2d(this, kernel);
  }

  /** Average pooling with a square {@code kernel} and stride equal to it, as {@code F.avgPool2d(this, kernel)}. */
  public Tensor avgPool2d(Object kernel) {
    return F.avgPool2d(this, kernel);
  }

  /** Average pooling of each channel to a single value, as {@code F.adaptiveAvgPool2d(this)}. */
  public Tensor adaptiveAvgPool2d() {
    return F.adaptiveAvgPool2d(this);
  }

  /** Concatenation with {@code others} along {@code dim}. */
  public Tensor cat(Object dim, Tensor... others) {
    List<Tensor> all = new java.util.ArrayList<>(List.of(this));
    all.addAll(List.of(others));
    return F.cat(all, dim);
  }

  /** The element-wise mean of this tensor and {@code other}. */
  public Tensor average(Tensor other) {
    return F.average(this, other);
  }

  /** The element-wise sigmoid of this tensor. */
  public Tensor sigmoid() {
    return F.sigmoid(this);
  }

  /** The element-wise tanh of this tensor. */
  public Tensor tanh() {
    return F.tanh(this);
  }

  /** Flattens the dimensions from {@code startDim} on into one, as {@code torch.flatten(x, startDim)}. */
  public Tensor flatten(int startDim) {
    return F.flatten(this, startDim);
  }

  /** Reshapes each example to {@code dims}; the batch dimension stays and is not listed, and one -1 is inferred. */
  public Tensor reshape(Object... dims) {
    return F.reshape(this, dims);
  }

  /** The element-wise sum with {@code other}. */
  public Tensor add(Tensor other) {
    return F.add(this, other);
  }

  /** The element-wise product with {@code other}. */
  public Tensor mul(Tensor other) {
    return F.mul(this, other);
  }

  /** The mean over {@code dims}, which are dropped from the shape. */
  public Tensor mean(int... dims) {
    return F.mean(this, dims);
  }

  /** The sum over {@code dims}, which are dropped from the shape. */
  public Tensor sum(int... dims) {
    return F.sum(this, dims);
  }

  /** The matrix product with {@code other}, as {@code torch.matmul}. */
  public Tensor matmul(Tensor other) {
    return F.matmul(this, other);
  }

  /** Reorders all dimensions to {@code dims}; the batch dimension must stay first. */
  public Tensor permute(int... dims) {
    return F.permute(this, dims);
  }

  /**
   * Swaps dimensions {@code a} and {@code b} (negative counts from the end); throws {@link SpaceException} for a
   * dimension out of range.
   */
  public Tensor transpose(int a, int b) {
    return F.transpose(this, a, b);
  }

  /** {@code x[..., start:end, ...]} along {@code dim}, with Python's rules for negative and overlong bounds. */
  public Tensor slice(int dim, int start, int end) {
    return F.slice(this, dim, start, end);
  }

  /** This tensor plus a scalar {@code value} (a number or a {@link ValueChoice}). */
  public Tensor plus(Object value) {
    return F.plus(this, value);
  }

  /** This tensor minus a scalar {@code value} (a number or a {@link ValueChoice}). */
  public Tensor minus(Object value) {
    return F.minus(this, value);
  }

  /** This tensor times a scalar {@code value} (a number or a {@link ValueChoice}). */
  public Tensor times(Object value) {
    return F.times(this, value);
  }

  /**
   * This tensor divided by a scalar {@code value} (a number or a {@link ValueChoice}); throws {@link
   * SpaceException} for a literal zero.
   */
  public Tensor div(Object value) {
    return F.div(this, value);
  }

  /** This tensor to the power {@code value} (a number or a {@link ValueChoice}). */
  public Tensor pow(Object value) {
    return F.pow(this, value);
  }

  /** Log-softmax along {@code dim}. */
  public Tensor logSoftmax(int dim) {
    return F.logSoftmax(this, dim);
  }

  /** Softmax along {@code dim}. */
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
