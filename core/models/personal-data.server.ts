/**
 * A person's data: what they can take (`exportPersonalData`, `personalDataArchive`), how their
 * account is erased (`erasePerson`) and how a closed program's personal information is purged once
 * its retention period is over (`purgeProgramPersonalData`). Deletion and retention apply the same
 * rules, written once here (`eraseParticipant`, `scrubRecords`, `scrubLogs`): what identifies a person
 * goes, what the program's anonymized report counts stays. docs/decisions/0038-personal-data.md,
 * docs/personal-data-export.md.
 */
import { createGzip } from "node:zlib";
import { PassThrough } from "node:stream";
import { randomBytes } from "node:crypto";
import tar from "tar-stream";
import type { EntityOf, StoreReader, StoreWriter } from "../store";
import { collectionNames } from "../store/schema";
import type { Services } from "../services";
import { DomainError } from "../errors";
import { hashPassword, verifyPassword } from "../security/password";
import { quebecDate, quebecToday } from "../utils/quebec-time";

type Program = EntityOf<"programs">;
type Participant = EntityOf<"participants">;

/** What replaces an erased person's name, everywhere it was written. */
export const ERASED_NAME = "Personne supprimée";
/** What replaces the name of an organization nobody else uses any more. */
export const ERASED_ORGANIZATION = "Organisation supprimée";
/** What replaces a free text whose author is erased (or whose program was purged). */
export const ERASED_TEXT = "[supprimé]";
/** The archive's JSON shape (docs/personal-data-export.md). */
export const EXPORT_FORMAT = "maillage-personal-data";
export const EXPORT_VERSION = 1;

// ─── Who may be erased ──────────────────────────────────────────────────────────────────────────

/**
 * The programs this person is the only coordinator of: erasing the account would leave them
 * without anyone to run them. The one place that answers it (a list of coordinators per program).
 */
export async function programsOnlyCoordinatedBy(
  r: StoreReader,
  userId: string,
): Promise<Array<{ id: string; title: string }>> {
  return (await r.find("programs"))
    .filter((p) => p.coordinatorIds.length === 1 && p.coordinatorIds[0] === userId)
    .map((p) => ({ id: p.id, title: p.title }));
}

/** The account would leave a program without coordinator. */
export class SoleCoordinatorError extends DomainError {
  constructor(readonly programs: ReadonlyArray<{ id: string; title: string }>) {
    super({
      name: "SoleCoordinatorError",
      code: "sole-coordinator",
      messageKey: "accountDelete.soleCoordinator",
      params: { programs: programs.map((p) => `« ${p.title} »`).join(", ") },
      status: 409,
      field: "password",
    });
  }
}

/** The password typed to confirm the deletion is not the account's. */
export class WrongPasswordError extends DomainError {
  constructor() {
    super({
      name: "WrongPasswordError",
      code: "wrong-password",
      messageKey: "accountDelete.wrongPassword",
      status: 400,
      field: "password",
    });
  }
}

// ─── Finding a person's name in a text ──────────────────────────────────────────────────────────

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A function that replaces every occurrence of these terms (names, addresses) in a text, whatever
 * their case and spacing, in composed or decomposed accents. Terms of fewer than three letters are
 * ignored (they would hit ordinary words).
 */
export function nameScrubber(
  terms: ReadonlyArray<{ text: string; replacement: string }>,
): (text: string) => string {
  const patterns: Array<{ re: RegExp; replacement: string }> = [];
  for (const { text, replacement } of terms) {
    const term = text.trim();
    if (term.replace(/[^\p{L}\p{N}]/gu, "").length < 3) continue;
    for (const form of new Set([term.normalize("NFC"), term.normalize("NFD")])) {
      const source = form.split(/\s+/).map(escapeRegExp).join("\\s+");
      patterns.push({ re: new RegExp(source, "giu"), replacement });
    }
  }
  // Longest first: "Louise Bérubé" before "Bérubé" when both are terms.
  patterns.sort((a, b) => b.re.source.length - a.re.source.length);
  return (text) => {
    let out = text;
    for (const { re, replacement } of patterns) out = out.replace(re, replacement);
    return out;
  };
}

/** `value` with `scrub` applied to every string inside it; the same object when nothing changed. */
export function deepScrub<T>(value: T, scrub: (text: string) => string): T {
  if (typeof value === "string") return scrub(value) as T;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item: unknown) => {
      const next = deepScrub(item, scrub);
      if (next !== item) changed = true;
      return next;
    });
    return (changed ? out : value) as T;
  }
  if (value && typeof value === "object") {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const next = deepScrub(item, scrub);
      if (next !== item) changed = true;
      out[key] = next;
    }
    return (changed ? out : value) as T;
  }
  return value;
}

/** What to find and replace for one erasure. */
interface Erasure {
  scrub: (text: string) => string;
  /** Exact e-mail fields holding one of these addresses get the placeholder address. */
  emails: Set<string>;
  placeholderEmail: string;
}

function erasureOf(
  names: readonly string[],
  emails: readonly string[],
  organizations: readonly string[],
  placeholderEmail: string,
): Erasure {
  const scrub = nameScrubber([
    ...names.map((text) => ({ text, replacement: ERASED_NAME })),
    ...organizations.map((text) => ({ text, replacement: ERASED_ORGANIZATION })),
    ...emails.map((text) => ({ text, replacement: placeholderEmail })),
  ]);
  return {
    scrub,
    emails: new Set(emails.map((e) => e.trim().toLowerCase()).filter(Boolean)),
    placeholderEmail,
  };
}

/**
 * Every record of the store with the names and addresses replaced (another member's meeting notes,
 * a reason of the solver, a notice, a remembered form answer…). Fields that must hold an e-mail
 * address get the placeholder address.
 */
async function scrubRecords(tx: StoreWriter, erasure: Erasure) {
  for (const collection of collectionNames) {
    // Accounts are people's own records: the erased one is rewritten on its own (erasePerson);
    // another one is never touched, even a namesake's.
    if (collection === "users") continue;
    for (const record of await tx.find(collection)) {
      const next = deepScrub(record, (text) =>
        erasure.emails.has(text.trim().toLowerCase())
          ? erasure.placeholderEmail
          : erasure.scrub(text),
      );
      if (next !== record) await tx.update(collection, record.id, next as never);
    }
  }
}

// ─── The logs beside the store ──────────────────────────────────────────────────────────────────

/**
 * The audit trails of these programs and the chats of these events, rewritten atomically per
 * stream (append-log.ts, pg-logs.ts): the person's own lines lose their name (audit) or their text
 * (chat), and every other line loses the names and addresses it holds.
 */
async function scrubLogs(
  s: Services,
  input: { programIds: readonly string[]; eventIds: readonly string[]; authorIds: Set<string> },
  erasure: Erasure,
) {
  for (const programId of input.programIds) {
    await s.audit.rewrite(programId, (entry) => {
      const named = input.authorIds.has(entry.actorId)
        ? { ...entry, actorName: ERASED_NAME }
        : entry;
      return deepScrub(named, erasure.scrub);
    });
  }
  for (const eventId of input.eventIds) {
    await s.chat.rewrite(eventId, (message) => {
      if (input.authorIds.has(message.authorId))
        return { ...message, authorName: ERASED_NAME, text: ERASED_TEXT };
      return deepScrub(message, erasure.scrub);
    });
  }
}

// ─── The rules for one participation ────────────────────────────────────────────────────────────

/**
 * One participation's personal information removed, in the transaction `tx`. What the report counts
 * stays: the seat, its role and organization (its region), the hours, the meetings, the answers'
 * figures (appreciation, objectives reached, keep meeting), the validated interviews' figures. What
 * the person wrote goes: profile texts, check-ins, ratings given, their questionnaires' texts and
 * quote consent, their interviews' texts, their tools' files. Returns the uploads to remove once
 * committed.
 */
async function eraseParticipant(tx: StoreWriter, p: Participant): Promise<string[]> {
  const files: string[] = [];
  await tx.update("participants", p.id, {
    published: false,
    profile: {
      ...p.profile,
      sector: "",
      field: "",
      needsText: "",
      expertiseText: "",
    },
    applicationId: undefined,
  });
  if (p.applicationId) {
    const application = await tx.get("applications", p.applicationId);
    if (application) await tx.remove("applications", application.id);
  }
  for (const rating of await tx.find("ratings", { fromParticipantId: p.id }))
    await tx.remove("ratings", rating.id);
  for (const checkIn of await tx.find("checkIns", { participantId: p.id }))
    await tx.remove("checkIns", checkIn.id);
  for (const entry of await tx.find("hourEntries", { participantId: p.id }))
    if (entry.note) await tx.update("hourEntries", entry.id, { note: "" });
  for (const r of await tx.find("evaluationResponses", { participantId: p.id })) {
    await tx.update("evaluationResponses", r.id, {
      comment: "",
      quoteConsent: false,
      objectives: [],
      successFactors: "",
      difficulties: "",
      learning: "",
      recommendations: "",
    });
  }
  for (const interview of await tx.find("interviews", { participantId: p.id })) {
    await tx.update("interviews", interview.id, {
      place: "",
      correction: undefined,
      notes: interview.notes
        ? { ...interview.notes, learning: ERASED_TEXT, recommendations: "" }
        : undefined,
    });
  }
  for (const tool of await tx.find("tools", { authorId: p.id })) {
    if (tool.file) files.push(tool.file.storedAs);
    await tx.update("tools", tool.id, {
      file: undefined,
      url: undefined,
      description: "",
      shareRequest: undefined,
    });
  }
  for (const proposal of await tx.find("groupProposals", { proposerId: p.id }))
    if (proposal.message) await tx.update("groupProposals", proposal.id, { message: "" });
  return files;
}

// ─── The addresses an account had ──────────────────────────────────────────────────────────────

/**
 * The addresses of an account over time: each former one (`formerEmails`) from the previous change
 * (or always, for the first) until its own change, the current one from the last change on. The
 * applications sent from an address while it was the account's are the person's; what was sent
 * from it before or after (someone else's since) is not.
 */
export function addressPeriods(
  user: Pick<EntityOf<"users">, "email" | "formerEmails">,
): Array<{ email: string; from?: string; until?: string }> {
  const former = [...(user.formerEmails ?? [])].sort((a, b) => a.until.localeCompare(b.until));
  const periods: Array<{ email: string; from?: string; until?: string }> = former.map((f, i) => ({
    email: f.email.trim().toLowerCase(),
    from: former[i - 1]?.until,
    until: f.until,
  }));
  periods.push({ email: user.email.trim().toLowerCase(), from: former.at(-1)?.until });
  return periods;
}

/**
 * Whether an application is the person's: linked to one of their participations, or sent from one
 * of their addresses while it was theirs (its contact or its organization's address).
 */
function isOwnApplication(
  application: EntityOf<"applications">,
  participantIds: ReadonlySet<string>,
  periods: ReturnType<typeof addressPeriods>,
): boolean {
  if (application.participantId && participantIds.has(application.participantId)) return true;
  const at = application.createdAt;
  return [application.email, application.contactEmail].some((e) => {
    const address = e.trim().toLowerCase();
    return periods.some(
      (p) => p.email === address && (!p.from || at >= p.from) && (!p.until || at < p.until),
    );
  });
}

// ─── Deleting an account ────────────────────────────────────────────────────────────────────────

export type ErasureReason = "account-deleted";

/**
 * Erases a person's account (they asked for it; `reason` is kept in the log line). The account
 * record stays with a placeholder name, an address nobody owns and a password nobody knows, so that
 * the groups they were in keep their shape and the programs' figures stay right; everything they
 * wrote or that names them is removed or replaced (see `eraseParticipant`, `scrubRecords`,
 * `scrubLogs`), their sessions end, their e-mails leave the outbox, their uploads are deleted.
 * Refused (SoleCoordinatorError) when they are the only coordinator of a program. The same call
 * twice has one effect.
 */
export async function erasePerson(s: Services, userId: string, reason: ErasureReason) {
  const plan = await erasurePlan(s, userId);
  if (!plan) return;
  const files = await s.store.transaction(async (tx) => {
    const user = await tx.get("users", userId);
    if (!user || user.erasedAt) return undefined;
    const sole = await programsOnlyCoordinatedBy(tx, userId);
    if (sole.length) throw new SoleCoordinatorError(sole);
    // The logs first, inside the transaction (once the rule is checked, while the name is still
    // known): if they fail, nothing of the store changes and the person can try again; after the
    // commit, once more for the lines written meanwhile.
    await scrubLogs(s, plan.logs, plan.erasure);
    const files: string[] = [];
    for (const p of await tx.find("participants", { userId }))
      files.push(...(await eraseParticipant(tx, p)));
    for (const program of await tx.find("programs")) {
      if (program.coordinatorIds.includes(userId))
        await tx.update("programs", program.id, {
          coordinatorIds: program.coordinatorIds.filter((id) => id !== userId),
        });
    }
    for (const note of await tx.find("observerNotes", { createdBy: userId }))
      await tx.remove("observerNotes", note.id);
    for (const entry of await tx.find("coordinationEntries", { userId }))
      if (entry.note) await tx.update("coordinationEntries", entry.id, { note: "" });
    for (const session of await tx.find("sessions", { userId }))
      await tx.remove("sessions", session.id);
    for (const notice of await tx.find("notifications", { userId }))
      await tx.remove("notifications", notice.id);
    for (const id of plan.applicationIds)
      if (await tx.get("applications", id)) await tx.remove("applications", id);
    await tx.update("users", userId, {
      name: ERASED_NAME,
      email: plan.erasure.placeholderEmail,
      passwordHash: plan.passwordHash,
      erasedAt: s.clock.now().toISOString(),
      formerEmails: undefined,
    });
    // Messages to the person are dropped (never sent to the placeholder), at any address they
    // had (`userId`: the notice sent to a former address names the old and the new one); the
    // others lose the names and addresses they hold with every other record (scrubRecords).
    for (const message of await tx.find("outbox"))
      if (message.userId === userId || plan.erasure.emails.has(message.to.trim().toLowerCase()))
        await tx.remove("outbox", message.id);
    await scrubRecords(tx, plan.erasure);
    return files;
  });
  if (!files) return;
  // Once committed (a route's action commits with its whole transaction): the lines written
  // meanwhile, the uploaded files.
  await s.store.afterCommit(async () => {
    await scrubLogs(s, plan.logs, plan.erasure);
    for (const file of files) await s.uploads.remove(file);
    console.log(`personal data: account ${userId} erased (${reason})`);
    // The live sessions of their programs stop showing their name, in every process.
    s.erasures.emit(plan.logs.eventIds);
  });
}

/** What an erasure will look for, read before it (undefined: nothing to erase). */
async function erasurePlan(s: Services, userId: string) {
  const store = s.store;
  const user = await store.get("users", userId);
  if (!user || user.erasedAt) return undefined;
  const sole = await programsOnlyCoordinatedBy(store, userId);
  if (sole.length) throw new SoleCoordinatorError(sole);
  // Every address the account had, but one another account holds now (theirs since).
  const periods = addressPeriods(user);
  const othersHold = new Set(
    (await store.find("users"))
      .filter((u) => u.id !== userId && !u.erasedAt)
      .map((u) => u.email.trim().toLowerCase()),
  );
  const addresses = [...new Set(periods.map((p) => p.email))].filter((e) => !othersHold.has(e));
  const participants = await store.find("participants", { userId });
  const allParticipants = await store.find("participants");
  const mine = new Set(participants.map((p) => p.id));
  const applications = (await store.find("applications")).filter((a) =>
    isOwnApplication(a, mine, periods),
  );
  // An organization's name goes when no one else's participation names it.
  const othersOrgs = new Set(
    allParticipants.filter((p) => !mine.has(p.id)).map((p) => p.organizationId),
  );
  const organizations = (
    await Promise.all(
      [...new Set(participants.map((p) => p.organizationId))]
        .filter((id) => !othersOrgs.has(id))
        .map((id) => store.get("organizations", id)),
    )
  ).filter((o) => o !== undefined);
  const erasure = erasureOf(
    [user.name, ...applications.map((a) => a.contactName)],
    [...addresses, ...applications.flatMap((a) => [a.email, a.contactEmail])].filter(
      (e) => e && !othersHold.has(e.trim().toLowerCase()),
    ),
    [...organizations.map((o) => o.name), ...applications.map((a) => a.organizationName)],
    `personne-supprimee-${randomBytes(8).toString("hex")}@maillage.invalid`,
  );
  const programs = await store.find("programs");
  const programIds = new Set(participants.map((p) => p.programId));
  for (const p of programs) if (p.coordinatorIds.includes(userId)) programIds.add(p.id);
  const events = (await store.find("events")).filter((e) => programIds.has(e.programId));
  return {
    erasure,
    organizations,
    /** Their interest forms (isOwnApplication), removed whole. */
    applicationIds: applications.map((a) => a.id),
    // Every program's trail: a line of any program may name the person.
    logs: {
      programIds: programs.map((p) => p.id),
      eventIds: events.map((e) => e.id),
      authorIds: new Set([userId, ...mine]),
    },
    passwordHash: await hashPassword(randomBytes(32).toString("base64url")),
  };
}

/**
 * The deletion a person asks for on /account/delete: their password confirms it (checked here, in
 * the same call, so no other path can skip it).
 */
export async function deleteOwnAccount(s: Services, userId: string, password: string) {
  const user = await s.store.get("users", userId);
  if (!user || user.erasedAt) return;
  if (!(await verifyPassword(password, user.passwordHash))) throw new WrongPasswordError();
  const sole = await programsOnlyCoordinatedBy(s.store, userId);
  if (sole.length) throw new SoleCoordinatorError(sole);
  await erasePerson(s, userId, "account-deleted");
}

// ─── Retention ──────────────────────────────────────────────────────────────────────────────────

/** The Quebec day `date` plus `months` (the last day of a shorter month: Jan 31 + 1 = Feb 28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/**
 * The day a closed program's personal information is purged: its closing day (or, for a program
 * closed before that was recorded, its end date) plus its retention period. Undefined while open.
 */
export function retentionDate(
  program: Pick<Program, "status" | "closedAt" | "mentoringEnd" | "retentionMonths">,
): string | undefined {
  if (program.status !== "closed") return undefined;
  const closed = program.closedAt ? quebecDate(program.closedAt) : program.mentoringEnd;
  return addMonths(closed, program.retentionMonths);
}

/**
 * Purges a closed program's personal information: every participation loses what `eraseParticipant`
 * removes, and what is the program's own and personal goes too (applications, invitations, ratings,
 * room notes, check-ins, agreements, action plans, proposals, the solver's runs and reasons, meeting
 * and co-development texts, observer notes, notices, the audit trail and the chats). The records the
 * report counts stay, so its figures are the same. The program is marked in the same transaction
 * that purges it, so two processes never purge it twice; the logs and files follow the commit (and
 * are purged again, harmlessly, if the job runs while they are). Returns false when there was
 * nothing to purge.
 */
export async function purgeProgramPersonalData(s: Services, programId: string): Promise<boolean> {
  const result = await s.store.transaction(async (tx) => {
    const program = await tx.get("programs", programId);
    if (!program || program.personalDataPurgedAt) return undefined;
    const files: string[] = [];
    const participants = await tx.find("participants", { programId });
    for (const p of participants) files.push(...(await eraseParticipant(tx, p)));
    const groups = await tx.find("groups", { programId });
    const groupIds = new Set(groups.map((g) => g.id));
    for (const g of groups)
      await tx.update("groups", g.id, {
        explanation: undefined,
        calendarTokenHash: undefined,
        observerInvitation: undefined,
      });
    const inGroups = async <
      C extends
        "meetings" | "codevSessions" | "agreements" | "actionItems" | "checkIns" | "hourEntries",
    >(
      collection: C,
    ) => (await tx.find(collection)).filter((r) => groupIds.has(r.groupId)) as EntityOf<C>[];
    for (const m of await inGroups("meetings"))
      await tx.update("meetings", m.id, {
        place: "",
        agenda: "",
        notes: "",
        tools: "",
        statusReason: "",
        theme: m.theme,
      });
    for (const c of await inGroups("codevSessions"))
      await tx.update("codevSessions", c.id, {
        subject: "",
        notes: c.notes.map(() => ""),
        actionItems: [],
      });
    for (const a of await inGroups("agreements")) await tx.remove("agreements", a.id);
    for (const a of await inGroups("actionItems")) await tx.remove("actionItems", a.id);
    for (const c of await inGroups("checkIns")) await tx.remove("checkIns", c.id);
    for (const e of await inGroups("hourEntries"))
      if (e.note) await tx.update("hourEntries", e.id, { note: "" });
    for (const tool of await tx.find("tools", { programId })) {
      if (tool.file) files.push(tool.file.storedAs);
      await tx.update("tools", tool.id, {
        title: ERASED_TEXT,
        description: "",
        url: undefined,
        file: undefined,
        shareRequest: undefined,
      });
    }
    const events = await tx.find("events", { programId });
    const eventIds = new Set(events.map((e) => e.id));
    for (const note of await tx.find("roomNotes"))
      if (eventIds.has(note.eventId)) await tx.remove("roomNotes", note.id);
    for (const rating of await tx.find("ratings"))
      if (eventIds.has(rating.eventId)) await tx.remove("ratings", rating.id);
    const removeAll = async (
      collection:
        | "applications"
        | "invitations"
        | "groupProposals"
        | "solverRuns"
        | "observerNotes"
        | "notifications",
    ) => {
      for (const r of await tx.find(collection, { programId } as never))
        await tx.remove(collection, r.id);
    };
    for (const c of [
      "applications",
      "invitations",
      "groupProposals",
      "solverRuns",
      "observerNotes",
      "notifications",
    ] as const)
      await removeAll(c);
    for (const r of await tx.find("evaluationResponses", { programId }))
      if (r.comment || r.learning || r.recommendations || r.successFactors || r.difficulties)
        await tx.update("evaluationResponses", r.id, {
          comment: "",
          quoteConsent: false,
          objectives: [],
          successFactors: "",
          difficulties: "",
          learning: "",
          recommendations: "",
        });
    for (const entry of await tx.find("coordinationEntries", { programId }))
      if (entry.note) await tx.update("coordinationEntries", entry.id, { note: "" });
    // Organizations no other program's participation names lose their name.
    const others = (await tx.find("participants")).filter((p) => p.programId !== programId);
    const stillUsed = new Set(others.map((p) => p.organizationId));
    for (const orgId of new Set(participants.map((p) => p.organizationId))) {
      if (stillUsed.has(orgId)) continue;
      const org = await tx.get("organizations", orgId);
      if (org && org.name !== ERASED_ORGANIZATION)
        await tx.update("organizations", orgId, { name: ERASED_ORGANIZATION, sector: "" });
    }
    await tx.update("programs", programId, { personalDataPurgedAt: s.clock.now().toISOString() });
    return { files, eventIds: [...eventIds] };
  });
  if (!result) return false;
  await s.store.afterCommit(async () => {
    await purgeProgramFiles(s, programId, result.eventIds, result.files);
    // The live engines forget the people they read of its events (organizations, profiles).
    s.erasures.emit(result.eventIds);
  });
  return true;
}

/** The program's audit trail and chats emptied, its uploads removed. */
async function purgeProgramFiles(
  s: Services,
  programId: string,
  eventIds: readonly string[],
  files: readonly string[],
) {
  await s.audit.rewrite(programId, () => null);
  for (const eventId of eventIds) await s.chat.rewrite(eventId, () => null);
  for (const file of files) await s.uploads.remove(file);
}

/** What a program's pages say about its retention (components/RetentionNotice.tsx). */
export function retentionFacts(program: Program) {
  return {
    months: program.retentionMonths,
    date: retentionDate(program),
    purgedAt: program.personalDataPurgedAt,
  };
}

/** The closed programs whose retention date has come and that are not purged yet. */
export async function programsDueForPurge(s: Services, today = quebecToday(s.clock.now())) {
  return (await s.store.find("programs")).filter((p) => {
    const date = retentionDate(p);
    return date !== undefined && date <= today && !p.personalDataPurgedAt;
  });
}

/** One pass of the daily job: purges every program whose date has come. Returns how many. */
export async function purgeDuePrograms(s: Services): Promise<number> {
  let purged = 0;
  for (const program of await programsDueForPurge(s))
    if (await purgeProgramPersonalData(s, program.id)) purged++;
  return purged;
}

// ─── Taking one's data ──────────────────────────────────────────────────────────────────────────

/** A file the person uploaded, as it goes into the archive. */
export interface ExportedFile {
  /** The path inside the archive: `files/<tool id>/<file name>`. */
  path: string;
  storedAs: string;
}

/**
 * Everything the person provided, in the shape of docs/personal-data-export.md: their account, their
 * applications (without the coordinators' scores and decisions), and per program their
 * participation and profile, the ratings they gave, their check-ins, the hours they logged, the
 * answers they gave, their interviews' own part (the schedule, the corrections they asked), the
 * tools they shared, the messages they wrote in the live chats, the notes and time they logged as a
 * coordinator. What others wrote about them (ratings received, scores, interview summaries) and other
 * members' content stay out.
 */
export async function exportPersonalData(s: Services, userId: string) {
  const store = s.store;
  const user = await store.get("users", userId);
  if (!user || user.erasedAt) return undefined;
  const participants = await store.find("participants", { userId });
  const programs = await store.find("programs");
  const programById = new Map(programs.map((p) => [p.id, p]));
  const mine = new Set(participants.map((p) => p.id));
  const periods = addressPeriods(user);
  const applications = (await store.find("applications")).filter(
    (a) => participants.some((p) => p.applicationId === a.id) || isOwnApplication(a, mine, periods),
  );
  const files: ExportedFile[] = [];
  const participations = [];
  for (const p of participants) {
    const program = programById.get(p.programId);
    const organization = await store.get("organizations", p.organizationId);
    const memberships = (await store.find("groups", { programId: p.programId })).filter((g) =>
      g.memberIds.includes(p.id),
    );
    const tools = await store.find("tools", { authorId: p.id });
    for (const tool of tools)
      if (tool.file)
        files.push({ path: `files/${tool.id}/${tool.file.name}`, storedAs: tool.file.storedAs });
    const events = (await store.find("events", { programId: p.programId })).filter((e) =>
      e.invitedParticipantIds.includes(p.id),
    );
    const chat = [];
    for (const event of events) {
      const rooms = new Set(event.schedule.flatMap((r) => r.rooms.map((room) => room.id)));
      const histories = await s.chat.histories(event.id, [...rooms]);
      for (const messages of histories.values())
        for (const m of messages)
          if (m.authorId === p.id || m.authorId === userId)
            chat.push({
              eventId: event.id,
              eventTitle: event.title,
              round: m.round,
              text: m.text,
              at: m.at,
            });
    }
    participations.push({
      program: { id: p.programId, title: program?.title ?? "" },
      role: p.role,
      joinedAt: p.joinedAt,
      published: p.published,
      capacity: p.capacity,
      compensation: p.compensation,
      organization: organization
        ? {
            name: organization.name,
            region: organization.region,
            mrc: organization.mrc,
            sector: organization.sector,
          }
        : undefined,
      profile: p.profile,
      groups: memberships.map((g) => ({
        id: g.id,
        label: g.label,
        status: g.status,
        createdAt: g.createdAt,
      })),
      ratingsGiven: (await store.find("ratings", { fromParticipantId: p.id })).map((r) => ({
        eventId: r.eventId,
        round: r.round,
        answer: r.answer,
        note: r.note,
        updatedAt: r.updatedAt,
      })),
      checkIns: (await store.find("checkIns", { participantId: p.id })).map(
        ({ id: _id, participantId: _p, ...c }) => c,
      ),
      hours: (await store.find("hourEntries", { participantId: p.id })).map((e) => ({
        groupId: e.groupId,
        kind: e.kind,
        hours: e.hours,
        date: e.date,
        note: e.note,
      })),
      questionnaireAnswers: (await store.find("evaluationResponses", { participantId: p.id })).map(
        ({ id: _id, participantId: _p, programId: _pr, ...r }) => r,
      ),
      interviews: (await store.find("interviews", { participantId: p.id })).map((i) => ({
        startsAt: i.startsAt,
        durationMinutes: i.durationMinutes,
        place: i.place,
        status: i.status,
        validatedAt: i.validatedAt,
        correction: i.correction,
      })),
      tools: tools.map((t) => ({
        id: t.id,
        title: t.title,
        description: t.description,
        theme: t.theme,
        url: t.url,
        file: t.file ? `files/${t.id}/${t.file.name}` : undefined,
        programWide: t.programWide,
        createdAt: t.createdAt,
      })),
      proposalsMade: (await store.find("groupProposals", { proposerId: p.id })).map((g) => ({
        status: g.status,
        message: g.message,
        createdAt: g.createdAt,
      })),
      chatMessages: chat,
    });
  }
  const coordination = (await store.find("coordinationEntries", { userId })).map(
    ({ id: _id, userId: _u, ...e }) => e,
  );
  const observerNotes = (await store.find("observerNotes", { createdBy: userId })).map(
    ({ id: _id, createdBy: _c, ...n }) => n,
  );
  return {
    data: {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: s.clock.now().toISOString(),
      account: {
        id: user.id,
        name: user.name,
        email: user.email,
        role: user.role,
        locale: user.locale,
        createdAt: user.createdAt,
        /** The e-mail notices turned off (ADR 0039); absent: all on. */
        noticePreferences: user.noticePreferences,
        /** The addresses the account had before, and until when. */
        formerEmails: user.formerEmails ?? [],
      },
      applications: applications.map(
        ({ accessTokenHash: _t, evaluation: _e, decision: _d, invitationId: _i, ...a }) => a,
      ),
      participations,
      coordination: { timeLogged: coordination, observerNotes },
      files: files.map((f) => f.path),
    },
    files,
  };
}

/** The archive a person downloads: `maillage-data.json` and their files, as a .tar.gz. */
export async function personalDataArchive(s: Services, userId: string) {
  const exported = await exportPersonalData(s, userId);
  if (!exported) return undefined;
  const pack = tar.pack();
  const gzip = createGzip();
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    out.on("end", resolve);
    out.on("error", reject);
    gzip.on("error", reject);
  });
  pack.pipe(gzip).pipe(out);
  const entry = (name: string, data: Buffer) =>
    new Promise<void>((resolve, reject) =>
      pack.entry({ name, size: data.length, mode: 0o644 }, data, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  await entry("maillage-data.json", Buffer.from(JSON.stringify(exported.data, null, 2)));
  for (const file of exported.files) {
    try {
      await entry(file.path, await s.uploads.read(file.storedAs));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  pack.finalize();
  await finished;
  return Buffer.concat(chunks);
}
