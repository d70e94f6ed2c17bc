/**
 * A notice reads in its reader's language of today: a date in it is stored as an instant and
 * written when the notifications page shows it, so a person who switched to English reads an
 * invitation received in French with an English date (Quebec time). Notices stored before, with a
 * date already written in French, keep their text.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentSchema } from "../../core/store/schema";
import { demoDocument } from "../../server/seeds/demo";
import { daysAhead, pageText, signedIn } from "../helpers/http";
import { makeTempDir, removeDir, startServer, type TestServer } from "../helpers/server";

const PROGRAM = "/programs/prog-reemploi-2026";
const DAY = daysAhead(30);
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
/** A notice stored before dates were kept as instants: its date written in French. */
const OLD_DATE = "mardi 8 décembre 2026 à 10\u00a0h\u00a000";

let server: TestServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = await makeTempDir("maillage-notice-language-");
  const doc = documentSchema.parse(await demoDocument());
  const benoit = doc.users.find((u) => u.email === "benoit@exemple.org")!;
  doc.notifications.push({
    id: "ntf-old-preformatted",
    userId: benoit.id,
    programId: "prog-reemploi-2026",
    kind: "eventAnnouncement",
    params: { title: "Séance d'autrefois", date: OLD_DATE, place: "en ligne" },
    link: `${PROGRAM}/events`,
    createdAt: new Date(Date.now() - 86_400_000).toISOString(),
  });
  await writeFile(join(dataDir, "maillage.json"), JSON.stringify(documentSchema.parse(doc)));
  server = await startServer({ dataDir });
});
afterAll(async () => {
  await server?.stop();
  await removeDir(dataDir);
});

describe("notices after a change of language", () => {
  it("writes a notice's date in the reader's language of today, in Quebec time; old notices keep their text", async () => {
    const coordinator = await signedIn(server.url, "coordination@exemple.org");
    const created = await coordinator.post(`${PROGRAM}/events`, {
      title: "Séance QA 2",
      startsAt: `${DAY}T10:00`,
      rounds: "2",
      roundMinutes: "5",
      breakMinutes: "1",
      roomSize: "2",
      format: "online",
      videoUrlPattern: "",
      invited: ["p-benoit", "p-amelie"],
    });
    expect(created.status).toBe(302);

    const benoit = await signedIn(server.url, "benoit@exemple.org");
    const french = await pageText(await benoit.get("/notifications"));
    expect(french).toMatch(
      /Invitation : Séance QA 2, le (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d+ \S+ \d{4} à 10\u00a0h\u00a000/,
    );

    const switched = await benoit.post("/account", {
      intent: "details",
      name: "Benoît Girard",
      locale: "en",
    });
    expect(switched.status).toBe(302);
    const english = await pageText(await benoit.get("/notifications"));
    // The session's day at 10:00 in Quebec, written as en-CA does.
    const [year, month, day] = DAY.split("-").map(Number) as [number, number, number];
    const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]!;
    expect(english).toContain(
      `Invitation: Séance QA 2, on ${weekday}, ${MONTHS[month - 1]!} ${day}, ${year} at 10:00 a.m.`,
    );
    // The notice stored with a French date keeps that text, in the English sentence.
    expect(english).toContain(`Invitation: Séance d'autrefois, on ${OLD_DATE}`);
  });
});
