/**
 * Uploaded files (tools shared in groups): stored under $DATA_DIR/uploads with a random name,
 * written atomically (temporary file, fsync, rename: see atomic-file.ts; a full disk removes the
 * temporary file and throws a DiskFullError). Metadata lives in the store (`tools`).
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic, type AtomicFs } from "./atomic-file";
import { asDiskFull } from "./types";

/** Stored upload names: no directory, no leading dot (temporary files are hidden). */
export const UPLOAD_NAME = /^(?!\.)[\w.-]{1,120}$/;

export class UploadDir {
  constructor(
    readonly dir: string,
    private readonly fs?: AtomicFs,
  ) {}

  private path(storedAs: string) {
    if (!UPLOAD_NAME.test(storedAs)) throw new Error(`invalid upload name: ${storedAs}`);
    return join(this.dir, storedAs);
  }

  async save(data: Uint8Array, extension: string): Promise<string> {
    try {
      await mkdir(this.dir, { recursive: true });
    } catch (error) {
      throw asDiskFull(error, this.dir);
    }
    const storedAs = `${randomBytes(16).toString("hex")}.${extension.replace(/[^a-z0-9]/g, "")}`;
    await writeFileAtomic(this.path(storedAs), data, { fs: this.fs });
    return storedAs;
  }

  read(storedAs: string): Promise<Buffer> {
    return readFile(this.path(storedAs));
  }

  async remove(storedAs: string): Promise<void> {
    await rm(this.path(storedAs), { force: true });
  }
}
