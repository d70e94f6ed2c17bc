import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { AuditTrail } from "~/components/formation/AuditTrail";
import { PairRules } from "~/components/formation/PairRules";
import { ProposedGroups } from "~/components/formation/ProposedGroups";
import { SolverPanel } from "~/components/formation/SolverPanel";
import { Violations, type ViolationView } from "~/components/Violations";
import {
  approveProposedGroup,
  cancelSolve,
  changeMember,
  rejectProposedGroup,
  setPairRule,
  startSolve,
} from "../../core/models/formation.server";
import { decideSelfFormed } from "../../core/models/group.server";
import { setCoMentors } from "../../core/models/co-mentors.server";
import { CoMentors } from "~/components/formation/CoMentors";
import {
  applyRegrouping,
  proposeRegrouping,
  suggestReplacements,
} from "../../core/models/formation-local.server";
import { Regroup } from "~/components/formation/Regroup";
import { formationSchema, type FormationForm } from "../../core/schemas/groups";
import { FormErrorSummary } from "~/components/Field";
import { useAppForm } from "~/utils/forms";
import { answerExcept } from "~/utils/form-answers";
import { replyWithError } from "~/utils/errors.server";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requireCoordinatorOf } from "~/utils/permissions.server";
import { formationPageData } from "~/utils/formation-page.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "programNav.formation");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program } = await requireCoordinatorOf(s, request, params.programId);
  return formationPageData(s, program);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { program, user } = await requireCoordinatorOf(s, request, params.programId);
  const submission = await parseSubmission(request, formationSchema, {
    lists: ["groupIds", "freeIds", "groups"],
  });
  if (submission.status !== "success") return refuse(submission);
  const actor = { id: user.id, name: user.name };
  const input = submission.value;
  try {
    switch (input.intent) {
      case "solve":
        await startSolve(s, program, actor);
        return { ok: "solving" as const };
      case "cancel":
        await cancelSolve(s, program, actor);
        return { ok: "cancelled" as const };
      case "approve":
        await approveProposedGroup(s, program, input.runId, input.groupId, actor);
        return { ok: "approved" as const };
      case "reject":
        await rejectProposedGroup(s, program, input.runId, input.groupId, actor);
        return { ok: "rejected" as const };
      case "change":
        await changeMember(s, program, input, actor);
        return { ok: "changed" as const };
      case "pair-add":
      case "pair-remove":
        await setPairRule(
          s,
          program,
          { kind: input.kind, a: input.a, b: input.b, remove: input.intent === "pair-remove" },
          actor,
        );
        return { ok: "rules" as const };
      case "co-mentor-add":
      case "co-mentor-remove":
        await setCoMentors(
          s,
          program,
          { a: input.a, b: input.b, remove: input.intent === "co-mentor-remove" },
          actor,
        );
        return { ok: "co-mentors" as const };
      case "self-approve":
      case "self-reject":
        await decideSelfFormed(s, {
          program,
          proposalId: input.proposalId,
          approve: input.intent === "self-approve",
          actor,
        });
        return { ok: "decided" as const };
      case "regroup":
        return { ok: "regroup" as const, proposal: await proposeRegrouping(s, program, input) };
      case "regroup-apply":
        return {
          ok: "regrouped" as const,
          ...(await applyRegrouping(s, program, input, actor)),
        };
      case "replacements":
        return {
          ok: "replacements" as const,
          replacements: await suggestReplacements(s, program, input),
        };
    }
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

export default function Formation() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const result = answer as { violations?: ViolationView[] } | undefined;
  const ok = answer && "ok" in answer ? answer : null;
  // The page's forms are buttons and choices: a refusal (the solver busy, a stale choice) shows
  // once, at the top.
  const [form] = useAppForm<FormationForm>({
    lastResult: answerExcept(answer, ["co-mentor-add"]),
  });
  const { t, date } = useT();
  const name = (id: string) => data.names[id] ?? id;
  const run = data.run;
  const free = data.people.filter((p) => !p.grouped);
  return (
    <>
      <h1>{t("formation.title")}</h1>
      <p className="lead">{t("formation.intro")}</p>
      {result?.violations ? <Violations violations={result.violations} /> : null}
      <FormErrorSummary form={form} />

      <SolverPanel programId={data.programId} run={run} freeCount={free.length} />

      {run && run.groups.length > 0 ? (
        <ProposedGroups
          run={run}
          people={data.people}
          name={name}
          taxonomy={data.taxonomy}
          replacements={ok?.ok === "replacements" ? ok.replacements : null}
        />
      ) : null}

      {run && run.status === "done" ? (
        <Regroup
          run={run}
          people={data.people}
          name={name}
          taxonomy={data.taxonomy}
          proposal={ok?.ok === "regroup" ? ok.proposal : null}
          applied={ok?.ok === "regrouped" && ok.changed}
        />
      ) : null}

      {data.awaiting.length > 0 ? (
        <section className="panel" aria-labelledby="awaiting-title">
          <h2 id="awaiting-title">{t("formation.awaitingTitle")}</h2>
          <ul>
            {data.awaiting.map((p) => (
              <li key={p.id}>
                {p.memberIds.map(name).join(" · ")}
                <Form method="post" className="actions">
                  <input type="hidden" name="proposalId" value={p.id} />
                  <button type="submit" name="intent" value="self-approve" className="button">
                    {t("formation.approve")}
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value="self-reject"
                    className="button button--secondary"
                  >
                    {t("formation.reject")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <PairRules people={data.people} pins={data.pins} forbids={data.forbids} name={name} />

      <CoMentors people={data.people} pairs={data.coMentors} name={name} />

      <section aria-labelledby="groups-title">
        <h2 id="groups-title">{t("formation.activeTitle", { count: data.groups.length })}</h2>
        <ul>
          {data.groups.map((g) => (
            <li key={g.id}>
              <span>{g.memberIds.map(name).join(" · ")}</span>{" "}
              <span className="badge">{t(`formation.origins.${g.origin}`)}</span>{" "}
              <span className="muted">
                {t("groups.firstMeeting", { date: date(g.suggestedFirstMeeting) })}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <AuditTrail audit={data.audit} />
    </>
  );
}
