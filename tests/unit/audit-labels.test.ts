/**
 * Every action the models write to a program's audit trail reads as a sentence on the formation
 * page, in French and English (formation.audit.*), never as "other".
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "../../app/components/formation/AuditTrail";
import en from "../../core/i18n/en.json";
import fr from "../../core/i18n/fr.json";

const MODELS = join(import.meta.dirname, "../../core/models");

async function sources(dir: string): Promise<string[]> {
  const texts: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) texts.push(...(await sources(path)));
    else if (entry.name.endsWith(".ts")) texts.push(await readFile(path, "utf8"));
  }
  return texts;
}

describe("the audit trail's labels", () => {
  it("name every action the models write, in both languages", async () => {
    const written = new Set<string>();
    for (const text of await sources(MODELS)) {
      // audit(s, programId, actor, "action", …) and the pins' and forbids' `${kind}-added|removed`.
      for (const m of text.matchAll(/\baudit\(\s*s,[^,]+,[^,]+,\s*"([a-z-]+)"/g))
        written.add(m[1]!);
      if (/audit\(\s*s,[^,]+,[^,]+,\s*`\$\{input\.kind\}-/.test(text))
        for (const kind of ["pin", "forbid"])
          for (const change of ["added", "removed"]) written.add(`${kind}-${change}`);
    }
    expect(written.size).toBeGreaterThan(15);
    const missing = [...written].filter((action) => !AUDIT_ACTIONS.has(action));
    expect(missing).toEqual([]);
    for (const action of AUDIT_ACTIONS) {
      expect(fr.formation.audit, action).toHaveProperty([action]);
      expect(en.formation.audit, action).toHaveProperty([action]);
    }
  });
});
