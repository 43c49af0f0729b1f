package dev.jnas.codegen;

import static dev.jnas.codegen.BlockTypes.*;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.jnas.codegen.SupernetPlan.Guard;
import dev.jnas.codegen.SupernetPlan.MaskSpec;
import dev.jnas.codegen.SupernetPlan.Mix;
import dev.jnas.codegen.SupernetPlan.Prim;
import dev.jnas.codegen.SupernetPlan.Step;
import dev.jnas.ir.Choice;
import dev.jnas.ir.Decisions;
import dev.jnas.ir.Graph;
import dev.jnas.ir.GraphInput;
import dev.jnas.ir.Node;
import dev.jnas.ir.TensorShape;
import dev.jnas.ir.op.CatOp;
import dev.jnas.ir.op.Conv2dOp;
import dev.jnas.ir.op.DropoutOp;
import dev.jnas.ir.op.FlattenOp;
import dev.jnas.ir.op.IdentityOp;
import dev.jnas.ir.op.PrimitiveOp;
import dev.jnas.ir.op.ReluOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.lang.model.element.Modifier;

/**
 * Generates the Java source of a space's supernet (see {@link SupernetLowering}): one DJL block
 * with a child block per candidate node, an architecture parameter per choice, and a mode. With no
 * path set it mixes every choice by the softmax of its architecture parameter (DARTS); with a path
 * (a candidate index per choice) it runs only that path's nodes and equals that architecture's
 * block with the same, sliced, weights (single-path one-shot, SPOS).
 */
public final class SupernetGenerator {
  /** The interface every generated supernet implements (in jnas-runtime). */
  public static final String SUPERNET_BLOCK = "dev.jnas.runtime.SupernetBlock";

  private static final ClassName NORMAL = ClassName.get("ai.djl.training.initializer", "NormalInitializer");
  private static final ClassName INTERFACE = ClassName.bestGuess(SUPERNET_BLOCK);
  /** Statements per method of a large supernet. */
  private static final int CHUNK = 250;

  private SupernetGenerator() {}

  /**
   * The supernet of {@code space} (a traced space with input shapes) named after {@code spaceName};
   * an {@link dev.jnas.ir.IrException} naming the choice and node where the space cannot be lowered.
   */
  public static GeneratedSupernet generate(Graph space, String spaceName) {
    return generate(space, spaceName, CHUNK);
  }

  /**
   * Checks that {@code space} lowers to a supernet without writing its source (an experiment's
   * early refusal); an {@link dev.jnas.ir.IrException} naming the choice and node where it cannot.
   */
  public static void check(Graph space) {
    SupernetLowering.lower(space, space.name());
  }

  /** {@link #generate(Graph, String)}, splitting the forward pass into methods once it has more than {@code chunk} statements. */
  static GeneratedSupernet generate(Graph space, String spaceName, int chunk) {
    SupernetPlan plan = SupernetLowering.lower(space, spaceName);
    String className = NameAllocator.toJavaIdentifier(spaceName) + "_supernet";
    return new GeneratedSupernet(new Writer(plan, className, chunk).write(), plan);
  }

  /** Writes one plan's class. */
  private static final class Writer {
    private final SupernetPlan plan;
    private final String className;
    private final NameAllocator names = new NameAllocator();
    /** The masks the forward pass computes first: width masks ({@link MaskSpec}) and kernel masks ({@link KernelMask}). */
    private final Map<Object, String> maskNames = new LinkedHashMap<>();
    private boolean sharesKernels;
    /** The field of each node that owns a child block. */
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final List<MethodSpec> chunkMethods = new ArrayList<>();
    private final TypeSpec.Builder type;
    private final MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
        .addStatement("super((byte) 1)");
    /** The statements of the forward pass, the constructor's child blocks and their initialisation, in order. */
    private final List<CodeBlock> body = new ArrayList<>();
    private final List<CodeBlock> children = new ArrayList<>();
    private final List<CodeBlock> initializations = new ArrayList<>();
    /** Each IR value's Java expression: a local variable, or a slot of {@code v} in a large supernet. */
    private final Map<String, String> refs = new LinkedHashMap<>();
    private final Map<String, TensorShape> shapes;
    /**
     * Whether the supernet is too large for one method (javac allows 64 KB of bytecode a method):
     * then values live in an array and the statements in methods of {@code chunk} each.
     */
    private final boolean large;
    private final int chunk;
    private boolean spreads;

    Writer(SupernetPlan plan, String className, int chunk) {
      this.plan = plan;
      this.chunk = chunk;
      this.className = className;
      this.shapes = plan.shapes();
      this.type = TypeSpec.classBuilder(className)
          .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
          .superclass(ABSTRACT_BLOCK)
          .addSuperinterface(INTERFACE)
          .addJavadoc("The supernet of the model space $L, generated by jnas: every candidate of every choice, mixed by\n"
              + "architecture weights, or one path of them.\n", plan.spaceName());
      for (String reserved : List.of("parameterStore", "inputs", "training", "params", "manager", "dataType",
          "inputShapes", "batch", "weights", "path", "alphas", "CHOICES", "CANDIDATES", "WIDEST")) {
        names.newName(reserved, "reserved:" + reserved);
      }
      for (GraphInput input : plan.inputs()) {
        names.newName(NameAllocator.toJavaIdentifier(input.name()), input.name());
      }
      int statements = 0;
      for (Step step : plan.steps()) {
        statements += step instanceof Prim p && p.branch() >= 0 ? 1 + plan.choices().get(p.branch()).candidates().size() : 1;
      }
      this.large = statements > chunk;
      if (large) {
        names.newName("v", "reserved:v");
        names.newName("m", "reserved:m");
      }
    }

    /** Allocates the Java expression of IR value {@code name}, a local named like {@code identifier} or the next slot. */
    private String allocate(String name, String identifier) {
      String ref = large ? "v[" + refs.size() + "]" : names.newName(identifier, name);
      refs.put(name, ref);
      return ref;
    }

    GeneratedBlock write() {
      List<Choice> choices = plan.choices();
      type.addField(FieldSpec.builder(ArrayTypeName.of(String.class), "CHOICES", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("The labels of the space's choices; architecture parameter and path entry k belong to choice k.\n")
          .initializer("{$L}", choices.stream().map(c -> CodeBlock.of("$S", c.label())).collect(CodeBlock.joining(", ")))
          .build());
      type.addField(FieldSpec.builder(INTS, "CANDIDATES", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("How many candidates each choice has.\n")
          .initializer("{$L}", choices.stream().map(c -> CodeBlock.of("$L", c.candidates().size())).collect(CodeBlock.joining(", ")))
          .build());
      type.addField(FieldSpec.builder(INTS, "WIDEST", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("The candidate of each width or kernel choice that builds the widest network (its weights hold every\n"
              + "narrower one's); -1 for the other choices.\n")
          .initializer("{$L}", widest().stream().map(String::valueOf).collect(Collectors.joining(", ")))
          .build());
      type.addField(FieldSpec.builder(ArrayTypeName.of(TypeName.BOOLEAN), "TRAINING_ONLY", Modifier.PUBLIC, Modifier.STATIC,
              Modifier.FINAL)
          .addJavadoc("Whether each choice only sets dropout rates: at inference all its candidates compute the same.\n")
          .initializer("{$L}", IntStream.range(0, choices.size()).mapToObj(k -> String.valueOf(plan.trainingOnly(k)))
              .collect(Collectors.joining(", ")))
          .build());
      type.addField(FieldSpec.builder(ArrayTypeName.of(PARAMETER), "alphas", Modifier.PRIVATE, Modifier.FINAL)
          .addJavadoc("The architecture parameters: choice k's candidates weigh softmax(alphas[k]).\n").build());
      type.addField(FieldSpec.builder(INTS, "path", Modifier.PRIVATE)
          .addJavadoc("The candidate of each choice while one path runs; null while the weights mix every candidate.\n").build());
      constructor.addStatement("alphas = new $T[CHOICES.length]", PARAMETER)
          .beginControlFlow("for (int k = 0; k < CHOICES.length; k++)")
          .addStatement("alphas[k] = addParameter($T.builder().setName($S + CHOICES[k]).setType($T.Type.OTHER)"
              + ".optShape(new $T(CANDIDATES[k])).optInitializer(new $T(1e-3f)).build())",
              PARAMETER, "alpha.", PARAMETER, OpEmitter.SHAPE, NORMAL)
          .endControlFlow();

      MethodSpec.Builder forward = MethodSpec.methodBuilder("forwardInternal")
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PROTECTED)
          .returns(OpEmitter.ND_LIST)
          .addParameter(PARAMETER_STORE, "parameterStore")
          .addParameter(OpEmitter.ND_LIST, "inputs")
          .addParameter(TypeName.BOOLEAN, "training")
          .addParameter(PAIRS, "params")
          .addStatement("$T manager = inputs.head().getManager()", ND_MANAGER)
          .addStatement("$T weights = weights(parameterStore, manager, inputs.head().getDevice(), training)", ND_ARRAY_ARRAY);
      List<CodeBlock> masks = new ArrayList<>();
      for (Step step : plan.steps()) {
        MaskSpec spec = plan.masks().get(step.name());
        if (spec != null && !maskNames.containsKey(spec)) {
          addMask(masks, spec, maskExpression(spec));
        }
        if (step instanceof Prim p && p.kernel() >= 0) {
          KernelMask kernel = kernelMask(p);
          if (!maskNames.containsKey(kernel)) {
            addMask(masks, kernel, CodeBlock.of("kernelMask(weights, manager, $L, new long[] {$L}, $L)", kernel.choice(),
                kernel.kernels().stream().map(String::valueOf).collect(Collectors.joining(", ")), kernel.largest()));
          }
        }
      }
      if (large) {
        forward.addStatement("$T m = new $T[$L]", ND_ARRAY_ARRAY, OpEmitter.ND_ARRAY, maskNames.size());
      }
      masks.forEach(forward::addStatement);
      List<CodeBlock> inputs = new ArrayList<>();
      for (int i = 0; i < plan.inputs().size(); i++) {
        String input = plan.inputs().get(i).name();
        String ref = large ? allocate(input, null) : names.get(input);
        refs.put(input, ref);
        inputs.add(large ? CodeBlock.of("$L = inputs.get($L)", ref, i) : CodeBlock.of("$T $N = inputs.get($L)", OpEmitter.ND_ARRAY, ref, i));
      }
      for (Step step : plan.steps()) {
        if (step instanceof Prim p && p.branch() >= 0) {
          branch(p);
        } else if (step instanceof Prim p) {
          String identifier = identifier(p.name());
          String ref = allocate(p.name(), identifier);
          // A small supernet's child block and local value share a name, as in an architecture's block.
          prim(p, p.name(), large ? names.newName(identifier, "field:" + p.name()) : ref, ref, plan.base(), p.guards());
        } else {
          Mix m = (Mix) step;
          assign(allocate(m.name(), identifier(m.name())), m.guards(), mix(m.choice(), m.inputs().stream().map(refs::get).toList()));
        }
      }
      CodeBlock outputs = plan.outputs().stream().map(o -> CodeBlock.of("$L", refs.get(o))).collect(CodeBlock.joining(", "));
      MethodSpec.Builder initialize = MethodSpec.methodBuilder("initializeChildBlocks")
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PROTECTED)
          .addParameter(ND_MANAGER, "manager")
          .addParameter(DATA_TYPE, "dataType")
          .addParameter(SHAPE_ARRAY, "inputShapes")
          .varargs()
          .addStatement("long batch = inputShapes[0].get(0)");
      if (large) {
        forward.addStatement("$T v = new $T[$L]", ND_ARRAY_ARRAY, OpEmitter.ND_ARRAY, refs.size());
        inputs.forEach(forward::addStatement);
        chunks(body, "forward", forward, "parameterStore, training, params, weights, m, v", method -> method
            .addParameter(PARAMETER_STORE, "parameterStore")
            .addParameter(TypeName.BOOLEAN, "training")
            .addParameter(PAIRS, "params")
            .addParameter(ND_ARRAY_ARRAY, "weights")
            .addParameter(ND_ARRAY_ARRAY, "m")
            .addParameter(ND_ARRAY_ARRAY, "v"));
        chunks(children, "addChildren", constructor, "", method -> method);
        chunks(initializations, "initializeChildren", initialize, "manager, dataType, batch", method -> method
            .addParameter(ND_MANAGER, "manager")
            .addParameter(DATA_TYPE, "dataType")
            .addParameter(TypeName.LONG, "batch"));
      } else {
        inputs.forEach(forward::addStatement);
        body.forEach(forward::addStatement);
        children.forEach(constructor::addStatement);
        initializations.forEach(initialize::addStatement);
      }
      forward.addStatement("return new $T($L)", OpEmitter.ND_LIST, outputs);
      MethodSpec outputShapes = MethodSpec.methodBuilder("getOutputShapes")
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PUBLIC)
          .returns(SHAPE_ARRAY)
          .addParameter(SHAPE_ARRAY, "inputShapes")
          .addStatement("long batch = inputShapes[0].get(0)")
          .addStatement("return new $T[] {$L}", OpEmitter.SHAPE,
              plan.outputs().stream().map(o -> BlockGenerator.shape(shapes.get(o))).collect(CodeBlock.joining(", ")))
          .build();
      type.addMethod(constructor.build())
          .addMethod(forward.build())
          .addMethod(initialize.build())
          .addMethod(outputShapes);
      chunkMethods.forEach(type::addMethod);
      SupernetHelpers.addTo(type);
      if (sharesKernels) {
        SupernetHelpers.addKernelSharing(type);
      }
      if (spreads) {
        type.addMethod(BlockGenerator.spreadMethod());
      }
      JavaFile file = JavaFile.builder(BlockGenerator.PACKAGE, type.build())
          .addFileComment("Generated by jnas from the model space $L. Do not edit.\n", plan.spaceName())
          .addFileComment("The supernet of its $L choices: $L", choices.size(),
              choices.stream().map(c -> c.label() + " (" + c.candidates().size() + ")").collect(Collectors.joining(", ")))
          .skipJavaLangImports(true)
          .build();
      return new GeneratedBlock(BlockGenerator.PACKAGE, className, file.toString(), "supernet", List.of(SUPERNET_BLOCK));
    }

    /** For each choice, the base's (largest) candidate if the choice narrows a width or a kernel, else -1. */
    private List<Integer> widest() {
      java.util.Set<Integer> sizes = new java.util.HashSet<>();
      plan.masks().values().forEach(m -> m.segments().forEach(s -> sizes.add(s.choice())));
      plan.steps().forEach(s -> {
        if (s instanceof Prim p && p.kernel() >= 0) {
          sizes.add(p.kernel());
        }
      });
      List<Integer> out = new ArrayList<>();
      for (int k = 0; k < plan.choices().size(); k++) {
        Choice c = plan.choices().get(k);
        out.add(sizes.contains(k) ? c.candidates().indexOf(plan.base().get(c.label())) : -1);
      }
      return out;
    }

    private void addMask(List<CodeBlock> masks, Object key, CodeBlock expression) {
      String name = large ? "m[" + maskNames.size() + "]" : "mask" + maskNames.size();
      maskNames.put(key, name);
      masks.add(large ? CodeBlock.of("$L = $L", name, expression) : CodeBlock.of("$T $N = $L", OpEmitter.ND_ARRAY, name, expression));
    }

    /** The kernel of each value of a kernel-sharing convolution's choice, and the largest, which its block has. */
    private KernelMask kernelMask(Prim p) {
      Choice choice = plan.choices().get(p.kernel());
      List<Integer> kernels = new ArrayList<>();
      for (Object candidate : choice.candidates()) {
        kernels.add((Integer) ((Conv2dOp) p.op()).kernel().evaluate(plan.base().with(choice.label(), candidate)));
      }
      return new KernelMask(p.kernel(), kernels, (Integer) ((Conv2dOp) p.op()).kernel().evaluate(plan.base()));
    }

    /** One copy of the step per value of its branch choice, then their mix. */
    private void branch(Prim p) {
      Choice choice = plan.choices().get(p.branch());
      List<String> copies = new ArrayList<>();
      for (int i = 0; i < choice.candidates().size(); i++) {
        String copy = p.name() + ".v" + i;
        String identifier = identifier(p.name()) + "_" + i;
        List<Guard> guards = new ArrayList<>(p.guards());
        guards.add(new Guard(p.branch(), List.of(i)));
        String ref = allocate(copy, identifier);
        prim(p, copy, large ? names.newName(identifier, "field:" + copy) : ref, ref, plan.base().with(choice.label(),
            choice.candidates().get(i)), guards);
        copies.add(ref);
      }
      assign(allocate(p.name(), identifier(p.name())), p.guards(), mix(p.branch(), copies));
    }

    /** The node's child block (if any) and its statement, with its attributes under {@code decisions}. */
    private void prim(Prim p, String childName, String field, String local, Decisions decisions, List<Guard> guards) {
      PrimitiveOp op = p.op().decided(decisions);
      List<String> inputs = p.inputs().stream().map(refs::get).toList();
      List<TensorShape> inputShapes = p.inputs().stream().map(shapes::get).toList();
      String owner = p.shares() == null ? field : fields.get(p.shares());
      Node node = new Node(childName, op, p.inputs(), null);
      Emission emission = OpEmitter.emit(node, owner, inputs, inputShapes, shapes.get(p.name()));
      if (emission.hasChild() && p.shares() == null) {
        fields.put(p.name(), field);
        type.addField(large ? FieldSpec.builder(emission.childType(), field, Modifier.PRIVATE).build()
            : FieldSpec.builder(emission.childType(), field, Modifier.PRIVATE, Modifier.FINAL).build());
        children.add(CodeBlock.of("$N = addChildBlock($S, $L)", field, childName, emission.childBuilder()));
        TensorShape childInput = emission.childInput() != null ? emission.childInput() : inputShapes.get(0);
        initializations.add(CodeBlock.of("$N.initialize(manager, dataType, $L)", field, BlockGenerator.shape(childInput)));
      }
      spreads |= emission.spreads();
      MaskSpec spec = plan.masks().get(p.name());
      CodeBlock computed = emission.value();
      if (p.kernel() >= 0) {
        // The block's weights at the largest kernel, the chosen kernel's centre kept (or the kernels mixed).
        Conv2dOp conv = (Conv2dOp) op;
        sharesKernels = true;
        computed = CodeBlock.of("convolve(parameterStore, training, this.$N, $L, $L, $L, $L, $L, $L)", owner, inputs.get(0),
            maskNames.get(kernelMask(p)), conv.stride().evaluate(Decisions.NONE), conv.padding().evaluate(Decisions.NONE),
            conv.dilation().evaluate(Decisions.NONE), conv.groups().evaluate(Decisions.NONE));
      }
      CodeBlock value = spec == null || keepsZeros(op)
          ? computed
          : CodeBlock.of("masked($L, $L, $L)", computed, spec.dim(), maskNames.get(spec));
      assign(local, guards, value);
    }

    private void assign(String local, List<Guard> guards, CodeBlock value) {
      CodeBlock target = large ? CodeBlock.of("$L", local) : CodeBlock.of("$T $N", OpEmitter.ND_ARRAY, local);
      if (guards.isEmpty()) {
        body.add(CodeBlock.of("$L = $L", target, value));
      } else {
        CodeBlock condition = guards.stream()
            .map(g -> CodeBlock.of("on($L, $L)", g.choice(), g.candidates().stream().map(String::valueOf).collect(Collectors.joining(", "))))
            .collect(CodeBlock.joining(" && "));
        body.add(CodeBlock.of("$L = $L ? $L : null", target, condition, value));
      }
    }

    /**
     * Moves {@code statements} into private methods named {@code name0}, {@code name1}, ... of
     * {@code chunk} statements each, and calls them in order from {@code caller} with {@code args}.
     */
    private void chunks(List<CodeBlock> statements, String name, MethodSpec.Builder caller, String args,
        java.util.function.UnaryOperator<MethodSpec.Builder> parameters) {
      for (int from = 0, n = 0; from < statements.size(); from += chunk, n++) {
        MethodSpec.Builder method = parameters.apply(MethodSpec.methodBuilder(name + n).addModifiers(Modifier.PRIVATE));
        statements.subList(from, Math.min(statements.size(), from + chunk)).forEach(method::addStatement);
        chunkMethods.add(method.build());
        caller.addStatement("$L$L($L)", name, n, args);
      }
    }

    private static String identifier(String name) {
      return NameAllocator.toJavaIdentifier(name.replace('.', '_'));
    }

    private static CodeBlock mix(int choice, List<String> candidates) {
      return CodeBlock.of("mix(weights, $L, $L)", choice,
          candidates.stream().map(c -> CodeBlock.of("$L", c)).collect(CodeBlock.joining(", ")));
    }

    private static CodeBlock maskExpression(MaskSpec spec) {
      CodeBlock choices = spec.segments().stream().map(s -> CodeBlock.of("$L", s.choice())).collect(CodeBlock.joining(", "));
      CodeBlock alive = spec.segments().stream()
          .map(s -> CodeBlock.of("{$L}", s.alive().stream().map(OpEmitter::longLiteral).collect(Collectors.joining(", "))))
          .collect(CodeBlock.joining(", "));
      CodeBlock lengths = spec.segments().stream().map(s -> CodeBlock.of("$L", OpEmitter.longLiteral(s.length())))
          .collect(CodeBlock.joining(", "));
      return CodeBlock.of("mask(weights, manager, new int[] {$L}, new long[][] {$L}, new long[] {$L})", choices, alive, lengths);
    }
  }

  /** The kernels a convolution's choice picks among (by candidate), the largest being its block's. */
  private record KernelMask(int choice, List<Integer> kernels, int largest) {}

  /** Ops that give zero wherever their input is zero, so a masked input needs no mask after them. */
  private static boolean keepsZeros(PrimitiveOp op) {
    return op instanceof FlattenOp || op instanceof CatOp || op instanceof IdentityOp || op instanceof DropoutOp || op instanceof ReluOp;
  }
}
