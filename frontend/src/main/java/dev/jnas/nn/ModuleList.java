package dev.jnas.nn;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** An indexed list of submodules, named {@code 0}, {@code 1}, ... below the field that holds it. */
public class ModuleList extends NasModule implements Iterable<NasModule> {
  final List<NasModule> modules = new ArrayList<>();

  /** A list holding {@code modules} in order; throws {@link SpaceException} if one is null. */
  public ModuleList(NasModule... modules) {
    for (NasModule m : modules) {
      add(m);
    }
  }

  /** Appends {@code module}; throws {@link SpaceException} if it is null. Returns this list. */
  public ModuleList add(NasModule module) {
    if (module == null) {
      throw new SpaceException("a ModuleList cannot hold null (index " + modules.size() + ")");
    }
    modules.add(module);
    return this;
  }

  /** The module at {@code index}; throws {@link IndexOutOfBoundsException} for an index outside the list. */
  public NasModule get(int index) {
    return modules.get(index);
  }

  /** The number of modules held. */
  public int size() {
    return modules.size();
  }

  @Override
  public Iterator<NasModule> iterator() {
    return modules.iterator();
  }
}
