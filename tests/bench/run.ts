/**
 * How a benchmark script runs: `main`, then `cleanup` (servers, clusters, data dirs) whatever
 * happens, also on Ctrl-C or a kill; exit code 1 on failure, 130 when interrupted.
 */
export function runBench(name: string, main: () => Promise<void>, cleanup: () => Promise<void>) {
  let interrupted = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      interrupted = true;
      console.error(`${name}: ${signal}: stopping…`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  main()
    .then(
      () => cleanup(),
      async (error: unknown) => {
        // Interrupted: servers stopping under it is expected, not worth a stack trace.
        if (!interrupted) console.error(error);
        process.exitCode = 1;
        await cleanup();
      },
    )
    .catch((error: unknown) => {
      console.error(`${name}: cleanup failed`, error);
      process.exitCode = 1;
    })
    .finally(() => process.exit());
}
