import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HttpClient } from "../helpers/http";
import { pageText, signedIn } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { outboxMessages } from "../helpers/store-snapshot";

const GROUP = "/programs/prog-reemploi-2026/groups/grp-demo-chaine-froid";
let server: TestServer;

beforeAll(async () => {
  // Reminders a week ahead, checked every second: the demo's next meeting is five days away.
  server = await startServer({
    env: { MAILLAGE_REMINDER_HOURS: "168", MAILLAGE_REMINDER_INTERVAL_SECONDS: "1" },
  });
});
afterAll(async () => {
  await server?.stop();
});

const as = (email: string) => signedIn(server.url, email);
const page = pageText;

interface Mail {
  to: string;
  kind: string;
  subject: string;
  text: string;
}
async function outbox(): Promise<Mail[]> {
  return outboxMessages([server.dataDir]);
}
async function reminders(expected: number) {
  const started = Date.now();
  for (;;) {
    const found = (await outbox()).filter((m) => m.kind === "meetingReminder");
    if (found.length >= expected || Date.now() - started > 10_000) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
}
async function sequenceOf(client: HttpClient, url: string) {
  return /name="sequence" value="(\d+)"/.exec(await page(await client.get(url)))![1]!;
}
async function meetingIds(client: HttpClient) {
  const list = await page(await client.get(`${GROUP}/meetings`));
  return [...new Set([...list.matchAll(/meetings\/(mtg-[\w-]+)"/g)].map((m) => m[1]!))];
}

describe("the meetings of a group", () => {
  it("reminds each member once before a meeting, and again when it moves", async () => {
    const sent = await reminders(3);
    expect(sent.map((m) => m.to).sort()).toEqual([
      "benoit@exemple.org",
      "marc@exemple.org",
      "mathieu@exemple.org",
    ]);
    expect(sent[0]!.subject).toMatch(/^Rappel : rencontre de votre groupe le /);
    expect(sent[0]!.text).toContain("Retour sur les relevés de températures");
    // Later passes do not send it again.
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await outbox()).filter((m) => m.kind === "meetingReminder")).toHaveLength(3);

    // Moving the meeting re-arms its reminder.
    const marc = await as("marc@exemple.org");
    const next = (await meetingIds(marc))[1]!;
    const detail = await page(await marc.get(`${GROUP}/meetings/${next}`));
    const date = /name="date"[^>]*value="([\d-]+)"/.exec(detail)![1]!;
    const moved = await marc.post(`${GROUP}/meetings/${next}`, {
      intent: "details",
      sequence: /name="sequence" value="(\d+)"/.exec(detail)![1]!,
      date,
      time: "09:00",
      durationMinutes: "120",
      kind: "collective",
      facilitatorId: "p-marc",
      theme: "entreposage",
      agenda: "Plan d'entreposage estival",
      notes: "",
      tools: "",
    });
    expect(moved.status).toBe(200);
    expect(await reminders(6)).toHaveLength(6);
  });

  it("records details, an individual meeting, attendance and its hours, and swaps turns", async () => {
    const benoit = await as("benoit@exemple.org");
    const ids = await meetingIds(benoit);
    expect(ids[0]).toBe("mtg-demo-demarrage");
    const third = ids[3]!;
    const url = `${GROUP}/meetings/${third}`;

    // Bad input: every field named, nothing saved.
    const bad = await benoit.post(url, {
      intent: "details",
      sequence: await sequenceOf(benoit, url),
      date: "demain",
      time: "9h",
      durationMinutes: "5",
      kind: "individual",
      participantIds: ["p-benoit"],
      facilitatorId: "p-inconnu!",
      theme: "",
      agenda: "x".repeat(4001),
      notes: "",
      tools: "",
    });
    expect(bad.status).toBe(400);
    const badHtml = await page(bad);
    for (const field of ["date", "time", "durationMinutes", "facilitatorId", "agenda"]) {
      expect(badHtml, field).toContain(`id="field-${field}-error"`);
    }
    expect(badHtml).toContain("Une rencontre individuelle réunit au moins deux membres");

    // Someone outside an individual meeting cannot facilitate it.
    const outside = await benoit.post(url, {
      intent: "details",
      sequence: await sequenceOf(benoit, url),
      date: "2026-03-03",
      time: "10:00",
      durationMinutes: "60",
      kind: "individual",
      participantIds: ["p-benoit", "p-marc"],
      facilitatorId: "p-mathieu",
      theme: "",
      agenda: "",
      notes: "",
      tools: "",
    });
    expect(outside.status).toBe(400);
    expect(await page(outside)).toContain("Cette personne ne participe pas à cette rencontre.");

    const sequence = await sequenceOf(benoit, url);
    const saved = await benoit.post(url, {
      intent: "details",
      sequence,
      date: "2026-03-03",
      time: "10:00",
      durationMinutes: "60",
      kind: "individual",
      participantIds: ["p-benoit", "p-marc"],
      facilitatorId: "p-marc",
      theme: "entreposage",
      agenda: "Visite virtuelle de l'entrepôt",
      notes: "Rayonnages à revoir",
      tools: "Plan d'aménagement de l'espace de tri https://exemple.org/plan.pdf",
    });
    expect(saved.status).toBe(200);
    // A second member saving from the same (now stale) form is told, and nothing is overwritten.
    const stale = await benoit.post(url, {
      intent: "details",
      sequence,
      date: "2027-03-09",
      time: "10:00",
      durationMinutes: "60",
      kind: "collective",
      facilitatorId: "",
      theme: "",
      agenda: "",
      notes: "",
      tools: "",
    });
    expect(stale.status).toBe(409);
    expect(await page(stale)).toContain("Quelqu'un a modifié cette rencontre entre-temps");
    const list = await page(await benoit.get(`${GROUP}/meetings`));
    expect(list).toContain("Individuelle avec Benoît Girard, Marc Tremblay");
    const shown = await page(await benoit.get(url));
    expect(shown).toContain("Visite virtuelle de l'entrepôt");
    expect(shown).toContain("Plan d'aménagement de l'espace de tri");
    // 10:00 in Quebec on 3 March 2026 (EST) is 15:00 UTC; the form shows the local time back.
    // (A past date: a meeting is marked held only once it has started.)
    expect(shown).toMatch(/name="time"[^>]*value="10:00"/);

    // Held without anyone ticked: refused. Held with both: one hour in the bank, counted once.
    const nobody = await benoit.post(url, { intent: "status", status: "held", reason: "" });
    expect(nobody.status).toBe(400);
    expect(await page(nobody)).toContain("Cochez au moins une personne présente.");
    const before = await page(await benoit.get(`${GROUP}/hours`));
    expect(before).toContain("15,5 h sur 20 h");
    const held = await benoit.post(url, {
      intent: "status",
      status: "held",
      reason: "",
      presentIds: ["p-benoit", "p-marc"],
    });
    expect(held.status).toBe(200);
    let hours = await page(await benoit.get(`${GROUP}/hours`));
    expect(hours).toContain("14,5 h sur 20 h");
    // Back to postponed: the hours leave the bank.
    const postponed = await benoit.post(url, {
      intent: "status",
      status: "postponed",
      reason: "Tempête de neige",
    });
    expect(postponed.status).toBe(200);
    hours = await page(await benoit.get(`${GROUP}/hours`));
    expect(hours).toContain("15,5 h sur 20 h");

    // Swapping turns: the two meetings exchange their facilitators. The mentor leads every
    // meeting of this program: a member takes one over first.
    const a = ids[5]!;
    const b = ids[6]!;
    const facilitatorOf = async (id: string) =>
      /name="facilitatorId"[\s\S]*?<option value="([\w-]*)" selected/.exec(
        await page(await benoit.get(`${GROUP}/meetings/${id}`)),
      )?.[1];
    const shownA = await page(await benoit.get(`${GROUP}/meetings/${a}`));
    const takenOver = await benoit.post(`${GROUP}/meetings/${a}`, {
      intent: "details",
      sequence: /name="sequence" value="(\d+)"/.exec(shownA)![1]!,
      date: /name="date"[^>]*value="([\d-]+)"/.exec(shownA)![1]!,
      time: /name="time"[^>]*value="([\d:]+)"/.exec(shownA)![1]!,
      durationMinutes: "120",
      kind: "collective",
      facilitatorId: "p-benoit",
      theme: "",
      agenda: "",
      notes: "",
      tools: "",
    });
    expect(takenOver.status).toBe(200);
    const [fa, fb] = [await facilitatorOf(a), await facilitatorOf(b)];
    expect([fa, fb]).toEqual(["p-benoit", "p-marc"]);
    expect(fa).not.toBe(fb);
    const swapped = await benoit.post(`${GROUP}/meetings/${a}`, { intent: "swap", swapWith: b });
    expect(swapped.status).toBe(200);
    expect(await facilitatorOf(a)).toBe(fb);
    expect(await facilitatorOf(b)).toBe(fa);
  });

  it("names the leads by the program's rule: in mentorship, the mentor", async () => {
    const mathieu = await as("mathieu@exemple.org");
    const rotated = await mathieu.post(`${GROUP}/meetings`, { intent: "rotate" });
    expect(rotated.status).toBe(200);
    expect(await page(rotated)).toMatch(
      /Animation répartie sur ([01] rencontre|([2-9]|\d{2,}) rencontres) à venir\./,
    );
    const list = await page(await mathieu.get(`${GROUP}/meetings`));
    expect(list).toContain("Dans ce programme, le ou la mentor·e anime chaque rencontre à venir");
    const leads = [...list.matchAll(/Animation : ([^<]+)</g)].map((m) => m[1]!.trim());
    // Every meeting is the mentor's, but the one a mentee took over in a swap (a choice is kept).
    expect(leads.filter((name) => name !== "Marc Tremblay")).toEqual(["Benoît Girard"]);
    expect(leads.length).toBeGreaterThan(5);

    // The coordinators read the setting, explained, on the program's settings page.
    const settings = await page(
      await (await as("coordination@exemple.org")).get("/programs/prog-reemploi-2026/settings"),
    );
    expect(settings).toContain("Qui anime les rencontres");
    expect(settings).toMatch(/<option value="by-mode" selected[^>]*>Selon la composition/);

    // Outsiders: 404 on the meeting page and on every action; the coordination, which the demo
    // group invites as observer (ADR 0027), reads the meeting and may do nothing (403).
    const url = `${GROUP}/meetings/mtg-demo-demarrage`;
    for (const [email, read, act] of [
      ["karine@exemple.org", 404, 404],
      ["coordination@exemple.org", 200, 403],
    ] as const) {
      const outsider = await as(email);
      expect((await outsider.get(url)).status, email).toBe(read);
      expect(
        (await outsider.post(url, { intent: "status", status: "cancelled", reason: "xxx" })).status,
        email,
      ).toBe(act);
      expect((await outsider.post(`${GROUP}/meetings`, { intent: "rotate" })).status).toBe(act);
    }
  });
});
