import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { FieldErrorText } from "~/components/Field";
import { ProgramForm } from "~/components/ProgramForm";
import { RetentionNotice } from "~/components/RetentionNotice";
import { tagLabel } from "../../core/data/tag-label";
import {
  addTag,
  deleteProgram,
  removeTag,
  renameTag,
  updateProgram,
} from "../../core/models/program.server";
import { retentionFacts } from "../../core/models/personal-data.server";
import { programSettingsSchema } from "../../core/schemas/program";
import { replyWithError } from "~/utils/errors.server";
import { formProps, intentOf, isReply, useAppForm } from "~/utils/forms";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requireCoordinatorOf } from "~/utils/permissions.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "programNav.settings");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program } = await requireCoordinatorOf(s, request, params.programId);
  return {
    program,
    formLink: `${s.site.url()}/apply/${program.id}`,
    retention: retentionFacts(program),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { program } = await requireCoordinatorOf(s, request, params.programId);
  const submission = await parseSubmission(request, programSettingsSchema);
  if (submission.status !== "success") return refuse(submission);
  const form = submission.value;
  try {
    switch (form.intent) {
      case "program": {
        const { intent: _intent, ...input } = form;
        await updateProgram(s, program.id, input);
        return { saved: "program" as const };
      }
      case "tag-add":
        await addTag(s, program.id, form.label, form.labelEn);
        return { saved: "tags" as const };
      case "tag-rename":
        await renameTag(s, program.id, form.tagId, form.label, form.labelEn);
        return { saved: "tags" as const };
      case "tag-remove":
        await removeTag(s, program.id, form.tagId);
        return { saved: "tags" as const };
      case "delete":
        await deleteProgram(s, program.id);
        return redirect("/dashboard");
    }
  } catch (error) {
    return replyWithError(request, submission, error);
  }
}

export default function ProgramSettings() {
  const { program, formLink, retention } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // The rows of the taxonomy share one answer: the refused row's error is under `tag.<id>`.
  const tagReply =
    isReply(result) && ["tag-rename", "tag-remove"].includes(intentOf(result) ?? "")
      ? result
      : undefined;
  const [addForm, addFields] = useAppForm<Record<string, string>>({ intent: "tag-add" });
  const [deleteForm, deleteFields] = useAppForm<Record<string, string>>({ intent: "delete" });
  const addError = addFields.label?.errors?.[0];
  const addEnError = addFields.labelEn?.errors?.[0];
  const confirmError = deleteFields.confirm?.errors?.[0];
  const { t, locale } = useT();
  return (
    <>
      <h1>{t("programNav.settings")}</h1>
      {result && "saved" in result ? (
        <p className="alert alert--success" role="status">
          {t("programForm.saved")}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="form-link">
        <h2 id="form-link">{t("programForm.formLinkTitle")}</h2>
        <p>{t("programForm.formLinkHint")}</p>
        <label htmlFor="apply-link">{t("programForm.formLink")}</label>
        <input id="apply-link" readOnly value={formLink} onFocus={(e) => e.target.select()} />
      </section>

      <RetentionNotice retention={retention} />

      <ProgramForm
        values={program}
        submitLabel={t("programForm.save")}
        others={["tag-add", "tag-rename", "tag-remove", "delete"]}
      />

      <section className="panel" aria-labelledby="taxonomy">
        <h2 id="taxonomy">{t("taxonomy.title")}</h2>
        <p>{t("taxonomy.intro")}</p>
        <ul className="tag-editor">
          {program.taxonomy.map((tag) => {
            // The refused row: its error (a name another subject has, say) and what was typed.
            const refused = tagReply?.initialValue?.tagId === tag.id ? tagReply : undefined;
            const error =
              tagReply?.error?.[`tag.${tag.id}`]?.[0] ??
              refused?.error?.label?.[0] ??
              refused?.error?.labelEn?.[0];
            const typed = (name: string, stored: string) => {
              const value = refused?.initialValue?.[name];
              return typeof value === "string" ? value : stored;
            };
            const invalid = error
              ? { "aria-invalid": true, "aria-describedby": `tag-${tag.id}-error` }
              : {};
            return (
              <li key={tag.id}>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="tagId" value={tag.id} />
                  <label>
                    <span className="visually-hidden">{t("taxonomy.labelFr")}</span>
                    <input
                      name="label"
                      defaultValue={typed("label", tag.label)}
                      required
                      {...invalid}
                      aria-label={`${t("taxonomy.labelFr")}${t("common.colon")} ${tag.label}`}
                    />
                  </label>
                  <label>
                    <span className="visually-hidden">{t("taxonomy.labelEn")}</span>
                    <input
                      name="labelEn"
                      defaultValue={typed("labelEn", tag.labelEn)}
                      lang="en"
                      {...invalid}
                      aria-label={`${t("taxonomy.labelEn")}${t("common.colon")} ${tag.label}`}
                    />
                  </label>
                  <button
                    type="submit"
                    name="intent"
                    value="tag-rename"
                    className="button button--secondary"
                  >
                    {t("taxonomy.rename")}
                  </button>
                  <button type="submit" name="intent" value="tag-remove" className="link-button">
                    {t("taxonomy.remove")}
                    <span className="visually-hidden"> {tagLabel(tag, locale)}</span>
                  </button>
                </Form>
                <FieldErrorText id={`tag-${tag.id}`} error={error} />
              </li>
            );
          })}
        </ul>
        <Form method="post" {...formProps(addForm)} className="inline-form">
          <input type="hidden" name="intent" value="tag-add" />
          <div className="field">
            <label htmlFor="field-label">{t("taxonomy.newLabel")}</label>
            <input
              id="field-label"
              name="label"
              defaultValue={addFields.label?.defaultValue}
              aria-invalid={addError ? true : undefined}
              aria-describedby={addError ? "field-label-error" : undefined}
            />
            <FieldErrorText id="field-label" error={addError} />
          </div>
          <div className="field">
            <label htmlFor="field-labelEn">{t("taxonomy.labelEn")}</label>
            <input
              id="field-labelEn"
              name="labelEn"
              lang="en"
              defaultValue={addFields.labelEn?.defaultValue}
              aria-invalid={addEnError ? true : undefined}
              aria-describedby={addEnError ? "field-labelEn-error" : undefined}
            />
            <FieldErrorText id="field-labelEn" error={addEnError} />
          </div>
          <button type="submit" className="button">
            {t("taxonomy.add")}
          </button>
        </Form>
      </section>

      <section className="panel panel--danger" aria-labelledby="delete">
        <h2 id="delete">{t("programForm.deleteTitle")}</h2>
        <p>{t("programForm.deleteHint")}</p>
        <Form method="post" {...formProps(deleteForm)} className="stack">
          <input type="hidden" name="intent" value="delete" />
          <div className="checkbox">
            <input
              type="checkbox"
              id="field-confirm"
              name="confirm"
              aria-invalid={confirmError ? true : undefined}
              aria-describedby={confirmError ? "field-confirm-error" : undefined}
            />
            <label htmlFor="field-confirm">
              {t("programForm.deleteConfirm", { program: program.title })}
            </label>
          </div>
          <FieldErrorText id="field-confirm" error={confirmError} />
          <p>
            <button type="submit" className="button button--danger">
              {t("programForm.delete")}
            </button>
          </p>
        </Form>
      </section>
    </>
  );
}
