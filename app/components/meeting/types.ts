import type { useLoaderData } from "@remix-run/react";
import type { loader } from "~/routes/programs.$programId.groups.$groupId_.meetings_.$meetingId";

/** What a meeting's page loader gives its sections. */
export type MeetingData = ReturnType<typeof useLoaderData<typeof loader>>;
