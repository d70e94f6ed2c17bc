import { useLocation } from "@remix-run/react";
import { AppLink } from "~/components/AppLink";
import { useT } from "~/utils/i18n-react";
import { pageWindow, type PageInfo } from "../../core/utils/pagination";

/** The link to page `page` of the current list: same path, same filters and sort. */
export function pageHref(pathname: string, search: string, page: number): string {
  const params = new URLSearchParams(search);
  params.delete("page");
  // Remix's own marker for index routes' forms; a page link never needs it.
  if (params.get("index") === "") params.delete("index");
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}

/** "Items 51 to 100 of 1 300", for the list's status line (nothing when all fit on one page). */
export function PageRange({ info }: { info: PageInfo }) {
  const { t, number } = useT();
  if (info.pageCount <= 1) return null;
  return (
    <>
      {" "}
      {t("pager.range", {
        from: number(info.from),
        to: number(info.to),
        total: number(info.total),
      })}
    </>
  );
}

/**
 * Previous / next and page-number links under a long list, in a named navigation landmark; the
 * current page is marked with aria-current. The links keep the list's filters and sort.
 */
export function Pager({
  info,
  label,
  fragment,
}: {
  info: PageInfo;
  label: string;
  /** An element id to land on (a list below other content), e.g. its heading. */
  fragment?: string;
}) {
  const { t } = useT();
  const { pathname, search } = useLocation();
  if (info.pageCount <= 1) return null;
  const href = (page: number) =>
    `${pageHref(pathname, search, page)}${fragment ? `#${fragment}` : ""}` as `/${string}`;
  const status = t("pager.status", { page: info.page, pageCount: info.pageCount });
  return (
    <nav className="pager" aria-label={label}>
      <p className="pager-status">{status}</p>
      <ul>
        <li>
          {info.page > 1 ? (
            <AppLink to={href(info.page - 1)} rel="prev" className="pager-step">
              <span aria-hidden="true">← </span>
              {t("pager.previous")}
            </AppLink>
          ) : (
            <span className="pager-step pager-step--off" aria-disabled="true">
              <span aria-hidden="true">← </span>
              {t("pager.previous")}
            </span>
          )}
        </li>
        {pageWindow(info.page, info.pageCount).map((page, i) =>
          page === null ? (
            <li key={`gap-${i}`} className="pager-gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li key={page}>
              <AppLink
                to={href(page)}
                aria-label={t("pager.page", { page })}
                aria-current={page === info.page ? "page" : undefined}
              >
                {page}
              </AppLink>
            </li>
          ),
        )}
        <li>
          {info.page < info.pageCount ? (
            <AppLink to={href(info.page + 1)} rel="next" className="pager-step">
              {t("pager.next")}
              <span aria-hidden="true"> →</span>
            </AppLink>
          ) : (
            <span className="pager-step pager-step--off" aria-disabled="true">
              {t("pager.next")}
              <span aria-hidden="true"> →</span>
            </span>
          )}
        </li>
      </ul>
    </nav>
  );
}
