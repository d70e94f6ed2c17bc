import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation, useSubmit } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { tagLabel } from "../../core/data/tag-label";
import { Pager, PageRange } from "~/components/Pager";
import { FilterSelect, RegionFilter, RoleFilter } from "~/components/FilterSelect";
import { mrcName, regionName } from "../../core/data/geography";
import { listDirectory } from "../../core/models/profile.server";
import { fitLevel } from "../../core/data/plain-words";
import { directoryFiltersSchema } from "../../core/schemas/profile";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requestedPage } from "../../core/utils/pagination";
import { requireProgramAccess } from "~/utils/permissions.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "programNav.directory");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program, user, participant } = await requireProgramAccess(s, request, params.programId);
  const url = new URL(request.url);
  const filters = directoryFiltersSchema.parse(Object.fromEntries(url.searchParams));
  const { entries, pageInfo } = await listDirectory(
    s,
    program.id,
    { userId: user.id, participantId: participant?.id },
    filters,
    requestedPage(url),
  );
  return {
    taxonomy: program.taxonomy,
    filters,
    // A fit is read as a level (plain-words.ts), never as the engine's number.
    entries: entries.map(({ fit, ...entry }) => ({
      ...entry,
      fit: fit === undefined ? undefined : fitLevel(fit),
    })),
    pageInfo,
    hasProfile: Boolean(participant),
  };
}

export default function Directory() {
  const { taxonomy, filters, entries, pageInfo, hasProfile } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const submit = useSubmit();
  const { pathname } = useLocation();
  const filtered = Object.values(filters).some((value) => Boolean(value));
  const labels = new Map(taxonomy.map((x) => [x.id, tagLabel(x, locale)]));
  const tag = (id: string) => labels.get(id) ?? id;
  return (
    <>
      <h1>{t("directory.title")}</h1>
      <p className="lead">{t("directory.intro")}</p>
      <Form
        method="get"
        className="filters"
        onChange={(e) => submit(e.currentTarget, { replace: true, preventScrollReset: true })}
      >
        <FilterSelect
          name="tag"
          label={t("directory.filters.tag")}
          value={filters.tag}
          options={taxonomy.map((x) => ({ value: x.id, label: tagLabel(x, locale) }))}
        />
        <RoleFilter value={filters.role} />
        <RegionFilter value={filters.region} />
        <FilterSelect
          name="style"
          label={t("profile.workingStyle")}
          value={filters.style}
          options={(["structured", "between", "intuitive"] as const).map((x) => ({
            value: x,
            label: t(`profile.styles.${x}`),
          }))}
        />
        <noscript>
          <button type="submit" className="button">
            {t("applications.filters.apply")}
          </button>
        </noscript>
      </Form>
      <p role="status" className="muted">
        {t("directory.count", { count: pageInfo.total })}
        <PageRange info={pageInfo} />
        {hasProfile ? ` ${t("directory.fitExplained")}` : ""}
      </p>
      {entries.length === 0 ? (
        <div className="empty-state">
          <p>{t(filtered ? "directory.noneFiltered" : "directory.none")}</p>
          {filtered ? (
            <p>
              <Link to={pathname}>{t("directory.resetFilters")}</Link>
            </p>
          ) : null}
        </div>
      ) : null}
      <ul className="cards directory">
        {entries.map((entry) => (
          <li key={entry.id} className={entry.isSelf ? "card card--self" : "card"}>
            <h2 className="card-title">
              {entry.name}
              {entry.isSelf ? <span className="badge">{t("directory.you")}</span> : null}
            </h2>
            <p className="muted">
              {t(`roles.${entry.role}`)} · {entry.organization}
              <br />
              {regionName(entry.region)} · {mrcName(entry.region, entry.mrc)}
            </p>
            {entry.fit !== undefined ? (
              <>
                <p className={`fit fit--${entry.fit}`}>{t(`fit.${entry.fit}`)}</p>
                {entry.why ? (
                  <ul className="small fit-why">
                    {(["theyCover", "youCover", "shared"] as const)
                      .filter((part) => entry.why![part].length > 0)
                      .map((part) => (
                        <li key={part}>
                          {t(`directory.why.${part}`, {
                            subjects: entry.why![part].map(tag).join(", "),
                          })}
                        </li>
                      ))}
                  </ul>
                ) : null}
              </>
            ) : null}
            {entry.apart ? (
              <div className="apart small">
                <p>{t("directory.apart")}</p>
                <ul>
                  {entry.apart.map((code) => (
                    <li key={code}>{t(`directory.apartReasons.${code}`)}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            {entry.profile.needs.length > 0 ? (
              <>
                <h3>{t("profile.needs")}</h3>
                <ul className="tag-list">
                  {entry.profile.needs.map((n) => (
                    <li key={n.tag} className={`tag tag--p${n.priority}`}>
                      {tag(n.tag)}
                      <span className="visually-hidden">
                        {" "}
                        ({t(`profile.priority.${n.priority as 1 | 2 | 3}`)})
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {entry.profile.expertise.length > 0 ? (
              <>
                <h3>{t("profile.expertise")}</h3>
                <ul className="tag-list">
                  {entry.profile.expertise.map((x) => (
                    <li key={x} className="tag tag--expertise">
                      {tag(x)}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <p className="muted small">
              {t("profile.workingStyle")}
              {t("common.colon")} {t(`profile.styles.${entry.profile.workingStyle}`)}
            </p>
            {entry.isSelf ? null : <p className="muted small">{t("directory.contactHidden")}</p>}
          </li>
        ))}
      </ul>
      <Pager info={pageInfo} label={t("pager.directory")} />
    </>
  );
}
