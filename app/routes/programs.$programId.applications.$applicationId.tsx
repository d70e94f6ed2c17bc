import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { FieldErrorText, FormErrorSummary } from "~/components/Field";
import { TextArea } from "~/components/ProfileFields";
import { tagLabel } from "../../core/data/tag-label";
import { mrcName, regionName } from "../../core/data/geography";
import {
  decideApplication,
  getApplication,
  mapApplicationCompetitors,
  scoreApplication,
  unmetConditions,
} from "../../core/models/application.server";
import { matchOrganizationNames } from "../../core/models/invitation.server";
import { OrganizationChecklist } from "~/components/OrganizationChecklist";
import { programOrganizations } from "../../core/models/profile.server";
import {
  criteriaOf,
  maxScore,
  MENTOR_CRITERIA,
  rubricFor,
  type Criterion,
  type MentorCriterion,
  type SelectionCriterion,
} from "../../core/data/vocabulary";
import { applicationReviewSchema } from "../../core/schemas/application";
import { replyWithError } from "~/utils/errors.server";
import { formProps, useAppForm } from "~/utils/forms";
import { answerExcept } from "~/utils/form-answers";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { notFound, requireCoordinatorOf } from "~/utils/permissions.server";
import type { Services } from "../../core/services";
import { idSchema } from "../../core/schemas/fields";
import { FieldLimits } from "~/components/CharacterCount";
import { textLimits } from "../../core/schemas/forms";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.application.organizationName ?? ""} – Maillage` },
];

async function load(s: Services, request: Request, params: Record<string, string | undefined>) {
  const access = await requireCoordinatorOf(s, request, params.programId);
  const id = idSchema.safeParse(params.applicationId);
  const application = id.success ? await getApplication(s, access.program.id, id.data) : undefined;
  if (!application) throw notFound();
  return { ...access, application };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, application } = await load(s, request, params);
  const organizations = await programOrganizations(s, program.id);
  const { accessTokenHash: _secret, ...shown } = application;
  return {
    programId: program.id,
    taxonomy: program.taxonomy,
    application: shown,
    flags: unmetConditions(application),
    rubric: rubricFor(application.role),
    competitorNames: application.competitorOrgIds.map(
      (id) => organizations.find((o) => o.id === id)?.name ?? id,
    ),
    // The program's organizations, to map the competitors named in words; before a mapping,
    // the names that match are checked (the invitation would bring them otherwise).
    organizations: organizations.map((o) => ({ id: o.id, name: o.name, region: o.region })),
    limits: textLimits(applicationReviewSchema(rubricFor(application.role), [])),
    competitorsChecked: application.competitorsMappedAt
      ? application.competitorOrgIds
      : [
          ...new Set([
            ...application.competitorOrgIds,
            ...matchOrganizationNames(application.competitorsText, organizations),
          ]),
        ],
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { program, application, user } = await load(s, request, params);
  // The application's role decides its rubric: mentors are scored on their own.
  const rubric = rubricFor(application.role);
  const organizations = await programOrganizations(s, program.id);
  const submission = await parseSubmission(
    request,
    applicationReviewSchema(
      rubric,
      organizations.map((o) => o.id),
    ),
    { lists: ["competitorOrgIds"] },
  );
  if (submission.status !== "success") return refuse(submission);
  const review = submission.value;
  if (review.intent === "competitors") {
    try {
      await mapApplicationCompetitors(s, {
        programId: program.id,
        id: application.id,
        organizationIds: review.competitorOrgIds,
      });
    } catch (error) {
      return replyWithError(request, submission, error);
    }
    return { done: "competitors" as const };
  }
  if (review.intent === "score") {
    const scores = Object.fromEntries(
      criteriaOf(rubric).map((c) => [
        c,
        { score: review.score[c] as number, comment: review.comment[c] as string },
      ]),
    );
    await scoreApplication(s, program.id, application.id, scores, user.id);
    return { done: "score" as const };
  }
  const result = await decideApplication(s, {
    programId: program.id,
    id: application.id,
    status: review.status,
    reason: review.reason,
    by: user.id,
  });
  return { done: "decide" as const, invitationLink: result.invitationLink };
}

/** A criterion's label: the mentors' rubric has its own. */
function criterionLabel(c: Criterion) {
  return (MENTOR_CRITERIA as readonly string[]).includes(c)
    ? (`mentorRubric.criteria.${c as MentorCriterion}` as const)
    : (`applications.criteria.${c as SelectionCriterion}` as const);
}

export default function ApplicationDetail() {
  const {
    programId,
    taxonomy,
    application: a,
    flags,
    competitorNames,
    rubric,
    organizations,
    competitorsChecked,
    limits,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [scoreForm, scoreFields] = useAppForm<Record<string, string>>({ intent: "score" });
  // The decision is the page's main form: it also shows a refusal no other form claims.
  const [decideForm, decideFields] = useAppForm<Record<string, string>>({
    lastResult: answerExcept(result, ["score", "competitors"]),
  });
  const [competitorsForm] = useAppForm<Record<string, string>>({ intent: "competitors" });
  const navigation = useNavigation();
  const { t, locale, date } = useT();
  const tag = (id: string) =>
    tagLabel(
      taxonomy.find((x) => x.id === id),
      locale,
      id,
    );
  return (
    <>
      <p>
        <Link to={`/programs/${programId}/applications`}>← {t("applications.back")}</Link>
      </p>
      <p className="eyebrow">{a.role ? t(`roles.${a.role}`) : ""}</p>
      <h1>{a.organizationName}</h1>
      <p>
        <span className={`status status--${a.status}`}>
          {t(`applications.statuses.${a.status}`)}
        </span>{" "}
        {a.submittedAt ? t("applications.submittedOn", { date: date(a.submittedAt) }) : null}
      </p>
      {flags.length > 0 ? (
        <div className="alert alert--warning" role="note">
          <p>
            <strong>{t("applications.conditionsUnmet")}</strong>
          </p>
          <ul>
            {flags.map((f) => (
              <li key={f}>{t(`applications.unmet.${f}`)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {result && "done" in result ? (
        <div className="alert alert--success" role="status">
          <p>
            {t(
              result.done === "score"
                ? "applications.scored"
                : result.done === "competitors"
                  ? "applications.competitorsSaved"
                  : "applications.decided",
            )}
          </p>
          {result.done === "decide" && result.invitationLink ? (
            <p>
              {t("applications.invitationSent")} <code>{result.invitationLink}</code>
            </p>
          ) : null}
        </div>
      ) : null}

      <FieldLimits limits={limits}>
        <div className="two-columns two-columns--wide">
          <section aria-labelledby="answers">
            <h2 id="answers">{t("applications.answers")}</h2>
            <dl className="answers">
              <dt>{t("apply.fields.contactName")}</dt>
              <dd>
                {a.contactName} — {a.contactEmail}
              </dd>
              <dt>{t("apply.fields.email")}</dt>
              <dd>{a.email}</dd>
              <dt>{t("geo.region")}</dt>
              <dd>
                {regionName(a.region)} · {mrcName(a.region, a.mrc)}
              </dd>
              <dt>{t("organization.sector")}</dt>
              <dd>
                {a.profile.sector}
                {a.profile.field ? ` · ${a.profile.field}` : ""}
              </dd>
              <dt>{t("apply.fields.concept")}</dt>
              <dd className="prose">{a.concept}</dd>
              <dt>{t("apply.fields.operations")}</dt>
              <dd>
                {a.operations.map((o) => t(`apply.operations.${o}`)).join(", ")}
                {a.operationsText ? <p className="prose">{a.operationsText}</p> : null}
              </dd>
              <dt>{t("apply.fields.barriers")}</dt>
              <dd className="prose">{a.barriers}</dd>
              <dt>{t("apply.fields.mentoringHelp")}</dt>
              <dd className="prose">{a.mentoringHelp}</dd>
              <dt>{t("apply.recentSupport.question")}</dt>
              <dd>
                {a.recentSupport ? t(a.recentSupport === "yes" ? "common.yes" : "common.no") : "—"}
                {a.recentSupportText ? <p className="prose">{a.recentSupportText}</p> : null}
                {a.recentSupport === "yes" ? (
                  <p className="field-hint">{t("apply.recentSupport.coordinatorNote")}</p>
                ) : null}
              </dd>
              <dt>{t("apply.fields.revisionOpenness")}</dt>
              <dd className="prose">{a.revisionOpenness}</dd>
              <dt>{t("profile.needs")}</dt>
              <dd>
                {a.profile.needs.length ? (
                  <ol>
                    {a.profile.needs.map((n) => (
                      <li key={n.tag}>
                        {tag(n.tag)} ({t(`profile.priority.${n.priority as 1 | 2 | 3}`)})
                      </li>
                    ))}
                  </ol>
                ) : (
                  "—"
                )}
                {a.profile.needsText ? <p className="prose">{a.profile.needsText}</p> : null}
              </dd>
              <dt>{t("profile.expertise")}</dt>
              <dd>
                {a.profile.expertise.map(tag).join(", ") || "—"}
                {a.profile.expertiseText ? (
                  <p className="prose">{a.profile.expertiseText}</p>
                ) : null}
              </dd>
              <dt>{t("profile.workingStyle")}</dt>
              <dd>{t(`profile.styles.${a.profile.workingStyle}`)}</dd>
              <dt>{t("apply.sections.competitors")}</dt>
              <dd>{[...competitorNames, a.competitorsText].filter(Boolean).join(" · ") || "—"}</dd>
              <dt>{t("apply.fields.designatedThroughout")}</dt>
              <dd>{t(a.designatedThroughout ? "common.yes" : "common.no")}</dd>
              <dt>{t("apply.fields.canImplement")}</dt>
              <dd>{t(a.canImplement ? "common.yes" : "common.no")}</dd>
              {a.comments ? (
                <>
                  <dt>{t("apply.fields.comments")}</dt>
                  <dd className="prose">{a.comments}</dd>
                </>
              ) : null}
            </dl>
          </section>

          <div>
            <section className="panel" aria-labelledby="scoring">
              <h2 id="scoring">{t("applications.scoring")}</h2>
              <p className="field-hint">
                {t(rubric === "mentor" ? "mentorRubric.hint" : "applications.scoringHint")}
              </p>
              <FormErrorSummary form={scoreForm} />
              <Form method="post" {...formProps(scoreForm)} className="stack">
                <input type="hidden" name="intent" value="score" />
                {criteriaOf(rubric).map((c) => {
                  const current = a.evaluation?.criteria[c];
                  const error = scoreFields[`score.${c}`]?.errors?.[0];
                  return (
                    <fieldset key={c} className={error ? "criterion field--invalid" : "criterion"}>
                      <legend>{t(criterionLabel(c))}</legend>
                      <div
                        className="score-scale"
                        role="radiogroup"
                        aria-describedby={error ? `score-${c}-error` : undefined}
                      >
                        {[0, 1, 2, 3].map((n) => (
                          <label key={n} className="score-option">
                            <input
                              type="radio"
                              name={`score.${c}`}
                              value={n}
                              defaultChecked={current?.score === n}
                            />
                            {n}
                          </label>
                        ))}
                      </div>
                      <FieldErrorText id={`score-${c}`} error={error} />
                      <label htmlFor={`comment-${c}`} className="visually-hidden">
                        {t("applications.comment")} — {t(criterionLabel(c))}
                      </label>
                      <input
                        id={`comment-${c}`}
                        name={`comment.${c}`}
                        placeholder={t("applications.comment")}
                        defaultValue={current?.comment ?? ""}
                      />
                    </fieldset>
                  );
                })}
                <p>
                  {a.evaluation
                    ? t("mentorRubric.currentTotal", {
                        total: a.evaluation.total,
                        max: maxScore(a.evaluation.rubric ?? "project"),
                      })
                    : null}
                </p>
                <button
                  type="submit"
                  className="button"
                  disabled={navigation.state === "submitting"}
                >
                  {t("applications.saveScore")}
                </button>
              </Form>
            </section>

            <section className="panel" aria-labelledby="competitors">
              <h2 id="competitors">{t("applications.competitorsTitle")}</h2>
              <p>
                {t("applications.competitorsNamed")}
                {t("common.colon")} {a.competitorsText ? <q>{a.competitorsText}</q> : "—"}
              </p>
              {a.participantId ? (
                <p className="field-hint">{t("applications.competitorsJoined")}</p>
              ) : organizations.length === 0 ? (
                <p className="field-hint">{t("applications.competitorsNoOrganizations")}</p>
              ) : (
                <>
                  <p className="field-hint">{t("applications.competitorsHint")}</p>
                  <FormErrorSummary form={competitorsForm} />
                  <Form method="post" {...formProps(competitorsForm)} className="stack">
                    <input type="hidden" name="intent" value="competitors" />
                    <OrganizationChecklist
                      organizations={organizations}
                      checked={competitorsChecked}
                      region={a.region}
                    />
                    <button
                      type="submit"
                      className="button"
                      disabled={navigation.state === "submitting"}
                    >
                      {t("applications.saveCompetitors")}
                    </button>
                  </Form>
                </>
              )}
            </section>

            <section className="panel" aria-labelledby="decision">
              <h2 id="decision">{t("applications.decision")}</h2>
              {a.decision ? (
                <p>
                  {t("applications.decidedOn", {
                    status: t(`applications.statuses.${a.decision.status}`),
                    date: date(a.decision.decidedAt),
                  })}
                </p>
              ) : null}
              <FormErrorSummary form={decideForm} />
              <Form method="post" {...formProps(decideForm)} className="stack">
                <input type="hidden" name="intent" value="decide" />
                <fieldset
                  className={decideFields.status?.errors?.[0] ? "field--invalid" : undefined}
                >
                  <legend>{t("applications.decisionChoice")}</legend>
                  {(["accepted", "waitlisted", "rejected"] as const).map((s) => (
                    <div className="checkbox" key={s}>
                      <input
                        type="radio"
                        id={`decision-${s}`}
                        name="status"
                        value={s}
                        defaultChecked={a.decision?.status === s}
                      />
                      <label htmlFor={`decision-${s}`}>{t(`applications.decisions.${s}`)}</label>
                    </div>
                  ))}
                  <FieldErrorText id="field-status" error={decideFields.status?.errors?.[0]} />
                </fieldset>
                <TextArea
                  name="reason"
                  label={t("applications.reason")}
                  hint={t("applications.reasonHint")}
                  required
                  value={a.decision?.reason ?? ""}
                  error={decideFields.reason?.errors?.[0]}
                  rows={3}
                />
                <button
                  type="submit"
                  className="button"
                  disabled={navigation.state === "submitting"}
                >
                  {t("applications.saveDecision")}
                </button>
              </Form>
            </section>
          </div>
        </div>
      </FieldLimits>
    </>
  );
}
