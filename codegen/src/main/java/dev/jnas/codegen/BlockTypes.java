package dev.jnas.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;

/** The DJL and JDK types a generated block's class is written with (its ops' types are {@link OpEmitter}'s). */
final class BlockTypes {
  static final ClassName ABSTRACT_BLOCK = ClassName.get("ai.djl.nn", "AbstractBlock");
  static final ClassName PARAMETER = ClassName.get("ai.djl.nn", "Parameter");
  static final ClassName PARAMETER_STORE = ClassName.get("ai.djl.training", "ParameterStore");
  static final ClassName PAIR_LIST = ClassName.get("ai.djl.util", "PairList");
  static final ClassName ND_MANAGER = ClassName.get("ai.djl.ndarray", "NDManager");
  static final ClassName DEVICE = ClassName.get("ai.djl", "Device");
  static final ClassName DATA_TYPE = ClassName.get("ai.djl.ndarray.types", "DataType");
  /** {@code PairList<String, Object>}, the params of a block's forward pass. */
  static final TypeName PAIRS = ParameterizedTypeName.get(PAIR_LIST, ClassName.get(String.class), ClassName.get(Object.class));
  static final TypeName SHAPE_ARRAY = ArrayTypeName.of(OpEmitter.SHAPE);
  static final TypeName ND_ARRAY_ARRAY = ArrayTypeName.of(OpEmitter.ND_ARRAY);
  static final TypeName INTS = ArrayTypeName.of(TypeName.INT);
  static final TypeName LONGS = ArrayTypeName.of(TypeName.LONG);

  private BlockTypes() {}
}
