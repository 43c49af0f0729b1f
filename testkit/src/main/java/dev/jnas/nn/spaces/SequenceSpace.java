package dev.jnas.nn.spaces;

import static dev.jnas.nn.F.logSoftmax;

import dev.jnas.nn.Embedding;
import dev.jnas.nn.GRU;
import dev.jnas.nn.LSTM;
import dev.jnas.nn.LayerChoice;
import dev.jnas.nn.Linear;
import dev.jnas.nn.ModelWrapper;
import dev.jnas.nn.NasModule;
import dev.jnas.nn.MultiHeadAttention;
import dev.jnas.nn.Tensor;
import dev.jnas.nn.ValueChoice;
import java.util.Map;

/**
 * A sequence classifier over token ids (N, T): an embedding, then an LSTM, a GRU or
 * self-attention (mean over time) as the encoder, and a linear head over 2 classes.
 */
@ModelWrapper
public class SequenceSpace extends NasModule {
  public static final int TOKENS = 10;
  final ValueChoice<Integer> width = ValueChoice.of(8, 16);
  final Embedding embed = new Embedding(TOKENS, width);
  final LayerChoice encoder = new LayerChoice(Map.of(
      "lstm", new LSTM(width, width).lastStep(),
      "gru", new GRU(width, width).lastStep(),
      "attention", new Attention(width)));
  final Linear head = new Linear(width, 2);

  @Override public Tensor forward(Tensor tokens) {
    return logSoftmax(head.forward(encoder.forward(embed.forward(tokens))), 1);
  }

  /** Self-attention with the mean over time, so every encoder gives (N, width). */
  public static class Attention extends NasModule {
    final MultiHeadAttention attention;

    Attention(ValueChoice<Integer> width) {
      attention = new MultiHeadAttention(width, 2);
    }

    @Override public Tensor forward(Tensor x) {
      return attention.forward(x).mean(1);
    }
  }
}
