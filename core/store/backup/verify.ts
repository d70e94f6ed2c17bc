/**
 * Verifying a backup file whole, without writing anything: the manifest first, then every entry
 * against its checksum and its kind's schema, and the uploads the store document refers to.
 */
import { legacyOutboxEntrySchema } from "../records/outbox";
import { DATA_FILE_NAME } from "../lowdb-store";
import { formatIssuePath, type StoreDocument } from "../schema";
import { archiveEntries } from "./archive";
import {
  BackupError,
  kindOf,
  MANIFEST_NAME,
  manifestSchema,
  parseDocument,
  sha256,
  uploadRefs,
  validLogLine,
  type Kind,
  type Manifest,
} from "./format";

/** Checks one entry's content against the manifest and its kind's schema. */
export function checkEntry(
  entry: { name: string; data: Buffer },
  expected: Map<string, Manifest["files"][number]>,
  seen: Set<string>,
  where: string,
) {
  const kind = kindOf(entry.name);
  if (!kind) throw new BackupError(`${where}: unexpected entry "${entry.name}"`);
  const listed = expected.get(entry.name);
  if (!listed) throw new BackupError(`${where}: "${entry.name}" is not in the manifest`);
  if (seen.has(entry.name)) throw new BackupError(`${where}: "${entry.name}" appears twice`);
  seen.add(entry.name);
  if (entry.data.byteLength !== listed.size || sha256(entry.data) !== listed.sha256)
    throw new BackupError(
      `${where}: "${entry.name}" does not match its checksum (the backup is corrupted or was modified)`,
    );
  return kind;
}

function checkContent(kind: Kind, name: string, data: Buffer, where: string) {
  const text = () => data.toString("utf8");
  if (kind === "store") return parseDocument(text(), `${where}: ${name}`);
  if (kind === "chat" || kind === "audit") {
    const body = text();
    if (!body.endsWith("\n"))
      throw new BackupError(`${where}: ${name} does not end with a complete line`);
    const lines = body.slice(0, -1).split("\n");
    lines.forEach((line, i) => {
      if (!validLogLine(kind, name, line))
        throw new BackupError(`${where}: ${name}, line ${i + 1} is not a valid ${kind} record`);
    });
    return lines.length;
  }
  if (kind === "outbox") {
    let valid = false;
    try {
      valid = legacyOutboxEntrySchema.safeParse(JSON.parse(text())).success;
    } catch {
      valid = false;
    }
    if (!valid) throw new BackupError(`${where}: ${name} is not a valid outbox message`);
  }
  return undefined;
}

/** Validates a whole backup file without writing anything; returns its manifest. */
export async function verifyBackup(file: string): Promise<Manifest> {
  let manifest: Manifest | undefined;
  let expected = new Map<string, Manifest["files"][number]>();
  const seen = new Set<string>();
  let doc: StoreDocument | undefined;
  const uploads = new Set<string>();
  for await (const entry of archiveEntries(file)) {
    if (!manifest) {
      if (entry.name !== MANIFEST_NAME)
        throw new BackupError(`${file}: not a Maillage backup (no ${MANIFEST_NAME} first)`);
      let raw: unknown;
      try {
        raw = JSON.parse(entry.data.toString("utf8"));
      } catch {
        throw new BackupError(`${file}: ${MANIFEST_NAME} is not valid JSON`);
      }
      const parsed = manifestSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new BackupError(
          `${file}: ${MANIFEST_NAME}: invalid at ${formatIssuePath(issue.path)}: ${issue.message}`,
        );
      }
      manifest = parsed.data;
      expected = new Map(manifest.files.map((f) => [f.path, f]));
      if (expected.size !== manifest.files.length)
        throw new BackupError(`${file}: ${MANIFEST_NAME} lists a file twice`);
      continue;
    }
    const kind = checkEntry(entry, expected, seen, file);
    const checked = checkContent(kind, entry.name, entry.data, file);
    if (kind === "store") doc = checked as StoreDocument;
    if (kind === "upload") uploads.add(entry.name.slice("uploads/".length));
  }
  if (!manifest) throw new BackupError(`${file}: the archive is empty`);
  const absent = manifest.files.filter((f) => !seen.has(f.path)).map((f) => f.path);
  if (absent.length)
    throw new BackupError(`${file}: missing from the archive: ${absent.slice(0, 5).join(", ")}`);
  if (!doc) throw new BackupError(`${file}: no ${DATA_FILE_NAME} in the backup`);
  const allowedMissing = new Set(manifest.missingUploads);
  const dangling = uploadRefs(doc).filter((r) => !uploads.has(r) && !allowedMissing.has(r));
  if (dangling.length)
    throw new BackupError(
      `${file}: uploaded file(s) the store refers to are missing: ${dangling.slice(0, 5).join(", ")}`,
    );
  return manifest;
}
