import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { FormErrorSummary } from "~/components/Field";
import { TextArea } from "~/components/ProfileFields";
import {
  acceptAgreement,
  acceptedByAll,
  agreementVersions,
  saveAgreement,
  StaleAgreementError,
} from "../../core/models/agreement.server";
import { groupView } from "../../core/models/group.server";
import { acceptSchema, AGREEMENT_POINTS, agreementFormSchema } from "../../core/schemas/agreement";
import { formDataToObject, isFormFailure, parseWith, readFormData } from "../../core/utils/forms";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requireGroupMember } from "~/utils/permissions.server";
import { formFailure } from "~/utils/responses.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "agreement.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, participant, group } = await requireGroupMember(
    s,
    request,
    params.programId,
    params.groupId,
  );
  const [versions, view] = await Promise.all([
    agreementVersions(s, group.id),
    groupView(s, group.id),
  ]);
  const names = Object.fromEntries((view?.members ?? []).map((m) => [m.id, m.name]));
  const current = versions[0];
  return {
    groupPath: `/programs/${program.id}/groups/${group.id}`,
    me: participant.id,
    memberIds: group.memberIds,
    names,
    current: current ?? null,
    acceptedByAll: acceptedByAll(current, group.memberIds),
    history: versions
      .slice(1)
      .map((v) => ({ version: v.version, updatedAt: v.updatedAt, updatedBy: v.updatedBy })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { participant, group } = await requireGroupMember(
    s,
    request,
    params.programId,
    params.groupId,
  );
  const form = formDataToObject(await readFormData(request));
  if (form.intent === "accept") {
    const parsed = acceptSchema.safeParse(form);
    if (!parsed.success) throw new Response("Bad request", { status: 400 });
    try {
      await acceptAgreement(s, group.id, parsed.data.version, participant.id);
      return { done: "accepted" as const };
    } catch (error) {
      if (error instanceof StaleAgreementError) {
        return formFailure({ form: { key: "agreement.stale" } }, {}, 409);
      }
      throw error;
    }
  }
  const parsed = parseWith(agreementFormSchema, form);
  if (!parsed.ok) return formFailure(parsed.fieldErrors, parsed.values);
  const { intent: _intent, ...points } = parsed.data;
  await saveAgreement(s, group.id, points, participant.id);
  return { done: "saved" as const };
}

export default function AgreementPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = isFormFailure(result) ? result : undefined;
  const navigation = useNavigation();
  const { t, date } = useT();
  const current = data.current;
  const value = (point: (typeof AGREEMENT_POINTS)[number]) => {
    const v = failure?.values[point];
    return typeof v === "string" ? v : (current?.[point] ?? "");
  };
  return (
    <>
      <p>
        <Link to={data.groupPath}>← {t("groups.spaceTitle")}</Link>
      </p>
      <h1>{t("agreement.title")}</h1>
      <p className="lead">{t("agreement.intro")}</p>
      {result && "done" in result ? (
        <p className="alert alert--success" role="status">
          {t(result.done === "saved" ? "agreement.saved" : "agreement.accepted")}
        </p>
      ) : null}
      <FormErrorSummary errors={failure?.fieldErrors} />
      {current ? (
        <section className="panel" aria-labelledby="acceptances">
          <h2 id="acceptances">
            {t("agreement.versionOf", { version: current.version, date: date(current.updatedAt) })}
          </h2>
          <ul>
            {data.memberIds.map((id) => (
              <li key={id}>
                {data.names[id] ?? id} —{" "}
                {current.acceptances[id]
                  ? t("agreement.acceptedOn", { date: date(current.acceptances[id]!) })
                  : t("agreement.notYet")}
              </li>
            ))}
          </ul>
          {data.acceptedByAll ? <p className="badge">{t("agreement.allAccepted")}</p> : null}
          {!current.acceptances[data.me] ? (
            <Form method="post">
              <input type="hidden" name="intent" value="accept" />
              <input type="hidden" name="version" value={current.version} />
              <button type="submit" className="button">
                {t("agreement.accept", { version: current.version })}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="save" />
        {AGREEMENT_POINTS.map((point) => (
          <TextArea
            key={point}
            name={point}
            label={t(`agreement.points.${point}.label`)}
            hint={t(`agreement.points.${point}.hint`)}
            required
            value={value(point)}
            error={failure?.fieldErrors[point]}
            rows={3}
          />
        ))}
        <p className="field-hint">{current ? t("agreement.editHint") : null}</p>
        <p>
          <button type="submit" className="button" disabled={navigation.state !== "idle"}>
            {t(current ? "agreement.saveNew" : "agreement.saveFirst")}
          </button>
        </p>
      </Form>
      {data.history.length > 0 ? (
        <section aria-labelledby="history">
          <h2 id="history">{t("agreement.history")}</h2>
          <ul className="small">
            {data.history.map((v) => (
              <li key={v.version}>
                {t("agreement.versionOf", { version: v.version, date: date(v.updatedAt) })} —{" "}
                {data.names[v.updatedBy] ?? ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
