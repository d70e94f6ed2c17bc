import type { GroupMeetings, ReportGroup } from "../../../core/models/report/types";
import { useT } from "~/utils/i18n-react";
import { GroupTotalsTable } from "./GroupTotalsTable";

/** Each group's meetings by status and kind, and the program's total. */
export function MeetingsTable(props: {
  groups: ReportGroup[];
  names: string[];
  total: GroupMeetings;
}) {
  const { number } = useT();
  return (
    <GroupTotalsTable<GroupMeetings>
      {...props}
      caption="report.meetings.caption"
      figures={(g) => g.meetings}
      columns={[
        { header: "report.meetings.held", cell: (m) => number(m.held) },
        { header: "report.meetings.collective", cell: (m) => number(m.collective) },
        { header: "report.meetings.individual", cell: (m) => number(m.individual) },
        { header: "report.meetings.postponed", cell: (m) => number(m.postponed) },
        { header: "report.meetings.cancelled", cell: (m) => number(m.cancelled) },
        { header: "report.meetings.planned", cell: (m) => number(m.planned) },
      ]}
    />
  );
}
