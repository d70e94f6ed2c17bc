/**
 * Backups of a Maillage data dir (or database), and their restoration: see
 * docs/decisions/0011-backups.md.
 *
 * A backup is one `maillage-backup-<UTC time>.tar.gz`: `manifest.json` first (format, source,
 * counts, and the size and sha256 of every other entry), then the store document
 * (`maillage.json`, whose `outbox` collection holds the e-mails), the append-only logs
 * (`chat/*.jsonl`, `audit/*.jsonl`), any message of the older outbox directory not yet imported
 * (`outbox/*.json`, read into the store on the next start) and the uploaded files (`uploads/*`).
 * It is taken while the server runs:
 * - the store document is replaced by atomic rename, so one read gets one whole version; it is
 *   validated against the schema before it goes in;
 * - append-only logs are copied up to their last complete line (a line being written is cut), and
 *   only lines that the app itself would read back are kept;
 * - every upload the document refers to must be in the archive (a tool deleted during the backup
 *   makes it read the document again).
 * With PostgreSQL, records and logs are exported in one REPEATABLE READ, READ ONLY transaction.
 *
 * A restore reads the archive twice: first to validate everything (manifest, checksums, schemas,
 * every JSON line, references to uploads) without writing anything, then to write the files into a
 * temporary directory beside the target, which is renamed into place at the end.
 *
 * This module takes a backup (createBackup); the parts live in core/store/backup/: format.ts (the
 * manifest and the checks of entries), collect.ts (reading a data dir or a database), archive.ts
 * (writing and reading the tar.gz), verify.ts and restore.ts.
 */
import { mkdir, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describeUrl } from "./pg-store";
import { asDiskFull } from "./types";
import { writeArchive } from "./backup/archive";
import { collectLowdb, collectPostgres } from "./backup/collect";
import { sha256, type Manifest } from "./backup/format";

export {
  BackupError,
  completeLogLines,
  kindOf,
  MANIFEST_NAME,
  manifestSchema,
  MAX_ENTRY_BYTES,
  type Manifest,
} from "./backup/format";
export { verifyBackup } from "./backup/verify";
export { restoreBackup, type RestoreResult } from "./backup/restore";

/** `maillage-backup-2026-11-28T14-05-09Z.tar.gz` */
export function backupFileName(at: Date) {
  return `maillage-backup-${at
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/:/g, "-")}.tar.gz`;
}

export interface BackupOptions {
  dataDir: string;
  /** PostgreSQL instead of the data dir's lowdb file (uploads stay in dataDir). */
  databaseUrl?: string;
  /** A directory (the file gets a timestamped name) or a file path ending in .tar.gz. */
  out: string;
  now?: Date;
}

export interface BackupResult {
  file: string;
  bytes: number;
  manifest: Manifest;
  warnings: string[];
}

export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const at = options.now ?? new Date();
  const collected = options.databaseUrl
    ? await collectPostgres(options.databaseUrl, options.dataDir)
    : await collectLowdb(options.dataDir);
  const manifest: Manifest = {
    format: "maillage-backup",
    formatVersion: 1,
    createdAt: at.toISOString(),
    source: options.databaseUrl
      ? { engine: "postgresql", location: describeUrl(options.databaseUrl) }
      : { engine: "lowdb", location: options.dataDir },
    schemaVersion: collected.schemaVersion,
    counts: collected.counts,
    skipped: collected.skipped,
    missingUploads: collected.missingUploads,
    files: collected.entries.map((e) =>
      "data" in e
        ? { path: e.path, size: e.data.byteLength, sha256: sha256(e.data) }
        : { path: e.path, size: e.size, sha256: e.sha256 },
    ),
  };
  const file = options.out.endsWith(".tar.gz")
    ? options.out
    : join(options.out, backupFileName(at));
  try {
    await mkdir(dirname(file), { recursive: true });
  } catch (error) {
    throw asDiskFull(error, dirname(file));
  }
  await writeArchive(file, manifest, collected, at);
  return { file, bytes: (await stat(file)).size, manifest, warnings: collected.warnings };
}
