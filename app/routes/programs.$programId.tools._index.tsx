import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { tagLabel, tagOptions } from "../../core/data/tag-label";
import { listLibrary } from "../../core/models/tool.server";
import { libraryFilterSchema } from "../../core/schemas/tool";
import { ToolLinks } from "~/components/ToolLinks";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requireProgramAccess } from "~/utils/permissions.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "tools.libraryTitle");

/** The program-wide library: tools shared with the whole program, by theme. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program } = await requireProgramAccess(s, request, params.programId);
  const url = new URL(request.url);
  const parsed = libraryFilterSchema.safeParse({
    theme: url.searchParams.get("theme") ?? "",
    q: url.searchParams.get("q") ?? "",
  });
  const filter = parsed.success ? parsed.data : { theme: "", q: "" };
  const subjects = tagOptions(program.taxonomy);
  const themes = new Map(subjects.map((t) => [t.id, t]));
  const tools = await listLibrary(s, program.id, filter);
  const all = await listLibrary(s, program.id);
  return {
    programPath: `/programs/${program.id}`,
    filter,
    invalidFilter: !parsed.success,
    themes: subjects
      .map((t) => ({ ...t, count: all.filter((x) => x.theme === t.id).length }))
      .filter((t) => t.count > 0),
    tools: tools.map((t) => ({
      id: t.id,
      title: t.title,
      description: t.description,
      theme: themes.get(t.theme) ?? null,
      url: t.url ?? null,
      file: t.file ? { name: t.file.name, size: t.file.size } : null,
    })),
  };
}

export default function Library() {
  const data = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  return (
    <>
      <h1>{t("tools.libraryTitle")}</h1>
      <p className="lead">{t("tools.libraryIntro")}</p>
      <Form method="get" className="filters" role="search">
        <div className="field">
          <label htmlFor="library-theme">{t("tools.theme")}</label>
          <select id="library-theme" name="theme" defaultValue={data.filter.theme}>
            <option value="">{t("tools.allThemes")}</option>
            {data.themes.map((theme) => (
              <option key={theme.id} value={theme.id}>
                {tagLabel(theme, locale)} ({theme.count})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="library-q">{t("tools.search")}</label>
          <input
            id="library-q"
            name="q"
            type="search"
            defaultValue={data.filter.q}
            maxLength={100}
          />
        </div>
        <button type="submit" className="button button--secondary">
          {t("tools.filter")}
        </button>
      </Form>
      {data.invalidFilter ? (
        <p className="alert alert--error" role="alert">
          {t("errors.invalidFilter")}
        </p>
      ) : null}
      <p role="status">{t("tools.count", { count: data.tools.length })}</p>
      {data.tools.length > 0 ? (
        <ul className="cards">
          {data.tools.map((tool) => (
            <li key={tool.id} className="card">
              <h2 className="card-title">{tool.title}</h2>
              {tool.theme ? <p className="muted">{tagLabel(tool.theme, locale)}</p> : null}
              {tool.description ? <p>{tool.description}</p> : null}
              <ToolLinks programPath={data.programPath} tool={tool} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty-state">{t("tools.libraryNone")}</p>
      )}
    </>
  );
}
