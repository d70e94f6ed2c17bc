/**
 * Atomic file writes: the data goes to a temporary file beside the target, is flushed to the disk
 * (fsync: a full disk is reported before the rename on every file system), then renamed over the
 * target. A failed write (a full disk, typically) removes the
 * temporary file and leaves the target untouched; a full disk is reported as a DiskFullError.
 *
 * The file-system functions are a parameter so that tests can inject a failing write (ENOSPC).
 */
import * as fsp from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Adapter } from "lowdb";
import { asDiskFull } from "./types";

/** The part of a file handle an atomic write uses. */
export interface WritableHandle {
  writeFile(data: string | Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file-system functions an atomic write uses (node:fs/promises by default). */
export interface AtomicFs {
  open(path: string, flags: string, mode?: number): Promise<WritableHandle>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: boolean }): Promise<void>;
}

export const nodeFs: AtomicFs = fsp;

/** The temporary file of `file`: hidden, in the same directory (so the rename is atomic). */
export function tempPathOf(file: string) {
  return join(dirname(file), `.${basename(file)}.tmp`);
}

export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: { fs?: AtomicFs; mode?: number } = {},
): Promise<void> {
  const fs = options.fs ?? nodeFs;
  const temp = tempPathOf(file);
  let handle: WritableHandle | undefined;
  try {
    handle = await fs.open(temp, "w", options.mode ?? 0o600);
    await handle.writeFile(data);
    await handle.sync();
    const opened = handle;
    handle = undefined;
    await opened.close();
    await fs.rename(temp, file);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw asDiskFull(error, file);
  }
  // The directory is not flushed: after a power cut the rename may be lost (the previous version
  // comes back, whole), never the file's content. Flushing it would double the cost of a write.
}

/** lowdb's adapter for the store's JSON document, written with writeFileAtomic. */
export class AtomicJsonFile<T> implements Adapter<T> {
  constructor(
    private readonly file: string,
    private readonly fs: AtomicFs = nodeFs,
  ) {}

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await fsp.readFile(this.file, "utf8")) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  write(data: T): Promise<void> {
    return writeFileAtomic(this.file, JSON.stringify(data, null, 2), { fs: this.fs });
  }
}
