/**
 * Every kind of e-mail has a notice category (ADR 0039). `MailMessage.kind` is typed, so the
 * compiler refuses an unmapped kind written where a message is built; this test also reads the
 * sources of core/ for every `kind: "…"` of a message or notification and every notification kind,
 * so a kind slipped past the types (a cast, a string built at run time) fails here.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  MAIL_KINDS,
  OPTIONAL_NOTICE_CATEGORIES,
  noticePreferencesSchema,
  wantsNotice,
  type MailKind,
} from "../../core/data/notice-kinds";
import fr from "../../core/i18n/fr.json";
import { ROOT } from "../helpers/server";

async function sources(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await sources(path)));
    else if (/\.tsx?$/.test(entry.name)) files.push(path);
  }
  return files;
}

describe("notice kinds", () => {
  it("maps every kind an e-mail of core/ is given", async () => {
    const used = new Set<string>();
    for (const file of await sources(join(ROOT, "core/models"))) {
      const text = await readFile(file, "utf8");
      // Messages and notifications built in one object: `to`/`userId` near a `kind: "…"`.
      for (const match of text.matchAll(/(?:to|userId)[,:][^;]{0,200}?kind: "([\w-]+)"/gs))
        used.add(match[1]!);
    }
    const notification = await readFile(join(ROOT, "core/models/notification.server.ts"), "utf8");
    const union = notification.match(/export type NotificationKind =([^;]+);/)![1]!;
    for (const match of union.matchAll(/"([\w-]+)"/g)) used.add(match[1]!);
    // Every notification's e-mail has its text in the catalog: those kinds too.
    for (const kind of Object.keys(fr.notifications)) used.add(kind);
    expect(used.size).toBeGreaterThan(15);
    const unmapped = [...used].filter((kind) => !(kind in MAIL_KINDS));
    expect(unmapped).toEqual([]);
  });

  it("never lets an essential kind be turned off", () => {
    const allOff = noticePreferencesSchema.parse({ off: [...OPTIONAL_NOTICE_CATEGORIES] });
    for (const [kind, category] of Object.entries(MAIL_KINDS)) {
      expect(wantsNotice(allOff, kind as MailKind)).toBe(category === "essential");
      expect(wantsNotice(undefined, kind as MailKind)).toBe(true);
    }
    expect(noticePreferencesSchema.safeParse({ off: ["essential"] }).success).toBe(false);
    for (const kind of ["passwordReset", "signUpConfirm", "emailChangeConfirm"] as const)
      expect(MAIL_KINDS[kind]).toBe("essential");
    expect(MAIL_KINDS.meetingReminder).toBe("reminders");
  });
});
