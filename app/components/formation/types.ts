import type { useLoaderData } from "@remix-run/react";
import type { formationPageData } from "~/utils/formation-page.server";

/** What the formation page's loader gives its sections (app/utils/formation-page.server.ts). */
export type FormationData = ReturnType<typeof useLoaderData<typeof formationPageData>>;
export type FormationRun = NonNullable<FormationData["run"]>;
