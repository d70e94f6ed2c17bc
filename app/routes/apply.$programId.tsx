/** The interest form (formulaire de communication d'intérêt): public, with drafts. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { z } from "zod";
import { OrganizationChecklist } from "~/components/OrganizationChecklist";
import { Field, FieldErrorText, FormErrorSummary } from "~/components/Field";
import {
  AvailabilityField,
  ExpertiseField,
  tagLabel,
  TextArea,
  WorkingStyleField,
} from "~/components/ProfileFields";
import { RegionMrcPicker } from "~/components/RegionMrcPicker";
import {
  ApplicationClosedError,
  applicationWindow,
  getApplicationByToken,
  saveApplication,
} from "../../core/models/application.server";
import { getProgram } from "../../core/models/program.server";
import { programOrganizations } from "../../core/models/profile.server";
import { OPERATIONS } from "../../core/data/vocabulary";
import { TOKEN_PATTERN } from "../../core/security/tokens";
import {
  APPLICATION_ARRAY_FIELDS,
  applicationDraftSchema,
  applicationSubmitSchema,
  needsFromForm,
} from "../../core/schemas/application";
import { useFormFailure } from "~/utils/form-hooks";
import { formDataToObject, parseWith, readFormData } from "../../core/utils/forms";
import { quebecToday } from "../../core/utils/quebec-time";
import { useT } from "~/utils/i18n-react";
import { getLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";
import { notFound } from "~/utils/permissions.server";
import { formFailure } from "~/utils/responses.server";
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

type FormValues = Record<string, string | string[]>;

/** A stored draft turned back into form values. */
function draftValues(
  a: NonNullable<Awaited<ReturnType<typeof getApplicationByToken>>>,
): FormValues {
  const values: FormValues = {
    email: a.email,
    organizationName: a.organizationName,
    contactName: a.contactName,
    contactEmail: a.contactEmail,
    concept: a.concept,
    operations: a.operations,
    barriers: a.barriers,
    mentoringHelp: a.mentoringHelp,
    revisionOpenness: a.revisionOpenness,
    comments: a.comments,
    role: a.role ?? "",
    region: a.region,
    mrc: a.mrc,
    sector: a.profile.sector,
    field: a.profile.field,
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
  for (const need of a.profile.needs) values[`need.${need.tag}`] = String(need.priority);
  return values;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const program = await loadProgram(s, params.programId);
  const url = new URL(request.url);
  const token = draftTokenSchema.safeParse(url.searchParams.get("draft"));
  const draft = token.success ? await getApplicationByToken(s, token.data) : undefined;
  const usableDraft =
    draft && draft.programId === program.id && draft.status === "draft" ? draft : undefined;
  const organizations = await programOrganizations(s, program.id);
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
    draft: usableDraft ? draftValues(usableDraft) : null,
    saved: url.searchParams.get("saved") === "1",
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const program = await loadProgram(s, params.programId);
  const form = formDataToObject(await readFormData(request), APPLICATION_ARRAY_FIELDS);
  const intent = form.intent === "draft" ? "draft" : "submit";
  const ip = context.clientIp;
  // The public form sends emails: a limit per address (core/security/rate-limits.ts).
  const wait = await rateLimit(s, "applyAddress", ip);
  if (wait > 0) {
    return formFailure(
      { form: { key: "apply.tooMany", params: { minutes: wait } } },
      { ...form, intent },
      429,
    );
  }
  const token = draftTokenSchema.safeParse(form.draft);
  const input = { ...form, needs: needsFromForm(form) };
  const tagIds = program.taxonomy.map((t) => t.id);
  const orgIds = (await programOrganizations(s, program.id)).map((o) => o.id);
  const schema =
    intent === "draft"
      ? applicationDraftSchema(tagIds, orgIds)
      : applicationSubmitSchema(tagIds, orgIds);
  const parsed = parseWith(schema, input);
  if (!parsed.ok) return formFailure(parsed.fieldErrors, { ...parsed.values, intent });
  const data = intent === "draft" ? parsed.data : { ...parsed.data, role: parsed.data.role };
  try {
    const saved = await saveApplication(s, {
      program,
      token: token.success ? token.data : undefined,
      data: data as z.infer<ReturnType<typeof applicationDraftSchema>>,
      submit: intent === "submit",
      locale: getLocale(request),
    });
    if (intent === "draft") return redirect(`/apply/${program.id}?draft=${saved.token}&saved=1`);
    return redirect(`/application/${saved.token}?submitted=1`);
  } catch (error) {
    if (error instanceof ApplicationClosedError) {
      return formFailure({ form: { key: "apply.closed" } }, { ...form, intent }, 409);
    }
    throw error;
  }
}

function pick(values: FormValues | Record<string, unknown>, name: string): string {
  const v = values[name];
  return typeof v === "string" ? v : "";
}
function pickList(values: FormValues | Record<string, unknown>, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

export default function ApplyPage() {
  const { program, window, organizations, draftToken, draft, saved } =
    useLoaderData<typeof loader>();
  const { t, locale, date } = useT();
  const failure = useFormFailure();
  const navigation = useNavigation();
  const values: Record<string, unknown> = failure?.values ?? draft ?? {};
  const e = failure?.fieldErrors;
  const v = (name: string) => pick(values, name);

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
      {saved && !failure ? (
        <div className="alert alert--success" role="status">
          <p>{t("apply.draftSaved")}</p>
        </div>
      ) : null}
      <FormErrorSummary errors={e} />
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="draft" value={draftToken} />

        <fieldset>
          <legend>{t("apply.sections.contact")}</legend>
          <Field
            name="email"
            type="email"
            label={t("apply.fields.email")}
            autoComplete="email"
            required
            defaultValue={v("email")}
            error={e?.email}
          />
          <Field
            name="organizationName"
            label={t("organization.name")}
            autoComplete="organization"
            required
            defaultValue={v("organizationName")}
            error={e?.organizationName}
          />
          <div className="field-row">
            <Field
              name="contactName"
              label={t("apply.fields.contactName")}
              hint={t("apply.fields.contactNameHint")}
              autoComplete="name"
              required
              defaultValue={v("contactName")}
              error={e?.contactName}
            />
            <Field
              name="contactEmail"
              type="email"
              label={t("apply.fields.contactEmail")}
              required
              defaultValue={v("contactEmail")}
              error={e?.contactEmail}
            />
          </div>
          <RegionMrcPicker defaultRegion={v("region")} defaultMrc={v("mrc")} errors={e} />
          <div className="field-row">
            <Field
              name="sector"
              label={t("organization.sector")}
              hint={t("organization.sectorHint")}
              required
              defaultValue={v("sector")}
              error={e?.sector}
            />
            <Field
              name="field"
              label={t("apply.fields.field")}
              defaultValue={v("field")}
              error={e?.field}
            />
          </div>
        </fieldset>

        <fieldset
          className={e?.role ? "field--invalid" : undefined}
          aria-describedby={e?.role ? "field-role-error" : undefined}
        >
          <legend>{t("apply.fields.role")} *</legend>
          {(["mentee", "mentor", "peer"] as const).map((role) => (
            <div className="checkbox" key={role}>
              <input
                type="radio"
                id={`role-${role}`}
                name="role"
                value={role}
                defaultChecked={v("role") === role}
              />
              <label htmlFor={`role-${role}`}>
                <strong>{t(`roles.${role}`)}</strong> — {t(`apply.roleHints.${role}`)}
              </label>
            </div>
          ))}
          <FieldErrorText id="field-role" error={e?.role} />
        </fieldset>

        <fieldset>
          <legend>{t("apply.sections.project")}</legend>
          <TextArea
            name="concept"
            label={t("apply.fields.concept")}
            hint={t("apply.fields.conceptHint")}
            rows={6}
            required
            value={v("concept")}
            error={e?.concept}
          />
          <fieldset
            className={e?.operations ? "field--invalid" : undefined}
            aria-describedby={e?.operations ? "field-operations-error" : undefined}
          >
            <legend>{t("apply.fields.operations")} *</legend>
            <div className="checkbox-grid">
              {OPERATIONS.map((op) => (
                <div className="checkbox" key={op}>
                  <input
                    type="checkbox"
                    id={`op-${op}`}
                    name="operations"
                    value={op}
                    defaultChecked={pickList(values, "operations").includes(op)}
                  />
                  <label htmlFor={`op-${op}`}>{t(`apply.operations.${op}`)}</label>
                </div>
              ))}
            </div>
            <FieldErrorText id="field-operations" error={e?.operations} />
          </fieldset>
          <TextArea
            name="barriers"
            label={t("apply.fields.barriers")}
            required
            value={v("barriers")}
            error={e?.barriers}
          />
          <TextArea
            name="mentoringHelp"
            label={t("apply.fields.mentoringHelp")}
            required
            value={v("mentoringHelp")}
            error={e?.mentoringHelp}
          />
          <TextArea
            name="revisionOpenness"
            label={t("apply.fields.revisionOpenness")}
            required
            value={v("revisionOpenness")}
            error={e?.revisionOpenness}
          />
        </fieldset>

        <fieldset
          className={e?.needs ? "field--invalid" : undefined}
          aria-describedby={e?.needs ? "field-needs-error" : undefined}
        >
          <legend>{t("profile.needs")}</legend>
          <p className="field-hint">{t("apply.needsHint")}</p>
          <div className="need-grid">
            {program.taxonomy.map((tag) => (
              <div className="field" key={tag.id}>
                <label htmlFor={`need-${tag.id}`}>{tagLabel(tag, locale)}</label>
                <select
                  id={`need-${tag.id}`}
                  name={`need.${tag.id}`}
                  defaultValue={v(`need.${tag.id}`)}
                >
                  <option value="">{t("profile.priority.none")}</option>
                  <option value="3">{t("profile.priority.3")}</option>
                  <option value="2">{t("profile.priority.2")}</option>
                  <option value="1">{t("profile.priority.1")}</option>
                </select>
              </div>
            ))}
          </div>
          <FieldErrorText id="field-needs" error={e?.needs} />
          <TextArea
            name="needsText"
            label={t("profile.needsText")}
            value={v("needsText")}
            error={e?.needsText}
            rows={3}
          />
        </fieldset>

        <ExpertiseField
          tags={program.taxonomy}
          value={pickList(values, "expertise")}
          error={e?.expertise}
        />
        <TextArea
          name="expertiseText"
          label={t("profile.expertiseText")}
          value={v("expertiseText")}
          error={e?.expertiseText}
          rows={3}
        />
        <WorkingStyleField value={v("workingStyle") || "between"} error={e?.workingStyle} />
        <AvailabilityField value={pickList(values, "availability")} error={e?.availability} />

        <fieldset>
          <legend>{t("apply.sections.competitors")}</legend>
          <p className="field-hint">{t("apply.competitorsHint")}</p>
          <OrganizationChecklist
            organizations={organizations}
            checked={pickList(values, "competitorOrgIds")}
            region={v("region")}
          />
          <TextArea
            name="competitorsText"
            label={t("apply.fields.competitorsText")}
            value={v("competitorsText")}
            error={e?.competitorsText}
            rows={2}
          />
        </fieldset>

        <fieldset>
          <legend>{t("apply.sections.conditions")}</legend>
          <p className="field-hint">{t("apply.conditionsHint")}</p>
          <div className="checkbox">
            <input
              type="checkbox"
              id="field-designatedThroughout"
              name="designatedThroughout"
              defaultChecked={v("designatedThroughout") === "on"}
            />
            <label htmlFor="field-designatedThroughout">
              {t("apply.fields.designatedThroughout")}
            </label>
          </div>
          <div className="checkbox">
            <input
              type="checkbox"
              id="field-canImplement"
              name="canImplement"
              defaultChecked={v("canImplement") === "on"}
            />
            <label htmlFor="field-canImplement">{t("apply.fields.canImplement")}</label>
          </div>
          <TextArea
            name="comments"
            label={t("apply.fields.comments")}
            value={v("comments")}
            error={e?.comments}
            rows={3}
          />
          <div className={e?.consent ? "checkbox field--invalid" : "checkbox"}>
            <input
              type="checkbox"
              id="field-consent"
              name="consent"
              defaultChecked={v("consent") === "on"}
              aria-describedby={e?.consent ? "field-consent-error" : undefined}
              aria-invalid={e?.consent ? true : undefined}
            />
            <label htmlFor="field-consent">{t("apply.fields.consent")} *</label>
          </div>
          <FieldErrorText id="field-consent" error={e?.consent} />
        </fieldset>

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
    </section>
  );
}
