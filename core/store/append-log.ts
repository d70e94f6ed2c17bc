/**
 * Append-only JSON-lines files, one per key (an event's chat, a program's audit trail), kept out of
 * the main JSON document so that appending never rewrites it. Records are validated when read back;
 * a torn last line (a kill mid-write) is skipped. A record is kept in memory only once it is
 * written: a failed append (a full disk: a DiskFullError) leaves memory matching the file.
 *
 * The write stream's file-system functions are a parameter so that tests can inject a failing
 * write (ENOSPC), as for atomic-file.ts.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { z } from "zod";
import { writeFileAtomic } from "./atomic-file";
import { asDiskFull } from "./types";

/** The file-system functions of a write stream (createWriteStream's `fs` option). */
export type WriteStreamFs = NonNullable<
  Extract<Parameters<typeof createWriteStream>[1], object>["fs"]
>;

interface OpenFile<T> {
  stream: WriteStream;
  records: T[];
}

export class JsonlLog<S extends z.ZodType> {
  private readonly files = new Map<string, Promise<OpenFile<z.infer<S>>>>();

  constructor(
    private readonly dir: string,
    private readonly schema: S,
    private readonly fs?: WriteStreamFs,
  ) {}

  private path(key: string) {
    return join(this.dir, `${key.replace(/[^\w-]/g, "_")}.jsonl`);
  }

  private open(key: string): Promise<OpenFile<z.infer<S>>> {
    let file = this.files.get(key);
    if (!file) {
      file = (async () => {
        await mkdir(this.dir, { recursive: true });
        let text = "";
        try {
          text = await readFile(this.path(key), "utf8");
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        }
        const records: z.infer<S>[] = [];
        for (const line of text.split("\n")) {
          if (!line.trim()) continue;
          try {
            records.push(this.schema.parse(JSON.parse(line)));
          } catch {
            // A torn line from an interrupted write: skipped.
          }
        }
        const stream = createWriteStream(this.path(key), { flags: "a", fs: this.fs });
        // A disk error fails the pending append (its caller answers with an error) instead of
        // crashing the server; the file is reopened on the next append.
        stream.on("error", (error) => {
          console.error(`append log ${this.path(key)}: ${error.message}`);
          this.files.delete(key);
        });
        if (text && !text.endsWith("\n")) stream.write("\n");
        return { stream, records };
      })();
      file.catch(() => this.files.delete(key));
      this.files.set(key, file);
    }
    return file;
  }

  /** Resolves once the line is handed to the operating system. */
  async append(key: string, record: z.infer<S>) {
    const opened = this.open(key);
    const file = await opened;
    try {
      await new Promise<void>((resolve, reject) =>
        file.stream.write(`${JSON.stringify(record)}\n`, (error) =>
          error ? reject(error) : resolve(),
        ),
      );
    } catch (error) {
      // A partly written line is torn: skipped when read, and the reopened file starts a new line.
      if (this.files.get(key) === opened) this.files.delete(key);
      throw asDiskFull(error, this.path(key));
    }
    file.records.push(record);
  }

  /**
   * Rewrites a key's records (an erased person's name replaced, ADR 0038): `change` returns the
   * record to keep (the same object when unchanged) or null to drop it. The file is replaced
   * atomically (a temporary file renamed over it): a crash leaves either the old lines or the new
   * ones. Appends that started before wait in the old stream, which is ended and flushed first;
   * appends that start during the rewrite wait for it and go to the new file. Resolves to the number
   * of records changed or dropped.
   */
  async rewrite(key: string, change: (record: z.infer<S>) => z.infer<S> | null): Promise<number> {
    const previous = this.files.get(key);
    let done!: (file: Promise<OpenFile<z.infer<S>>>) => void;
    const next = new Promise<OpenFile<z.infer<S>>>((resolve, reject) => {
      done = (file) => file.then(resolve, reject);
    });
    next.catch(() => this.files.delete(key));
    this.files.set(key, next);
    let changed = 0;
    try {
      if (previous) {
        const old = await previous.catch(() => undefined);
        if (old) await new Promise<void>((resolve) => old.stream.end(() => resolve()));
      }
      let text = "";
      try {
        text = await readFile(this.path(key), "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
      const lines: string[] = [];
      for (const line of text.split("\n")) {
        if (!line.trim()) continue;
        let record: z.infer<S>;
        try {
          record = this.schema.parse(JSON.parse(line));
        } catch {
          continue; // a torn line: dropped with the rewrite
        }
        const kept = change(record);
        if (kept !== record) changed++;
        if (kept !== null) lines.push(JSON.stringify(kept));
      }
      if (changed > 0) {
        if (lines.length) await writeFileAtomic(this.path(key), `${lines.join("\n")}\n`);
        else await rm(this.path(key), { force: true });
      }
    } finally {
      // The next append (or read) opens the file as it now is.
      this.files.delete(key);
      done(this.open(key));
    }
    return changed;
  }

  /** Every record of a key, oldest first (a copy). */
  async read(key: string): Promise<z.infer<S>[]> {
    return [...(await this.open(key)).records];
  }

  async close() {
    const files = await Promise.all(this.files.values());
    await Promise.all(
      files.map((f) => new Promise<void>((resolve) => f.stream.end(() => resolve()))),
    );
    this.files.clear();
  }
}
