/**
 * The backup archive itself (tar-stream, gzip): writing it durably to a temporary file renamed into
 * place, and reading its entries back, regular files only.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { extract, pack, type Pack } from "tar-stream";
import { asDiskFull } from "../types";
import { readIfExists, type Collected } from "./collect";
import { BackupError, MANIFEST_NAME, MAX_ENTRY_BYTES, sha256, type Manifest } from "./format";

/**
 * One regular file of the archive (tar-stream writes a pax extended header before it when its
 * name does not fit ustar's fields: an upload's name can be 120 bytes).
 */
function addEntry(archive: Pack, name: string, data: Uint8Array, mtime: Date) {
  return new Promise<void>((resolve, reject) =>
    archive.entry(
      { name, size: data.byteLength, mtime, mode: 0o644, uname: "maillage", gname: "maillage" },
      data,
      (error) => (error ? reject(error) : resolve()),
    ),
  );
}

/** Writes the archive to a temporary file beside `file`, flushes it, then renames it. */
export async function writeArchive(
  file: string,
  manifest: Manifest,
  collected: Collected,
  at: Date,
) {
  const temp = join(dirname(file), `.${basename(file)}.tmp`);
  const archive = pack();
  async function fill() {
    await addEntry(archive, MANIFEST_NAME, Buffer.from(JSON.stringify(manifest, null, 2)), at);
    for (const entry of collected.entries) {
      if ("data" in entry) {
        await addEntry(archive, entry.path, entry.data, at);
        continue;
      }
      // Uploads never change once written (random names); one deleted since it was hashed fails
      // the backup rather than leaving the archive short of a file its manifest lists.
      const data = await readIfExists(entry.file);
      if (!data || data.byteLength !== entry.size || sha256(data) !== entry.sha256)
        throw new BackupError(
          `${entry.path} was deleted or changed during the backup; nothing was written: run db:backup again`,
        );
      await addEntry(archive, entry.path, data, at);
    }
    archive.finalize();
  }
  try {
    const [filled, written] = await Promise.allSettled([
      fill().catch((error: unknown) => {
        archive.destroy(error as Error);
        throw error;
      }),
      pipeline(archive, createGzip(), createWriteStream(temp, { mode: 0o600 })),
    ]);
    // The reason the archive stopped (a file changed) rather than the stream's "destroyed".
    if (filled.status === "rejected") throw filled.reason;
    if (written.status === "rejected") throw written.reason;
    const handle = await open(temp, "r+");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw asDiskFull(error, file);
  }
}

/**
 * The entries of an archive file, gunzipped, each read whole; a damaged file is a BackupError.
 * Only regular files are accepted (Maillage never writes anything else): links, devices and
 * directories are refused, which also keeps a restore inside its directory.
 */
export async function* archiveEntries(
  file: string,
): AsyncGenerator<{ name: string; data: Buffer }> {
  const entries = extract();
  const reading = pipeline(createReadStream(file), createGunzip(), entries);
  // Its error (a missing file, a damaged gzip stream) also ends the iteration below.
  reading.catch(() => undefined);
  try {
    for await (const entry of entries) {
      const { name, type, size } = entry.header;
      if (type !== "file")
        throw new BackupError(`${file}: "${name}" is not a regular file (${type})`);
      if (size > MAX_ENTRY_BYTES) throw new BackupError(`${file}: "${name}" is too large`);
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      yield { name, data: Buffer.concat(chunks) };
    }
    await reading;
  } catch (error) {
    if (error instanceof BackupError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new BackupError(`${file}: no such file`);
    if (code === "EISDIR") throw new BackupError(`${file}: a directory, not a backup file`);
    if (typeof code === "string" && code.startsWith("Z_"))
      throw new BackupError(
        `${file}: not a gzip file, or the file is truncated or corrupted (${(error as Error).message})`,
      );
    // tar-stream's own errors (a bad header checksum, an archive cut short) carry no code.
    if (code === undefined)
      throw new BackupError(
        `${file}: not a valid tar archive, or the archive is truncated or corrupted (${(error as Error).message})`,
      );
    throw error;
  } finally {
    entries.destroy();
  }
}
