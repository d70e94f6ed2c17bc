/**
 * Uploaded files (tools shared in groups): stored under $DATA_DIR/uploads with a random name,
 * written atomically (temporary file, fsync, rename). Metadata lives in the store (`tools`).
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";

export class UploadDir {
  constructor(readonly dir: string) {}

  private path(storedAs: string) {
    if (!/^[\w.-]{1,120}$/.test(storedAs) || storedAs.startsWith("."))
      throw new Error(`invalid upload name: ${storedAs}`);
    return join(this.dir, storedAs);
  }

  async save(data: Uint8Array, extension: string): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const storedAs = `${randomBytes(16).toString("hex")}.${extension.replace(/[^a-z0-9]/g, "")}`;
    const target = this.path(storedAs);
    const temp = `${target}.tmp-${process.pid}`;
    const handle = await open(temp, "w", 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    return storedAs;
  }

  read(storedAs: string): Promise<Buffer> {
    return readFile(this.path(storedAs));
  }

  async remove(storedAs: string): Promise<void> {
    await rm(this.path(storedAs), { force: true });
  }
}
