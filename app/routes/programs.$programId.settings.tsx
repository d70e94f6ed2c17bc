import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { z } from "zod";
import { FieldErrorText } from "~/components/Field";
import { ProgramForm } from "~/components/ProgramForm";
import {
  addTag,
  deleteProgram,
  ProgramInUseError,
  removeTag,
  renameTag,
  TagInUseError,
  updateProgram,
} from "../../core/models/program.server";
import {
  programFormSchema,
  tagFormSchema,
  tagRemoveSchema,
  tagRenameSchema,
} from "../../core/schemas/program";
import { checkbox } from "../../core/schemas/fields";
import {
  formDataToObject,
  isFormFailure,
  parseWith,
  type FormFailure,
  readFormData,
} from "../../core/utils/forms";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requireCoordinatorOf } from "~/utils/permissions.server";
import { formFailure } from "~/utils/responses.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "programNav.settings");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program } = await requireCoordinatorOf(s, request, params.programId);
  return { program, formLink: `${s.site.url()}/apply/${program.id}` };
}

const intentSchema = z.object({
  intent: z.enum(["program", "tag-add", "tag-rename", "tag-remove", "delete"]),
});
const deleteSchema = z.object({ confirm: checkbox.refine((v) => v, "errors.confirmDelete") });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { program } = await requireCoordinatorOf(s, request, params.programId);
  const form = formDataToObject(await readFormData(request));
  const intent = intentSchema.safeParse(form);
  if (!intent.success) throw new Response("Bad request", { status: 400 });
  const fail = (parsed: FormFailure) =>
    formFailure(parsed.fieldErrors, { ...parsed.values, intent: intent.data.intent });
  switch (intent.data.intent) {
    case "program": {
      const parsed = parseWith(programFormSchema, form);
      if (!parsed.ok) return fail(parsed);
      await updateProgram(s, program.id, parsed.data);
      return { saved: "program" as const };
    }
    case "tag-add": {
      const parsed = parseWith(tagFormSchema, form);
      if (!parsed.ok) return fail(parsed);
      await addTag(s, program.id, parsed.data.label, parsed.data.labelEn);
      return { saved: "tags" as const };
    }
    case "tag-rename": {
      const parsed = parseWith(tagRenameSchema, form);
      if (!parsed.ok) return fail(parsed);
      await renameTag(s, program.id, parsed.data.tagId, parsed.data.label, parsed.data.labelEn);
      return { saved: "tags" as const };
    }
    case "tag-remove": {
      const parsed = parseWith(tagRemoveSchema, form);
      if (!parsed.ok) return fail(parsed);
      try {
        await removeTag(s, program.id, parsed.data.tagId);
      } catch (error) {
        if (error instanceof TagInUseError) {
          return formFailure(
            {
              [`tag.${parsed.data.tagId}`]: {
                key: "taxonomy.inUse",
                params: { count: error.count },
              },
            },
            { intent: "tag-remove" },
            409,
          );
        }
        throw error;
      }
      return { saved: "tags" as const };
    }
    case "delete": {
      const parsed = parseWith(deleteSchema, form);
      if (!parsed.ok) return fail(parsed);
      try {
        await deleteProgram(s, program.id);
      } catch (error) {
        if (error instanceof ProgramInUseError) {
          return formFailure(
            { confirm: { key: "programForm.deleteInUse" } },
            { intent: "delete" },
            409,
          );
        }
        throw error;
      }
      return redirect("/dashboard");
    }
  }
}

export default function ProgramSettings() {
  const { program, formLink } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = isFormFailure(result) ? result : undefined;
  const failedIntent = failure?.values.intent;
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

      <ProgramForm
        values={program}
        failure={failedIntent === "program" ? failure : undefined}
        submitLabel={t("programForm.save")}
      />

      <section className="panel" aria-labelledby="taxonomy">
        <h2 id="taxonomy">{t("taxonomy.title")}</h2>
        <p>{t("taxonomy.intro")}</p>
        <ul className="tag-editor">
          {program.taxonomy.map((tag) => {
            const error = failure?.fieldErrors[`tag.${tag.id}`];
            return (
              <li key={tag.id}>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="tagId" value={tag.id} />
                  <label>
                    <span className="visually-hidden">{t("taxonomy.labelFr")}</span>
                    <input
                      name="label"
                      defaultValue={tag.label}
                      required
                      aria-label={`${t("taxonomy.labelFr")}{t("common.colon")} ${tag.label}`}
                    />
                  </label>
                  <label>
                    <span className="visually-hidden">{t("taxonomy.labelEn")}</span>
                    <input
                      name="labelEn"
                      defaultValue={tag.labelEn}
                      lang="en"
                      aria-label={`${t("taxonomy.labelEn")}{t("common.colon")} ${tag.label}`}
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
                    <span className="visually-hidden">
                      {" "}
                      {locale === "en" && tag.labelEn ? tag.labelEn : tag.label}
                    </span>
                  </button>
                </Form>
                <FieldErrorText id={`tag-${tag.id}`} error={error} />
              </li>
            );
          })}
        </ul>
        <Form method="post" className="inline-form" noValidate>
          <input type="hidden" name="intent" value="tag-add" />
          <div className="field">
            <label htmlFor="field-label">{t("taxonomy.newLabel")}</label>
            <input
              id="field-label"
              name="label"
              aria-describedby={
                failedIntent === "tag-add" && failure?.fieldErrors.label
                  ? "field-label-error"
                  : undefined
              }
            />
            <FieldErrorText
              id="field-label"
              error={failedIntent === "tag-add" ? failure?.fieldErrors.label : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="field-labelEn">{t("taxonomy.labelEn")}</label>
            <input id="field-labelEn" name="labelEn" lang="en" />
          </div>
          <button type="submit" className="button">
            {t("taxonomy.add")}
          </button>
        </Form>
      </section>

      <section className="panel panel--danger" aria-labelledby="delete">
        <h2 id="delete">{t("programForm.deleteTitle")}</h2>
        <p>{t("programForm.deleteHint")}</p>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="delete" />
          <div className="checkbox">
            <input
              type="checkbox"
              id="field-confirm"
              name="confirm"
              aria-describedby={failedIntent === "delete" ? "field-confirm-error" : undefined}
            />
            <label htmlFor="field-confirm">
              {t("programForm.deleteConfirm", { program: program.title })}
            </label>
          </div>
          <FieldErrorText
            id="field-confirm"
            error={failedIntent === "delete" ? failure?.fieldErrors.confirm : undefined}
          />
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
