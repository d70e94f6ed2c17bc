import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { FormErrorSummary } from "~/components/Field";
import { Radios } from "~/components/Radios";
import { TextArea } from "~/components/ProfileFields";
import {
  EvaluationClosedError,
  getEvaluation,
  isOpen,
  objectivesOf,
  respondents,
  responseOf,
  submitResponse,
} from "../../core/models/evaluation.server";
import {
  finalAnswerSchema,
  monthlyAnswerSchema,
  progressSchema,
} from "../../core/schemas/evaluation";
import {
  formDataToObject,
  isFormFailure,
  parseWith,
  type FieldErrors,
  readFormData,
} from "../../core/utils/forms";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { notFound, requireProgramAccess } from "~/utils/permissions.server";
import { formFailure } from "~/utils/responses.server";
import type { Services } from "../../core/services";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "evaluations.title");

/** Only the members of the program's groups answer; everyone else gets 404. */
async function load(s: Services, request: Request, params: LoaderFunctionArgs["params"]) {
  const { program, participant } = await requireProgramAccess(s, request, params.programId);
  const id = typeof params.evaluationId === "string" ? params.evaluationId : "";
  const evaluation = /^[\w-]{1,64}$/.test(id) ? await getEvaluation(s, program.id, id) : undefined;
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
    open: isOpen(evaluation, s.clock.now()),
    objectives,
    previous: previous ?? null,
  };
}

const PROGRESS = ["none", "started", "advanced", "reached"] as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { participant, evaluation, groupId } = await load(s, request, params);
  const form = formDataToObject(await readFormData(request));
  try {
    if (evaluation.kind === "final") {
      const parsed = parseWith(finalAnswerSchema, form);
      if (!parsed.ok) return formFailure(parsed.fieldErrors, parsed.values);
      await submitResponse(s, evaluation, participant.id, groupId, {
        ...parsed.data,
        objectives: [],
        successFactors: "",
        difficulties: "",
      });
      return { saved: true };
    }
    const parsed = parseWith(monthlyAnswerSchema, form);
    const objectives = await objectivesOf(s, participant.id, groupId);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.fieldErrors };
    const progress = objectives.map((o) => {
      const value = progressSchema.safeParse(form[`progress-${o.id}`]);
      if (!value.success) errors[`progress-${o.id}`] = { key: "errors.choice" };
      return { title: o.title, progress: value.success ? value.data : ("none" as const) };
    });
    if (!parsed.ok || Object.keys(errors).length) return formFailure(errors, form);
    await submitResponse(s, evaluation, participant.id, groupId, {
      ...parsed.data,
      objectives: progress,
      learning: "",
      recommendations: "",
    });
    return { saved: true };
  } catch (error) {
    if (error instanceof EvaluationClosedError)
      return formFailure({ form: { key: "errors.evaluationClosed" } }, form, 409);
    throw error;
  }
}

export default function AnswerEvaluation() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = isFormFailure(result) ? result : undefined;
  const navigation = useNavigation();
  const { t, date } = useT();
  const e = data.evaluation;
  const prev = data.previous;
  const text = (name: string, fallback: string) => {
    const v = failure?.values[name];
    return typeof v === "string" ? v : fallback;
  };
  const scale = [1, 2, 3, 4, 5].map((n) => ({
    value: String(n),
    label: t(`evaluations.scale.${n as 1 | 2 | 3 | 4 | 5}`),
  }));
  const consent =
    failure?.values.quoteConsent !== undefined
      ? failure.values.quoteConsent === "on"
      : Boolean(prev?.quoteConsent);
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
      {!data.open ? (
        <p className="alert alert--warning">{t("errors.evaluationClosed")}</p>
      ) : (
        <>
          <FormErrorSummary errors={failure?.fieldErrors} />
          <Form method="post" className="stack" noValidate>
            {e.kind === "monthly" ? (
              <>
                {data.objectives.length > 0 ? (
                  <section aria-labelledby="objectives-title">
                    <h2 id="objectives-title">{t("evaluations.objectives")}</h2>
                    {data.objectives.map((o) => (
                      <Radios
                        key={o.id}
                        name={`progress-${o.id}`}
                        legend={o.title}
                        failure={failure}
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
                  error={failure?.fieldErrors.successFactors}
                  rows={3}
                />
                <TextArea
                  name="difficulties"
                  label={t("evaluations.difficulties")}
                  value={text("difficulties", prev?.difficulties ?? "")}
                  error={failure?.fieldErrors.difficulties}
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
                  error={failure?.fieldErrors.learning}
                />
                <Radios
                  name="objectivesReached"
                  legend={t("evaluations.objectivesReached")}
                  failure={failure}
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
                  error={failure?.fieldErrors.recommendations}
                />
                <Radios
                  name="continueMeeting"
                  legend={t("evaluations.continueMeeting")}
                  failure={failure}
                  value={prev?.continueMeeting ?? ""}
                  options={(["yes", "maybe", "no"] as const).map((v) => ({
                    value: v,
                    label: t(`evaluations.continue.${v}`),
                  }))}
                />
              </>
            )}
            <Radios
              name="appreciation"
              legend={t("evaluations.appreciation")}
              failure={failure}
              value={prev ? String(prev.appreciation) : ""}
              options={scale}
            />
            <TextArea
              name="comment"
              label={t("evaluations.comment")}
              value={text("comment", prev?.comment ?? "")}
              error={failure?.fieldErrors.comment}
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
        </>
      )}
    </>
  );
}
