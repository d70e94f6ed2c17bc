/**
 * `npm run db:restore -- FILE [--data-dir DIR]`: restores a backup written by db:backup into an
 * empty (or new) data dir: DIR, else DATA_DIR, else ./data. The whole backup is validated before
 * anything is written; the files are written to a temporary directory renamed into place at the
 * end. Stop the server (or point it at the new directory) before starting it on the restored data.
 * Exit codes: 0 restored, 2 wrong arguments, an invalid backup or a non-empty target, 1 anything
 * else (a full disk…).
 */
import { resolve } from "node:path";
import { BackupError, restoreBackup } from "../../core/store/backup";
import { dataDirOf, parseArgs, restoreArgsSchema, UsageError } from "./backup-args";
import { cliEnv } from "./env";
import { DATA_FILE_NAME } from "../../core/store/lowdb-store";
import { isDiskFull, isStoreError } from "../../core/store/types";

async function main() {
  const args = parseArgs(process.argv.slice(2), restoreArgsSchema, "file");
  const target = dataDirOf(args["data-dir"]);
  const result = await restoreBackup(resolve(args.file), target);
  const c = result.manifest.counts;
  console.log(
    `Restored ${result.files} files into ${target} from the backup of ${result.manifest.createdAt} ` +
      `(${c.users ?? 0} users, ${c.programs ?? 0} programs, ${c.chatMessages ?? 0} chat messages, ` +
      `${c.uploads ?? 0} uploads).`,
  );
  if (cliEnv().DATABASE_URL)
    console.log(
      `DATABASE_URL is set: the records are in ${resolve(target, DATA_FILE_NAME)}; load them into an ` +
        `empty database with npm run db:copy-to-postgres -- --from ${resolve(target, DATA_FILE_NAME)}`,
    );
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof BackupError) {
    console.error(`db:restore: ${error.message}`);
    process.exit(2);
  }
  if (isStoreError(error, "DiskFullError") || isDiskFull(error)) {
    console.error(
      `db:restore: ${isStoreError(error, "DiskFullError") ? error.message : `Espace disque insuffisant / disk full (${(error as Error).message})`}\n` +
        "Nothing was restored (the temporary directory was removed).",
    );
    process.exit(1);
  }
  console.error(`db:restore failed: ${(error as Error).message ?? String(error)}`);
  process.exit(1);
});
