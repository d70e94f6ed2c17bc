import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { FormErrorSummary } from "~/components/Field";
import { Radios } from "~/components/Radios";
import { TextArea } from "~/components/ProfileFields";
import {
  getEvaluation,
  evaluationPhase,
  objectivesOf,
  respondents,
  responseOf,
  submitResponse,
} from "../../core/models/evaluation.server";
import { answerFormSchema, progressSchema } from "../../core/schemas/evaluation";
import { replyWithError } from "~/utils/errors.server";
import { formProps, isReply, useAppForm } from "~/utils/forms";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { notFound, requireProgramAccess } from "~/utils/permissions.server";
import type { Services } from "../../core/services";
import { isId } from "../../core/utils/ids";
import { FieldLimits } from "~/components/CharacterCount";
import { FormDraft } from "~/components/FormDraft";
import { textLimits } from "../../core/schemas/forms";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "evaluations.title");

/** Only the members of the program's groups answer; everyone else gets 404. */
async function load(s: Services, request: Request, params: LoaderFunctionArgs["params"]) {
  const { program, participant } = await requireProgramAccess(s, request, params.programId);
  const id = typeof params.evaluationId === "string" ? params.evaluationId : "";
  const evaluation = isId(id) ? await getEvaluation(s, program.id, id) : undefined;
  if (!evaluation || !participant) throw notFound();
  const groupId = (await respondents(s, program.id)).get(participant.id);
  if (!groupId) throw notFound();
  return { program, participant, evaluation, groupId };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, participant, evaluation, groupId } = await load(s, request, params);
  const [previous, objectives] = await Promise.all([
    responseOf(s, evaluation.id, participant.id),
    objectivesOf(s, participant.id, groupId),
  ]);
  return {
    programPath: `/programs/${program.id}`,
    evaluation,
    phase: evaluationPhase(evaluation, s.clock.now()),
    objectives,
    previous: previous ?? null,
    limits: textLimits(
      answerFormSchema(
        evaluation.kind,
        objectives.map((o) => o.id),
      ),
    ),
  };
}

const PROGRESS = ["none", "started", "advanced", "reached"] as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { participant, evaluation, groupId } = await load(s, request, params);
  const objectives = await objectivesOf(s, participant.id, groupId);
  const submission = await parseSubmission(
    request,
    answerFormSchema(
      evaluation.kind,
      objectives.map((o) => o.id),
    ),
  );
  if (submission.status !== "success") return refuse(submission);
  const answer = submission.value;
  try {
    if ("learning" in answer) {
      await submitResponse(s, evaluation, participant.id, groupId, {
        ...answer,
        objectives: [],
        successFactors: "",
        difficulties: "",
      });
      return { saved: true };
    }
    const progress = answer as Record<string, unknown>;
    const monthly = Object.fromEntries(
      Object.entries(answer).filter(([name]) => !name.startsWith("progress-")),
    ) as typeof answer;
    await submitResponse(s, evaluation, participant.id, groupId, {
      ...monthly,
      objectives: objectives.map((o) => ({
        title: o.title,
        progress: progressSchema.parse(progress[`progress-${o.id}`]),
      })),
      learning: "",
      recommendations: "",
    });
    return { saved: true };
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

export default function AnswerEvaluation() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useAppForm<Record<string, string>>();
  const navigation = useNavigation();
  const { t, date } = useT();
  const e = data.evaluation;
  const prev = data.previous;
  // After a refusal, what was sent; before, the previous answer.
  const refused = isReply(result);
  const text = (name: string, fallback: string) =>
    refused ? (fields[name]?.defaultValue ?? "") : fallback;
  const error = (name: string) => fields[name]?.errors?.[0];
  const scale = [1, 2, 3, 4, 5].map((n) => ({
    value: String(n),
    label: t(`evaluations.scale.${n as 1 | 2 | 3 | 4 | 5}`),
  }));
  const sentConsent = refused ? fields.quoteConsent?.defaultValue : undefined;
  const consent = sentConsent !== undefined ? sentConsent === "on" : Boolean(prev?.quoteConsent);
  return (
    <>
      <p>
        <Link to={`${data.programPath}/evaluations`}>← {t("evaluations.title")}</Link>
      </p>
      <h1>{e.title}</h1>
      <p className="lead">
        {t(`evaluations.kinds.${e.kind}`)} ·{" "}
        {t("evaluations.period", {
          from: date(e.opensOn, { dateStyle: "medium" }),
          to: date(e.closesOn, { dateStyle: "medium" }),
        })}
      </p>
      <p className="field-hint">{t("evaluations.confidential")}</p>
      {result && "saved" in result ? (
        <p className="alert alert--success" role="status">
          {t("evaluations.saved")}
        </p>
      ) : null}
      {data.phase === "upcoming" ? (
        <p className="alert alert--warning">
          {t("evaluations.opensOn", { date: date(e.opensOn, { dateStyle: "long" }) })}
        </p>
      ) : data.phase === "closed" ? (
        <p className="alert alert--warning">{t("errors.evaluationClosed")}</p>
      ) : (
        <>
          <FormErrorSummary form={form} />
          <FieldLimits limits={data.limits}>
            <Form method="post" {...formProps(form)} className="stack">
              <FormDraft id="evaluation" />
              {e.kind === "monthly" ? (
                <>
                  {data.objectives.length > 0 ? (
                    <section aria-labelledby="objectives-title">
                      <h2 id="objectives-title">{t("evaluations.objectives")}</h2>
                      {data.objectives.map((o) => (
                        <Radios
                          key={o.id}
                          field={fields[`progress-${o.id}`]!}
                          legend={o.title}
                          value={prev?.objectives.find((p) => p.title === o.title)?.progress ?? ""}
                          options={PROGRESS.map((p) => ({
                            value: p,
                            label: t(`evaluations.progress.${p}`),
                          }))}
                        />
                      ))}
                    </section>
                  ) : (
                    <p className="field-hint">{t("evaluations.noObjectives")}</p>
                  )}
                  <TextArea
                    name="successFactors"
                    label={t("evaluations.successFactors")}
                    value={text("successFactors", prev?.successFactors ?? "")}
                    error={error("successFactors")}
                    rows={3}
                  />
                  <TextArea
                    name="difficulties"
                    label={t("evaluations.difficulties")}
                    value={text("difficulties", prev?.difficulties ?? "")}
                    error={error("difficulties")}
                    rows={3}
                  />
                </>
              ) : (
                <>
                  <TextArea
                    name="learning"
                    required
                    label={t("evaluations.learning")}
                    value={text("learning", prev?.learning ?? "")}
                    error={error("learning")}
                  />
                  <Radios
                    field={fields.objectivesReached!}
                    legend={t("evaluations.objectivesReached")}
                    value={prev?.objectivesReached ?? ""}
                    options={(["yes", "partly", "no"] as const).map((v) => ({
                      value: v,
                      label: t(`evaluations.reached.${v}`),
                    }))}
                  />
                  <TextArea
                    name="recommendations"
                    label={t("evaluations.recommendations")}
                    value={text("recommendations", prev?.recommendations ?? "")}
                    error={error("recommendations")}
                  />
                  <Radios
                    field={fields.continueMeeting!}
                    legend={t("evaluations.continueMeeting")}
                    value={prev?.continueMeeting ?? ""}
                    options={(["yes", "maybe", "no"] as const).map((v) => ({
                      value: v,
                      label: t(`evaluations.continue.${v}`),
                    }))}
                  />
                </>
              )}
              <Radios
                field={fields.appreciation!}
                legend={t("evaluations.appreciation")}
                value={prev ? String(prev.appreciation) : ""}
                options={scale}
              />
              <TextArea
                name="comment"
                label={t("evaluations.comment")}
                value={text("comment", prev?.comment ?? "")}
                error={error("comment")}
                rows={3}
              />
              <label className="checkbox">
                <input type="checkbox" name="quoteConsent" defaultChecked={consent} />{" "}
                {t("evaluations.quoteConsent")}
              </label>
              <p>
                <button type="submit" className="button" disabled={navigation.state !== "idle"}>
                  {t(prev ? "evaluations.update" : "evaluations.send")}
                </button>
              </p>
            </Form>
          </FieldLimits>
        </>
      )}
    </>
  );
}
