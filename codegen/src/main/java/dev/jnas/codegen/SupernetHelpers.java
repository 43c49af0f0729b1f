package dev.jnas.codegen;

import static dev.jnas.codegen.BlockTypes.*;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.element.Modifier;

/**
 * The methods every generated supernet has besides its forward pass: its mode (a path, or the
 * weights), the mix of a choice's candidates, and the masks that narrow a width.
 */
final class SupernetHelpers {
  private static final ClassName ND_ARRAY = OpEmitter.ND_ARRAY;
  private static final ClassName LIST = ClassName.get("java.util", "List");
  private static final ClassName ARRAYS_UTIL = ClassName.get("java.util", "Arrays");

  private SupernetHelpers() {}

  /** The helpers of a supernet whose convolutions share one kernel's weights across kernel sizes. */
  static void addKernelSharing(TypeSpec.Builder type) {
    ClassName conv2d = OpEmitter.CONV2D;
    type.addMethod(MethodSpec.methodBuilder("kernelMask")
        .addJavadoc("Which taps of the largest kernel a convolution keeps: the centred {@code kernels[i]} x\n"
            + "{@code kernels[i]} when its choice is at candidate i; with weights, each tap's share of the\n"
            + "candidates that keep it; null when a path keeps the largest.\n")
        .addModifiers(Modifier.PRIVATE)
        .returns(ND_ARRAY)
        .addParameter(ND_ARRAY_ARRAY, "weights")
        .addParameter(ND_MANAGER, "manager")
        .addParameter(TypeName.INT, "choice")
        .addParameter(LONGS, "kernels")
        .addParameter(TypeName.INT, "largest")
        .beginControlFlow("if (weights == null && kernels[path[choice]] == largest)")
        .addStatement("return null")
        .endControlFlow()
        .addStatement("float[][] keeps = new float[kernels.length][largest * largest]")
        .beginControlFlow("for (int i = 0; i < kernels.length; i++)")
        .addStatement("int from = (int) (largest - kernels[i]) / 2")
        .beginControlFlow("for (int y = from; y < from + kernels[i]; y++)")
        .addStatement("$T.fill(keeps[i], y * largest + from, (int) (y * largest + from + kernels[i]), 1f)", ARRAYS_UTIL)
        .endControlFlow()
        .endControlFlow()
        .addStatement("$T mask = weights == null ? manager.create(keeps[path[choice]]) : weights[choice].matMul(manager.create(keeps))",
            ND_ARRAY)
        .addStatement("return mask.reshape(largest, largest)")
        .build());
    type.addMethod(MethodSpec.methodBuilder("convolve")
        .addJavadoc("A 2-D convolution with {@code block}'s weights, their taps scaled by {@code kernel} (null: all).\n")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(ND_ARRAY)
        .addParameter(PARAMETER_STORE, "parameterStore")
        .addParameter(TypeName.BOOLEAN, "training")
        .addParameter(conv2d, "block")
        .addParameter(ND_ARRAY, "x")
        .addParameter(ND_ARRAY, "kernel")
        .addParameter(TypeName.INT, "stride")
        .addParameter(TypeName.INT, "padding")
        .addParameter(TypeName.INT, "dilation")
        .addParameter(TypeName.INT, "groups")
        .addStatement("$T weight = parameterStore.getValue(block.getParameters().get($S), x.getDevice(), training)", ND_ARRAY, "weight")
        .addStatement("$T bias = block.getParameters().get($S)", PARAMETER, "bias")
        .addComment("kernel first: a product lives in its first operand's manager, and the weight's outlives the batch")
        .addStatement("return $T.conv2d(x, kernel == null ? weight : kernel.mul(weight),"
            + " bias == null ? null : parameterStore.getValue(bias, x.getDevice(), training), new $T(stride, stride),"
            + " new $T(padding, padding), new $T(dilation, dilation), groups).singletonOrThrow()",
            conv2d, OpEmitter.SHAPE, OpEmitter.SHAPE, OpEmitter.SHAPE)
        .build());
  }

  static void addTo(TypeSpec.Builder type) {
    type.addMethod(MethodSpec.methodBuilder("setPath")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(INTS, "path")
        .beginControlFlow("if (path != null && path.length != CHOICES.length)")
        .addStatement("throw new $T(\"a path has a candidate for each of the \" + CHOICES.length + \" choices, got \" + path.length)",
            IllegalArgumentException.class)
        .endControlFlow()
        .beginControlFlow("for (int k = 0; path != null && k < path.length; k++)")
        .beginControlFlow("if (path[k] < 0 || path[k] >= CANDIDATES[k])")
        .addStatement("throw new $T(\"choice '\" + CHOICES[k] + \"' has \" + CANDIDATES[k] + \" candidates, not \" + path[k])",
            IllegalArgumentException.class)
        .endControlFlow()
        .endControlFlow()
        .addStatement("this.path = path == null ? null : path.clone()")
        .build());
    type.addMethod(MethodSpec.methodBuilder("path")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(INTS)
        .addStatement("return path == null ? null : path.clone()")
        .build());
    type.addMethod(MethodSpec.methodBuilder("choiceLabels")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(LIST, ClassName.get(String.class)))
        .addStatement("return $T.of(CHOICES)", LIST)
        .build());
    type.addMethod(MethodSpec.methodBuilder("candidateCounts")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(INTS)
        .addStatement("return CANDIDATES.clone()")
        .build());
    type.addMethod(MethodSpec.methodBuilder("widestCandidates")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(INTS)
        .addStatement("return WIDEST.clone()")
        .build());
    type.addMethod(MethodSpec.methodBuilder("trainingOnlyChoices")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(ArrayTypeName.of(TypeName.BOOLEAN))
        .addStatement("return TRAINING_ONLY.clone()")
        .build());
    type.addMethod(MethodSpec.methodBuilder("architectureParameters")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(LIST, PARAMETER))
        .addStatement("return $T.of(alphas)", LIST)
        .build());
    type.addMethod(MethodSpec.methodBuilder("weights")
        .addJavadoc("Each choice's candidate weights, softmax(alpha), in the batch's manager; null while a path runs.\n")
        .addModifiers(Modifier.PRIVATE)
        .returns(ND_ARRAY_ARRAY)
        .addParameter(PARAMETER_STORE, "parameterStore")
        .addParameter(ND_MANAGER, "manager")
        .addParameter(DEVICE, "device")
        .addParameter(TypeName.BOOLEAN, "training")
        .beginControlFlow("if (path != null)")
        .addStatement("return null")
        .endControlFlow()
        .addStatement("$T weights = new $T[alphas.length]", ND_ARRAY_ARRAY, ND_ARRAY)
        .beginControlFlow("for (int k = 0; k < alphas.length; k++)")
        .addStatement("weights[k] = parameterStore.getValue(alphas[k], device, training).softmax(0)")
        .addComment("Made in the parameter's manager, which lives as long as the model; the batch's frees it and all made from it")
        .addStatement("weights[k].attach(manager)")
        .endControlFlow()
        .addStatement("return weights")
        .build());
    type.addMethod(MethodSpec.methodBuilder("on")
        .addJavadoc("Whether the nodes of these candidates of a choice run: always while the weights mix them.\n")
        .addModifiers(Modifier.PRIVATE)
        .returns(TypeName.BOOLEAN)
        .addParameter(TypeName.INT, "choice")
        .addParameter(INTS, "candidates")
        .varargs()
        .beginControlFlow("if (path == null)")
        .addStatement("return true")
        .endControlFlow()
        .beginControlFlow("for (int candidate : candidates)")
        .beginControlFlow("if (path[choice] == candidate)")
        .addStatement("return true")
        .endControlFlow()
        .endControlFlow()
        .addStatement("return false")
        .build());
    type.addMethod(MethodSpec.methodBuilder("mix")
        .addJavadoc("A choice's output: its path's candidate, or the candidates weighted.\n")
        .addModifiers(Modifier.PRIVATE)
        .returns(ND_ARRAY)
        .addParameter(ND_ARRAY_ARRAY, "weights")
        .addParameter(TypeName.INT, "choice")
        .addParameter(ND_ARRAY_ARRAY, "candidates")
        .varargs()
        .beginControlFlow("if (path != null)")
        .addStatement("return candidates[path[choice]]")
        .endControlFlow()
        .addStatement("$T sum = candidates[0].mul(weights[choice].get(0))", ND_ARRAY)
        .beginControlFlow("for (int i = 1; i < candidates.length; i++)")
        .addStatement("sum = sum.add(candidates[i].mul(weights[choice].get(i)))")
        .endControlFlow()
        .addStatement("return sum")
        .build());
    type.addMethod(MethodSpec.methodBuilder("mask")
        .addJavadoc("Which entries of a width are alive, segment by segment: the first {@code alive[s][i]} of\n"
            + "segment s's {@code lengths[s]} when its choice is at candidate i (a choice of -1 keeps all).\n"
            + "With weights, an entry weighs the candidates that keep it; null when a path keeps everything.\n")
        .addModifiers(Modifier.PRIVATE)
        .returns(ND_ARRAY)
        .addParameter(ND_ARRAY_ARRAY, "weights")
        .addParameter(ND_MANAGER, "manager")
        .addParameter(INTS, "choices")
        .addParameter(ArrayTypeName.of(LONGS), "alive")
        .addParameter(LONGS, "lengths")
        .addStatement("$T parts = new $T(choices.length)", ClassName.get("ai.djl.ndarray", "NDList"), ClassName.get("ai.djl.ndarray", "NDList"))
        .addStatement("boolean everything = true")
        .beginControlFlow("for (int s = 0; s < choices.length; s++)")
        .addStatement("int length = (int) lengths[s]")
        .beginControlFlow("if (choices[s] < 0 || weights == null)")
        .addStatement("float[] ones = new float[length]")
        .addStatement("int keep = choices[s] < 0 ? length : (int) alive[s][path[choices[s]]]")
        .addStatement("$T.fill(ones, 0, keep, 1f)", ARRAYS_UTIL)
        .addStatement("everything &= keep == length")
        .addStatement("parts.add(manager.create(ones))")
        .nextControlFlow("else")
        .addStatement("float[][] keeps = new float[alive[s].length][length]")
        .beginControlFlow("for (int i = 0; i < keeps.length; i++)")
        .addStatement("$T.fill(keeps[i], 0, (int) alive[s][i], 1f)", ARRAYS_UTIL)
        .endControlFlow()
        .addStatement("everything = false")
        .addStatement("parts.add(weights[choices[s]].matMul(manager.create(keeps)))")
        .endControlFlow()
        .endControlFlow()
        .beginControlFlow("if (everything)")
        .addStatement("parts.close()")
        .addStatement("return null")
        .endControlFlow()
        .addStatement("return parts.size() == 1 ? parts.head() : $T.concat(parts)", OpEmitter.ND_ARRAYS)
        .build());
    type.addMethod(MethodSpec.methodBuilder("masked")
        .addJavadoc("{@code x} with the entries along {@code dim} scaled by {@code mask} (dead ones zeroed).\n")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(ND_ARRAY)
        .addParameter(ND_ARRAY, "x")
        .addParameter(TypeName.INT, "dim")
        .addParameter(ND_ARRAY, "mask")
        .beginControlFlow("if (mask == null)")
        .addStatement("return x")
        .endControlFlow()
        .addStatement("long[] shape = new long[x.getShape().dimension()]")
        .addStatement("$T.fill(shape, 1L)", ARRAYS_UTIL)
        .addStatement("shape[dim] = mask.size()")
        .addStatement("return x.mul(mask.reshape(new $T(shape)))", OpEmitter.SHAPE)
        .build());
  }
}
