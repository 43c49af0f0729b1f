package dev.jnas.nn;

import static dev.jnas.nn.F.relu;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.ir.TensorShape;
import dev.jnas.ir.op.Reduction;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Spaces that are wrong in one way each, and the message each must give. */
class MalformedSpaceTest {
  private static final TensorShape IMAGE = TensorShape.batchOf(8, 16, 16);

  private static String error(Supplier<? extends NasModule> space) {
    return assertThrows(SpaceException.class, () -> Tracer.trace(space.get(), IMAGE)).getMessage();
  }

  private static void assertMentions(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), () -> "expected '" + part + "' in: " + message);
    }
  }

  @ModelWrapper
  static class WrongChannelsInACandidate extends NasModule {
    final LayerChoice conv = new LayerChoice(new Conv2d(8, 8, 1), new Conv2d(4, 8, 1));

    @Override public Tensor forward(Tensor x) {
      return conv.forward(x);
    }
  }

  @Test
  void aCandidateThatCannotTakeItsInput() {
    assertMentions(error(WrongChannelsInACandidate::new),
        "conv > 1 > self: conv2d expects 4 input channels (in=4), got input [N, 8, 16, 16]", "conv=1",
        "MalformedSpaceTest$WrongChannelsInACandidate.forward(MalformedSpaceTest.java:");
  }

  @ModelWrapper
  static class CandidateTheRestCannotTake extends NasModule {
    final LayerChoice conv = new LayerChoice(new Conv2d(8, 8, 1), new Conv2d(8, 6, 1));
    final Conv2d next = new Conv2d(8, 8, 1);

    @Override public Tensor forward(Tensor x) {
      return next.forward(conv.forward(x));
    }
  }

  @Test
  void aCandidateWhoseOutputTheRestCannotTake() {
    assertMentions(error(CandidateTheRestCannotTake::new),
        "next: conv2d expects 8 input channels (in=8), got input [N, 6, 16, 16]", "conv=1");
  }

  @ModelWrapper
  static class SharedWidthMismatch extends NasModule {
    final ValueChoice<Integer> width = ValueChoice.of(8, 12);
    final Conv2d conv = new Conv2d(8, width, 1).groups(ValueChoice.of(1, 8).label("groups"));

    @Override public Tensor forward(Tensor x) {
      return conv.forward(x);
    }
  }

  @Test
  void aCombinationOfSharedChoicesThatFailsIsNamed() {
    assertMentions(error(SharedWidthMismatch::new), "groups=8 must divide in=8 and out=12", "width=12", "groups=8");
  }

  @ModelWrapper
  static class SameLabelOtherCandidates extends NasModule {
    final Dropout a = new Dropout(ValueChoice.of(0.1, 0.2).label("p"));
    final Dropout b = new Dropout(ValueChoice.of(0.1, 0.3).label("p"));

    @Override public Tensor forward(Tensor x) {
      return b.forward(a.forward(x));
    }
  }

  @Test
  void oneLabelForTwoDifferentChoices() {
    assertMentions(error(SameLabelOtherCandidates::new), "label 'p' is used for two different choices",
        "value choice [0.1, 0.2] at 'a.p'", "value choice [0.1, 0.3] at 'b.p'");
  }

  @ModelWrapper
  static class EmptyLayerChoice extends NasModule {
    final LayerChoice nothing = new LayerChoice();

    @Override public Tensor forward(Tensor x) {
      return nothing.forward(x);
    }
  }

  @Test
  void anEmptyLayerChoice() {
    assertMentions(error(EmptyLayerChoice::new), "LayerChoice 'nothing' at 'nothing' has no candidates");
  }

  @ModelWrapper
  static class ChoosesTooMany extends NasModule {
    final InputChoice pick = new InputChoice(2, 3, Reduction.SUM);

    @Override public Tensor forward(Tensor x) {
      return pick.forward(x, x);
    }
  }

  @Test
  void moreChosenThanCandidates() {
    assertMentions(error(ChoosesTooMany::new), "InputChoice 'pick'", "chooses 3 of 2 candidates");
  }

  static class NotWrapped extends NasModule {
    @Override public Tensor forward(Tensor x) {
      return x;
    }
  }

  @Test
  void aRootWithoutModelWrapper() {
    assertMentions(error(NotWrapped::new), "NotWrapped is not annotated @ModelWrapper");
  }

  @ModelWrapper
  static class ChoiceCalledTwice extends NasModule {
    final LayerChoice choice = new LayerChoice(new Conv2d(8, 8, 1), new Identity());

    @Override public Tensor forward(Tensor x) {
      return choice.forward(choice.forward(x));
    }
  }

  @Test
  void aChoiceCalledTwice() {
    // A layer called twice shares its weights (WeightSharingTest); a choice cannot be.
    assertMentions(error(ChoiceCalledTwice::new), "'choice' is called twice", "only a layer (one op) can be called again",
        "declare one LayerChoice per call", "ChoiceCalledTwice.forward(MalformedSpaceTest.java:");
  }

  @ModelWrapper
  static class LayerSharedAcrossACandidate extends NasModule {
    final Conv2d conv = new Conv2d(8, 8, 1);
    final LayerChoice choice = new LayerChoice(conv, new Identity());

    @Override public Tensor forward(Tensor x) {
      return choice.forward(conv.forward(x));
    }
  }

  @Test
  void aLayerSharedAcrossAChoiceBoundary() {
    assertMentions(error(LayerSharedAcrossACandidate::new), "'conv' is called in the model's forward and again in choice > 0",
        "shared only within one graph");
  }

  @ModelWrapper
  static class LayerMadeInForward extends NasModule {
    @Override public Tensor forward(Tensor x) {
      return new Conv2d(8, 8, 1).forward(x);
    }
  }

  @Test
  void aLayerThatIsNotAField() {
    assertMentions(error(LayerMadeInForward::new), "Conv2d called at", "is not reachable from the model's fields");
  }

  @ModelWrapper
  static class ModulesInAList extends NasModule {
    final List<NasModule> layers = List.of(new ReLU(), new ReLU());

    @Override public Tensor forward(Tensor x) {
      return x;
    }
  }

  @Test
  void modulesInAPlainList() {
    assertMentions(error(ModulesInAList::new), "field 'layers'", "use a ModuleList or Sequential");
  }

  @ModelWrapper
  static class DuplicateCandidates extends NasModule {
    final Dropout drop = new Dropout(ValueChoice.of(0.1, 0.1));

    @Override public Tensor forward(Tensor x) {
      return drop.forward(x);
    }
  }

  @Test
  void aValueChoiceListingACandidateTwice() {
    assertMentions(error(DuplicateCandidates::new), "ValueChoice 'drop.p' at 'drop.p'", "lists a candidate twice");
  }

  @ModelWrapper
  static class WrongInputCount extends NasModule {
    final InputChoice pick = new InputChoice(3);

    @Override public Tensor forward(Tensor x) {
      return pick.forward(x, x);
    }
  }

  @Test
  void anInputChoiceGivenTheWrongNumberOfTensors() {
    assertMentions(error(WrongInputCount::new), "InputChoice 'pick' takes 3 candidate tensors, got 2");
  }

  @ModelWrapper
  static class ReturnsNull extends NasModule {
    @Override public Tensor forward(Tensor x) {
      return null;
    }
  }

  @Test
  void forwardReturningNull() {
    assertMentions(error(ReturnsNull::new), "forward of ReturnsNull returned null");
  }

  static final ThreadLocal<Tensor> OUTSIDE = new ThreadLocal<>();

  @ModelWrapper
  static class UsesOuterTensor extends NasModule {
    final LayerChoice choice = new LayerChoice(new NasModule() {
      @Override public Tensor forward(Tensor x) {
        return F.add(x, OUTSIDE.get());
      }
    });

    @Override public Tensor forward(Tensor x) {
      OUTSIDE.set(relu(x));
      return choice.forward(x);
    }
  }

  @Test
  void aCandidateUsingATensorFromOutside() {
    assertMentions(error(UsesOuterTensor::new), "tensor 'relu' comes from outside choice > 0",
        "can use only the tensors passed to its forward");
  }

  @ModelWrapper
  static class DataDependent extends NasModule {
    final Conv2d conv = new Conv2d(8, 8, 1);

    @Override public Tensor forward(Tensor x) {
      Tensor y = conv.forward(x);
      if (y.item() > 0) {
        return relu(y);
      }
      return y;
    }
  }

  @Test
  void dataDependentControlFlowNamesTheLine() {
    assertMentions(error(DataDependent::new), "data-dependent control flow cannot be traced",
        "item() needs the values of tensor 'conv'", "DataDependent.forward(MalformedSpaceTest.java:");
  }

  @ModelWrapper
  static class BranchesOnAVaryingShape extends NasModule {
    final LayerChoice conv = new LayerChoice(new Conv2d(8, 8, 1), new Conv2d(8, 8, 3));

    @Override public Tensor forward(Tensor x) {
      Tensor y = conv.forward(x);
      return y.shape().dim(2) == 16 ? relu(y) : y;
    }
  }

  @Test
  void branchingOnAShapeThatDependsOnTheArchitecture() {
    assertMentions(error(BranchesOnAVaryingShape::new), "the shape of tensor 'conv' depends on the architecture",
        "[N, 8, 16, 16] with {conv=0} but [N, 8, 14, 14] with {conv=1}");
  }

  @ModelWrapper
  static class ValueOfAChoiceInASpace extends NasModule {
    final ValueChoice<Integer> layers = ValueChoice.of(1, 2);

    @Override public Tensor forward(Tensor x) {
      for (int i = 0; i < layers.value(); i++) {
        x = relu(x);
      }
      return x;
    }
  }

  @Test
  void branchingOnAChoiceInASpace() {
    assertMentions(error(ValueOfAChoiceInASpace::new), "is not known while tracing a space",
        "use LayerChoice or Repeat");
  }

  @ModelWrapper
  static class EpsBeyondAFloat extends NasModule {
    final BatchNorm2d bn1 = new BatchNorm2d(8).eps(1e40);

    @Override public Tensor forward(Tensor x) {
      return bn1.forward(x);
    }
  }

  @ModelWrapper
  static class CandidatesBeyondAFloat extends NasModule {
    final Dropout drop = new Dropout(ValueChoice.of(0.25, 1e-50));

    @Override public Tensor forward(Tensor x) {
      return drop.forward(x);
    }
  }

  @ModelWrapper
  static class NestedCandidateBeyondAFloat extends NasModule {
    final LayerChoice norm = new LayerChoice(new Identity(), new LayerNorm(16).eps(ValueChoice.of(1e-5, 1e-6, 1e45).label("eps")));

    @Override public Tensor forward(Tensor x) {
      return norm.forward(x);
    }
  }

  @Test
  void aFloatAttributeThatAFloatCannotHoldFailsTheTraceNamingFieldAndAttribute() {
    assertMentions(error(EpsBeyondAFloat::new), "bn1: batchNorm2d attribute 'eps' = 1.0E40 does not fit in a 32-bit float",
        "EpsBeyondAFloat.forward(MalformedSpaceTest.java:");
    // every candidate is checked, the failing one named with its label
    assertMentions(error(CandidatesBeyondAFloat::new), "drop: dropout attribute 'p' = 1.0E-50 does not fit in a 32-bit float",
        "drop.p=1.0E-50");
    assertMentions(error(NestedCandidateBeyondAFloat::new),
        "norm > 1 > self: layerNorm attribute 'eps' = 1.0E45 does not fit in a 32-bit float", "eps=1.0E45", "norm=1");
  }

  @Test
  void badLayerArguments() {
    assertMentions(assertThrows(SpaceException.class, () -> new Conv2d(8, "wide", 3)).getMessage(),
        "Conv2d argument 'out' must be a number, a boolean or a ValueChoice, got String wide");
    assertMentions(assertThrows(SpaceException.class, () -> new Conv2d(8, 1L << 40, 3)).getMessage(),
        "Conv2d argument 'out': integer 1099511627776 is out of the IR's int range");
    assertMentions(assertThrows(SpaceException.class, () -> new BatchNorm2d(8).eps(Double.POSITIVE_INFINITY)).getMessage(),
        "BatchNorm2d argument 'eps': number Infinity is not finite");
    assertMentions(assertThrows(SpaceException.class, () -> new Dropout(Double.NaN)).getMessage(),
        "Dropout argument 'p': number NaN is not finite");
    assertMentions(assertThrows(SpaceException.class, () -> new Repeat(new ReLU(), -1)).getMessage(),
        "Repeat depth must be an int of at least 0");
    assertMentions(assertThrows(SpaceException.class, () -> new Repeat(new ReLU(), 3, 1)).getMessage(),
        "Repeat depth range 3..1");
    assertMentions(assertThrows(SpaceException.class, () -> new Repeat(new ReLU(), ValueChoice.of(1, 3).times(0.5))).getMessage(),
        "must give ints of at least 0, but gives 0.5", "toInt");
    assertMentions(assertThrows(SpaceException.class, () -> new Repeat(new ReLU(), ValueChoice.of(1, 2).minus(2))).getMessage(),
        "gives -1");
  }
}
