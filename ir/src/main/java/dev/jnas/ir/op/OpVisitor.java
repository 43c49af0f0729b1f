package dev.jnas.ir.op;

/**
 * One method per primitive op record. Every record's {@link PrimitiveOp#accept} calls its own
 * method, so adding an op to the vocabulary fails the build until every visitor (the code
 * emitter, the ONNX exporter, the parameter-owner rule) handles it: no op can reach a trial
 * without its generated code.
 */
public interface OpVisitor<R> {
  R conv1d(Conv1dOp op);

  R conv2d(Conv2dOp op);

  R convTranspose2d(ConvTranspose2dOp op);

  R linear(LinearOp op);

  R embedding(EmbeddingOp op);

  R dropout(DropoutOp op);

  R batchNorm1d(BatchNorm1dOp op);

  R batchNorm2d(BatchNorm2dOp op);

  R layerNorm(LayerNormOp op);

  R lstm(LstmOp op);

  R gru(GruOp op);

  R multiHeadAttention(MultiHeadAttentionOp op);

  R relu(ReluOp op);

  R relu6(Relu6Op op);

  R sigmoid(SigmoidOp op);

  R tanh(TanhOp op);

  R gelu(GeluOp op);

  R swish(SwishOp op);

  R maxPool2d(MaxPool2dOp op);

  R avgPool2d(AvgPool2dOp op);

  R adaptiveAvgPool2d(AdaptiveAvgPool2dOp op);

  R flatten(FlattenOp op);

  R reshape(ReshapeOp op);

  R permute(PermuteOp op);

  R slice(SliceOp op);

  R softmax(SoftmaxOp op);

  R logSoftmax(LogSoftmaxOp op);

  R add(AddOp op);

  R mul(MulOp op);

  R average(AverageOp op);

  R addScalar(AddScalarOp op);

  R mulScalar(MulScalarOp op);

  R powScalar(PowScalarOp op);

  R matMul(MatMulOp op);

  R cat(CatOp op);

  R mean(MeanOp op);

  R sum(SumOp op);

  R identity(IdentityOp op);

  R zero(ZeroOp op);

  R userBlock(UserBlockOp op);
}
