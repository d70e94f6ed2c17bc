import type { GroupHours, ReportGroup } from "../../../core/models/report/types";
import { GroupTotalsTable } from "./GroupTotalsTable";
import { useReportFormat } from "./useReportFormat";

/** Each group's hour bank: used by kind, remaining, shares; and the program's total. */
export function HoursTable(props: { groups: ReportGroup[]; names: string[]; total: GroupHours }) {
  const { hours, percent } = useReportFormat();
  return (
    <GroupTotalsTable<GroupHours>
      {...props}
      caption="report.hours.caption"
      figures={(g) => g.hours}
      columns={[
        { header: "report.hours.bank", cell: (h) => hours(h.bank) },
        { header: "report.hours.used", cell: (h) => hours(h.used) },
        { header: "report.hours.remaining", cell: (h) => hours(h.remaining) },
        { header: "report.hours.meeting", cell: (h) => hours(h.meeting) },
        { header: "report.hours.preparation", cell: (h) => hours(h.preparation) },
        { header: "report.hours.otherOutside", cell: (h) => hours(h.communication + h.followUp) },
        { header: "report.hours.ownTime", cell: (h) => hours(h.ownTime) },
        { header: "report.hours.preparationShare", cell: (h) => percent(h.preparationShare) },
        { header: "report.hours.outsideShare", cell: (h) => percent(h.outsideMeetingsShare) },
      ]}
    />
  );
}
