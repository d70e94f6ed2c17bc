/**
 * The program report: reads one program's data and hands it to the pure builder (`report/index.ts`).
 * Coordinators' observer notes and the members' check-ins are never read here: they are not part
 * of the report.
 */
import { NotFoundError } from "../store";
import type { EntityOf } from "../store";
import { whileUnchanged } from "./revision-cache.server";
import { buildReport, programNames, redactor, type RedactionNames, type Report } from "./report";
import { quebecToday } from "../utils/quebec-time";
import type { Services } from "../services";
import { DomainError } from "../errors";

type Program = EntityOf<"programs">;

/** Everyone the report must not name (see `programNames`). */
export async function redactionNames(s: Services, program: Program): Promise<RedactionNames> {
  const store = s.store;
  const [participants, users, organizations, applications] = await Promise.all([
    store.find("participants", { programId: program.id }),
    store.find("users"),
    store.find("organizations"),
    store.find("applications", { programId: program.id }),
  ]);
  return programNames({ participants, users, organizations, applications });
}

/**
 * The report is built once per store revision and day: it reads every meeting, hour and answer of
 * the program, and coordinators reload it, page through it and export its tables one CSV at a time.
 */
export function programReport(
  s: Services,
  program: Program,
  today = quebecToday(s.clock.now()),
): Promise<Report> {
  return whileUnchanged(s, `report|${program.id}|${today}`, () =>
    buildProgramReport(s, program, today),
  );
}

async function buildProgramReport(s: Services, program: Program, today: string): Promise<Report> {
  const store = s.store;
  // Each collection read once: the names to hide come from the same participants and organizations.
  const [
    groups,
    participants,
    organizations,
    tools,
    evaluations,
    responses,
    users,
    applications,
    interviews,
  ] = await Promise.all([
    store.find("groups", { programId: program.id }),
    store.find("participants", { programId: program.id }),
    store.find("organizations"),
    store.find("tools", { programId: program.id }),
    store.find("evaluations", { programId: program.id }),
    store.find("evaluationResponses", { programId: program.id }),
    store.find("users"),
    store.find("applications", { programId: program.id }),
    store.find("interviews", { programId: program.id }),
  ]);
  const names = programNames({ participants, users, organizations, applications });
  // The groups' meetings and hours in one read each (not one read per group).
  const groupIds = new Set(groups.map((g) => g.id));
  const [meetings, hourEntries, codevSessions, coordinationEntries] = await Promise.all([
    store.find("meetings"),
    store.find("hourEntries"),
    store.find("codevSessions"),
    store.find("coordinationEntries", { programId: program.id }),
  ]);
  const orgIds = new Set(participants.map((p) => p.organizationId));
  return buildReport({
    program,
    groups,
    participants,
    organizations: organizations.filter((o) => orgIds.has(o.id)),
    meetings: meetings.filter((m) => groupIds.has(m.groupId)),
    codevSessions: codevSessions.filter((c) => groupIds.has(c.groupId)),
    hourEntries: hourEntries.filter((e) => groupIds.has(e.groupId)),
    coordinationEntries,
    tools,
    evaluations,
    responses,
    interviews,
    names,
    today,
  });
}

/** The label would name an organization or a person of the program. */
export class IdentifyingLabelError extends DomainError {
  constructor(
    /** The label with the names hidden, to show the coordinator what was refused. */
    readonly redacted: string,
  ) {
    super({
      name: "IdentifyingLabelError",
      code: "identifying-label",
      messageKey: "errors.reportLabelIdentifies",
      status: 400,
      field: "label",
      // The refused label is shown with the names hidden: the page never shows a name.
      refill: { label: redacted },
    });
  }
}

/** No such group in this program. */
export class GroupNotFoundError extends DomainError {
  constructor(readonly groupId: string) {
    super({
      name: "GroupNotFoundError",
      code: "group-not-found",
      messageKey: "errors.page.notFound",
      status: 404,
    });
  }
}

/**
 * Coordinators name a group for the report (a theme: "Logistique"); an empty label gives
 * "Group N". A label that names someone of the program is refused.
 */
export async function setGroupLabel(
  s: Services,
  programId: string,
  groupId: string,
  label: string,
) {
  const store = s.store;
  const program = await store.get("programs", programId);
  if (!program) throw new NotFoundError("programs", programId);
  const text = label.trim().replace(/\s+/g, " ");
  const redacted = text ? redactor(await redactionNames(s, program))(text) : text;
  if (redacted !== text) throw new IdentifyingLabelError(redacted);
  return store.transaction(async (tx) => {
    const group = await tx.get("groups", groupId);
    if (!group || group.programId !== programId) throw new GroupNotFoundError(groupId);
    return tx.update("groups", groupId, { label: text });
  });
}
