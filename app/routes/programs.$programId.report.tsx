import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { Form } from "~/components/AppForm";
import { Field, FormErrorSummary } from "~/components/Field";
import {
  groupName,
  REPORT_TABLES,
  themeName,
  type AnswerStats,
  type FinalStats,
  type GroupHours,
  type GroupMeetings,
  type ReportGroup,
} from "~/models/report";
import {
  GroupNotFoundError,
  IdentifyingLabelError,
  programReport,
  setGroupLabel,
} from "~/models/report.server";
import {
  GROUP_LABEL_MAX,
  groupLabelSchema,
  REPORT_GROUPS_PER_PAGE,
  REPORT_TOOLS_PER_THEME,
  reportViewQuerySchema,
} from "~/schemas/report";
import reportStylesHref from "~/styles/report.css?url";
import { formDataToObject, isFormFailure, parseWith, readFormData } from "~/utils/forms";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { notFound, requireCoordinatorOf } from "~/utils/permissions.server";
import { formFailure } from "~/utils/responses.server";
import { TableScroll } from "~/components/TableScroll";
import { Pager } from "~/components/Pager";
import { pageInfo, requestedPage } from "~/utils/pagination";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStylesHref }];

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "report.title");

/**
 * The anonymized program report, for coordinators and the program's funders: only the program's
 * own coordinators see it (participants get 403, anyone else 404).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { program } = await requireCoordinatorOf(request, params.programId);
  const url = new URL(request.url);
  const report = await programReport(program);
  // A large program's per-group tables and charts come a page of groups at a time (the totals,
  // the tools and the quotes cover every group); `?groups=all` shows them all, for printing.
  const view = reportViewQuerySchema.parse({ groups: url.searchParams.get("groups") ?? undefined });
  const all = view.groups === "all";
  const total = report.groups.length;
  const groupPage = all
    ? pageInfo(total, 1, Math.max(1, total))
    : pageInfo(total, requestedPage(url), REPORT_GROUPS_PER_PAGE);
  const range = <T,>(list: readonly T[]) => list.slice(groupPage.from - 1, groupPage.to);
  const ev = report.evaluations;
  return {
    report: {
      ...report,
      groups: range(report.groups),
      // A theme lists its first tools; the tools CSV (and the full view) has them all.
      tools: {
        ...report.tools,
        themes: report.tools.themes.map((theme) => ({
          ...theme,
          tools: all ? theme.tools : theme.tools.slice(0, REPORT_TOOLS_PER_THEME),
        })),
      },
      evaluations: {
        monthly: { ...ev.monthly, byGroup: range(ev.monthly.byGroup) },
        final: { ...ev.final, byGroup: range(ev.final.byGroup) },
      },
    },
    groupPage,
    allGroups: all,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { program } = await requireCoordinatorOf(request, params.programId);
  const form = formDataToObject(await readFormData(request));
  const parsed = parseWith(groupLabelSchema, form);
  if (!parsed.ok) return formFailure(parsed.fieldErrors, parsed.values);
  try {
    await setGroupLabel(program.id, parsed.data.groupId, parsed.data.label);
  } catch (error) {
    if (error instanceof GroupNotFoundError) throw notFound();
    if (error instanceof IdentifyingLabelError) {
      // The refused label is shown with the names hidden: the page never shows a name.
      return formFailure(
        { label: { key: "errors.reportLabelIdentifies" } },
        { ...parsed.data, label: error.redacted },
      );
    }
    throw error;
  }
  return { saved: parsed.data.groupId };
}

// ─── Charts ─────────────────────────────────────────────────────────────────────────────────────

const CHART_WIDTH = 640;
const LABEL_WIDTH = 150;
const VALUE_WIDTH = 110;
const ROW = 34;
const BAR = 20;

/** Chart coordinates to a tenth of a unit: finer is invisible and only makes the page longer. */
const tenth = (x: number) => Math.round(x * 10) / 10;

/** Long labels are shortened inside the chart; the table and the description have them whole. */
const short = (s: string) => (s.length > 20 ? `${s.slice(0, 19)}…` : s);

function Legend({ items }: { items: Array<{ className: string; label: string }> }) {
  return (
    <ul className="chart-legend">
      {items.map((item) => (
        <li key={item.className}>
          <span className={`chart-swatch ${item.className}`} aria-hidden="true" />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

function HoursChart({ groups, names }: { groups: ReportGroup[]; names: string[] }) {
  const { t, number } = useT();
  const top = Math.max(1, ...groups.map((g) => Math.max(g.hours.bank, g.hours.used)));
  const barWidth = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const w = (h: number) => tenth((Math.max(0, h) / top) * barWidth);
  const height = groups.length * ROW + 12;
  const description = groups
    .map((g, i) =>
      t("report.charts.hoursItem", {
        group: names[i]!,
        used: number(g.hours.used),
        remaining: number(g.hours.remaining),
        bank: number(g.hours.bank),
      }),
    )
    .join(" ");
  return (
    <figure className="report-chart">
      <svg
        viewBox={`0 0 ${CHART_WIDTH} ${height}`}
        role="img"
        aria-labelledby="chart-hours-title"
        aria-describedby="chart-hours-desc"
      >
        <title id="chart-hours-title">{t("report.charts.hoursTitle")}</title>
        <desc id="chart-hours-desc">{description}</desc>
        {groups.map((g, i) => {
          const y = 6 + i * ROW;
          const used = Math.min(g.hours.used, g.hours.bank);
          const over = Math.max(0, g.hours.used - g.hours.bank);
          return (
            <g key={g.id}>
              <text
                x={LABEL_WIDTH - 8}
                y={y + BAR / 2 + 4}
                textAnchor="end"
                className="chart-label"
              >
                {short(names[i]!)}
              </text>
              <rect x={LABEL_WIDTH} y={y} width={w(used)} height={BAR} className="bar-used" />
              <rect
                x={tenth(LABEL_WIDTH + w(used))}
                y={y}
                width={w(g.hours.remaining)}
                height={BAR}
                className="bar-remaining"
              />
              {over > 0 ? (
                <rect
                  x={tenth(LABEL_WIDTH + w(used))}
                  y={y}
                  width={w(over)}
                  height={BAR}
                  className="bar-over"
                />
              ) : null}
              <text
                x={tenth(LABEL_WIDTH + w(Math.max(g.hours.bank, g.hours.used)) + 6)}
                y={y + BAR / 2 + 4}
                className="chart-value"
              >
                {t("report.charts.hoursValue", {
                  used: number(g.hours.used),
                  bank: number(g.hours.bank),
                })}
              </text>
            </g>
          );
        })}
      </svg>
      <Legend
        items={[
          { className: "bar-used", label: t("report.hours.used") },
          { className: "bar-remaining", label: t("report.hours.remaining") },
          ...(groups.some((g) => g.hours.used > g.hours.bank)
            ? [{ className: "bar-over", label: t("report.charts.overdrawn") }]
            : []),
        ]}
      />
    </figure>
  );
}

const STATUSES = ["held", "postponed", "cancelled", "planned"] as const;

function MeetingsChart({ groups, names }: { groups: ReportGroup[]; names: string[] }) {
  const { t, number } = useT();
  const total = (m: GroupMeetings) => STATUSES.reduce((s, k) => s + m[k], 0);
  const top = Math.max(1, ...groups.map((g) => total(g.meetings)));
  const barWidth = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const w = (n: number) => tenth((n / top) * barWidth);
  const height = groups.length * ROW + 12;
  const description = groups
    .map((g, i) =>
      t("report.charts.meetingsItem", {
        group: names[i]!,
        held: number(g.meetings.held),
        postponed: number(g.meetings.postponed),
        cancelled: number(g.meetings.cancelled),
        planned: number(g.meetings.planned),
      }),
    )
    .join(" ");
  return (
    <figure className="report-chart">
      <svg
        viewBox={`0 0 ${CHART_WIDTH} ${height}`}
        role="img"
        aria-labelledby="chart-meetings-title"
        aria-describedby="chart-meetings-desc"
      >
        <title id="chart-meetings-title">{t("report.charts.meetingsTitle")}</title>
        <desc id="chart-meetings-desc">{description}</desc>
        {groups.map((g, i) => {
          const y = 6 + i * ROW;
          let x = LABEL_WIDTH;
          return (
            <g key={g.id}>
              <text
                x={LABEL_WIDTH - 8}
                y={y + BAR / 2 + 4}
                textAnchor="end"
                className="chart-label"
              >
                {short(names[i]!)}
              </text>
              {STATUSES.map((status) => {
                const n = g.meetings[status];
                if (n === 0) return null;
                const segment = (
                  <g key={status}>
                    <rect
                      x={tenth(x)}
                      y={y}
                      width={w(n)}
                      height={BAR}
                      className={`bar-${status}`}
                    />
                    {w(n) >= 18 ? (
                      <text
                        x={tenth(x + w(n) / 2)}
                        y={y + BAR / 2 + 4}
                        textAnchor="middle"
                        className={`chart-count chart-count--${status}`}
                      >
                        {number(n)}
                      </text>
                    ) : null}
                  </g>
                );
                x += w(n);
                return segment;
              })}
              <text x={tenth(x + 6)} y={y + BAR / 2 + 4} className="chart-value">
                {t("report.charts.meetingsValue", { count: number(total(g.meetings)) })}
              </text>
            </g>
          );
        })}
      </svg>
      <Legend
        items={STATUSES.map((s) => ({ className: `bar-${s}`, label: t(`report.meetings.${s}`) }))}
      />
    </figure>
  );
}

// ─── Page ───────────────────────────────────────────────────────────────────────────────────────

function Suppressed({ min }: { min: number }) {
  const { t } = useT();
  return <span className="suppressed">{t("report.suppressed", { min })}</span>;
}

export default function ProgramReport() {
  const { report, groupPage, allGroups } = useLoaderData<typeof loader>();
  const { pathname } = useLocation();
  const result = useActionData<typeof action>();
  const failure = isFormFailure(result) ? result : undefined;
  const saved = result && "saved" in result ? result.saved : undefined;
  const navigation = useNavigation();
  const { t, date, number, locale } = useT();
  const names = report.groups.map((g) => groupName(g, locale));
  const hours = (h: number) => `${number(h)} h`;
  const pct = (x: number) => number(x, { style: "percent", maximumFractionDigits: 0 });
  const totals = report.totals;
  const ev = report.evaluations;
  const min = report.minRespondents;
  const csvHref = (table: string) => `/programs/${report.program.id}/report.csv?table=${table}`;
  const average = (s: AnswerStats) =>
    s.averageAppreciation === null ? "—" : `${number(s.averageAppreciation)} / 5`;

  const meetingsRow = (m: GroupMeetings) => (
    <>
      <td>{number(m.held)}</td>
      <td>{number(m.collective)}</td>
      <td>{number(m.individual)}</td>
      <td>{number(m.postponed)}</td>
      <td>{number(m.cancelled)}</td>
      <td>{number(m.planned)}</td>
    </>
  );
  const hoursRow = (h: GroupHours) => (
    <>
      <td>{hours(h.bank)}</td>
      <td>{hours(h.used)}</td>
      <td>{hours(h.remaining)}</td>
      <td>{hours(h.meeting)}</td>
      <td>{hours(h.preparation)}</td>
      <td>{hours(h.communication + h.followUp)}</td>
      <td>{pct(h.preparationShare)}</td>
      <td>{pct(h.outsideMeetingsShare)}</td>
    </>
  );
  const finalCells = (s: FinalStats | null, colSpan = 8) =>
    s ? (
      <>
        <td>{number(s.responses)}</td>
        <td>{average(s)}</td>
        {s.objectivesReached ? (
          <>
            <td>{number(s.objectivesReached.yes)}</td>
            <td>{number(s.objectivesReached.partly)}</td>
            <td>{number(s.objectivesReached.no)}</td>
          </>
        ) : (
          <td colSpan={3}>
            <Suppressed min={min} />
          </td>
        )}
        {s.continueMeeting ? (
          <>
            <td>{number(s.continueMeeting.yes)}</td>
            <td>{number(s.continueMeeting.maybe)}</td>
            <td>{number(s.continueMeeting.no)}</td>
          </>
        ) : (
          <td colSpan={3}>
            <Suppressed min={min} />
          </td>
        )}
      </>
    ) : (
      <td colSpan={colSpan}>
        <Suppressed min={min} />
      </td>
    );

  return (
    <article className="report">
      <header className="report-header">
        <p className="eyebrow">{t("report.eyebrow")}</p>
        <h1>{t("report.title")}</h1>
        <p className="lead">
          {report.program.title} ·{" "}
          {t("report.period", {
            start: date(report.program.start, { dateStyle: "long" }),
            end: date(report.program.end, { dateStyle: "long" }),
          })}
        </p>
        <p className="report-notice">{t("report.anonymityNotice", { min })}</p>
      </header>

      <div className="report-actions">
        <button type="button" className="button" onClick={() => window.print()}>
          {t("report.print")}
        </button>
        <nav aria-label={t("report.csv.label")}>
          <p className="report-actions-title">{t("report.csv.label")}</p>
          <ul className="report-downloads">
            {REPORT_TABLES.map((table) => (
              <li key={table}>
                <a href={csvHref(table)} download={`rapport-${table}.csv`}>
                  {t(`report.csv.tables.${table}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>

      <section aria-labelledby="report-summary">
        <h2 id="report-summary">{t("report.summary")}</h2>
        <dl className="facts facts--large">
          <div>
            <dt>{t("report.facts.groups")}</dt>
            <dd>{number(totals.groups)}</dd>
          </div>
          <div>
            <dt>{t("report.facts.members")}</dt>
            <dd>{number(totals.members)}</dd>
          </div>
          <div>
            <dt>{t("report.facts.meetingsHeld")}</dt>
            <dd>{number(totals.meetings.held)}</dd>
          </div>
          <div>
            <dt>{t("report.facts.hoursUsed")}</dt>
            <dd>
              {t("report.facts.hoursOf", {
                used: number(totals.hours.used),
                bank: number(totals.hours.bank),
              })}
            </dd>
          </div>
          <div>
            <dt>{t("report.facts.preparationShare")}</dt>
            <dd>{pct(totals.hours.preparationShare)}</dd>
          </div>
          <div>
            <dt>{t("report.facts.toolsShared")}</dt>
            <dd>{number(report.tools.total)}</dd>
          </div>
        </dl>
      </section>

      {groupPage.total > REPORT_GROUPS_PER_PAGE ? (
        <div className="report-group-pages">
          <p>
            {allGroups
              ? t("report.groupPages.all", { total: number(groupPage.total) })
              : t("report.groupPages.range", {
                  from: number(groupPage.from),
                  to: number(groupPage.to),
                  total: number(groupPage.total),
                })}{" "}
            <Link to={allGroups ? pathname : `${pathname}?groups=all`}>
              {allGroups ? t("report.groupPages.paged") : t("report.groupPages.showAll")}
            </Link>
          </p>
          <Pager info={groupPage} label={t("pager.reportGroups")} fragment="report-groups" />
        </div>
      ) : null}

      <section aria-labelledby="report-groups">
        <h2 id="report-groups">{t("report.groups.title")}</h2>
        <p>{t("report.groups.intro")}</p>
        {report.groups.length === 0 ? (
          <p className="empty-state">{t("report.groups.none")}</p>
        ) : (
          <TableScroll label={t("report.groups.caption")}>
            <table>
              <caption>{t("report.groups.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("report.columns.group")}</th>
                  {report.roles.map((r) => (
                    <th scope="col" key={r}>
                      {t(`report.roles.${r}`)}
                    </th>
                  ))}
                  <th scope="col">{t("report.columns.regions")}</th>
                  <th scope="col">{t("report.columns.toolsShared")}</th>
                  <th scope="col">{t("report.columns.status")}</th>
                </tr>
              </thead>
              <tbody>
                {report.groups.map((g, i) => (
                  <tr key={g.id}>
                    <th scope="row">{names[i]}</th>
                    {report.roles.map((r) => (
                      <td key={r}>{number(g.composition[r])}</td>
                    ))}
                    <td>{number(g.regions)}</td>
                    <td>{number(g.tools)}</td>
                    <td>{t(`report.status.${g.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {report.groups.length > 0 ? (
          <details className="panel report-labels" open={Boolean(failure || saved)}>
            <summary>{t("report.labels.title")}</summary>
            <p className="muted">{t("report.labels.intro")}</p>
            <FormErrorSummary errors={failure?.fieldErrors} />
            {saved ? (
              <p className="alert alert--success" role="status">
                {t("report.labels.saved")}
              </p>
            ) : null}
            {report.groups.map((g) => {
              const mine = failure?.values.groupId === g.id ? failure : undefined;
              const value =
                mine && typeof mine.values.label === "string" ? mine.values.label : g.label;
              return (
                <Form method="post" className="inline-form" key={g.id}>
                  <input type="hidden" name="intent" value="label" />
                  <input type="hidden" name="groupId" value={g.id} />
                  <Field
                    idPrefix={`label-${g.id}`}
                    name="label"
                    label={t("report.labels.field", {
                      group: t("report.groupFallback", { n: g.number }),
                    })}
                    maxLength={GROUP_LABEL_MAX}
                    defaultValue={value}
                    placeholder={t("report.labels.placeholder")}
                    error={mine?.fieldErrors.label}
                  />
                  <button
                    type="submit"
                    className="button button--secondary"
                    disabled={navigation.state !== "idle"}
                  >
                    {t("report.labels.save")}
                  </button>
                </Form>
              );
            })}
          </details>
        ) : null}
      </section>

      <section aria-labelledby="report-meetings">
        <h2 id="report-meetings">{t("report.meetings.title")}</h2>
        {report.groups.length > 0 ? <MeetingsChart groups={report.groups} names={names} /> : null}
        <TableScroll label={t("report.meetings.caption")}>
          <table>
            <caption>{t("report.meetings.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("report.columns.group")}</th>
                <th scope="col">{t("report.meetings.held")}</th>
                <th scope="col">{t("report.meetings.collective")}</th>
                <th scope="col">{t("report.meetings.individual")}</th>
                <th scope="col">{t("report.meetings.postponed")}</th>
                <th scope="col">{t("report.meetings.cancelled")}</th>
                <th scope="col">{t("report.meetings.planned")}</th>
              </tr>
            </thead>
            <tbody>
              {report.groups.map((g, i) => (
                <tr key={g.id}>
                  <th scope="row">{names[i]}</th>
                  {meetingsRow(g.meetings)}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("report.total")}</th>
                {meetingsRow(totals.meetings)}
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      </section>

      <section aria-labelledby="report-hours">
        <h2 id="report-hours">{t("report.hours.title")}</h2>
        <p>{t("report.hours.intro", { bank: number(report.program.hourBankHours) })}</p>
        {report.groups.length > 0 ? <HoursChart groups={report.groups} names={names} /> : null}
        <TableScroll label={t("report.hours.caption")}>
          <table>
            <caption>{t("report.hours.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("report.columns.group")}</th>
                <th scope="col">{t("report.hours.bank")}</th>
                <th scope="col">{t("report.hours.used")}</th>
                <th scope="col">{t("report.hours.remaining")}</th>
                <th scope="col">{t("report.hours.meeting")}</th>
                <th scope="col">{t("report.hours.preparation")}</th>
                <th scope="col">{t("report.hours.otherOutside")}</th>
                <th scope="col">{t("report.hours.preparationShare")}</th>
                <th scope="col">{t("report.hours.outsideShare")}</th>
              </tr>
            </thead>
            <tbody>
              {report.groups.map((g, i) => (
                <tr key={g.id}>
                  <th scope="row">{names[i]}</th>
                  {hoursRow(g.hours)}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("report.total")}</th>
                {hoursRow(totals.hours)}
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      </section>

      <section aria-labelledby="report-tools">
        <h2 id="report-tools">{t("report.tools.heading")}</h2>
        {report.tools.total === 0 ? (
          <p className="empty-state">{t("report.tools.none")}</p>
        ) : (
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
                {report.tools.themes.map((theme) => (
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
                            count: number(theme.count - theme.tools.length),
                          })}{" "}
                          <a href={csvHref("tools")} download="rapport-tools.csv">
                            {t("report.tools.moreLink")}
                          </a>
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
                  <td>{number(report.tools.total)}</td>
                  <td>{number(report.tools.programWide)}</td>
                </tr>
              </tfoot>
            </table>
          </TableScroll>
        )}
      </section>

      <section aria-labelledby="report-evaluations">
        <h2 id="report-evaluations">{t("report.evaluations.title")}</h2>
        <p>{t("report.evaluations.intro", { min })}</p>

        <h3>{t("report.evaluations.monthly")}</h3>
        {ev.monthly.total.responses === 0 ? (
          <p className="empty-state">{t("report.evaluations.noneMonthly")}</p>
        ) : (
          <>
            <dl className="facts">
              <div>
                <dt>{t("report.evaluations.questionnaires")}</dt>
                <dd>{number(ev.monthly.questionnaires)}</dd>
              </div>
              <div>
                <dt>{t("report.evaluations.responses")}</dt>
                <dd>{number(ev.monthly.total.responses)}</dd>
              </div>
              <div>
                <dt>{t("report.evaluations.average")}</dt>
                <dd>
                  {ev.monthly.total.shown ? average(ev.monthly.total) : <Suppressed min={min} />}
                </dd>
              </div>
            </dl>
            <TableScroll label={t("report.evaluations.monthlyCaption")}>
              <table>
                <caption>{t("report.evaluations.monthlyCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("report.columns.scope")}</th>
                    <th scope="col">{t("report.evaluations.responses")}</th>
                    <th scope="col">{t("report.evaluations.average")}</th>
                  </tr>
                </thead>
                <tbody>
                  {ev.monthly.byQuestionnaire.map((q, i) => (
                    <tr key={`q-${i}`}>
                      <th scope="row">{q.title}</th>
                      <td>{number(q.stats.responses)}</td>
                      <td>{q.stats.shown ? average(q.stats) : <Suppressed min={min} />}</td>
                    </tr>
                  ))}
                  {ev.monthly.byGroup.map((b, i) => (
                    <tr key={b.groupId}>
                      <th scope="row">{names[i]}</th>
                      {b.stats ? (
                        <>
                          <td>{number(b.stats.responses)}</td>
                          <td>{average(b.stats)}</td>
                        </>
                      ) : (
                        <td colSpan={2}>
                          <Suppressed min={min} />
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </>
        )}

        <h3>{t("report.evaluations.final")}</h3>
        {ev.final.total.responses === 0 ? (
          <p className="empty-state">{t("report.evaluations.noneFinal")}</p>
        ) : (
          <TableScroll label={t("report.evaluations.finalCaption")}>
            <table>
              <caption>{t("report.evaluations.finalCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col" rowSpan={2}>
                    {t("report.columns.scope")}
                  </th>
                  <th scope="col" rowSpan={2}>
                    {t("report.evaluations.responses")}
                  </th>
                  <th scope="col" rowSpan={2}>
                    {t("report.evaluations.average")}
                  </th>
                  <th scope="colgroup" colSpan={3}>
                    {t("report.evaluations.objectivesReached")}
                  </th>
                  <th scope="colgroup" colSpan={3}>
                    {t("report.evaluations.continueMeeting")}
                  </th>
                </tr>
                <tr>
                  <th scope="col">{t("report.answers.yes")}</th>
                  <th scope="col">{t("report.answers.partly")}</th>
                  <th scope="col">{t("report.answers.no")}</th>
                  <th scope="col">{t("report.answers.yes")}</th>
                  <th scope="col">{t("report.answers.maybe")}</th>
                  <th scope="col">{t("report.answers.no")}</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">{t("report.evaluations.program")}</th>
                  {ev.final.total.shown ? (
                    finalCells(ev.final.total)
                  ) : (
                    <>
                      <td>{number(ev.final.total.responses)}</td>
                      <td colSpan={7}>
                        <Suppressed min={min} />
                      </td>
                    </>
                  )}
                </tr>
                {ev.final.byGroup.map((b, i) => (
                  <tr key={b.groupId}>
                    <th scope="row">{names[i]}</th>
                    {finalCells(b.stats)}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <Pager info={groupPage} label={t("pager.reportGroupsEnd")} fragment="report-groups" />

      <section aria-labelledby="report-recommendations">
        <h2 id="report-recommendations">{t("report.recommendations.title")}</h2>
        <p className="muted">{t("report.recommendations.intro")}</p>
        {report.recommendations.length === 0 ? (
          <p className="empty-state">{t("report.recommendations.none")}</p>
        ) : (
          <ul className="quote-list">
            {report.recommendations.map((text, i) => (
              <li key={i}>
                <blockquote>{text}</blockquote>
              </li>
            ))}
          </ul>
        )}
        {report.quotes.length > 0 ? (
          <>
            <h3>{t("report.quotes.title")}</h3>
            <ul className="quote-list">
              {report.quotes.map((q, i) => (
                <li key={i}>
                  <blockquote>{q.text}</blockquote>
                  <p className="muted small">{t(`report.quotes.${q.source}`)}</p>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </article>
  );
}
