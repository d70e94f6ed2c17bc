/**
 * A person's data (#21, ADR 0038), on both engines: the retention job purges a closed program's
 * personal information on its date and not before, once even when two passes race, and the
 * program's report gives the same figures afterwards; erasing an account removes the person's name
 * and address from every record, log line and outbox message while the report's figures stay.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ERASED_NAME,
  erasePerson,
  exportPersonalData,
  programsOnlyCoordinatedBy,
  purgeDuePrograms,
  purgeProgramPersonalData,
  retentionDate,
  SoleCoordinatorError,
} from "../../core/models/personal-data.server";
import { programReport } from "../../core/models/report.server";
import { updateProgram } from "../../core/models/program.server";
import { programFormSchema } from "../../core/schemas/program";
import type { Report } from "../../core/models/report";
import { collectionNames, type StoreDocument } from "../../core/store/schema";
import { checkInvariants } from "../../core/models/invariants";
import { PILOT_PROGRAM_ID } from "../../server/seeds/pilot";
import { startRetention } from "../../server/retention";
import { pruneOutbox } from "../../core/mail";
import { DEMO_PASSWORD } from "../../server/seeds/demo";
import { confirmEmailChange, requestEmailChange } from "../../core/models/account.server";
import { createUser } from "../../core/models/user.server";
import { testServices, type TestServices } from "../helpers/services";
import { storeEngines } from "../helpers/databases";

const engines = storeEngines("personal_data");

/**
 * The report's figures: everything but the texts people wrote (quotes, recommendations, the tools'
 * titles), which an erasure removes on purpose.
 */
function figures(report: Report) {
  return {
    ...report,
    recommendations: undefined,
    quotes: undefined,
    interviews: { ...report.interviews, learning: undefined, recommendations: undefined },
    tools: {
      ...report.tools,
      themes: report.tools.themes.map((t) => ({ ...t, tools: t.tools.length })),
    },
  };
}

/** The domain's invariants hold on the store as it is. */
async function expectInvariants(s: TestServices) {
  const doc: Record<string, unknown> = {};
  for (const c of collectionNames) doc[c] = await s.store.find(c);
  expect(checkInvariants(doc as unknown as StoreDocument)).toEqual([]);
}

/** Every record of the store, as one text. */
async function storeText(s: TestServices) {
  const all: unknown[] = [];
  for (const c of collectionNames) all.push(await s.store.find(c));
  return JSON.stringify(all);
}

let s: TestServices | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

async function open(engine: (typeof engines)[number], now: { value: Date }) {
  s = await testServices({
    databaseUrl: await engine.databaseUrl(),
    clock: { now: () => now.value },
  });
  return s;
}

describe.each(engines)("retention on $name", (engine) => {
  it("purges a closed program's personal information on its date, once, and keeps its figures", async () => {
    const now = { value: new Date("2027-12-01T12:00:00Z") };
    const s = await open(engine, now);
    const program = (await s.store.get("programs", PILOT_PROGRAM_ID))!;
    expect(retentionDate(program)).toBe("2028-01-16");
    const participants = await s.store.find("participants", { programId: PILOT_PROGRAM_ID });
    const someone = participants[0]!;
    // A line of the audit trail, a chat message and an upload of the program.
    await s.audit.append({
      id: "aud-test",
      programId: PILOT_PROGRAM_ID,
      at: now.value.toISOString(),
      actorId: program.coordinatorIds[0]!,
      actorName: "Coordination",
      action: "approve",
      details: {},
    });
    const event = (await s.store.find("events", { programId: PILOT_PROGRAM_ID }))[0];
    if (event)
      await s.chat.append({
        id: "chat-test",
        eventId: event.id,
        roomId: "r1",
        round: 1,
        authorId: someone.id,
        authorName: "Quelqu'un",
        text: "Bonjour",
        at: now.value.toISOString(),
      });
    const storedAs = await s.uploads.save(new TextEncoder().encode("fichier"), "txt");
    const group = (await s.store.find("groups", { programId: PILOT_PROGRAM_ID }))[0]!;
    await s.store.insert("tools", {
      id: "tool-test",
      programId: PILOT_PROGRAM_ID,
      groupId: group.id,
      authorId: someone.id,
      title: "Grille de tri",
      file: { name: "grille.txt", storedAs, size: 7, type: "text/plain" },
      createdAt: now.value.toISOString(),
    });
    const before = figures(await programReport(s, program, "2028-02-01"));
    expect(before.totals.groups).toBeGreaterThan(0);
    expect(
      before.evaluations.monthly.total.responses + before.interviews.validated,
    ).toBeGreaterThan(0);

    // The day before: nothing happens.
    now.value = new Date("2028-01-15T12:00:00Z");
    expect(await purgeDuePrograms(s)).toBe(0);
    expect((await s.store.get("programs", PILOT_PROGRAM_ID))!.personalDataPurgedAt).toBeUndefined();
    expect(await s.store.find("applications", { programId: PILOT_PROGRAM_ID })).not.toHaveLength(0);

    // On the day (Quebec time): two passes at once purge it once.
    now.value = new Date("2028-01-16T15:00:00Z");
    const passes = await Promise.all([purgeDuePrograms(s), purgeDuePrograms(s)]);
    expect(passes.sort()).toEqual([0, 1]);
    const purged = (await s.store.get("programs", PILOT_PROGRAM_ID))!;
    expect(purged.personalDataPurgedAt).toBe(now.value.toISOString());
    expect(await purgeProgramPersonalData(s, PILOT_PROGRAM_ID)).toBe(false);

    expect(await s.store.find("applications", { programId: PILOT_PROGRAM_ID })).toHaveLength(0);
    expect(await s.store.find("invitations", { programId: PILOT_PROGRAM_ID })).toHaveLength(0);
    for (const p of await s.store.find("participants", { programId: PILOT_PROGRAM_ID })) {
      expect(p.profile.needsText).toBe("");
      expect(p.profile.expertiseText).toBe("");
      expect(p.published).toBe(false);
      expect(await s.store.find("ratings", { fromParticipantId: p.id })).toHaveLength(0);
      expect(await s.store.find("checkIns", { participantId: p.id })).toHaveLength(0);
    }
    for (const r of await s.store.find("evaluationResponses", { programId: PILOT_PROGRAM_ID })) {
      expect([r.comment, r.learning, r.recommendations, r.successFactors]).toEqual([
        "",
        "",
        "",
        "",
      ]);
    }
    for (const m of (await s.store.find("meetings")).filter((m) => m.groupId === group.id))
      expect([m.notes, m.agenda]).toEqual(["", ""]);
    expect(await s.audit.list(PILOT_PROGRAM_ID)).toEqual([]);
    if (event) expect(await s.chat.history(event.id, "r1")).toEqual([]);
    await expect(s.uploads.read(storedAs)).rejects.toThrow();
    expect((await s.store.get("tools", "tool-test"))!.file).toBeUndefined();

    // The report's figures are those of before.
    const after = figures(await programReport(s, purged, "2028-02-01"));
    expect(after).toEqual(before);
    await expectInvariants(s);
  });
});

describe.each(engines)("the outbox's own retention on $name", (engine) => {
  it("removes the e-mails done with for more than 90 days, keeps the newer ones and the queue", async () => {
    const now = { value: new Date("2026-09-01T12:00:00Z") };
    const s = await open(engine, now);
    const old = await s.mail.enqueue({
      to: "ancienne@exemple.org",
      subject: "Rappel",
      text: "Bonjour",
      kind: "eventAnnouncement",
    });
    const waiting = await s.store.insert("outbox", {
      ...old!,
      id: "mail-still-queued",
      status: "queued",
    });
    now.value = new Date("2026-12-01T12:00:00Z"); // 91 days later
    const recent = await s.mail.enqueue({
      to: "recente@exemple.org",
      subject: "Rappel",
      text: "Bonjour",
      kind: "eventAnnouncement",
    });
    const [first, second] = await Promise.all([
      pruneOutbox(s.store, now.value),
      pruneOutbox(s.store, now.value),
    ]);
    expect(first + second).toBe(1);
    const ids = (await s.mail.list()).map((m) => m.id);
    expect(ids).not.toContain(old!.id);
    expect(ids).toContain(recent!.id);
    expect(ids).toContain(waiting.id);
    expect(await pruneOutbox(s.store, now.value)).toBe(0);
  });
});

describe("the retention job of a running server", () => {
  it("purges a program that came due while it runs, without being asked, and stops cleanly", async () => {
    const now = { value: new Date("2028-01-15T12:00:00Z") };
    const s = await open(engines[0]!, now);
    const job = startRetention(s, { firstAfterMs: 1, intervalMs: 20 });
    try {
      // Not yet due: passes go by and nothing is purged.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(
        (await s.store.get("programs", PILOT_PROGRAM_ID))!.personalDataPurgedAt,
      ).toBeUndefined();
      // Its day comes (Quebec time): a following pass purges it.
      now.value = new Date("2028-01-16T15:00:00Z");
      await vi.waitFor(
        async () =>
          expect(
            (await s.store.get("programs", PILOT_PROGRAM_ID))!.personalDataPurgedAt,
          ).toBeDefined(),
        { timeout: 5_000, interval: 20 },
      );
      expect(await s.store.find("applications", { programId: PILOT_PROGRAM_ID })).toHaveLength(0);
    } finally {
      await job.stop();
    }
  });
});

describe.each(engines)("erasing an account on $name", (engine) => {
  it("removes the person's name and address everywhere and keeps the report's figures", async () => {
    const now = { value: new Date("2026-12-01T12:00:00Z") };
    const s = await open(engine, now);
    const program = (await s.store.get("programs", PILOT_PROGRAM_ID))!;
    const members = await s.store.find("participants", { programId: PILOT_PROGRAM_ID });
    // A mentee with answers, in a group.
    const groups = await s.store.find("groups", { programId: PILOT_PROGRAM_ID });
    const person = members.find(
      (p) => p.role === "mentee" && groups.some((g) => g.memberIds.includes(p.id)),
    )!;
    // They changed their address once: the notice of the change went to the former one.
    const formerEmail = (await s.store.get("users", person.userId))!.email;
    await requestEmailChange(s, {
      userId: person.userId,
      email: "nouvelle.adresse@exemple.org",
      currentPassword: DEMO_PASSWORD,
    });
    const confirm = (await s.mail.list()).find((m) => m.kind === "emailChangeConfirm")!;
    await confirmEmailChange(s, /\?token=([\w-]+)/.exec(confirm.text)![1]!);
    const user = (await s.store.get("users", person.userId))!;
    expect(user.email).toBe("nouvelle.adresse@exemple.org");
    expect(JSON.stringify(await s.mail.list())).toContain(formerEmail);
    const group = groups.find((g) => g.memberIds.includes(person.id))!;
    const other = members.find((p) => p.id !== person.id && group.memberIds.includes(p.id))!;
    // Another member's meeting notes that name the person, an audit line, a chat message of
    // theirs and one naming them, their e-mail and another's that names them.
    const meeting = (await s.store.find("meetings", { groupId: group.id }))[0]!;
    await s.store.update("meetings", meeting.id, {
      notes: `${meeting.notes}\nSuivi avec ${user.name} (${user.email}).`,
    });
    await s.audit.append({
      id: "aud-test",
      programId: PILOT_PROGRAM_ID,
      at: now.value.toISOString(),
      actorId: program.coordinatorIds[0]!,
      actorName: "Coordination",
      action: "swap",
      details: { member: user.name },
    });
    const event = (await s.store.find("events", { programId: PILOT_PROGRAM_ID }))[0];
    if (event) {
      await s.chat.append({
        id: "m1",
        eventId: event.id,
        roomId: "r1",
        round: 1,
        authorId: person.id,
        authorName: user.name,
        text: "Mon organisme cherche un entrepôt.",
        at: now.value.toISOString(),
      });
      await s.chat.append({
        id: "m2",
        eventId: event.id,
        roomId: "r1",
        round: 1,
        authorId: other.id,
        authorName: "Autre",
        text: `Merci ${user.name} !`,
        at: now.value.toISOString(),
      });
    }
    await s.mail.enqueue({
      to: user.email,
      subject: "Avis",
      text: "Bonjour",
      kind: "eventAnnouncement",
    });
    await s.mail.enqueue({
      to: "autre@exemple.org",
      subject: `${user.name} a accepté`,
      text: `Écrivez à ${user.email}.`,
      kind: "eventAnnouncement",
    });
    const exported = await exportPersonalData(s, user.id);
    expect(exported!.data.account.email).toBe(user.email);
    const before = figures(await programReport(s, program, "2026-12-01"));

    await erasePerson(s, user.id, "account-deleted");
    await erasePerson(s, user.id, "account-deleted"); // the same request twice: one effect

    const text = await storeText(s);
    expect(text).not.toContain(user.name);
    expect(text.toLowerCase()).not.toContain(user.email.toLowerCase());
    const erased = (await s.store.get("users", user.id))!;
    expect(erased.name).toBe(ERASED_NAME);
    expect(erased.erasedAt).toBeDefined();
    expect(await s.store.find("sessions", { userId: user.id })).toEqual([]);
    const trail = JSON.stringify(await s.audit.list(PILOT_PROGRAM_ID));
    expect(trail).not.toContain(user.name);
    expect(trail).toContain(ERASED_NAME);
    if (event) {
      const chat = await s.chat.history(event.id, "r1");
      expect(JSON.stringify(chat)).not.toContain(user.name);
      expect(chat.find((m) => m.id === "m1")!.text).not.toContain("entrepôt");
      expect(chat.find((m) => m.id === "m2")!.text).toBe(`Merci ${ERASED_NAME} !`);
    }
    const outbox = JSON.stringify(await s.mail.list());
    expect(outbox).not.toContain(user.name);
    expect(outbox.toLowerCase()).not.toContain(user.email.toLowerCase());
    expect(text.toLowerCase()).not.toContain(formerEmail.toLowerCase());
    expect(await exportPersonalData(s, user.id)).toBeUndefined();
    // The group keeps its members; the report's figures are those of before.
    expect((await s.store.get("groups", group.id))!.memberIds).toContain(person.id);
    expect(figures(await programReport(s, program, "2026-12-01"))).toEqual(before);
    await expectInvariants(s);
  });

  it("removes an address the person gave up, even once the outbox forgot it; one taken since by someone else stays theirs", async () => {
    const now = { value: new Date("2026-09-01T12:00:00Z") };
    const s = await open(engine, now);
    const sample = (await s.store.find("applications"))[0]!;
    const applyFrom = (id: string, email: string) =>
      s.store.insert("applications", {
        ...sample,
        id,
        email,
        contactEmail: email,
        participantId: undefined,
        invitationId: undefined,
        createdAt: now.value.toISOString(),
        updatedAt: now.value.toISOString(),
      });
    const changeAddress = async (userId: string, email: string) => {
      await requestEmailChange(s, { userId, email, currentPassword: DEMO_PASSWORD });
      const link = (await s.mail.list()).find(
        (m) => m.kind === "emailChangeConfirm" && m.to === email,
      )!;
      await confirmEmailChange(s, /\?token=([\w-]+)/.exec(link.text)![1]!);
    };
    // Two people, each with an address they will give up, and an interest form sent from it.
    const [anne, paul] = await Promise.all(
      ["anne", "paul"].map((name) =>
        createUser(s, {
          email: `${name}@ancien.exemple.org`,
          name: `${name === "anne" ? "Anne" : "Paul"} Lachance-Ferland`,
          password: DEMO_PASSWORD,
          locale: "fr",
        }),
      ),
    );
    await applyFrom("app-anne-before", "anne@ancien.exemple.org");
    await applyFrom("app-paul-before", "paul@ancien.exemple.org");
    now.value = new Date("2026-09-02T12:00:00Z");
    await changeAddress(anne!.id, "anne@nouveau.exemple.org");
    await changeAddress(paul!.id, "paul@nouveau.exemple.org");
    expect((await s.store.get("users", anne!.id))!.formerEmails).toEqual([
      { email: "anne@ancien.exemple.org", until: now.value.toISOString() },
    ]);
    // Someone else takes Paul's old address, and sends a form from it.
    now.value = new Date("2026-09-03T12:00:00Z");
    const newcomer = await createUser(s, {
      email: "paul@ancien.exemple.org",
      name: "Pauline Roy",
      password: DEMO_PASSWORD,
      locale: "fr",
    });
    await applyFrom("app-newcomer", "paul@ancien.exemple.org");
    // 91 days later the outbox has forgotten the notices of the changes.
    now.value = new Date("2026-12-02T12:00:00Z");
    await pruneOutbox(s.store, now.value);
    expect(JSON.stringify(await s.mail.list())).not.toContain("ancien.exemple.org");

    await erasePerson(s, anne!.id, "account-deleted");
    await erasePerson(s, paul!.id, "account-deleted");

    // Anne's old address is nowhere; her form went with it.
    const text = await storeText(s);
    expect(text).not.toContain("anne@ancien.exemple.org");
    expect(await s.store.get("applications", "app-anne-before")).toBeUndefined();
    // Paul's old form went; the address is the newcomer's, with her account and her form.
    expect(await s.store.get("applications", "app-paul-before")).toBeUndefined();
    expect((await s.store.get("users", newcomer.id))!.email).toBe("paul@ancien.exemple.org");
    expect((await s.store.get("applications", "app-newcomer"))!.email).toBe(
      "paul@ancien.exemple.org",
    );
    expect(text).not.toContain("Lachance-Ferland");
    await expectInvariants(s);
  });

  it("refuses to erase the only coordinator of a program, naming it", async () => {
    const s = await open(engine, { value: new Date("2026-12-01T12:00:00Z") });
    const program = (await s.store.get("programs", PILOT_PROGRAM_ID))!;
    const coordinator = program.coordinatorIds[0]!;
    const sole = await programsOnlyCoordinatedBy(s.store, coordinator);
    expect(sole.map((p) => p.id)).toContain(PILOT_PROGRAM_ID);
    const refusal = await erasePerson(s, coordinator, "account-deleted").catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(SoleCoordinatorError);
    expect((refusal as SoleCoordinatorError).params?.programs).toContain(program.title);
    expect((await s.store.get("users", coordinator))!.erasedAt).toBeUndefined();
  });
});

describe.each(engines)("two coordinators leaving at once on $name", (engine) => {
  it("erases one of them and keeps the other, so the program is never left alone", async () => {
    const s = await open(engine, { value: new Date("2026-12-01T12:00:00Z") });
    const program = (await s.store.get("programs", PILOT_PROGRAM_ID))!;
    const first = program.coordinatorIds[0]!;
    const firstUser = (await s.store.get("users", first))!;
    const second = await s.store.insert("users", {
      ...firstUser,
      id: "u-second-coordinator",
      email: "seconde@exemple.org",
      name: "Seconde Coordonnatrice",
    });
    await s.store.update("programs", PILOT_PROGRAM_ID, {
      coordinatorIds: [first, second.id],
    });
    await s.audit.append({
      id: "aud-both",
      programId: PILOT_PROGRAM_ID,
      at: "2026-12-01T12:00:00.000Z",
      actorId: second.id,
      actorName: second.name,
      action: "approve",
      details: {},
    });
    const results = await Promise.allSettled([
      erasePerson(s, first, "account-deleted"),
      erasePerson(s, second.id, "account-deleted"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected")!;
    expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(SoleCoordinatorError);
    const after = (await s.store.get("programs", PILOT_PROGRAM_ID))!;
    expect(after.coordinatorIds).toHaveLength(1);
    const kept = (await s.store.get("users", after.coordinatorIds[0]!))!;
    expect(kept.erasedAt).toBeUndefined();
    expect(kept.name).not.toBe(ERASED_NAME);
    // The one who stays keeps their name in the audit trail too.
    if (kept.id === second.id)
      expect((await s.audit.list(PILOT_PROGRAM_ID)).at(-1)!.actorName).toBe(second.name);
  });
});

describe("a program's retention setting", () => {
  it("closing records the day, the months set the purge date, reopening forgets it", async () => {
    const now = { value: new Date("2027-03-31T16:00:00Z") };
    const s = await open(engines[0]!, now);
    const program = (await s.store.get("programs", "prog-reemploi-2026"))!;
    const form = (status: string, retentionMonths: string) =>
      programFormSchema.parse({
        title: program.title,
        theme: program.theme,
        subThemes: program.subThemes.join("\n"),
        description: program.description,
        status,
        composition: program.composition,
        regionRule: program.regionRule,
        format: program.format,
        applicationOpens: "",
        applicationCloses: "",
        mentoringStart: program.mentoringStart,
        mentoringEnd: program.mentoringEnd,
        hourBankHours: String(program.hourBankHours),
        cadenceWeeksMin: "2",
        cadenceWeeksMax: "4",
        meetingMinutes: "120",
        mentorCompensation: "0",
        coordination: "0",
        retentionMonths,
      });
    expect(retentionDate(program)).toBeUndefined();
    await updateProgram(s, program.id, form("closed", "11"));
    const closed = (await s.store.get("programs", program.id))!;
    expect(closed.closedAt).toBe(now.value.toISOString());
    // Closed on March 31 (Quebec): eleven months later is the last day of February.
    expect(retentionDate(closed)).toBe("2028-02-29");
    // Saving again keeps the closing day.
    now.value = new Date("2027-05-01T12:00:00Z");
    await updateProgram(s, program.id, form("closed", "12"));
    expect(retentionDate((await s.store.get("programs", program.id))!)).toBe("2028-03-31");
    await updateProgram(s, program.id, form("active", "12"));
    const reopened = (await s.store.get("programs", program.id))!;
    expect(reopened.closedAt).toBeUndefined();
    expect(retentionDate(reopened)).toBeUndefined();
    expect(() => form("closed", "0")).toThrow();
    expect(() => form("closed", "121")).toThrow();
  });
});
