/**
 * Restoring a verified backup into an absent or empty data dir: written to a temporary directory
 * beside it, then renamed into place (docs/decisions/0011-backups.md).
 */
import { mkdir, open, readdir, rename, rm, rmdir, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { DATA_FILE_NAME } from "../lowdb-store";
import { asDiskFull } from "../types";
import { archiveEntries } from "./archive";
import { BackupError, type Manifest } from "./format";
import { checkEntry, verifyBackup } from "./verify";

/** Whether a directory is absent or empty. */
async function isEmptyOrAbsent(dir: string) {
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) return false;
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
}

/** Writes a file and flushes it to the disk. */
async function writeDurably(file: string, data: Uint8Array) {
  const handle = await open(file, "wx", 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface RestoreResult {
  manifest: Manifest;
  files: number;
}

/**
 * Restores a backup into `target`, which must be absent or empty (else a BackupError, nothing
 * written). The backup is validated whole first; the files go to a temporary directory beside
 * the target, renamed into place once all are written.
 */
export async function restoreBackup(file: string, target: string): Promise<RestoreResult> {
  if (!(await isEmptyOrAbsent(target)))
    throw new BackupError(
      `${target} is not empty: restore only into an empty or new data dir (nothing was written)`,
    );
  const manifest = await verifyBackup(file);
  const expected = new Map(manifest.files.map((f) => [f.path, f]));
  const parent = dirname(target);
  const temp = join(parent, `.${basename(target)}.restore-${process.pid}`);
  let files = 0;
  try {
    await mkdir(parent, { recursive: true });
    await rm(temp, { recursive: true, force: true });
    await mkdir(temp, { mode: 0o700 });
    const seen = new Set<string>();
    let first = true;
    for await (const entry of archiveEntries(file)) {
      if (first) {
        first = false;
        continue; // The manifest, already validated.
      }
      // Checked again: the file must not have changed since it was validated.
      checkEntry(entry, expected, seen, file);
      const path = join(temp, ...entry.name.split("/"));
      await mkdir(dirname(path), { recursive: true });
      await writeDurably(path, entry.data);
      files++;
    }
    if (seen.size !== expected.size)
      throw new BackupError(`${file}: the archive changed while it was being restored`);
    if (!(await isEmptyOrAbsent(target)))
      throw new BackupError(`${target} is not empty any more: nothing was restored`);
    await moveIntoPlace(temp, target);
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw asDiskFull(error, target);
  }
  return { manifest, files };
}

/**
 * Renames the restored directory onto the (absent or empty) target. When the target cannot be
 * replaced (a mount point, typically), its contents are moved in one by one, the store document last
 * so that a server never starts on a half-restored directory with a fresh seed.
 */
async function moveIntoPlace(temp: string, target: string) {
  try {
    await rename(temp, target);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!["EBUSY", "EXDEV", "ENOTEMPTY", "EEXIST", "EPERM", "EACCES"].includes(code ?? ""))
      throw error;
  }
  await mkdir(target, { recursive: true });
  const names = (await readdir(temp)).sort(
    (a, b) => Number(a === DATA_FILE_NAME) - Number(b === DATA_FILE_NAME),
  );
  for (const name of names) await rename(join(temp, name), join(target, name));
  await rmdir(temp);
}
