import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Choice } from "~/components/Choice";
import { Field, FieldErrorText, FormErrorSummary } from "~/components/Field";
import { TextArea } from "~/components/ProfileFields";
import { tagLabel, tagOptions } from "../../core/data/tag-label";
import { groupView } from "../../core/models/group.server";
import {
  answerShareRequest,
  createTool,
  deleteTool,
  listGroupTools,
  requestProgramShare,
  withdrawFromLibrary,
} from "../../core/models/tool.server";
import { groupToolsSchema, type GroupToolsForm, type ToolForm } from "../../core/schemas/tool";
import { answerExcept } from "~/utils/form-answers";
import { formProps, useAppForm } from "~/utils/forms";
import type { FieldError } from "../../core/schemas/forms";
import { replyWithError } from "~/utils/errors.server";
import {
  parseFormData,
  parseSubmission,
  refuse,
  type FormSubmission,
  type Reply,
} from "~/utils/forms.server";
import { ToolLinks } from "~/components/ToolLinks";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requireGroupMember } from "~/utils/permissions.server";
import {
  ALLOWED_EXTENSIONS,
  checkUpload,
  MAX_UPLOAD_BYTES,
  parseUploadForm,
  type UploadCheck,
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
  const subjects = tagOptions(program.taxonomy);
  const themes = new Map(subjects.map((t) => [t.id, t]));
  return {
    groupPath: `/programs/${program.id}/groups/${group.id}`,
    programPath: `/programs/${program.id}`,
    me: participant.id,
    taxonomy: subjects,
    maxMb: MAX_UPLOAD_BYTES / 1048576,
    types: ALLOWED_EXTENSIONS.join(", "),
    tools: tools.map((t) => ({
      id: t.id,
      title: t.title,
      description: t.description,
      theme: themes.get(t.theme) ?? null,
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
  let submission: FormSubmission<typeof groupToolsSchema>;
  let upload: UploadCheck = { ok: true };
  if (isMultipart) {
    const body = await parseUploadForm(request);
    if (!body) return fileTooLarge();
    submission = parseFormData(body, groupToolsSchema);
    const file = body.get("file");
    if (body.get("intent") === "create")
      upload = await checkUpload(file instanceof File ? file : null);
  } else {
    submission = await parseSubmission(request, groupToolsSchema);
  }
  if (submission.payload.intent === "create") {
    // A tool is a link or a file: the file is the upload's, checked here with the form.
    const url = submission.payload.url;
    const fieldErrors: Record<string, FieldError> = !upload.ok
      ? { file: { key: upload.key, params: upload.params } }
      : !upload.file && (typeof url !== "string" || url.trim() === "")
        ? { url: { key: "errors.toolLinkOrFile" } }
        : {};
    if (submission.status !== "success" || Object.keys(fieldErrors).length > 0)
      return refuse(submission, { fieldErrors });
  }
  if (submission.status !== "success") return refuse(submission);
  const input = submission.value;
  try {
    switch (input.intent) {
      case "create": {
        const tool = await createTool(s, {
          programId: program.id,
          groupId: group.id,
          authorId: participant.id,
          title: input.title,
          description: input.description,
          theme: program.taxonomy.some((t) => t.id === input.theme) ? input.theme : "",
          url: input.url || undefined,
          file: upload.ok ? upload.file : undefined,
        });
        return { done: "created" as const, title: tool.title };
      }
      case "share": {
        const result = await requestProgramShare(s, group.id, input.toolId, participant.id);
        return { done: result.status as "shared" | "requested" };
      }
      case "consent":
      case "decline":
        await answerShareRequest(
          s,
          group.id,
          input.toolId,
          participant.id,
          input.intent === "consent",
        );
        return { done: input.intent === "consent" ? ("shared" as const) : ("declined" as const) };
      case "withdraw":
        await withdrawFromLibrary(s, group.id, input.toolId, participant.id);
        return { done: "withdrawn" as const };
      case "delete":
        await deleteTool(s, group.id, input.toolId, participant.id);
        return { done: "deleted" as const };
    }
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

/** A body over the upload limit: the file's error, on the new tool's form (413). */
function fileTooLarge() {
  const reply: Reply = {
    status: "error",
    initialValue: { intent: "create" },
    error: { file: [{ key: "errors.fileTooLarge", params: { max: MAX_UPLOAD_BYTES / 1048576 } }] },
  };
  return data(reply, { status: 413 });
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
  // The new tool's form, and the tools' buttons (share, consent, withdraw, delete…) refused above.
  const [form, fields] = useAppForm<ToolForm>({ intent: "create" });
  const [actionForm] = useAppForm<GroupToolsForm>({
    lastResult: answerExcept(result, ["create"]),
  });
  const navigation = useNavigation();
  const { t, date, locale } = useT();
  const busy = navigation.state !== "idle";
  // The file is not a field of the schema (the action checks the upload): its error is the form's.
  const fileError = form.allErrors.file?.[0];
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
      <FormErrorSummary form={actionForm} />
      {data.tools.length > 0 ? (
        <ul className="cards">
          {data.tools.map((tool) => (
            <li key={tool.id} className="card">
              <h2 className="card-title">{tool.title}</h2>
              <p className="muted">
                {tool.theme ? `${tagLabel(tool.theme, locale)} · ` : ""}
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
        <FormErrorSummary form={form} />
        <Form method="post" {...formProps(form)} encType="multipart/form-data" className="stack">
          <input type="hidden" name="intent" value="create" />
          <Field field={fields.title} required label={t("tools.title")} />
          <TextArea field={fields.description} label={t("tools.description")} rows={3} />
          <Choice
            field={fields.theme}
            label={t("tools.theme")}
            value=""
            options={[
              { value: "", label: t("tools.noTheme") },
              ...data.taxonomy.map((tag) => ({ value: tag.id, label: tagLabel(tag, locale) })),
            ]}
          />
          <Field field={fields.url} type="url" label={t("tools.url")} hint={t("tools.urlHint")} />
          <div className={fileError ? "field field--invalid" : "field"}>
            <label htmlFor="field-file">{t("tools.file")}</label>
            <p className="field-hint" id="field-file-hint">
              {t("tools.fileHint", { max: data.maxMb, types: data.types })}
            </p>
            <input
              id="field-file"
              name="file"
              type="file"
              aria-describedby={fileError ? "field-file-hint field-file-error" : "field-file-hint"}
              aria-invalid={fileError ? true : undefined}
            />
            <FieldErrorText id="field-file" error={fileError} />
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
