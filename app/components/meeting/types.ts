import type { useLoaderData } from "@remix-run/react";
import type { meetingPageData } from "~/utils/meeting-page.server";

/** What a meeting's page loader gives its sections (app/utils/meeting-page.server.ts). */
export type MeetingData = ReturnType<typeof useLoaderData<typeof meetingPageData>>;
