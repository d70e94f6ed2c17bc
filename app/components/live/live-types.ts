/** The live event page's parts share its socket through these. */
import type { useLiveEvent } from "./useLiveEvent";

export type Live = ReturnType<typeof useLiveEvent>;
export type Emit = Live["emit"];
