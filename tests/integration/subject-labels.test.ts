/**
 * Subjects (the program's taxonomy) are named in the reader's language on every page of a group's
 * space and in the program's tool library, including the "why this group" reasons the matching
 * engine stored with the French labels: a person reading in English sees "Cold chain", in French
 * "Chaîne de froid". (The demo group is itself named "Chaîne de froid" by its coordinators: that
 * name is data, so the checks look at where the subject is shown, not at the whole page.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageText, signedIn, type HttpClient } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

const PROGRAM = "/programs/prog-reemploi-2026";
const GROUP = `${PROGRAM}/groups/grp-demo-chaine-froid`;
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

/** The places each page names the cold-chain subject, written with `subject`. */
function shownAs(subject: string) {
  const s = subject;
  return {
    // A member's needs (Benoît's first need) and the engine's reason.
    space: [
      new RegExp(`Besoins ?:</strong> ${s}|Needs:</strong> ${s}`),
      new RegExp(`[«“] ?${s} ?[»”]`),
    ],
    // The meeting's theme, chosen in a list of the subjects.
    meeting: [new RegExp(`<option value="chaine-froid"[^>]*>${s}</option>`)],
    // The action plan's item imported from Benoît's need.
    plan: [new RegExp(`<h2 class="card-title">${s}<span`)],
    // A shared tool's theme, in the group's tools and in the program's library (and its filter).
    tools: [new RegExp(`${s} · `), new RegExp(`<option value="chaine-froid">${s}</option>`)],
    library: [
      new RegExp(`<p class="muted">${s}</p>`),
      new RegExp(`<option value="chaine-froid">${s} \\(\\d+\\)</option>`),
    ],
  };
}

async function pages(client: HttpClient) {
  const get = async (path: string) => {
    const response = await client.get(path);
    expect(response.status, path).toBe(200);
    return pageText(response);
  };
  return {
    space: await get(GROUP),
    meeting: await get(`${GROUP}/meetings/mtg-demo-demarrage`),
    plan: await get(`${GROUP}/plan`),
    tools: await get(`${GROUP}/tools`),
    library: await get(`${PROGRAM}/tools`),
  };
}

describe("subjects in the reader's language", () => {
  it("reads “Cold chain” in English and “Chaîne de froid” in French on the group's pages", async () => {
    const marc = await signedIn(server.url, "marc@exemple.org");
    marc.cookies.set("maillage_lang", "en");
    const english = await pages(marc);
    marc.cookies.set("maillage_lang", "fr");
    const french = await pages(marc);
    const inEnglish = shownAs("Cold chain");
    const inFrench = shownAs("Chaîne de froid");
    for (const page of Object.keys(english) as Array<keyof typeof english>) {
      for (const pattern of inEnglish[page]) {
        expect.soft(english[page], `${page} in English`).toMatch(pattern);
        expect.soft(french[page], `${page} in French`).not.toMatch(pattern);
      }
      for (const pattern of inFrench[page]) {
        expect.soft(french[page], `${page} in French`).toMatch(pattern);
        expect.soft(english[page], `${page} in English`).not.toMatch(pattern);
      }
    }
    // The reason words the need in English, with the engine's other words.
    expect(english.space).toContain("need “Cold chain” (high priority) meets");
  });
});
