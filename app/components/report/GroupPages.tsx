import { Link, useLocation } from "@remix-run/react";
import { Pager } from "~/components/Pager";
import { useT } from "~/utils/i18n-react";
import type { PageInfo } from "../../../core/utils/pagination";

/**
 * Above the per-group tables of a large program: which groups are shown, a link to show them all
 * on one page (`?groups=all`, to print them) or back to pages, and the pager.
 */
export function GroupPages({ info, all }: { info: PageInfo; all: boolean }) {
  const { t, number } = useT();
  const { pathname } = useLocation();
  return (
    <div className="report-group-pages">
      <p>
        {all
          ? t("report.groupPages.all", { total: number(info.total) })
          : t("report.groupPages.range", {
              from: number(info.from),
              to: number(info.to),
              total: number(info.total),
            })}{" "}
        <Link to={all ? pathname : `${pathname}?groups=all`}>
          {all ? t("report.groupPages.paged") : t("report.groupPages.showAll")}
        </Link>
      </p>
      <Pager info={info} label={t("pager.reportGroups")} fragment="report-groups" />
    </div>
  );
}
