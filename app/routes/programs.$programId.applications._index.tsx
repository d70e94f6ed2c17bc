import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSubmit } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { FilterSelect, RegionFilter, RoleFilter } from "~/components/FilterSelect";
import { regionName } from "../../core/data/geography";
import { pageOfApplications } from "../../core/models/application.server";
import { applicationFiltersSchema } from "../../core/schemas/application";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requireCoordinatorOf } from "~/utils/permissions.server";
import { TableScroll } from "~/components/TableScroll";
import { Pager, PageRange } from "~/components/Pager";
import { requestedPage } from "../../core/utils/pagination";
import { AppLink } from "~/components/AppLink";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "programNav.applications");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program } = await requireCoordinatorOf(s, request, params.programId);
  const url = new URL(request.url);
  const filters = applicationFiltersSchema.parse(Object.fromEntries(url.searchParams));
  const { rows, pageInfo } = await pageOfApplications(s, program.id, filters, requestedPage(url));
  return { programId: program.id, filters, applications: rows, pageInfo };
}

export default function Applications() {
  const { programId, filters, applications, pageInfo } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  const submit = useSubmit();
  return (
    <>
      <h1>{t("applications.title")}</h1>
      <p className="lead">{t("applications.intro")}</p>
      <Form
        method="get"
        className="filters"
        onChange={(e) => submit(e.currentTarget, { replace: true })}
      >
        <RoleFilter value={filters.role} />
        <RegionFilter value={filters.region} />
        <FilterSelect
          name="status"
          label={t("applications.filters.status")}
          value={filters.status}
          options={(["submitted", "accepted", "waitlisted", "rejected"] as const).map((x) => ({
            value: x,
            label: t(`applications.statuses.${x}`),
          }))}
        />
        <div className="field">
          <label htmlFor="filter-sort">{t("applications.filters.sort")}</label>
          <select id="filter-sort" name="sort" defaultValue={filters.sort}>
            <option value="score">{t("applications.sort.score")}</option>
            <option value="date">{t("applications.sort.date")}</option>
            <option value="name">{t("applications.sort.name")}</option>
          </select>
        </div>
        <noscript>
          <button type="submit" className="button">
            {t("applications.filters.apply")}
          </button>
        </noscript>
      </Form>
      <p role="status" className="muted">
        {t("applications.count", { count: pageInfo.total })}
        <PageRange info={pageInfo} />
      </p>
      {applications.length === 0 ? (
        <p className="empty-state">{t("applications.none")}</p>
      ) : (
        <TableScroll label={t("applications.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("organization.name")}</th>
                <th scope="col">{t("program.table.role")}</th>
                <th scope="col">{t("geo.region")}</th>
                <th scope="col">{t("applications.score")}</th>
                <th scope="col">{t("applications.filters.status")}</th>
                <th scope="col">{t("applications.submittedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {applications.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <AppLink to={`/programs/${programId}/applications/${a.id}`}>
                      {a.organization}
                    </AppLink>
                    <br />
                    <span className="muted">{a.contact}</span>
                    {a.flags.length > 0 ? (
                      <span className="badge badge--warning">
                        {t("applications.conditionsUnmet")}
                      </span>
                    ) : null}
                  </th>
                  <td>{a.role ? t(`roles.${a.role}`) : "—"}</td>
                  <td>{a.region ? regionName(a.region) : "—"}</td>
                  <td>
                    {a.total === null ? t("applications.notScored") : `${a.total} / ${a.max}`}
                  </td>
                  <td>
                    <span className={`status status--${a.status}`}>
                      {t(`applications.statuses.${a.status}`)}
                    </span>
                  </td>
                  <td>{date(a.submittedAt, { dateStyle: "medium" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pager info={pageInfo} label={t("pager.applications")} />
    </>
  );
}
