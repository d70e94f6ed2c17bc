/**
 * `npm run db:reset [-- --yes]`: re-seeds the data dir after a confirmation. The old file is kept
 * as maillage.json.<date>.bak. Stop the server first: it holds the data in memory.
 */
import { copyFile, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline/promises";
import { z } from "zod";
import { ConfigError, loadConfig } from "../config";
import { DATA_FILE_NAME, LowStore } from "../../core/store/lowdb-store";
import { emptyDocument } from "../../core/store/schema";
import { demoDocument } from "../seeds/demo";

const argsSchema = z.array(z.enum(["--yes", "-y"], "unknown option (only --yes is accepted)"));

async function main() {
  const args = argsSchema.safeParse(process.argv.slice(2));
  if (!args.success) {
    console.error(`db:reset: ${args.error.issues[0]!.message}`);
    process.exit(2);
  }
  const config = loadConfig();
  const file = join(config.dataDir, DATA_FILE_NAME);
  const what = config.demo ? "the French demo data" : "an empty store (MAILLAGE_DEMO=0)";
  if (args.data.length === 0) {
    if (!process.stdin.isTTY) {
      console.error("db:reset: no terminal to confirm; run `npm run db:reset -- --yes`.");
      process.exit(2);
    }
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(
      `This replaces ${file} with ${what}. Stop the server first.\nType "oui" or "yes" to go on: `,
    );
    rl.close();
    if (!["oui", "yes"].includes(answer.trim().toLowerCase())) {
      console.log("Nothing changed.");
      return;
    }
  }
  if (existsSync(file)) {
    const backup = `${file}.${new Date().toISOString().replace(/[:.]/g, "-")}.bak`;
    await copyFile(file, backup);
    await rm(file);
    console.log(`Previous data kept in ${backup}`);
  }
  const store = await LowStore.open({
    dataDir: config.dataDir,
    seed: () => (config.demo ? demoDocument() : emptyDocument()),
  });
  await store.close();
  console.log(`${file} now holds ${what}.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
