import type { useLoaderData } from "@remix-run/react";
import type { loader } from "~/routes/programs.$programId.formation";

/** What the formation page's loader gives its sections. */
export type FormationData = ReturnType<typeof useLoaderData<typeof loader>>;
export type FormationRun = NonNullable<FormationData["run"]>;
