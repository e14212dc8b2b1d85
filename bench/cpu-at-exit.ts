// Preloaded (`node --import`) into a process the startup bench measures: at exit it writes the
// process's own CPU time (user + system, µs) to the file FORM4_BENCH_CPU_FILE names.
import { writeFileSync } from "node:fs";

const file = process.env.FORM4_BENCH_CPU_FILE;
if (file) {
  process.on("exit", () => {
    const { user, system } = process.cpuUsage();
    writeFileSync(file, String(user + system));
  });
}
