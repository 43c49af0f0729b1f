package dev.jnas.nn;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** An indexed list of submodules, named {@code 0}, {@code 1}, ... below the field that holds it. */
public class ModuleList extends Module implements Iterable<Module> {
  final List<Module> modules = new ArrayList<>();

  public ModuleList(Module... modules) {
    for (Module m : modules) {
      add(m);
    }
  }

  public ModuleList add(Module module) {
    if (module == null) {
      throw new SpaceException("a ModuleList cannot hold null (index " + modules.size() + ")");
    }
    modules.add(module);
    return this;
  }

  public Module get(int index) {
    return modules.get(index);
  }

  public int size() {
    return modules.size();
  }

  @Override
  public Iterator<Module> iterator() {
    return modules.iterator();
  }
}
