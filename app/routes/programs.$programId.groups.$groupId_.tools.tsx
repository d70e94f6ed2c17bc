import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Choice } from "~/components/Choice";
import { Field, FieldErrorText, FormErrorSummary } from "~/components/Field";
import { TextArea } from "~/components/ProfileFields";
import { groupView } from "../../core/models/group.server";
import {
  answerShareRequest,
  createTool,
  deleteTool,
  listGroupTools,
  NotTheAuthorError,
  requestProgramShare,
  ToolNotFoundError,
  withdrawFromLibrary,
} from "../../core/models/tool.server";
import { toolActionSchema, toolFormSchema } from "../../core/schemas/tool";
import { formDataToObject, isFormFailure, parseWith, readFormData } from "../../core/utils/forms";
import { ToolLinks } from "~/components/ToolLinks";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { notFound, requireGroupMember } from "~/utils/permissions.server";
import { formFailure } from "~/utils/responses.server";
import {
  ALLOWED_EXTENSIONS,
  checkUpload,
  MAX_UPLOAD_BYTES,
  parseUploadForm,
} from "~/utils/upload.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "tools.groupTitle");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, group, participant } = await requireGroupMember(
    s,
    request,
    params.programId,
    params.groupId,
  );
  const [tools, view] = await Promise.all([listGroupTools(s, group.id), groupView(s, group.id)]);
  const names = new Map((view?.members ?? []).map((m) => [m.id, m.name]));
  const themes = new Map(program.taxonomy.map((t) => [t.id, t.label]));
  return {
    groupPath: `/programs/${program.id}/groups/${group.id}`,
    programPath: `/programs/${program.id}`,
    me: participant.id,
    taxonomy: program.taxonomy.map((t) => ({ id: t.id, label: t.label })),
    maxMb: MAX_UPLOAD_BYTES / 1048576,
    types: ALLOWED_EXTENSIONS.join(", "),
    tools: tools.map((t) => ({
      id: t.id,
      title: t.title,
      description: t.description,
      theme: themes.get(t.theme) ?? "",
      url: t.url ?? null,
      file: t.file ? { name: t.file.name, size: t.file.size } : null,
      author: t.authorId ? (names.get(t.authorId) ?? "") : "",
      mine: t.authorId === participant.id,
      programWide: t.programWide,
      request: t.shareRequest
        ? { by: names.get(t.shareRequest.by) ?? "", status: t.shareRequest.status }
        : null,
      createdAt: t.createdAt,
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { program, group, participant } = await requireGroupMember(
    s,
    request,
    params.programId,
    params.groupId,
  );
  const isMultipart = (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
  const formData = isMultipart ? await parseUploadForm(request) : await readFormData(request);
  if (!formData) {
    return formFailure(
      { file: { key: "errors.fileTooLarge", params: { max: MAX_UPLOAD_BYTES / 1048576 } } },
      { form: "create" },
      413,
    );
  }
  const form = formDataToObject(formData);
  if (form.intent === "create") {
    const file = formData.get("file");
    const upload = await checkUpload(file instanceof File ? file : null);
    const parsed = parseWith(toolFormSchema, {
      ...form,
      hasFile: upload.ok && Boolean(upload.file),
    });
    const errors = parsed.ok ? {} : { ...parsed.fieldErrors };
    if (!upload.ok) errors.file = { key: upload.key, params: upload.params };
    if (!parsed.ok || !upload.ok) return formFailure(errors, { ...form, form: "create" });
    const tool = await createTool(s, {
      programId: program.id,
      groupId: group.id,
      authorId: participant.id,
      title: parsed.data.title,
      description: parsed.data.description,
      theme: program.taxonomy.some((t) => t.id === parsed.data.theme) ? parsed.data.theme : "",
      url: parsed.data.url || undefined,
      file: upload.file,
    });
    return { done: "created" as const, title: tool.title };
  }
  const parsed = parseWith(toolActionSchema, form);
  if (!parsed.ok) throw new Response("Bad request", { status: 400 });
  const { intent, toolId } = parsed.data;
  try {
    switch (intent) {
      case "share": {
        const result = await requestProgramShare(s, group.id, toolId, participant.id);
        return { done: result.status as "shared" | "requested" };
      }
      case "consent":
      case "decline":
        await answerShareRequest(s, group.id, toolId, participant.id, intent === "consent");
        return { done: intent === "consent" ? ("shared" as const) : ("declined" as const) };
      case "withdraw":
        await withdrawFromLibrary(s, group.id, toolId, participant.id);
        return { done: "withdrawn" as const };
      case "delete":
        await deleteTool(s, group.id, toolId, participant.id);
        return { done: "deleted" as const };
    }
  } catch (error) {
    if (error instanceof ToolNotFoundError) throw notFound();
    if (error instanceof NotTheAuthorError)
      return formFailure({ form: { key: "errors.notTheAuthor" } }, { form: "action" }, 403);
    throw error;
  }
}

const DONE = {
  created: "tools.done.created",
  shared: "tools.done.shared",
  requested: "tools.done.requested",
  declined: "tools.done.declined",
  withdrawn: "tools.done.withdrawn",
  deleted: "tools.done.deleted",
} as const;

export default function GroupTools() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = isFormFailure(result) ? result : undefined;
  const create = failure?.values.form === "create" ? failure : undefined;
  const navigation = useNavigation();
  const { t, date } = useT();
  const value = (name: string) => {
    const v = create?.values[name];
    return typeof v === "string" ? v : "";
  };
  const busy = navigation.state !== "idle";
  const action = (intent: string, toolId: string, label: string, secondary = true) => (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="toolId" value={toolId} />
      <button
        type="submit"
        className={secondary ? "button button--secondary button--small" : "link-button"}
        disabled={busy}
      >
        {label}
      </button>
    </Form>
  );
  return (
    <>
      <p>
        <Link to={data.groupPath}>← {t("groups.spaceTitle")}</Link>
      </p>
      <h1>{t("tools.groupTitle")}</h1>
      <p className="lead">{t("tools.groupIntro")}</p>
      <p>
        <Link to={`${data.programPath}/tools`}>{t("tools.openLibrary")}</Link>
      </p>
      {result && "done" in result ? (
        <p className="alert alert--success" role="status">
          {t(DONE[result.done as keyof typeof DONE] ?? "tools.done.created")}
        </p>
      ) : null}
      {failure && failure.values.form === "action" ? (
        <FormErrorSummary errors={failure.fieldErrors} />
      ) : null}
      {data.tools.length > 0 ? (
        <ul className="cards">
          {data.tools.map((tool) => (
            <li key={tool.id} className="card">
              <h2 className="card-title">{tool.title}</h2>
              <p className="muted">
                {tool.theme ? `${tool.theme} · ` : ""}
                {t("tools.sharedBy", { name: tool.author || "—" })} ·{" "}
                {date(tool.createdAt, { dateStyle: "medium" })}
                {tool.programWide ? (
                  <>
                    {" "}
                    · <span className="badge">{t("tools.inLibrary")}</span>
                  </>
                ) : null}
              </p>
              {tool.description ? <p>{tool.description}</p> : null}
              <ToolLinks programPath={data.programPath} tool={tool} />
              {tool.request?.status === "pending" ? (
                <p className="alert alert--warning">
                  {t("tools.requestPending", { name: tool.request.by })}
                </p>
              ) : null}
              <div className="button-row">
                {!tool.programWide && !(tool.request?.status === "pending")
                  ? action(
                      "share",
                      tool.id,
                      t(tool.mine ? "tools.shareMine" : "tools.askShare", { title: tool.title }),
                    )
                  : null}
                {tool.mine && tool.request?.status === "pending" ? (
                  <>
                    {action("consent", tool.id, t("tools.consent", { title: tool.title }))}
                    {action("decline", tool.id, t("tools.decline", { title: tool.title }))}
                  </>
                ) : null}
                {tool.mine && tool.programWide
                  ? action("withdraw", tool.id, t("tools.withdraw", { title: tool.title }))
                  : null}
                {tool.mine
                  ? action("delete", tool.id, t("tools.delete", { title: tool.title }), false)
                  : null}
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty-state">{t("tools.none")}</p>
      )}
      <section className="panel" aria-labelledby="new-tool">
        <h2 id="new-tool">{t("tools.newTitle")}</h2>
        <FormErrorSummary errors={create?.fieldErrors} />
        <Form method="post" encType="multipart/form-data" className="stack" noValidate>
          <input type="hidden" name="intent" value="create" />
          <Field
            name="title"
            required
            label={t("tools.title")}
            defaultValue={value("title")}
            error={create?.fieldErrors.title}
          />
          <TextArea
            name="description"
            label={t("tools.description")}
            value={value("description")}
            error={create?.fieldErrors.description}
            rows={3}
          />
          <Choice
            name="theme"
            label={t("tools.theme")}
            value={value("theme")}
            failure={create}
            options={[
              { value: "", label: t("tools.noTheme") },
              ...data.taxonomy.map((tag) => ({ value: tag.id, label: tag.label })),
            ]}
          />
          <Field
            name="url"
            type="url"
            label={t("tools.url")}
            hint={t("tools.urlHint")}
            defaultValue={value("url")}
            error={create?.fieldErrors.url}
          />
          <div className={create?.fieldErrors.file ? "field field--invalid" : "field"}>
            <label htmlFor="field-file">{t("tools.file")}</label>
            <p className="field-hint" id="field-file-hint">
              {t("tools.fileHint", { max: data.maxMb, types: data.types })}
            </p>
            <input
              id="field-file"
              name="file"
              type="file"
              aria-describedby={
                create?.fieldErrors.file ? "field-file-hint field-file-error" : "field-file-hint"
              }
              aria-invalid={create?.fieldErrors.file ? true : undefined}
            />
            <FieldErrorText id="field-file" error={create?.fieldErrors.file} />
          </div>
          <p>
            <button type="submit" className="button" disabled={busy}>
              {t("tools.create")}
            </button>
          </p>
        </Form>
      </section>
    </>
  );
}
