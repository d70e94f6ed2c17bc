/**
 * The backup format (docs/decisions/0011-backups.md): the manifest, what each archive entry is, and
 * the checks of their contents that both taking and restoring a backup use (the store document,
 * the append-only logs' lines, the uploads the document refers to).
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { auditEntrySchema } from "../audit-log";
import { chatMessageSchema } from "../chat-log";
import { DATA_FILE_NAME } from "../lowdb-store";
import { migrate, MigrationError } from "../migrations";
import { documentSchema, formatIssuePath, type StoreDocument } from "../schema";
import { UPLOAD_NAME } from "../uploads";

export const MANIFEST_NAME = "manifest.json";
/** The largest entry accepted when reading (an upload or a data file), against hostile archives. */
export const MAX_ENTRY_BYTES = 2 * 1024 ** 3;

/** The backup cannot be taken or used as asked: a clear message, nothing was written. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, "a sha256 in hexadecimal");

export const manifestSchema = z.strictObject({
  format: z.literal("maillage-backup"),
  formatVersion: z.literal(1),
  createdAt: z.iso.datetime(),
  source: z.strictObject({
    engine: z.enum(["lowdb", "postgresql"]),
    /** The data dir, or the database URL without its password. */
    location: z.string(),
  }),
  schemaVersion: z.number().int().min(1),
  counts: z.record(z.string(), z.number().int().min(0)),
  /** Lines of the append-only logs, and outbox files, that the app would not read back either. */
  skipped: z.number().int().min(0),
  /** Uploads the store document refers to that were not in the data dir (already missing). */
  missingUploads: z.array(z.string()),
  files: z.array(
    z.strictObject({
      path: z.string(),
      size: z.number().int().min(0),
      sha256: sha256Schema,
    }),
  ),
});
export type Manifest = z.infer<typeof manifestSchema>;

export type Kind = "store" | "chat" | "audit" | "outbox" | "upload";

/** What an archive entry is, from its path; undefined for any other path (refused). */
export function kindOf(path: string): Kind | undefined {
  if (path === DATA_FILE_NAME) return "store";
  if (/^chat\/[\w-]{1,200}\.jsonl$/.test(path)) return "chat";
  if (/^audit\/[\w-]{1,200}\.jsonl$/.test(path)) return "audit";
  if (/^outbox\/(?!\.)[\w.-]{1,200}\.json$/.test(path)) return "outbox";
  if (path.startsWith("uploads/") && UPLOAD_NAME.test(path.slice("uploads/".length)))
    return "upload";
  return undefined;
}

/** The log file a record belongs in (as append-log.ts names them). */
export function logFileOf(kind: "chat" | "audit", key: string) {
  return `${kind}/${key.replace(/[^\w-]/g, "_")}.jsonl`;
}

export const logSchemas = { chat: chatMessageSchema, audit: auditEntrySchema } as const;
export const logKey = {
  chat: (r: unknown) => (r as { eventId: string }).eventId,
  audit: (r: unknown) => (r as { programId: string }).programId,
} as const;

export function sha256(data: Uint8Array) {
  return createHash("sha256").update(data).digest("hex");
}

/** Parses and validates a store document (migrating an older one, as the server does). */
export function parseDocument(text: string, where: string): StoreDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new BackupError(`${where}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw new BackupError(`${where}: expected a JSON object`);
  let doc: Record<string, unknown>;
  try {
    doc = migrate(raw as Record<string, unknown>).doc;
  } catch (error) {
    if (error instanceof MigrationError) throw new BackupError(`${where}: ${error.message}`);
    throw error;
  }
  const result = documentSchema.safeParse(doc);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new BackupError(
      `${where}: invalid data at ${formatIssuePath(issue.path)}: ${issue.message}`,
    );
  }
  return result.data;
}

/** The uploads a store document refers to. */
export function uploadRefs(doc: StoreDocument): string[] {
  return doc.tools.flatMap((t) => (t.file ? [t.file.storedAs] : []));
}

/** Whether a log line is one the app reads back, in the file the app would read it from. */
export function validLogLine(kind: "chat" | "audit", path: string, line: string) {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return false;
  }
  const parsed = logSchemas[kind].safeParse(value);
  return parsed.success && logFileOf(kind, logKey[kind](parsed.data)) === path;
}

/**
 * An append-only log file as of now: up to its last complete line (a line being written is cut),
 * keeping only the lines the app would read back.
 */
export function completeLogLines(kind: "chat" | "audit", path: string, text: string) {
  const end = text.lastIndexOf("\n");
  const lines = end < 0 ? [] : text.slice(0, end).split("\n");
  const kept: string[] = [];
  let skipped = 0;
  for (const line of lines) {
    if (!line.trim()) continue;
    if (validLogLine(kind, path, line)) kept.push(line);
    else skipped++;
  }
  return { text: kept.length ? `${kept.join("\n")}\n` : "", kept: kept.length, skipped };
}
