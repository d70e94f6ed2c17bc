import { TableScroll } from "~/components/TableScroll";
import { themeName } from "../../../core/models/report/labels";
import type { Report } from "../../../core/models/report/types";
import { useT } from "~/utils/i18n-react";
import { CsvLink } from "./CsvLink";

/**
 * The tools shared, by theme: a theme lists its first tools (the tools CSV has them all), how many
 * there are, and how many joined the program library.
 */
export function ToolsTable({ tools, programId }: { tools: Report["tools"]; programId: string }) {
  const { t, number, locale } = useT();
  return (
    <TableScroll label={t("report.tools.caption")}>
      <table>
        <caption>{t("report.tools.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("report.tools.theme")}</th>
            <th scope="col">{t("report.tools.titles")}</th>
            <th scope="col">{t("report.tools.count")}</th>
            <th scope="col">{t("report.tools.inLibrary")}</th>
          </tr>
        </thead>
        <tbody>
          {tools.themes.map((theme) => (
            <tr key={theme.theme}>
              <th scope="row">{themeName(theme, locale)}</th>
              <td>
                <ul className="tool-list">
                  {theme.tools.map((tool, i) => (
                    <li key={i}>
                      {tool.title}
                      {tool.description ? (
                        <span className="muted small"> — {tool.description}</span>
                      ) : null}
                    </li>
                  ))}
                </ul>
                {theme.count > theme.tools.length ? (
                  <p className="muted small">
                    {t("report.tools.more", {
                      count: theme.count - theme.tools.length,
                    })}{" "}
                    <CsvLink programId={programId} table="tools">
                      {t("report.tools.moreLink")}
                    </CsvLink>
                  </p>
                ) : null}
              </td>
              <td>{number(theme.count)}</td>
              <td>{number(theme.programWide)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("report.total")}</th>
            <td />
            <td>{number(tools.total)}</td>
            <td>{number(tools.programWide)}</td>
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}
