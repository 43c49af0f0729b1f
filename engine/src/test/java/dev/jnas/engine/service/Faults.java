package dev.jnas.engine.service;

import dev.jnas.runtime.Nas;
import java.util.ArrayList;
import java.util.List;

/** Trials that go wrong in every way a trial's process can, chosen by trial id, for the fault tests. */
public final class Faults {
  private Faults() {}

  /** What trial {@code id} does: see {@link LocalWorkerFaultsTest}. */
  public static void act(int id) throws Exception {
    switch (id) {
      case 1 -> System.exit(3);
      case 2 -> new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start().waitFor();
      case 3 -> {
        List<long[]> hoard = new ArrayList<>();
        while (true) {
          hoard.add(new long[1 << 21]);
        }
      }
      case 4 -> {
        long spin = 0;
        while (spin >= 0) {
          spin++; // ignores interrupts: only killing its process ends it
        }
      }
      case 5 -> {
        String line = "x".repeat(99);
        for (int i = 0; i < 110_000; i++) {
          System.out.println(line);
        }
        System.err.println("trial 5 printed 11 MB");
      }
      case 6 -> {
        // A native crash: a write to address 0 through Unsafe (by reflection, it is internal API).
        Class<?> unsafe = Class.forName("sun.misc.Unsafe");
        var field = unsafe.getDeclaredField("theUnsafe");
        field.setAccessible(true);
        unsafe.getMethod("putAddress", long.class, long.class).invoke(field.get(null), 0L, 42L);
      }
      default -> {
        System.out.println("hello from trial " + id);
      }
    }
    Nas.reportFinalResult(id);
  }
}
