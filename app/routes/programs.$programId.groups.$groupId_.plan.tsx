import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Choice } from "~/components/Choice";
import { Field, FormErrorSummary } from "~/components/Field";
import {
  addActionItem,
  expertiseAround,
  importNeeds,
  listActionItems,
  moveActionItem,
  updateActionItem,
} from "../../core/models/action-plan.server";
import { tagLabel, tagOptions, type TagOption } from "../../core/data/tag-label";
import { groupView } from "../../core/models/group.server";
import { actionPlanSchema, type ActionPlanForm } from "../../core/schemas/action-plan";
import { formProps, useAppForm } from "~/utils/forms";
import { replyWithError } from "~/utils/errors.server";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requireGroupMember } from "~/utils/permissions.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "plan.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, group } = await requireGroupMember(s, request, params.programId, params.groupId);
  const [items, around, view] = await Promise.all([
    listActionItems(s, group.id),
    expertiseAround(s, group),
    groupView(s, group.id),
  ]);
  const names = Object.fromEntries((view?.members ?? []).map((m) => [m.id, m.name]));
  const subjects = new Map(tagOptions(program.taxonomy).map((t) => [t.id, t]));
  return {
    groupPath: `/programs/${program.id}/groups/${group.id}`,
    items: items.map((i) => ({
      ...i,
      owner: i.ownerId ? (names[i.ownerId] ?? "") : "",
      // An item imported from a need is stored under its subject's French label: the page names
      // the subject in its reader's language (a subject since removed, by the stored title).
      subject: i.source === "need" && i.tag ? (subjects.get(i.tag) ?? null) : null,
      outside: Boolean(i.tag && !around(i.ownerId).has(i.tag)),
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { group, participant } = await requireGroupMember(
    s,
    request,
    params.programId,
    params.groupId,
  );
  const submission = await parseSubmission(request, actionPlanSchema);
  if (submission.status !== "success") return refuse(submission);
  const input = submission.value;
  try {
    switch (input.intent) {
      case "import":
        return { imported: await importNeeds(s, group) };
      case "add":
        await addActionItem(s, group.id, input.title, participant.id);
        return { done: true };
      case "up":
      case "down":
        await moveActionItem(s, group.id, input.itemId, input.intent);
        return { done: true };
      case "update":
        await updateActionItem(s, group.id, input.itemId, {
          status: input.status,
          notes: input.notes,
        });
        return { done: true };
    }
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

export default function ActionPlan() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // Every refusal shows at the top; the new item's title is the only field a person types alone.
  const [form, fields] = useAppForm<ActionPlanForm>();
  const { t, locale } = useT();
  const itemTitle = (item: { title: string; subject: TagOption | null }) =>
    item.subject ? tagLabel(item.subject, locale) : item.title;
  return (
    <>
      <p>
        <Link to={data.groupPath}>← {t("groups.spaceTitle")}</Link>
      </p>
      <h1>{t("plan.title")}</h1>
      <p className="lead">{t("plan.intro")}</p>
      {result && "imported" in result ? (
        <p className="alert alert--success" role="status">
          {t("plan.imported", { count: result.imported ?? 0 })}
        </p>
      ) : null}
      <FormErrorSummary form={form} />
      <Form method="post">
        <input type="hidden" name="intent" value="import" />
        <button type="submit" className="button button--secondary">
          {t("plan.import")}
        </button>
      </Form>
      {data.items.length === 0 ? <p className="empty-state">{t("plan.none")}</p> : null}
      <ol className="plan-list">
        {data.items.map((item, index) => (
          <li key={item.id} className="card">
            <h2 className="card-title">
              {itemTitle(item)}
              {item.owner ? <span className="muted small"> — {item.owner}</span> : null}
            </h2>
            {item.outside ? (
              <p className="badge badge--warning" data-outside="true">
                {t("plan.outside")}
              </p>
            ) : null}
            <Form method="post" className="inline-form">
              <input type="hidden" name="itemId" value={item.id} />
              <button
                type="submit"
                name="intent"
                value="up"
                className="icon-button"
                disabled={index === 0}
                aria-label={t("profile.moveUp", { need: itemTitle(item) })}
              >
                ↑
              </button>
              <button
                type="submit"
                name="intent"
                value="down"
                className="icon-button"
                disabled={index === data.items.length - 1}
                aria-label={t("profile.moveDown", { need: itemTitle(item) })}
              >
                ↓
              </button>
            </Form>
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="update" />
              <input type="hidden" name="itemId" value={item.id} />
              <Choice
                idPrefix={`item-${item.id}`}
                name="status"
                label={t("plan.status")}
                value={item.status}
                options={(["todo", "in-progress", "done", "dropped"] as const).map((s) => ({
                  value: s,
                  label: t(`plan.statuses.${s}`),
                }))}
              />
              <Field
                idPrefix={`item-${item.id}`}
                name="notes"
                label={t("plan.notes")}
                defaultValue={item.notes}
              />
              <button type="submit" className="button button--secondary">
                {t("plan.save")}
              </button>
            </Form>
          </li>
        ))}
      </ol>
      <Form method="post" {...formProps(form)} className="inline-form panel">
        <input type="hidden" name="intent" value="add" />
        <Field field={fields.title} label={t("plan.newItem")} />
        <button type="submit" className="button">
          {t("plan.add")}
        </button>
      </Form>
    </>
  );
}
