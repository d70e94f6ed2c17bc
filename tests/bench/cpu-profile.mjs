/**
 * Preloaded into each server by `bench:live --cpu-prof DIR` (NODE_OPTIONS=--import …; Node refuses
 * --cpu-prof there): samples the whole run and writes DIR/server-<pid>.cpuprofile when the process
 * exits (the server exits after its graceful stop). Open the file in Chrome DevTools or speedscope.
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";

const dir = process.env.MAILLAGE_CPU_PROF_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 500 });
  session.post("Profiler.start");
  process.on("exit", () => {
    // The in-thread session answers synchronously, so this runs before the process is gone.
    session.post("Profiler.stop", (error, result) => {
      if (!error)
        writeFileSync(
          join(dir, `server-${process.pid}.cpuprofile`),
          JSON.stringify(result.profile),
        );
    });
  });
}
