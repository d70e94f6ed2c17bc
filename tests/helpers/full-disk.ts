/**
 * A disk that tests can fill up and free again: a real 1 MiB tmpfs when this machine lets the test
 * mount one, and otherwise (or when asked) a simulated one, so that the disk-full guarantee is
 * tested on every machine and never skipped.
 *
 * Simulated, a write under `dir` fails with ENOSPC after part of its data while the disk is full:
 * - in this process, through the writers' file-system seams (`atomicFs` for the store document,
 *   uploads and the outbox; `streamFs` for the chat and audit logs);
 * - in a child process (a server, a CLI), through tests/fixtures/simulated-enospc.mjs, loaded by
 *   the `env` given to it.
 * On a real tmpfs the seams are node's own and `env` is empty.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { nodeFs, type AtomicFs } from "../../core/store/atomic-file";
import type { WriteStreamFs } from "../../core/store/append-log";
import { ROOT } from "./server";

const run = promisify(execFile);

/** The error a write gets from a full disk. */
export function enospc() {
  return Object.assign(new Error("ENOSPC: no space left on device, write"), {
    errno: -28,
    code: "ENOSPC",
    syscall: "write",
  });
}

/** How much of a write still fits on a disk that fills up midway. */
const PART = 100;

/** Atomic writes whose data stops after 100 bytes with ENOSPC while `isFull()`. */
export function failingAtomicFs(isFull: () => boolean): AtomicFs {
  return {
    open: async (path, flags, mode) => {
      const handle = await nodeFs.open(path, flags, mode);
      return {
        writeFile: async (data) => {
          if (!isFull()) return handle.writeFile(data);
          await handle.writeFile(data.slice(0, PART));
          throw enospc();
        },
        sync: () => handle.sync(),
        close: () => handle.close(),
      };
    },
    rename: nodeFs.rename,
    rm: nodeFs.rm,
  };
}

type WriteCallback = (error: NodeJS.ErrnoException | null, written?: number) => void;

/** A write stream's functions whose writes stop after 100 bytes with ENOSPC while `isFull()`. */
export function failingStreamFs(isFull: () => boolean): WriteStreamFs {
  const partly = (fd: number, data: Buffer, callback: WriteCallback) =>
    fs.write(fd, data.subarray(0, PART), () => callback(enospc()));
  return {
    open: fs.open,
    close: fs.close,
    write: (fd: number, buffer: Buffer, offset: number, length: number, ...rest: unknown[]) => {
      const callback = rest.pop() as WriteCallback;
      if (!isFull()) return fs.write(fd, buffer, offset, length, rest[0] as number, callback);
      partly(fd, buffer.subarray(offset, offset + length), callback);
    },
    writev: (fd: number, buffers: Buffer[], ...rest: unknown[]) => {
      const callback = rest.pop() as WriteCallback;
      if (!isFull()) return fs.writev(fd, buffers, rest[0] as number, callback);
      partly(fd, Buffer.concat(buffers), callback);
    },
  };
}

export interface FullDisk {
  /** A real tmpfs, or a simulated full disk. */
  kind: "tmpfs" | "simulated";
  /** An empty directory on that disk. */
  dir: string;
  /** File-system seams for the writers of this process (node's own on a real tmpfs). */
  atomicFs: AtomicFs | undefined;
  streamFs: WriteStreamFs | undefined;
  /** Environment for a child process writing under `dir`. */
  env: Record<string, string>;
  /** Fills the disk: every write under `dir` fails with ENOSPC from now on. */
  fill(): Promise<void>;
  /** Frees the disk again. */
  free(): Promise<void>;
  /** Unmounts the tmpfs and removes everything. */
  close(): Promise<void>;
}

/** Whether this machine lets the test mount a tmpfs (as root in most containers). */
async function mountTmpfs(dir: string) {
  try {
    await run("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", dir]);
    return true;
  } catch {
    return false;
  }
}

/**
 * A disk to fill: a real 1 MiB tmpfs when `mount -t tmpfs` is permitted and `simulate` is not
 * set, else a simulated full disk (said on the console, so a run shows which one it tested).
 */
export async function fullDisk(options: { simulate?: boolean } = {}): Promise<FullDisk> {
  const base = await mkdtemp(join(tmpdir(), "maillage-full-disk-"));
  const dir = join(base, "disk");
  fs.mkdirSync(dir);
  if (!options.simulate && (await mountTmpfs(dir))) {
    const filler = join(dir, "filler");
    return {
      kind: "tmpfs",
      dir,
      atomicFs: undefined,
      streamFs: undefined,
      env: {},
      async fill() {
        // Writes until the file system refuses: 64 KiB chunks, then 1 KiB ones.
        for (const size of [64 * 1024, 1024]) {
          try {
            for (let i = 0; i < 1024; i++)
              await writeFile(filler, Buffer.alloc(size, 1), { flag: "a" });
            throw new Error(`the tmpfs at ${dir} did not fill up`);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
          }
        }
      },
      async free() {
        await rm(filler);
      },
      async close() {
        await run("umount", [dir]).catch(() => undefined);
        await rm(base, { recursive: true, force: true });
      },
    };
  }
  if (!options.simulate)
    console.warn("mount -t tmpfs is not permitted here: the full disk is simulated (ENOSPC).");
  const flag = join(base, "full");
  const isFull = () => fs.existsSync(flag);
  return {
    kind: "simulated",
    dir,
    atomicFs: failingAtomicFs(isFull),
    streamFs: failingStreamFs(isFull),
    env: {
      NODE_OPTIONS: `--import=${pathToFileURL(join(ROOT, "tests/fixtures/simulated-enospc.mjs")).href}`,
      MAILLAGE_TEST_ENOSPC_DIR: dir,
      MAILLAGE_TEST_ENOSPC_FLAG: flag,
    },
    async fill() {
      await writeFile(flag, "");
    },
    async free() {
      await rm(flag);
    },
    async close() {
      await rm(base, { recursive: true, force: true });
    },
  };
}
