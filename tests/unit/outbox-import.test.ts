/**
 * Messages of the older outbox directory ($DATA_DIR/outbox, one JSON file each) are read into the
 * store's outbox once, never sent again, and the files are moved aside (ADR 0031).
 */
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { importLegacyOutbox, Mailer } from "../../core/mail";
import { LowStore } from "../../core/store/lowdb-store";
import { emptyDocument } from "../../core/store/schema";
import { makeTempDir, removeDir } from "../helpers/server";

const dirs: string[] = [];
afterEach(async () => {
  while (dirs.length) await removeDir(dirs.pop()!);
});

it("imports valid old outbox files once, as kept or failed, and moves them aside", async () => {
  const dataDir = await makeTempDir("maillage-outbox-import-");
  dirs.push(dataDir);
  const outbox = join(dataDir, "outbox");
  await mkdir(outbox);
  const old = (id: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      id,
      createdAt: "2026-11-20T14:00:00.000Z",
      to: "marc@exemple.org",
      subject: "Rappel : rencontre à l'entrepôt",
      text: "Bonjour",
      kind: "meetingReminder",
      programId: "prog-reemploi-2026",
      ...extra,
    });
  await writeFile(join(outbox, "a.json"), old("mail-a"));
  await writeFile(join(outbox, "b.json"), old("mail-b", { error: "connect ECONNREFUSED" }));
  await writeFile(join(outbox, "c.json"), "{ not json");

  const store = await LowStore.open({ dataDir, seed: () => emptyDocument() });
  try {
    expect(await importLegacyOutbox(store, dataDir)).toBe(2);
    const mailer = new Mailer(store, () => new Date());
    const messages = await mailer.list("prog-reemploi-2026");
    expect(messages.map((m) => [m.id, m.status, m.lastError]).sort()).toEqual([
      ["mail-a", "kept", undefined],
      ["mail-b", "failed", "connect ECONNREFUSED"],
    ]);
    expect(messages[0]!.subject).toBe("Rappel : rencontre à l'entrepôt");
    // Moved aside; the invalid file stays where it was. A second start imports nothing.
    expect(await readdir(outbox)).toEqual(["c.json"]);
    expect(await importLegacyOutbox(store, dataDir)).toBe(0);
    expect(await mailer.list()).toHaveLength(2);
  } finally {
    await store.close();
  }
});
