/**
 * `npm run db:backup [-- --out DIR|FILE.tar.gz] [--data-dir DIR]`: writes a consistent,
 * timestamped backup (maillage-backup-<UTC time>.tar.gz, in ./backups by default) of the data dir,
 * or of the PostgreSQL database when DATABASE_URL is set, while the server keeps running.
 * Exit codes: 0 written, 2 wrong arguments or unusable data, 1 anything else (a full disk…).
 */
import { resolve } from "node:path";
import { ConfigError, loadConfig } from "../config";
import { BackupError, createBackup } from "../../core/store/backup";
import { backupArgsSchema, dataDirOf, parseArgs, UsageError } from "./backup-args";
import { isDiskFull, isStoreError } from "../../core/store/types";

async function main() {
  const args = parseArgs(process.argv.slice(2), backupArgsSchema);
  const config = loadConfig();
  const dataDir = dataDirOf(args["data-dir"]);
  const result = await createBackup({
    dataDir,
    databaseUrl: config.databaseUrl,
    out: resolve(args.out),
  });
  for (const warning of result.warnings) console.warn(`warning: ${warning}`);
  const c = result.manifest.counts;
  console.log(
    `Backup written: ${result.file} (${(result.bytes / 1024).toFixed(1)} KiB; ` +
      `${result.manifest.files.length} files; ${c.users ?? 0} users, ${c.programs ?? 0} programs, ` +
      `${c.chatMessages ?? 0} chat messages, ${c.auditEntries ?? 0} audit entries, ` +
      `${c.uploads ?? 0} uploads, ${c.outbox ?? 0} emails)`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof BackupError || error instanceof ConfigError) {
    console.error(`db:backup: ${error.message}`);
    process.exit(2);
  }
  if (isStoreError(error, "DiskFullError") || isDiskFull(error)) {
    console.error(
      `db:backup: ${isStoreError(error, "DiskFullError") ? error.message : `Espace disque insuffisant / disk full (${(error as Error).message})`}\n` +
        "No backup was written (the partial file was removed).",
    );
    process.exit(1);
  }
  console.error(`db:backup failed: ${(error as Error).message ?? String(error)}`);
  process.exit(1);
});
