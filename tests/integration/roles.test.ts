/**
 * Roles without a restart (issue #21, ADR 0035), on both engines: the first account of an empty
 * install is its administrator (once, under simultaneous sign-ups), administrators grant and
 * revoke the coordinator role (never leaving a program without a coordinator), a program's
 * coordinators invite co-coordinators, withdraw an invitation still waiting (racing its acceptance,
 * exactly one wins) and step down (two at once leave one), the other coordinators are told when
 * someone joins or leaves, every change is in the audit trail, and a coordinator of one program
 * cannot act on another.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  acceptCoordinatorInvitation,
  inviteCoCoordinator,
  listCoordinators,
  readCoordinatorInvitation,
  stepDown,
  withdrawCoordinatorInvitation,
} from "../../core/models/co-coordinators.server";
import { updateNoticePreferences } from "../../core/models/account.server";
import { checkInvariants } from "../../core/models/invariants";
import {
  grantCoordinator,
  isAdministrator,
  listAccountsAudit,
  pageOfAccounts,
  revokeCoordinator,
} from "../../core/models/roles.server";
import { createUser, getUserByEmail } from "../../core/models/user.server";
import { listAudit } from "../../core/models/group.server";
import { coordinatorAccess, isRefusal } from "../../core/permissions";
import { addCoordinationTime } from "../../core/models/coordination.server";
import { translate } from "../../core/i18n";
import { isDomainError } from "../../core/errors";
import { emptyDocument, type StoreDocument } from "../../core/store/schema";
import { demoDocument } from "../../server/seeds/demo";
import { testServices, type TestServices } from "../helpers/services";
import { startCluster, type PgCluster } from "../setup/pg-cluster";

let cluster: PgCluster;
let databases = 0;
beforeAll(async () => {
  cluster = await startCluster();
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
});

const engines = [
  { name: "lowdb", url: async () => undefined },
  { name: "PostgreSQL", url: () => cluster.createDatabase(`roles_${++databases}`) },
] as const;

const PROGRAM = "prog-reemploi-2026";
const password = "mot-de-passe-solide-21";

async function snapshot(s: TestServices) {
  const doc = emptyDocument() as unknown as Record<string, unknown[]>;
  for (const name of Object.keys(doc)) {
    if (name === "schemaVersion") continue;
    doc[name] = await s.store.find(name as never);
  }
  return doc as unknown as StoreDocument;
}

/** The refusal's French message, as the page shows it. */
async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return translate("fr", error.messageKey, error.params);
  }
  throw new Error("expected a refusal");
}

describe.each(engines)("roles on $name", (engine) => {
  it("makes the first account of an empty install its administrator, once, under simultaneous sign-ups", async () => {
    const s = await testServices({ seed: "empty", databaseUrl: await engine.url() });
    try {
      const created = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          createUser(s, {
            email: `premier${i}@exemple.org`,
            name: `Personne ${i}`,
            password,
            locale: "fr",
          }),
        ),
      );
      const admins = created.filter((u) => u.admin === true);
      expect(admins).toHaveLength(1);
      expect(admins[0]!.role).toBe("coordinator");
      expect(created.filter((u) => u.role === "coordinator")).toHaveLength(1);
      expect(created.filter((u) => isAdministrator(s, u))).toHaveLength(1);
      // A later account is neither.
      const later = await createUser(s, {
        email: "plus.tard@exemple.org",
        name: "Plus Tard",
        password,
        locale: "fr",
      });
      expect([later.admin, later.role]).toEqual([undefined, "participant"]);
    } finally {
      await s.close();
    }
  });

  it("reads administrators' addresses from the configuration at each request", async () => {
    const s = await testServices({
      databaseUrl: await engine.url(),
      config: { adminEmails: [" Amelie@Exemple.org "] },
    });
    try {
      const amelie = (await getUserByEmail(s, "amelie@exemple.org"))!;
      const benoit = (await getUserByEmail(s, "benoit@exemple.org"))!;
      expect(isAdministrator(s, amelie)).toBe(true);
      expect(isAdministrator(s, benoit)).toBe(false);
    } finally {
      await s.close();
    }
  });

  it("grants and revokes the coordinator role, refusing to leave a program without a coordinator, all audited", async () => {
    const s = await testServices({ databaseUrl: await engine.url() });
    try {
      const admin = (await getUserByEmail(s, "coordination@exemple.org"))!;
      const karim = (await getUserByEmail(s, "co.coordination@exemple.org"))!;
      const amelie = (await getUserByEmail(s, "amelie@exemple.org"))!;
      expect(isAdministrator(s, admin)).toBe(true);
      expect(isAdministrator(s, karim)).toBe(false);

      expect(await grantCoordinator(s, admin, amelie.id)).toEqual({
        changed: true,
        name: amelie.name,
      });
      expect(await grantCoordinator(s, admin, amelie.id)).toEqual({
        changed: false,
        name: amelie.name,
      });
      expect((await getUserByEmail(s, "amelie@exemple.org"))!.role).toBe("coordinator");
      // Amélie is told once (the second grant changed nothing), in her language.
      const granted = (await s.store.find("notifications")).filter(
        (n) => n.kind === "coordinatorRoleGranted",
      );
      expect(granted.map((n) => [n.userId, n.link])).toEqual([[amelie.id, "/programs/new"]]);
      expect(
        (await s.mail.list()).filter((m) => m.kind === "coordinatorRoleGranted").map((m) => m.to),
      ).toEqual([amelie.email]);

      // The pilot program has Geneviève alone: her role cannot be taken back.
      const pilot = (await s.store.find("programs")).find((p) => p.id !== PROGRAM)!;
      expect(pilot.coordinatorIds).toEqual([admin.id]);
      expect(await refusal(revokeCoordinator(s, admin, admin.id))).toBe(
        translate("fr", "admin.errors.last-coordinator", { program: pilot.title }),
      );
      // Karim co-coordinates the demo program with Geneviève and, for this test, Amélie: revoking
      // removes him from it; Amélie is told (not Geneviève, who did it, nor Karim).
      const before = (await s.store.get("programs", PROGRAM))!;
      await s.store.update("programs", PROGRAM, {
        coordinatorIds: [...before.coordinatorIds, amelie.id],
      });
      await revokeCoordinator(s, admin, karim.id);
      const demo = (await s.store.get("programs", PROGRAM))!;
      expect(demo.coordinatorIds).toEqual([admin.id, amelie.id]);
      const removedNotices = (await s.store.find("notifications")).filter(
        (n) => n.kind === "coordinatorRemoved",
      );
      expect(removedNotices.map((n) => [n.userId, n.params.name])).toEqual([
        [amelie.id, karim.name],
      ]);
      const removedMails = (await s.mail.list(PROGRAM)).filter(
        (m) => m.kind === "coordinatorRemoved",
      );
      expect(removedMails.map((m) => [m.to, m.subject])).toEqual([
        [amelie.email, `${karim.name} ne coordonne plus « ${demo.title} »`],
      ]);
      // Karim is told himself, with the program he no longer coordinates. A co-coordinator, he
      // never had the account's role (creating programs): the notice does not say he lost it.
      expect(karim.role).toBe("participant");
      const revokedMails = (await s.mail.list()).filter((m) => m.kind === "coordinatorRoleRevoked");
      expect(revokedMails.map((m) => [m.to, m.subject])).toEqual([
        [karim.email, "Vous ne coordonnez plus 1 programme"],
      ]);
      expect(revokedMails[0]!.text).toContain(
        `vous a retiré de la coordination. Vous ne coordonnez plus 1 programme : « ${demo.title} ».`,
      );
      expect(revokedMails[0]!.text).not.toContain("créer de programme");
      await s.store.update("programs", PROGRAM, { coordinatorIds: [admin.id] });
      await revokeCoordinator(s, admin, amelie.id);
      // Amélie coordinated no program any more: her notice says only that she cannot create one.
      const amelieRevoked = (await s.mail.list()).find(
        (m) => m.kind === "coordinatorRoleRevoked" && m.to === amelie.email,
      );
      expect(amelieRevoked?.subject).toBe("Vous n'avez plus le rôle de coordination");
      expect(amelieRevoked?.text).toContain("vous ne pouvez plus créer de programme.");
      expect(amelieRevoked?.text).not.toContain("Vous ne coordonnez plus");
      expect((await getUserByEmail(s, "amelie@exemple.org"))!.role).toBe("participant");

      const changes = await listAccountsAudit(s);
      expect(changes.map((c) => [c.action, c.details.name, c.actorName])).toEqual([
        ["coordinator-revoked", amelie.name, admin.name],
        ["coordinator-revoked", karim.name, admin.name],
        ["coordinator-granted", amelie.name, admin.name],
      ]);
      const programTrail = await listAudit(s, PROGRAM);
      expect(programTrail[0]).toMatchObject({
        action: "coordinator-removed",
        details: { userId: karim.id },
      });

      const { rows, pageInfo } = await pageOfAccounts(s, "geneviève", 1);
      expect(pageInfo.total).toBe(1);
      expect(rows[0]).toMatchObject({ email: admin.email, admin: true, role: "coordinator" });
      const genevieveRuns = (await s.store.find("programs"))
        .filter((p) => p.coordinatorIds.includes(admin.id))
        .map((p) => p.id);
      expect(genevieveRuns).toContain(pilot.id);
      expect(rows[0]!.programs.map((p) => p.id).sort()).toEqual(genevieveRuns.sort());
      expect(checkInvariants(await snapshot(s))).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it("invites a co-coordinator by e-mail: one use, by that address, for that program only", async () => {
    const s = await testServices({ databaseUrl: await engine.url() });
    try {
      const genevieve = (await getUserByEmail(s, "coordination@exemple.org"))!;
      const { token } = await inviteCoCoordinator(
        s,
        genevieve,
        PROGRAM,
        "Nouvelle.Table@Exemple.org",
      );
      const mail = (await s.mail.list(PROGRAM)).find((m) => m.kind === "coCoordinatorInvitation")!;
      expect(mail.to).toBe("nouvelle.table@exemple.org");
      expect(mail.text).toContain(`/co-coordination/${token}`);

      const stranger = await createUser(s, {
        email: "autre@exemple.org",
        name: "Autre",
        password,
        locale: "fr",
      });
      expect(await refusal(acceptCoordinatorInvitation(s, token, stranger))).toBe(
        translate("fr", "coCoordinators.errors.wrong-email", {
          email: "nouvelle.table@exemple.org",
        }),
      );
      const invited = await createUser(s, {
        email: "nouvelle.table@exemple.org",
        name: "Nouvelle Table",
        password,
        locale: "fr",
      });
      const program = await acceptCoordinatorInvitation(s, token, invited);
      expect(program.coordinatorIds).toContain(invited.id);
      // A double click: the same answer, nothing more.
      expect((await acceptCoordinatorInvitation(s, token, invited)).coordinatorIds).toEqual(
        program.coordinatorIds,
      );
      expect((await readCoordinatorInvitation(s, token)).state).toBe("used");
      // Coordinator of this program, not of the pilot, and no right to create programs.
      const pilot = (await s.store.find("programs")).find((p) => p.id !== PROGRAM)!;
      expect(isRefusal(await coordinatorAccess(s, invited.id, PROGRAM))).toBe(false);
      expect(await coordinatorAccess(s, invited.id, pilot.id)).toBe("not_found");
      expect((await getUserByEmail(s, invited.email))!.role).toBe("participant");
      // A model's own check, reached without the page: no time logged on another program.
      await expect(
        addCoordinationTime(s, pilot.id, invited, {
          date: "2026-11-02",
          hours: 1,
          task: "follow-up",
          note: "",
        }),
      ).rejects.toMatchObject({ code: "not-coordinator" });
      // Someone already in the program as a participant cannot also coordinate it.
      expect(await refusal(inviteCoCoordinator(s, genevieve, PROGRAM, "amelie@exemple.org"))).toBe(
        translate("fr", "coCoordinators.errors.participant", { email: "amelie@exemple.org" }),
      );
      const trail = (await listAudit(s, PROGRAM)).map((e) => e.action);
      expect(trail.slice(0, 2)).toEqual(["co-coordinator-joined", "co-coordinator-invited"]);
    } finally {
      await s.close();
    }
  });

  it("refuses an expired or replaced invitation", async () => {
    let now = new Date("2026-11-01T12:00:00Z");
    const s = await testServices({ databaseUrl: await engine.url(), clock: { now: () => now } });
    try {
      const genevieve = (await getUserByEmail(s, "coordination@exemple.org"))!;
      const first = await inviteCoCoordinator(s, genevieve, PROGRAM, "table@exemple.org");
      const second = await inviteCoCoordinator(s, genevieve, PROGRAM, "table@exemple.org");
      const person = await createUser(s, {
        email: "table@exemple.org",
        name: "Table",
        password,
        locale: "fr",
      });
      expect(await refusal(acceptCoordinatorInvitation(s, first.token, person))).toBe(
        translate("fr", "coCoordinators.errors.withdrawn"),
      );
      expect((await readCoordinatorInvitation(s, first.token)).state).toBe("withdrawn");
      now = new Date("2026-11-16T12:00:00Z");
      expect(await refusal(acceptCoordinatorInvitation(s, second.token, person))).toBe(
        translate("fr", "coCoordinators.errors.expired"),
      );
    } finally {
      await s.close();
    }
  });

  it("withdraws an invitation still waiting: its link says so, once, and only the program's coordinators may", async () => {
    const s = await testServices({ databaseUrl: await engine.url() });
    try {
      const genevieve = (await getUserByEmail(s, "coordination@exemple.org"))!;
      const karim = (await getUserByEmail(s, "co.coordination@exemple.org"))!;
      const amelie = (await getUserByEmail(s, "amelie@exemple.org"))!;
      const { invitation, token } = await inviteCoCoordinator(
        s,
        genevieve,
        PROGRAM,
        "mauvaise.adresse@exemple.org",
      );
      const program = (await s.store.get("programs", PROGRAM))!;
      // Newest first, after the one the demo's regional table has not answered yet.
      expect((await listCoordinators(s, program)).pending.map((p) => p.email)).toEqual([
        "mauvaise.adresse@exemple.org",
        "table.regionale@exemple.org",
      ]);
      // A participant of the program does not learn of it: the page's 404.
      await expect(
        withdrawCoordinatorInvitation(s, amelie, PROGRAM, invitation.id),
      ).rejects.toMatchObject({ status: 404 });
      // Nor can the pilot's invitation be reached through the demo program.
      const pilot = (await s.store.find("programs")).find((p) => p.id !== PROGRAM)!;
      const elsewhere = await inviteCoCoordinator(s, genevieve, pilot.id, "ailleurs@exemple.org");
      await expect(
        withdrawCoordinatorInvitation(s, karim, PROGRAM, elsewhere.invitation.id),
      ).rejects.toMatchObject({ status: 404 });
      expect((await readCoordinatorInvitation(s, elsewhere.token)).state).toBe("valid");

      // The co-coordinator withdraws the one Geneviève sent; twice (a double click) is once.
      expect(await withdrawCoordinatorInvitation(s, karim, PROGRAM, invitation.id)).toEqual({
        email: "mauvaise.adresse@exemple.org",
        changed: true,
      });
      expect(await withdrawCoordinatorInvitation(s, karim, PROGRAM, invitation.id)).toEqual({
        email: "mauvaise.adresse@exemple.org",
        changed: false,
      });
      expect((await listCoordinators(s, program)).pending.map((p) => p.email)).toEqual([
        "table.regionale@exemple.org",
      ]);
      expect((await readCoordinatorInvitation(s, token)).state).toBe("withdrawn");
      const person = await createUser(s, {
        email: "mauvaise.adresse@exemple.org",
        name: "Mauvaise Adresse",
        password,
        locale: "fr",
      });
      expect(await refusal(acceptCoordinatorInvitation(s, token, person))).toBe(
        translate("fr", "coCoordinators.errors.withdrawn"),
      );
      expect((await s.store.get("programs", PROGRAM))!.coordinatorIds).not.toContain(person.id);
      const trail = (await listAudit(s, PROGRAM)).filter(
        (e) => e.action === "co-coordinator-invitation-withdrawn",
      );
      expect(trail.map((e) => [e.actorName, e.details.email])).toEqual([
        [karim.name, "mauvaise.adresse@exemple.org"],
      ]);

      // An invitation accepted in the meantime is not withdrawn: the page says who joined.
      const accepted = await inviteCoCoordinator(s, genevieve, PROGRAM, "rapide@exemple.org");
      const fast = await createUser(s, {
        email: "rapide@exemple.org",
        name: "Rapide",
        password,
        locale: "fr",
      });
      await acceptCoordinatorInvitation(s, accepted.token, fast);
      expect(
        await refusal(withdrawCoordinatorInvitation(s, genevieve, PROGRAM, accepted.invitation.id)),
      ).toBe(
        translate("fr", "coCoordinators.errors.accepted-meanwhile", {
          email: "rapide@exemple.org",
        }),
      );
      expect((await s.store.get("programs", PROGRAM))!.coordinatorIds).toContain(fast.id);
      expect((await readCoordinatorInvitation(s, accepted.token)).state).toBe("used");
    } finally {
      await s.close();
    }
  });

  it("a withdrawal racing the acceptance: exactly one wins, and the state agrees with it", async () => {
    const s = await testServices({ databaseUrl: await engine.url() });
    try {
      const genevieve = (await getUserByEmail(s, "coordination@exemple.org"))!;
      const karim = (await getUserByEmail(s, "co.coordination@exemple.org"))!;
      for (let round = 0; round < 4; round++) {
        const email = `course${round}@exemple.org`;
        const { invitation, token } = await inviteCoCoordinator(s, genevieve, PROGRAM, email);
        const person = await createUser(s, {
          email,
          name: `Course ${round}`,
          password,
          locale: "fr",
        });
        // Each order in turn: who starts first does not decide the state's consistency.
        const withdraw = () => withdrawCoordinatorInvitation(s, karim, PROGRAM, invitation.id);
        const accept = () => acceptCoordinatorInvitation(s, token, person);
        const [withdrawn, accepted] =
          round % 2 === 0
            ? await Promise.allSettled([withdraw(), accept()])
            : await Promise.allSettled([accept(), withdraw()]).then(([a, w]) => [w, a] as const);
        expect([withdrawn!.status, accepted!.status].filter((x) => x === "fulfilled")).toHaveLength(
          1,
        );
        const stored = (await s.store.get("coordinatorInvitations", invitation.id))!;
        const coordinatorIds = (await s.store.get("programs", PROGRAM))!.coordinatorIds;
        const trail = (await listAudit(s, PROGRAM))
          .filter((e) => e.details.email === email)
          .map((e) => e.action);
        const joinedNotices = (
          await s.store.find("notifications", { userId: genevieve.id })
        ).filter((n) => n.kind === "coCoordinatorJoined" && n.params.name === person.name);
        if (accepted!.status === "fulfilled") {
          // The coordinator who lost is told the person joined meanwhile.
          expect(withdrawn).toMatchObject({
            reason: { code: "co-coordination-accepted-meanwhile" },
          });
          expect(coordinatorIds).toContain(person.id);
          expect([stored.usedBy, stored.withdrawnAt]).toEqual([person.id, undefined]);
          expect((await readCoordinatorInvitation(s, token)).state).toBe("used");
          expect(trail).not.toContain("co-coordinator-invitation-withdrawn");
          expect(trail).toContain("co-coordinator-joined");
          expect(joinedNotices).toHaveLength(1);
        } else {
          expect(accepted).toMatchObject({ reason: { code: "co-coordination-withdrawn" } });
          expect(coordinatorIds).not.toContain(person.id);
          expect(stored.usedAt).toBeUndefined();
          expect(stored.withdrawnAt).toBeDefined();
          expect((await readCoordinatorInvitation(s, token)).state).toBe("withdrawn");
          expect(trail).toContain("co-coordinator-invitation-withdrawn");
          expect(trail).not.toContain("co-coordinator-joined");
          expect(joinedNotices).toHaveLength(0);
        }
      }
      expect(checkInvariants(await snapshot(s))).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it("tells the other coordinators, each in their language, when someone joins and when someone steps down", async () => {
    const s = await testServices({ databaseUrl: await engine.url() });
    try {
      const genevieve = (await getUserByEmail(s, "coordination@exemple.org"))!;
      const karim = (await getUserByEmail(s, "co.coordination@exemple.org"))!;
      await s.store.update("users", karim.id, { locale: "en" });
      const program = (await s.store.get("programs", PROGRAM))!;
      const told = async (userId: string, kind: string) => {
        const user = (await s.store.get("users", userId))!;
        const notices = (await s.store.find("notifications", { userId })).filter(
          (n) => n.kind === kind,
        );
        const mails = (await s.mail.list(PROGRAM)).filter(
          (m) => m.kind === kind && m.to === user.email,
        );
        return { notices, mails };
      };

      const { token } = await inviteCoCoordinator(s, genevieve, PROGRAM, "solene@exemple.org");
      const solene = await createUser(s, {
        email: "solene@exemple.org",
        name: "Solène Tremblay",
        password,
        locale: "fr",
      });
      await acceptCoordinatorInvitation(s, token, solene);
      // A double click tells nobody twice.
      await acceptCoordinatorInvitation(s, token, solene);
      const toGenevieve = await told(genevieve.id, "coCoordinatorJoined");
      expect(toGenevieve.notices).toHaveLength(1);
      expect(toGenevieve.mails.map((m) => m.subject)).toEqual([
        `Solène Tremblay coordonne maintenant « ${program.title} »`,
      ]);
      expect(toGenevieve.mails[0]!.text).toContain(`/programs/${PROGRAM}/coordinators`);
      const toKarim = await told(karim.id, "coCoordinatorJoined");
      expect(toKarim.notices).toHaveLength(1);
      expect(toKarim.mails.map((m) => m.subject)).toEqual([
        `Solène Tremblay now coordinates “${program.title}”`,
      ]);
      // Who joined is not told of their own act.
      expect(await told(solene.id, "coCoordinatorJoined")).toEqual({ notices: [], mails: [] });

      // Solène turned the coordination e-mails off: the notice, no e-mail.
      await updateNoticePreferences(s, solene.id, [
        "reminders",
        "announcements",
        "groups",
        "requests",
      ]);
      await stepDown(s, genevieve, PROGRAM);
      const toSolene = await told(solene.id, "coordinatorSteppedDown");
      expect([toSolene.notices.length, toSolene.mails.length]).toEqual([1, 0]);
      expect(toSolene.notices[0]!.params).toEqual({
        name: genevieve.name,
        program: program.title,
      });
      const karimTold = await told(karim.id, "coordinatorSteppedDown");
      expect(karimTold.notices).toHaveLength(1);
      expect(karimTold.mails.map((m) => m.subject)).toEqual([
        `${genevieve.name} left the coordination of “${program.title}”`,
      ]);
      expect(await told(genevieve.id, "coordinatorSteppedDown")).toEqual({
        notices: [],
        mails: [],
      });
      // A refused step-down (the last coordinator) tells nobody.
      await stepDown(s, karim, PROGRAM);
      await expect(stepDown(s, solene, PROGRAM)).rejects.toMatchObject({ status: 409 });
      expect((await told(karim.id, "coordinatorSteppedDown")).notices).toHaveLength(1);
      expect((await told(solene.id, "coordinatorSteppedDown")).notices).toHaveLength(2);
    } finally {
      await s.close();
    }
  });

  it("lets coordinators step down at once, leaving exactly one", async () => {
    const s = await testServices({ databaseUrl: await engine.url() });
    try {
      const genevieve = (await getUserByEmail(s, "coordination@exemple.org"))!;
      const karim = (await getUserByEmail(s, "co.coordination@exemple.org"))!;
      const results = await Promise.allSettled([
        stepDown(s, genevieve, PROGRAM),
        stepDown(s, karim, PROGRAM),
        stepDown(s, genevieve, PROGRAM),
        stepDown(s, karim, PROGRAM),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const program = (await s.store.get("programs", PROGRAM))!;
      expect(program.coordinatorIds).toHaveLength(1);
      expect(
        await refusal(stepDown(s, { id: program.coordinatorIds[0]!, name: "x" }, PROGRAM)),
      ).toBe(translate("fr", "coCoordinators.errors.last-coordinator", { program: program.title }));
      const trail = await listAudit(s, PROGRAM);
      expect(trail.filter((e) => e.action === "coordinator-stepped-down")).toHaveLength(1);
      expect(checkInvariants(await snapshot(s))).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it("a revocation racing a step-down still leaves the program a coordinator", async () => {
    const s = await testServices({ databaseUrl: await engine.url() });
    try {
      const genevieve = (await getUserByEmail(s, "coordination@exemple.org"))!;
      const karim = (await getUserByEmail(s, "co.coordination@exemple.org"))!;
      await Promise.allSettled([
        revokeCoordinator(s, genevieve, karim.id),
        stepDown(s, genevieve, PROGRAM),
      ]);
      const program = (await s.store.get("programs", PROGRAM))!;
      expect(program.coordinatorIds).toHaveLength(1);
      expect(checkInvariants(await snapshot(s))).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

it("the invariant checker reports a program without a coordinator", async () => {
  const doc = await demoDocument();
  const program = doc.programs!.find((p) => p.id === PROGRAM)!;
  program.coordinatorIds = [];
  const others = doc.programs!.find((p) => p.id !== PROGRAM)!;
  others.coordinatorIds = [others.coordinatorIds[0]!, others.coordinatorIds[0]!];
  const breaches = checkInvariants(doc as unknown as StoreDocument).filter(
    (b) => b.invariant === "program-has-coordinator",
  );
  expect(breaches.map((b) => b.detail)).toEqual([
    `program ${PROGRAM} has no coordinator`,
    `program ${others.id} lists a coordinator twice`,
  ]);
});
