import { coordinates } from "./coordinators";
import { newId, NotFoundError } from "../store";
import { PILOT_TAXONOMY } from "../data/pilot-taxonomy";
import type { ProgramFormInput } from "../schemas/program";
import type { EntityOf } from "../store";
import { quebecToday } from "../utils/quebec-time";
import type { Services } from "../services";
import { DomainError } from "../errors";

export type Program = EntityOf<"programs">;
export type ParticipantRole = EntityOf<"participants">["role"];

export interface ProgramForUser {
  id: string;
  title: string;
  status: Program["status"];
  asCoordinator: boolean;
  participantRole?: ParticipantRole;
}

export async function getProgram(s: Services, id: string): Promise<Program | undefined> {
  return s.store.get("programs", id);
}

/** The programs a person runs or takes part in, coordinator ones first. */
export async function listProgramsForUser(s: Services, userId: string): Promise<ProgramForUser[]> {
  const store = s.store;
  const [programs, memberships] = await Promise.all([
    store.find("programs"),
    store.find("participants", { userId }),
  ]);
  const roleByProgram = new Map(memberships.map((m) => [m.programId, m.role]));
  return programs
    .filter((p) => coordinates(p, userId) || roleByProgram.has(p.id))
    .map((p) => ({
      id: p.id,
      title: p.title,
      status: p.status,
      asCoordinator: coordinates(p, userId),
      participantRole: roleByProgram.get(p.id),
    }))
    .sort(
      (a, b) => Number(b.asCoordinator) - Number(a.asCoordinator) || a.title.localeCompare(b.title),
    );
}

export interface ProgramStats {
  participants: number;
  byRole: Record<ParticipantRole, number>;
  regions: number;
  organizations: number;
  pendingInvitations: number;
}

export async function getProgramStats(s: Services, programId: string): Promise<ProgramStats> {
  const store = s.store;
  const [participants, organizations, invitations] = await Promise.all([
    store.find("participants", { programId }),
    store.find("organizations"),
    store.find("invitations", { programId }),
  ]);
  return programStats(
    participants,
    new Map(organizations.map((o) => [o.id, o])),
    invitations,
    s.clock.now(),
  );
}

/** The same figures from records already read (a page that also lists the participants). */
export function programStats(
  participants: ReadonlyArray<EntityOf<"participants">>,
  orgById: ReadonlyMap<string, { region: string }>,
  invitations: ReadonlyArray<EntityOf<"invitations">>,
  at = new Date(),
): ProgramStats {
  const byRole: Record<ParticipantRole, number> = { mentor: 0, mentee: 0, peer: 0 };
  const regions = new Set<string>();
  const orgs = new Set<string>();
  for (const p of participants) {
    byRole[p.role] += 1;
    orgs.add(p.organizationId);
    const org = orgById.get(p.organizationId);
    if (org) regions.add(org.region);
  }
  const now = at.toISOString();
  return {
    participants: participants.length,
    byRole,
    regions: regions.size,
    organizations: orgs.size,
    pendingInvitations: invitations.filter((i) => !i.usedAt && i.expiresAt > now).length,
  };
}

/** Programs shown on the public home page (not drafts): their call and rules are public. */
export async function listPublicPrograms(s: Services) {
  const programs = await s.store.find("programs");
  const today = quebecToday(s.clock.now());
  return programs
    .filter((p) => p.status !== "draft")
    .map((p) => ({
      id: p.id,
      title: p.title,
      theme: p.theme,
      subThemes: p.subThemes,
      description: p.description,
      composition: p.composition,
      regionRule: p.regionRule,
      mentoringStart: p.mentoringStart,
      mentoringEnd: p.mentoringEnd,
      hourBankHours: p.hourBankHours,
      status: p.status,
      applicationsOpen:
        p.status !== "closed" &&
        (!p.applicationOpens || today >= p.applicationOpens) &&
        (!p.applicationCloses || today <= p.applicationCloses),
    }));
}

export function programFromForm(input: ProgramFormInput) {
  return {
    title: input.title,
    theme: input.theme,
    subThemes: input.subThemes,
    description: input.description,
    status: input.status,
    composition: input.composition,
    regionRule: input.regionRule,
    format: input.format,
    applicationOpens: input.applicationOpens || undefined,
    applicationCloses: input.applicationCloses || undefined,
    mentoringStart: input.mentoringStart,
    mentoringEnd: input.mentoringEnd,
    hourBankHours: input.hourBankHours,
    cadenceWeeksMin: input.cadenceWeeksMin,
    cadenceWeeksMax: input.cadenceWeeksMax,
    meetingMinutes: input.meetingMinutes,
    checkInWeeks: input.checkInWeeks,
    budget: { mentorCompensation: input.mentorCompensation, coordination: input.coordination },
    selfFormedApproval: input.selfFormedApproval,
    proposalHours: input.proposalHours,
    meetingLead: input.meetingLead,
    retentionMonths: input.retentionMonths,
  };
}

/** A new program run by its creator, its taxonomy seeded with the pilot's subjects. */
export async function createProgram(s: Services, input: ProgramFormInput, coordinatorId: string) {
  return s.store.insert("programs", {
    ...programFromForm(input),
    id: newId("prog"),
    coordinatorIds: [coordinatorId],
    taxonomy: PILOT_TAXONOMY.map((tag) => ({ ...tag })),
    createdAt: s.clock.now().toISOString(),
  });
}

/**
 * Saves the settings. Setting the status to "closed" records when (the retention period counts from
 * that day, ADR 0038); reopening the program forgets it.
 */
export async function updateProgram(s: Services, id: string, input: ProgramFormInput) {
  return s.store.transaction(async (tx) => {
    const current = await tx.get("programs", id);
    if (!current) throw new NotFoundError("programs", id);
    const closedAt =
      input.status !== "closed"
        ? undefined
        : current.status === "closed"
          ? current.closedAt
          : s.clock.now().toISOString();
    return tx.update("programs", id, { ...programFromForm(input), closedAt });
  });
}

export class ProgramInUseError extends DomainError {
  constructor() {
    super({
      name: "ProgramInUseError",
      code: "program-in-use",
      messageKey: "programForm.deleteInUse",
      status: 409,
      field: "confirm",
    });
  }
}

/** Only a program nobody joined or applied to can be deleted; others are closed instead. */
export async function deleteProgram(s: Services, id: string) {
  return s.store.transaction(async (tx) => {
    const [participants, applications] = await Promise.all([
      tx.find("participants", { programId: id }),
      tx.find("applications", { programId: id }),
    ]);
    if (participants.length || applications.length) throw new ProgramInUseError();
    for (const invitation of await tx.find("invitations", { programId: id })) {
      await tx.remove("invitations", invitation.id);
    }
    for (const entry of await tx.find("coordinationEntries", { programId: id }))
      await tx.remove("coordinationEntries", entry.id);
    await tx.remove("programs", id);
  });
}

function slugify(label: string): string {
  return (
    label
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "sujet"
  );
}

/** A subject's name another subject of the program already has, in the same language. */
export class DuplicateTagError extends DomainError {
  constructor(field: string, label: string) {
    super({
      name: "DuplicateTagError",
      code: "tag-duplicate",
      messageKey: "taxonomy.duplicate",
      status: 400,
      field,
      params: { label },
    });
  }
}

/** A subject's name as people read it: trimmed, spaces collapsed, case and accents ignored. */
function sameName(label: string): string {
  return label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLocaleLowerCase("fr");
}

/**
 * Two subjects of a program never share a name in either language (their lists would show the
 * same word twice). French names are compared with French names; the name English readers will
 * see (the English name, else the French one) with the names they see of the others, refused at
 * the English field when one was given, else at the French one.
 * `fields`: where each refusal is shown; `except`: the subject being renamed.
 */
function checkTagNames(
  taxonomy: readonly { id: string; label: string; labelEn: string }[],
  label: string,
  labelEn: string,
  fields: { fr: string; en: string; except?: string },
) {
  const others = taxonomy.filter((t) => t.id !== fields.except);
  const fr = others.find((t) => sameName(t.label) === sameName(label));
  if (fr) throw new DuplicateTagError(fields.fr, fr.label);
  const englishName = sameName(labelEn) ? labelEn : label;
  const en = others.find((t) => sameName(t.labelEn || t.label) === sameName(englishName));
  if (en)
    throw new DuplicateTagError(sameName(labelEn) ? fields.en : fields.fr, en.labelEn || en.label);
}

/** Adds a subject, refused if its name is taken (read in the transaction that writes). */
export async function addTag(s: Services, programId: string, label: string, labelEn: string) {
  return s.store.transaction(async (tx) => {
    const program = await tx.get("programs", programId);
    if (!program) throw new NotFoundError("programs", programId);
    checkTagNames(program.taxonomy, label, labelEn, { fr: "label", en: "labelEn" });
    const base = slugify(label);
    let tagId = base;
    for (let n = 2; program.taxonomy.some((t) => t.id === tagId); n++) tagId = `${base}-${n}`;
    return tx.update("programs", programId, {
      taxonomy: [...program.taxonomy, { id: tagId, label, labelEn }],
    });
  });
}

export async function renameTag(
  s: Services,
  programId: string,
  tagId: string,
  label: string,
  labelEn: string,
) {
  return s.store.transaction(async (tx) => {
    const program = await tx.get("programs", programId);
    if (!program?.taxonomy.some((t) => t.id === tagId)) throw new NotFoundError("tags", tagId);
    const field = `tag.${tagId}`;
    checkTagNames(program.taxonomy, label, labelEn, { fr: field, en: field, except: tagId });
    return tx.update("programs", programId, {
      taxonomy: program.taxonomy.map((t) => (t.id === tagId ? { ...t, label, labelEn } : t)),
    });
  });
}

export class TagInUseError extends DomainError {
  constructor(
    readonly count: number,
    readonly tagId: string,
  ) {
    super({
      name: "TagInUseError",
      code: "tag-in-use",
      messageKey: "taxonomy.inUse",
      status: 409,
      field: `tag.${tagId}`,
      params: { count },
    });
  }
}

/** A subject still named in a profile or an application cannot be removed (rename it instead). */
export async function removeTag(s: Services, programId: string, tagId: string) {
  return s.store.transaction(async (tx) => {
    const program = await tx.get("programs", programId);
    if (!program?.taxonomy.some((t) => t.id === tagId)) throw new NotFoundError("tags", tagId);
    const uses = (p: { needs: Array<{ tag: string }>; expertise: string[] }) =>
      p.needs.some((n) => n.tag === tagId) || p.expertise.includes(tagId);
    const [participants, applications] = await Promise.all([
      tx.find("participants", { programId }),
      tx.find("applications", { programId }),
    ]);
    const count =
      participants.filter((p) => uses(p.profile)).length +
      applications.filter((a) => uses(a.profile)).length;
    if (count > 0) throw new TagInUseError(count, tagId);
    return tx.update("programs", programId, {
      taxonomy: program.taxonomy.filter((t) => t.id !== tagId),
    });
  });
}
