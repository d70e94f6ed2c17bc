/** Integration and browser tests run the production build: build it once when stale. */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup() {
  const start = fileURLToPath(new URL("../../server/start.mjs", import.meta.url));
  execFileSync(process.execPath, [start, "--build-only"], { stdio: "inherit" });
}
