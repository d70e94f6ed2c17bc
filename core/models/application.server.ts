/**
 * Applications through the interest form, and their preselection by the program's coordinators.
 * Applicants have no account: a private link (token) lets them resume a draft and follow the status.
 */
import type { MailMessage } from "../mail";
import { newId, NotFoundError } from "../store";
import type { EntityOf } from "../store";
import { hashToken, newToken } from "../security/tokens";
import { criteriaOf, maxScore, rubricFor, type Criterion } from "../data/vocabulary";
import { translate, type Locale } from "../i18n";
import type { ApplicationDraftInput } from "../schemas/application";
import { paginate, type PageInfo } from "../utils/pagination";
import { createInvitation } from "./invitation.server";
import { compareCodeUnits, newestFirst } from "../utils/order";
import { whileUnchanged } from "./revision-cache.server";
import { quebecToday } from "../utils/quebec-time";
import type { Services } from "../services";
import { DomainError } from "../errors";
import { PRIVACY_VERSION } from "../data/privacy";
import { type Role } from "../../matching/roles";

/** French alphabetical order (one collator: `localeCompare(…, "fr")` builds one per call). */
const frenchOrder = new Intl.Collator("fr").compare;

export type Application = EntityOf<"applications">;
export type Program = EntityOf<"programs">;

/** Whether the form takes submissions today. */
export function applicationWindow(program: Program, today = quebecToday()) {
  if (program.status === "draft" || program.status === "closed") return "closed" as const;
  if (program.applicationOpens && today < program.applicationOpens) return "not-yet" as const;
  if (program.applicationCloses && today > program.applicationCloses) return "closed" as const;
  return "open" as const;
}

function toRecord(input: ApplicationDraftInput) {
  return {
    email: input.email,
    organizationName: input.organizationName,
    contactName: input.contactName,
    contactEmail: input.contactEmail,
    concept: input.concept,
    operations: input.operations,
    operationsText: input.operationsText,
    recentSupport: input.recentSupport === "" ? undefined : input.recentSupport,
    recentSupportText: input.recentSupportText,
    barriers: input.barriers,
    mentoringHelp: input.mentoringHelp,
    revisionOpenness: input.revisionOpenness,
    comments: input.comments,
    role: input.role === "" ? undefined : input.role,
    region: input.region,
    mrc: input.mrc,
    profile: {
      sector: input.sector,
      field: input.field,
      needs: input.needs,
      needsText: input.needsText,
      expertise: input.expertise,
      expertiseText: input.expertiseText,
      workingStyle: input.workingStyle === "" ? ("between" as const) : input.workingStyle,
      availability: input.availability,
    },
    competitorsText: input.competitorsText,
    competitorOrgIds: input.competitorOrgIds,
    designatedThroughout: input.designatedThroughout,
    canImplement: input.canImplement,
    consent: input.consent,
  };
}

export class ApplicationClosedError extends DomainError {
  constructor() {
    super({
      name: "ApplicationClosedError",
      code: "application-closed",
      messageKey: "apply.closed",
      status: 409,
    });
  }
}

/**
 * Saves the form as a draft (status stays "draft") or submits it. A new application gets a fresh
 * private token; an existing draft is found by its token. Submitted applications are final.
 */
export async function saveApplication(
  s: Services,
  input: {
    program: Program;
    token?: string;
    data: ApplicationDraftInput;
    submit: boolean;
    locale: Locale;
  },
): Promise<{ token: string; application: Application }> {
  const { program, data, submit, locale } = input;
  if (applicationWindow(program, quebecToday(s.clock.now())) !== "open")
    throw new ApplicationClosedError();
  const now = s.clock.now().toISOString();
  const result = await s.store.transaction(async (tx) => {
    const existing = input.token
      ? await tx.findOne("applications", {
          accessTokenHash: hashToken(input.token),
          programId: program.id,
        })
      : undefined;
    if (existing && existing.status !== "draft") throw new ApplicationClosedError();
    const token = existing && input.token ? input.token : newToken();
    const record = {
      ...toRecord(data),
      status: submit ? ("submitted" as const) : ("draft" as const),
      locale,
      updatedAt: now,
      submittedAt: submit ? now : undefined,
      // A submission accepts the privacy page (its schema requires the box): when, and which one.
      privacyConsent:
        submit && data.consent ? { acceptedAt: now, version: PRIVACY_VERSION } : undefined,
    };
    const application = existing
      ? await tx.update("applications", existing.id, record)
      : await tx.insert("applications", {
          ...record,
          id: newId("app"),
          programId: program.id,
          accessTokenHash: hashToken(token),
          createdAt: now,
        });
    // The link goes out in this transaction (the outbox is written with the application, sent
    // once it commits): a draft that holds an address has had its link sent to it. Once per
    // address: when the form first has one (a draft first saved without one included), or
    // another one.
    const to = data.email || data.contactEmail;
    const mailedBefore = existing?.email || existing?.contactEmail;
    if (to && (submit || to !== mailedBefore)) {
      const kind = submit ? "applicationReceived" : "applicationDraft";
      const link = `${s.site.url()}/application/${token}`;
      const message: MailMessage = {
        to,
        kind,
        locale,
        programId: program.id,
        subject: translate(locale, `emails.${kind}.subject`, { program: program.title }),
        text: translate(locale, `emails.${kind}.text`, {
          program: program.title,
          organization: data.organizationName,
          link,
        }),
      };
      await s.mail.enqueue(message);
    }
    return { token, application };
  });
  return { token: result.token, application: result.application };
}

export async function getApplicationByToken(s: Services, token: string) {
  return s.store.findOne("applications", { accessTokenHash: hashToken(token) });
}

export interface ApplicationFilters {
  role?: Role;
  region?: string;
  status?: "submitted" | "accepted" | "rejected" | "waitlisted";
  sort: "score" | "date" | "name";
}

/** Submitted applications (drafts stay private to their author), filtered and sorted. */
export async function listApplications(
  s: Services,
  programId: string,
  filters: ApplicationFilters,
) {
  // The filters go to the store (equality on top-level fields): it copies only the records that
  // match, and copying a record costs more than anything else done with it here.
  const where: Partial<Application> = { programId };
  if (filters.role) where.role = filters.role;
  if (filters.region) where.region = filters.region;
  if (filters.status) where.status = filters.status;
  const all = await s.store.find("applications", where);
  return all
    .filter((a) => a.status !== "draft")
    .sort((a, b) => {
      if (filters.sort === "name") return frenchOrder(a.organizationName, b.organizationName);
      if (filters.sort === "date") return newestFirst(a.submittedAt ?? "", b.submittedAt ?? "");
      // Each on its own rubric's scale: a mentor's 7 / 9 ranks above a project's 14 / 21.
      return (
        scoreShare(b) - scoreShare(a) || compareCodeUnits(a.submittedAt ?? "", b.submittedAt ?? "")
      );
    });
}

/** The share of its rubric's highest total an application got (-1: not scored). */
function scoreShare(a: Application) {
  if (!a.evaluation) return -1;
  return a.evaluation.total / maxScore(a.evaluation.rubric ?? "project");
}

/** One row of the coordinator's applications table. */
export interface ApplicationRow {
  id: string;
  organization: string;
  contact: string;
  role: Application["role"];
  region: string | undefined;
  status: Application["status"];
  total: number | null;
  /** The highest total of the rubric it was scored on. */
  max: number;
  submittedAt: string;
  flags: ReturnType<typeof unmetConditions>;
}

/** One page of the applications table: the whole list is filtered and sorted, one page built. */
export async function pageOfApplications(
  s: Services,
  programId: string,
  filters: ApplicationFilters,
  requested: number,
): Promise<{ rows: ApplicationRow[]; pageInfo: PageInfo }> {
  // The filtered, sorted list is kept until the next write: paging through it (or reloading)
  // sorts the program's applications once. The list is shared: never modify it.
  const sorted = await whileUnchanged(
    s,
    `applications|${programId}|${filters.role ?? ""}|${filters.region ?? ""}|${filters.status ?? ""}|${filters.sort ?? ""}`,
    () => listApplications(s, programId, filters),
  );
  const { items, pageInfo } = paginate(sorted, requested);
  return {
    pageInfo,
    rows: items.map((a) => ({
      id: a.id,
      organization: a.organizationName,
      contact: a.contactName,
      role: a.role,
      region: a.region,
      status: a.status,
      total: a.evaluation?.total ?? null,
      max: maxScore(a.evaluation?.rubric ?? rubricFor(a.role)),
      submittedAt: a.submittedAt ?? a.createdAt,
      flags: unmetConditions(a),
    })),
  };
}

export async function getApplication(s: Services, programId: string, id: string) {
  const application = await s.store.get("applications", id);
  return application && application.programId === programId && application.status !== "draft"
    ? application
    : undefined;
}

/** The pilot's two conditions for a mentee, flagged when unmet. */
export function unmetConditions(
  application: Application,
): Array<"designatedThroughout" | "canImplement"> {
  if (application.role === "mentor") return [];
  const unmet: Array<"designatedThroughout" | "canImplement"> = [];
  if (!application.designatedThroughout) unmet.push("designatedThroughout");
  if (!application.canImplement) unmet.push("canImplement");
  return unmet;
}

/**
 * The coordinator's scores on the application's rubric (its role decides: mentors on theirs,
 * mentees' projects on the seven criteria). One transaction re-reads the application.
 */
export async function scoreApplication(
  s: Services,
  programId: string,
  id: string,
  scores: Partial<Record<Criterion, { score: number; comment: string }>>,
  by: string,
) {
  return s.store.transaction(async (tx) => {
    const application = await tx.get("applications", id);
    if (!application || application.programId !== programId || application.status === "draft")
      throw new NotFoundError("applications", id);
    const rubric = rubricFor(application.role);
    const criteria = Object.fromEntries(
      criteriaOf(rubric).map((c) => {
        const given = scores[c];
        if (!given) throw new RangeError(`no score for ${c}`);
        return [c, given];
      }),
    );
    const total = criteriaOf(rubric).reduce((sum, c) => sum + scores[c]!.score, 0);
    return tx.update("applications", id, {
      evaluation: {
        rubric,
        criteria,
        total,
        scoredBy: by,
        scoredAt: s.clock.now().toISOString(),
      },
    });
  });
}

/**
 * Accept, reject or wait-list, with a reason the applicant sees. Accepting creates the single-use
 * invitation for the contact person and emails it.
 */
export async function decideApplication(
  s: Services,
  input: {
    programId: string;
    id: string;
    status: "accepted" | "rejected" | "waitlisted";
    reason: string;
    by: string;
  },
) {
  const store = s.store;
  const program = await store.get("programs", input.programId);
  if (!program) throw new NotFoundError("programs", input.programId);
  const now = s.clock.now().toISOString();
  const outcome = await store.transaction(async (tx) => {
    // Read inside the transaction: two decisions at once cannot both create an invitation.
    const application = await tx.get("applications", input.id);
    if (
      !application ||
      application.programId !== input.programId ||
      application.status === "draft"
    ) {
      throw new NotFoundError("applications", input.id);
    }
    let invitationToken: string | undefined;
    let invitationId = application.invitationId;
    if (input.status === "accepted" && !application.invitationId) {
      const { invitation, token } = await createInvitation(s, {
        programId: input.programId,
        role: application.role ?? "mentee",
        email: application.contactEmail || application.email,
        applicationId: application.id,
        createdBy: input.by,
      });
      invitationToken = token;
      invitationId = invitation.id;
    }
    if (input.status !== "accepted" && application.invitationId) {
      // Withdraw an unused invitation: the link stops working.
      const invitation = await tx.get("invitations", application.invitationId);
      if (invitation && !invitation.usedAt) {
        await tx.update("invitations", invitation.id, { expiresAt: now });
        invitationId = undefined;
      }
    }
    const updated = await tx.update("applications", application.id, {
      status: input.status,
      decision: { status: input.status, reason: input.reason, decidedBy: input.by, decidedAt: now },
      invitationId,
    });
    return { updated, invitationToken, application, changed: application.status !== input.status };
  });
  const { application } = outcome;
  // The applicant hears about a decision once, not at every save of the same decision.
  if (!outcome.changed) return { application: outcome.updated, invitationLink: "" };
  const locale = application.locale;
  const base = s.site.url();
  const to = application.contactEmail || application.email;
  const invitationLink = outcome.invitationToken
    ? `${base}/invitation/${outcome.invitationToken}`
    : "";
  const message: MailMessage = {
    to,
    kind: `application-${input.status}`,
    locale,
    programId: program.id,
    subject: translate(locale, `emails.decision.${input.status}.subject`, {
      program: program.title,
    }),
    text: translate(locale, `emails.decision.${input.status}.text`, {
      program: program.title,
      organization: application.organizationName,
      reason: input.reason,
      link: invitationLink,
    }),
  };
  await s.mail.enqueue(message);
  return { application: outcome.updated, invitationLink };
}

export class ApplicationJoinedError extends DomainError {
  constructor() {
    super({
      name: "ApplicationJoinedError",
      code: "application-joined",
      messageKey: "applications.competitorsJoined",
      status: 409,
    });
  }
}

/**
 * The coordinator maps the competitors an applicant named in words (the public form lists no
 * organization) to the program's organizations. The mapping is the application's whole list of
 * competitors, brought to the organization when the invitation is used (acceptInvitation). Once
 * the person has joined, their organization's competitors are theirs to keep (profile page).
 */
export async function mapApplicationCompetitors(
  s: Services,
  input: { programId: string; id: string; organizationIds: readonly string[] },
) {
  const now = s.clock.now().toISOString();
  return s.store.transaction(async (tx) => {
    const application = await tx.get("applications", input.id);
    if (
      !application ||
      application.programId !== input.programId ||
      application.status === "draft"
    ) {
      throw new NotFoundError("applications", input.id);
    }
    if (application.participantId) throw new ApplicationJoinedError();
    return tx.update("applications", application.id, {
      competitorOrgIds: [...new Set(input.organizationIds)],
      competitorsMappedAt: now,
    });
  });
}

/** Statuses a person still waits on: a decision, or joining once accepted. */
const PENDING = new Set<Application["status"]>(["submitted", "waitlisted", "accepted"]);

/**
 * The applications a signed-in person still waits on, found by their account's e-mail address
 * (confirmed at sign-up) as the form's address or the contact person's: the same address the
 * private status link was sent to. Drafts, decided-and-closed ones and joined ones are left out.
 */
export async function pendingApplicationsOf(s: Services, email: string) {
  const address = email.trim().toLowerCase();
  if (!address) return [];
  const all = await s.store.find("applications");
  return all
    .filter(
      (a) =>
        PENDING.has(a.status) &&
        !a.participantId &&
        (a.email.toLowerCase() === address || a.contactEmail.toLowerCase() === address),
    )
    .sort((a, b) => newestFirst(a.submittedAt ?? a.createdAt, b.submittedAt ?? b.createdAt));
}

/** One of the person's own applications (not a draft), for its status page; else undefined. */
export async function ownApplication(s: Services, email: string, id: string) {
  const application = await s.store.get("applications", id);
  const address = email.trim().toLowerCase();
  if (!application || application.status === "draft" || !address) return undefined;
  return application.email.toLowerCase() === address ||
    application.contactEmail.toLowerCase() === address
    ? application
    : undefined;
}
