/**
 * The self-formed proposal form (#20): it offers no one the program's pairing rule keeps out of
 * the viewer's groups (they come last, disabled, with the reason: the directory's answer), and it
 * says which mutual speed-dating matches are no longer offered because they are already in a group.
 * On the French demo: the program keeps each region apart; Sophie and Nathalie work in the same
 * region (03), and their organizations declared a conflict; Marc and Mathieu are in the demo's group, and Thomas's speed-dating interest was
 * mutual with both of them, Amélie's with Mathieu.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode, signedIn } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

const GROUPS = "/programs/prog-reemploi-2026/groups";
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

interface Choice {
  value: string;
  label: string;
  disabled: boolean;
  apart: boolean;
}

/** The first person's choices, in order, each with its label and whether it can be chosen. */
async function choices(email: string) {
  const client = await signedIn(server.url, email);
  const response = await client.get(GROUPS);
  expect(response.status).toBe(200);
  const html = decode(await response.text()).replace(/<!-- -->/g, "");
  const select = html.slice(html.indexOf('<select id="field-first"'), html.indexOf("</select>"));
  const apartAt = select.indexOf("<optgroup");
  const list: Choice[] = [];
  for (const m of select.matchAll(/<option([^>]*)>([^<]*)<\/option>/g)) {
    const value = /value="([^"]*)"/.exec(m[1]!)?.[1] ?? "";
    if (!value) continue;
    list.push({
      value,
      label: m[2]!,
      disabled: /\sdisabled/.test(m[1]!),
      apart: apartAt >= 0 && m.index > apartAt,
    });
  }
  return { html, list, client };
}

describe("the proposal form", () => {
  it("puts last, disabled and with the reason, whoever the pairing rule keeps out of the viewer's groups", async () => {
    const { html, list, client } = await choices("sophie@exemple.org");
    const nathalie = list.find((c) => c.value === "p-nathalie")!;
    expect(nathalie).toEqual({
      value: "p-nathalie",
      label:
        "Nathalie Gagnon — même région administrative que vous · organismes concurrents ou en conflit d'intérêts déclaré",
      disabled: true,
      apart: true,
    });
    expect(html).toContain(
      '<optgroup label="Jamais dans votre groupe (règle de jumelage du programme)">',
    );
    expect(html).toContain("Elles ne peuvent pas être choisies.");
    // Everyone else can be chosen, and comes before; the people in a group are not offered.
    const open = list.filter((c) => !c.apart);
    expect(open.length).toBeGreaterThan(5);
    expect(open.every((c) => !c.disabled)).toBe(true);
    expect(list.slice(0, open.length)).toEqual(open);
    expect(open.find((c) => c.value === "p-patrice")?.label).toMatch(
      /^(★ )?Patrice Lemieux — .+, Frigos solidaires de la Mauricie$/,
    );
    for (const grouped of ["p-marc", "p-mathieu", "p-benoit"])
      expect(list.map((c) => c.value)).not.toContain(grouped);
    // A forged choice is still refused by the same rule.
    const forged = await client.post(GROUPS, {
      intent: "check",
      first: "p-nathalie",
      second: "p-thomas",
    });
    expect(decode(await forged.text())).toContain("Même région administrative");

    // Chloé's only neighbour in region 05, Benoît, is in a group: nothing is set apart for her.
    const chloe = await choices("chloe@exemple.org");
    expect(chloe.list.some((c) => c.apart || c.disabled)).toBe(false);
    expect(chloe.html).not.toContain("<optgroup");
  });

  it("says which mutual matches are already in a group", async () => {
    const thomas = await choices("thomas@exemple.org");
    expect(thomas.html).toContain(
      "2 personnes avec qui l'intérêt était mutuel sont déjà dans un groupe ; elles ne sont donc plus proposées ici : Marc Tremblay, Mathieu Bélanger.",
    );
    expect(thomas.list.map((c) => c.value)).not.toContain("p-marc");

    const amelie = await choices("amelie@exemple.org");
    expect(amelie.html).toContain(
      "1 personne avec qui l'intérêt était mutuel est déjà dans un groupe ; elle n'est donc plus proposée ici : Mathieu Bélanger.",
    );
    // Sophie's mutual matches are all still free: no note.
    const sophie = await choices("sophie@exemple.org");
    expect(sophie.html).not.toContain("l'intérêt était mutuel");

    const english = await signedIn(server.url, "thomas@exemple.org");
    english.cookies.set("maillage_lang", "en");
    const page = decode(await (await english.get(GROUPS)).text()).replace(/<!-- -->/g, "");
    expect(page).toContain(
      "2 people with whom interest was mutual are already in a group, so they are no longer offered here: Marc Tremblay, Mathieu Bélanger.",
    );
  });
});
