package dev.jnas.ir.op;

/**
 * One method per primitive op record. Every record's {@link PrimitiveOp#accept} calls its own
 * method, so adding an op to the vocabulary fails the build until every visitor (the code
 * emitter, the ONNX exporter, the parameter-owner rule) handles it: no op can reach a trial
 * without its generated code.
 */
public interface OpVisitor<R> {
  R conv1d(Conv1d op);

  R conv2d(Conv2d op);

  R convTranspose2d(ConvTranspose2d op);

  R linear(Linear op);

  R embedding(Embedding op);

  R dropout(Dropout op);

  R batchNorm1d(BatchNorm1d op);

  R batchNorm2d(BatchNorm2d op);

  R layerNorm(LayerNorm op);

  R lstm(Lstm op);

  R gru(Gru op);

  R multiHeadAttention(MultiHeadAttention op);

  R relu(Relu op);

  R relu6(Relu6 op);

  R sigmoid(Sigmoid op);

  R tanh(Tanh op);

  R gelu(Gelu op);

  R swish(Swish op);

  R maxPool2d(MaxPool2d op);

  R avgPool2d(AvgPool2d op);

  R adaptiveAvgPool2d(AdaptiveAvgPool2d op);

  R flatten(Flatten op);

  R reshape(Reshape op);

  R permute(Permute op);

  R slice(Slice op);

  R softmax(Softmax op);

  R logSoftmax(LogSoftmax op);

  R add(Add op);

  R mul(Mul op);

  R average(Average op);

  R addScalar(AddScalar op);

  R mulScalar(MulScalar op);

  R powScalar(PowScalar op);

  R matMul(MatMul op);

  R cat(Cat op);

  R mean(Mean op);

  R sum(Sum op);

  R identity(Identity op);

  R zero(Zero op);

  R userBlock(UserBlock op);
}
