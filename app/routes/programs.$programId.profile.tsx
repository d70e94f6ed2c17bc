import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { OrganizationChecklist } from "~/components/OrganizationChecklist";
import { Field, FieldErrorText, FormErrorSummary } from "~/components/Field";
import {
  AvailabilityField,
  ExpertiseField,
  TextArea,
  WorkingStyleField,
} from "~/components/ProfileFields";
import { tagLabel } from "../../core/data/tag-label";
import { mrcName } from "../../core/data/geography";
import {
  conflictCandidates,
  programOrganizations,
  updateProfile,
} from "../../core/models/profile.server";
import { PROFILE_ARRAY_FIELDS, profileFormSchema } from "../../core/schemas/profile";
import { formProps, isReply, useAppForm } from "~/utils/forms";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { forbidden, requireProgramAccess } from "~/utils/permissions.server";
import { getOwnParticipation } from "../../core/models/participant.server";
import type { Services } from "../../core/services";
import { FieldLimits } from "~/components/CharacterCount";
import { FormDraft } from "~/components/FormDraft";
import { textLimits } from "../../core/schemas/forms";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "programNav.profile");

async function requireOwnParticipation(s: Services, request: Request, programId: unknown) {
  const access = await requireProgramAccess(s, request, programId);
  if (!access.participant) throw forbidden();
  return { ...access, participant: access.participant };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, user } = await requireOwnParticipation(s, request, params.programId);
  const own = await getOwnParticipation(s, user.id, program.id);
  if (!own) throw forbidden();
  const organizations = (await programOrganizations(s, program.id)).filter(
    (o) => o.id !== own.participant.organizationId,
  );
  return {
    taxonomy: program.taxonomy,
    participant: own.participant,
    organization: own.organization
      ? { name: own.organization.name, competitorIds: own.organization.competitorIds }
      : null,
    organizations: organizations.map((o) => ({ id: o.id, name: o.name, region: o.region })),
    region: own.organization?.region,
    // Proximity rule: the organizations of the person's region, for their conflicts of interest.
    conflicts:
      program.regionRule === "same-region-distinct-mrcs"
        ? {
            candidates: await conflictCandidates(s.store, program, own.participant),
            declared: own.participant.conflictOrgIds ?? [],
          }
        : null,
    limits: textLimits(profileFormSchema([], [], [])),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { program, participant } = await requireOwnParticipation(s, request, params.programId);
  const organizations = await programOrganizations(s, program.id);
  const orgIds = organizations.map((o) => o.id).filter((id) => id !== participant.organizationId);
  const candidates = await conflictCandidates(s.store, program, participant);
  const submission = await parseSubmission(
    request,
    profileFormSchema(
      program.taxonomy.map((t) => t.id),
      orgIds,
      candidates.map((o) => o.id),
    ),
    { lists: PROFILE_ARRAY_FIELDS },
  );
  if (submission.status !== "success") return refuse(submission);
  await updateProfile(s, participant.id, submission.value, orgIds);
  return { saved: submission.value.intent === "save" };
}

export default function ProfilePage() {
  const { taxonomy, participant, organization, organizations, region, conflicts, limits } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = isReply(result) ? result : undefined;
  // The page always shows the saved profile; a refusal only adds its errors.
  const [form, fields] = useAppForm<Record<string, string>>();
  const e = (name: string) => fields[name]?.errors?.[0];
  const navigation = useNavigation();
  const { t, locale } = useT();
  const profile = participant.profile;
  const needs = profile.needs;
  const unused = taxonomy.filter((tag) => !needs.some((n) => n.tag === tag.id));
  return (
    <>
      <h1>{t("profile.title")}</h1>
      <p className="lead">{t("profile.intro")}</p>
      {result && !failure && "saved" in result && result.saved ? (
        <p className="alert alert--success" role="status">
          {t("profile.saved")}
        </p>
      ) : null}
      <FormErrorSummary form={form} />
      <FieldLimits limits={limits}>
        <Form method="post" {...formProps(form)} className="stack" preventScrollReset>
          <FormDraft id="profile" />
          {/* The default button for Enter in a field: saves (not the first need's "remove"). */}
          <button
            type="submit"
            name="intent"
            value="save"
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
          >
            {t("profile.save")}
          </button>
          <fieldset>
            <legend>{t("profile.organization")}</legend>
            <p>
              <strong>{organization?.name}</strong> · {t(`roles.${participant.role}`)}
            </p>
            <div className="field-row">
              <Field
                name="sector"
                label={t("organization.sector")}
                required
                defaultValue={profile.sector}
                error={e("sector")}
              />
              <Field
                name="field"
                label={t("apply.fields.field")}
                defaultValue={profile.field}
                error={e("field")}
              />
            </div>
          </fieldset>

          <fieldset aria-describedby="needs-hint">
            <legend>{t("profile.needs")}</legend>
            <p className="field-hint" id="needs-hint">
              {t("profile.needsPriorityHint")}
            </p>
            {needs.length === 0 ? <p className="muted">{t("profile.noNeeds")}</p> : null}
            <ol className="need-list">
              {needs.map((need, index) => {
                const label = tagLabel(
                  taxonomy.find((x) => x.id === need.tag),
                  locale,
                  need.tag,
                );
                return (
                  <li key={need.tag}>
                    <input type="hidden" name="needTag" value={need.tag} />
                    <span className="need-label">{label}</span>
                    <label className="visually-hidden" htmlFor={`priority-${need.tag}`}>
                      {t("profile.priorityOf", { need: label })}
                    </label>
                    <select
                      id={`priority-${need.tag}`}
                      name="needPriority"
                      defaultValue={String(need.priority)}
                    >
                      <option value="3">{t("profile.priority.3")}</option>
                      <option value="2">{t("profile.priority.2")}</option>
                      <option value="1">{t("profile.priority.1")}</option>
                    </select>
                    <span className="need-actions">
                      <button
                        type="submit"
                        name="intent"
                        value={`remove:${index}`}
                        className="icon-button"
                        aria-label={t("profile.removeNeed", { need: label })}
                      >
                        ✕
                      </button>
                    </span>
                  </li>
                );
              })}
            </ol>
            {unused.length > 0 ? (
              <div className="inline-form">
                <div className={e("newNeedTag") ? "field field--invalid" : "field"}>
                  <label htmlFor="field-newNeedTag">{t("profile.addNeed")}</label>
                  <select
                    id="field-newNeedTag"
                    name="newNeedTag"
                    defaultValue=""
                    aria-describedby={e("newNeedTag") ? "field-newNeedTag-error" : undefined}
                  >
                    <option value="">{t("profile.chooseSubject")}</option>
                    {unused.map((tag) => (
                      <option key={tag.id} value={tag.id}>
                        {tagLabel(tag, locale)}
                      </option>
                    ))}
                  </select>
                  <FieldErrorText id="field-newNeedTag" error={e("newNeedTag")} />
                </div>
                <div className="field">
                  <label htmlFor="field-newNeedPriority">{t("profile.priorityLabel")}</label>
                  <select id="field-newNeedPriority" name="newNeedPriority" defaultValue="2">
                    <option value="3">{t("profile.priority.3")}</option>
                    <option value="2">{t("profile.priority.2")}</option>
                    <option value="1">{t("profile.priority.1")}</option>
                  </select>
                </div>
                <button
                  type="submit"
                  name="intent"
                  value="add"
                  className="button button--secondary"
                >
                  {t("profile.add")}
                </button>
              </div>
            ) : null}
            <TextArea
              name="needsText"
              label={t("profile.needsText")}
              value={profile.needsText}
              error={e("needsText")}
              rows={3}
            />
          </fieldset>

          <ExpertiseField tags={taxonomy} value={profile.expertise} error={e("expertise")} />
          <TextArea
            name="expertiseText"
            label={t("profile.expertiseText")}
            value={profile.expertiseText}
            error={e("expertiseText")}
            rows={3}
          />
          <WorkingStyleField value={profile.workingStyle} error={e("workingStyle")} />
          <AvailabilityField value={profile.availability} error={e("availability")} />

          {organizations.length > 0 ? (
            <fieldset>
              <legend>{t("apply.sections.competitors")}</legend>
              <p className="field-hint">{t("profile.competitorsHint")}</p>
              <OrganizationChecklist
                organizations={organizations}
                checked={organization?.competitorIds ?? []}
                region={region}
              />
            </fieldset>
          ) : null}

          {conflicts ? (
            <fieldset
              aria-describedby={
                e("conflictOrgIds") ? "conflicts-hint field-conflictOrgIds-error" : "conflicts-hint"
              }
            >
              <legend>{t("profile.conflicts.legend")}</legend>
              <p className="field-hint" id="conflicts-hint">
                {t("profile.conflicts.hint")}
              </p>
              <p>
                {conflicts.declared.length > 0
                  ? t("profile.conflicts.declared", {
                      names: conflicts.candidates
                        .filter((o) => conflicts.declared.includes(o.id))
                        .map((o) => o.name)
                        .join(", "),
                    })
                  : t("profile.conflicts.none")}
              </p>
              {conflicts.candidates.length > 0 ? (
                <div className="checkbox-grid">
                  {conflicts.candidates.map((o) => (
                    <div className="checkbox" key={o.id}>
                      <input
                        type="checkbox"
                        id={`conflict-${o.id}`}
                        name="conflictOrgIds"
                        value={o.id}
                        defaultChecked={conflicts.declared.includes(o.id)}
                      />
                      <label htmlFor={`conflict-${o.id}`}>
                        {o.name} · {mrcName(o.region, o.mrc)}
                      </label>
                    </div>
                  ))}
                </div>
              ) : (
                <p className="muted">{t("profile.conflicts.noCandidates")}</p>
              )}
              <FieldErrorText id="field-conflictOrgIds" error={e("conflictOrgIds")} />
            </fieldset>
          ) : null}

          <div className="checkbox">
            <input
              type="checkbox"
              id="field-published"
              name="published"
              defaultChecked={participant.published}
            />
            <label htmlFor="field-published">{t("profile.published")}</label>
          </div>
          <p>
            <button
              type="submit"
              name="intent"
              value="save"
              className="button"
              disabled={navigation.state === "submitting"}
            >
              {t("profile.save")}
            </button>
          </p>
        </Form>
      </FieldLimits>
    </>
  );
}
