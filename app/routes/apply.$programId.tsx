/** The interest form (formulaire de communication d'intérêt): public, with drafts. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { z } from "zod";
import { FormErrorSummary } from "~/components/Field";
import { FieldLimits } from "~/components/CharacterCount";
import { FormDraft } from "~/components/FormDraft";
import { ContactSection, RoleSection } from "~/components/apply/ContactSection";
import { ProjectSection } from "~/components/apply/ProjectSection";
import { ProfileSection } from "~/components/apply/ProfileSection";
import { CompetitorsSection, ConditionsSection } from "~/components/apply/ConditionsSection";
import type { ApplyFields } from "~/components/apply/fields";
import {
  applicationWindow,
  getApplicationByToken,
  saveApplication,
} from "../../core/models/application.server";
import { getProgram } from "../../core/models/program.server";
import { getOwnParticipation } from "../../core/models/participant.server";
import { programOrganizations } from "../../core/models/profile.server";
import { TOKEN_PATTERN } from "../../core/security/tokens";
import {
  APPLICATION_ARRAY_FIELDS,
  applicationFormSchema,
  type ApplicationFormValues,
} from "../../core/schemas/application";
import { textLimits } from "../../core/schemas/forms";
import { quebecToday } from "../../core/utils/quebec-time";
import { replyWithError } from "~/utils/errors.server";
import { formProps, isReply, useAppForm } from "~/utils/forms";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { getLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { notFound } from "~/utils/permissions.server";
import { getOptionalUser } from "~/utils/session.server";
import { rateLimit } from "~/utils/throttle.server";
import type { Services } from "../../core/services";
import { idSchema } from "../../core/schemas/fields";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "apply.title");

const programIdSchema = idSchema;
const draftTokenSchema = z.string().regex(TOKEN_PATTERN);

async function loadProgram(s: Services, programId: unknown) {
  const id = programIdSchema.safeParse(programId);
  const program = id.success ? await getProgram(s, id.data) : undefined;
  if (!program || program.status === "draft") throw notFound();
  return program;
}

/** A stored draft turned back into form values (`need.<tag>` as `need: { <tag>: priority }`). */
function draftValues(
  a: NonNullable<Awaited<ReturnType<typeof getApplicationByToken>>>,
): ApplicationFormValues {
  return {
    email: a.email,
    organizationName: a.organizationName,
    contactName: a.contactName,
    contactEmail: a.contactEmail,
    concept: a.concept,
    operations: a.operations,
    operationsText: a.operationsText,
    recentSupport: a.recentSupport ?? "",
    recentSupportText: a.recentSupportText,
    barriers: a.barriers,
    mentoringHelp: a.mentoringHelp,
    revisionOpenness: a.revisionOpenness,
    comments: a.comments,
    role: a.role ?? "",
    region: a.region,
    mrc: a.mrc,
    sector: a.profile.sector,
    field: a.profile.field,
    need: Object.fromEntries(a.profile.needs.map((n) => [n.tag, String(n.priority)])),
    needsText: a.profile.needsText,
    expertise: a.profile.expertise,
    expertiseText: a.profile.expertiseText,
    workingStyle: a.profile.workingStyle,
    availability: a.profile.availability,
    competitorsText: a.competitorsText,
    competitorOrgIds: a.competitorOrgIds,
    designatedThroughout: a.designatedThroughout ? "on" : "",
    canImplement: a.canImplement ? "on" : "",
    consent: a.consent ? "on" : "",
  };
}

/**
 * Who fills the form: a signed-in person (their name and address pre-fill it) and, when they take
 * part in the program, the program's organizations for the competitor checklist. Nobody else
 * learns which organizations take part: anonymous applicants name competitors in words, which
 * the coordinators map during preselection.
 */
async function visitorOf(s: Services, request: Request, programId: string) {
  const user = await getOptionalUser(s, request);
  const participant = user ? await getOwnParticipation(s, user.id, programId) : undefined;
  const organizations = participant
    ? (await programOrganizations(s, programId)).filter(
        (o) => o.id !== participant.participant.organizationId,
      )
    : [];
  return { user, organizations };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const program = await loadProgram(s, params.programId);
  const url = new URL(request.url);
  const token = draftTokenSchema.safeParse(url.searchParams.get("draft"));
  const draft = token.success ? await getApplicationByToken(s, token.data) : undefined;
  const usableDraft =
    draft && draft.programId === program.id && draft.status === "draft" ? draft : undefined;
  const { user, organizations } = await visitorOf(s, request, program.id);
  const shownDraft = usableDraft ? draftValues(usableDraft) : null;
  // Checked organizations are named to no one who may not see the list.
  if (shownDraft && organizations.length === 0) shownDraft.competitorOrgIds = [];
  const prefill: ApplicationFormValues | null =
    !shownDraft && user
      ? { email: user.email, contactName: user.name, contactEmail: user.email }
      : null;
  return {
    program: {
      id: program.id,
      title: program.title,
      theme: program.theme,
      subThemes: program.subThemes,
      composition: program.composition,
      applicationCloses: program.applicationCloses,
      applicationOpens: program.applicationOpens,
      taxonomy: program.taxonomy,
    },
    window: applicationWindow(program, quebecToday(s.clock.now())),
    organizations: organizations.map((o) => ({ id: o.id, name: o.name, region: o.region })),
    draftToken: usableDraft && token.success ? token.data : "",
    draft: shownDraft ?? prefill,
    limits: textLimits(applicationFormSchema([], [])),
    // After "save the draft": whether its link went to an address of the form (now or when that
    // address was first given), or only this page's address keeps it.
    saved:
      url.searchParams.get("saved") === "1" && usableDraft
        ? usableDraft.email || usableDraft.contactEmail
          ? ("mailed" as const)
          : ("kept" as const)
        : undefined,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const program = await loadProgram(s, params.programId);
  const { organizations } = await visitorOf(s, request, program.id);
  const submission = await parseSubmission(
    request,
    applicationFormSchema(
      program.taxonomy.map((t) => t.id),
      organizations.map((o) => o.id),
    ),
    { lists: APPLICATION_ARRAY_FIELDS },
  );
  // The public form sends emails: a limit per address (core/security/rate-limits.ts).
  const wait = await rateLimit(s, "applyAddress", context.clientIp);
  if (wait > 0) {
    return refuse(submission, {
      formError: { key: "apply.tooMany", params: { minutes: wait } },
      status: 429,
    });
  }
  if (submission.status !== "success") return refuse(submission);
  const { intent, ...data } = submission.value;
  const token = draftTokenSchema.safeParse(submission.payload.draft);
  try {
    const saved = await saveApplication(s, {
      program,
      token: token.success ? token.data : undefined,
      data,
      submit: intent === "submit",
      locale: getLocale(request),
    });
    if (intent === "draft") return redirect(`/apply/${program.id}?draft=${saved.token}&saved=1`);
    return redirect(`/application/${saved.token}?submitted=1`);
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

export default function ApplyPage() {
  const { program, window, organizations, draftToken, draft, saved, limits } =
    useLoaderData<typeof loader>();
  const refused = isReply(useActionData());
  const { t, date } = useT();
  // Before any submission the form shows the draft, if one was opened.
  const [form, fieldset] = useAppForm<ApplicationFormValues>({ defaultValue: draft ?? undefined });
  const fields = fieldset as ApplyFields;
  const navigation = useNavigation();

  if (window !== "open") {
    return (
      <section className="narrow">
        <h1>{t("apply.title")}</h1>
        <p className="lead">{program.title}</p>
        <p className="alert alert--error" role="alert">
          {window === "not-yet" && program.applicationOpens
            ? t("apply.notYet", { date: date(program.applicationOpens) })
            : t("apply.closed")}
        </p>
      </section>
    );
  }

  return (
    <section className="form-page">
      <p className="eyebrow">{program.title}</p>
      <h1>{t("apply.title")}</h1>
      <p className="lead">{t("apply.intro", { theme: program.theme })}</p>
      {program.applicationCloses ? (
        <p>{t("apply.deadline", { date: date(program.applicationCloses) })}</p>
      ) : null}
      <p className="muted">{t("apply.requiredNote")}</p>
      {saved && !refused ? (
        <div className="alert alert--success" role="status">
          <p>{t(saved === "mailed" ? "apply.draftSaved" : "apply.draftSavedNoEmail")}</p>
        </div>
      ) : null}
      <FormErrorSummary form={form} />
      <FieldLimits limits={limits}>
        <Form method="post" {...formProps(form)} className="stack">
          <FormDraft id="apply" />
          <input type="hidden" name="draft" value={draftToken} />
          <ContactSection fields={fields} />
          <RoleSection fields={fields} />
          <ProjectSection fields={fields} />
          <ProfileSection fields={fields} taxonomy={program.taxonomy} />
          <CompetitorsSection fields={fields} organizations={organizations} />
          <ConditionsSection fields={fields} />
          <div className="actions">
            <button
              type="submit"
              name="intent"
              value="submit"
              className="button"
              disabled={navigation.state === "submitting"}
            >
              {t("apply.submit")}
            </button>
            <button
              type="submit"
              name="intent"
              value="draft"
              className="button button--secondary"
              disabled={navigation.state === "submitting"}
            >
              {t("apply.saveDraft")}
            </button>
          </div>
        </Form>
      </FieldLimits>
    </section>
  );
}
