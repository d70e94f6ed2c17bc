/**
 * The coordination as observer over HTTP (ADR 0027): the demo group invites it; a member withdraws
 * the invitation and the coordinator is back to 404 everywhere in the group; a member invites it
 * again. What an observer opens and cannot open is read here as a person would, the full list of
 * routes being the authorization matrix's (role "observer"). Also: the meeting's place in the
 * group's calendar file and on the meeting page, and the spacing flag on the calendar.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageText, signedIn, type HttpClient } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

const PROGRAM = "/programs/prog-reemploi-2026";
const GROUP = `${PROGRAM}/groups/grp-demo-chaine-froid`;
const KICKOFF = `${GROUP}/meetings/mtg-demo-demarrage`;

let server: TestServer;
let coordinator: HttpClient;
let benoit: HttpClient;
let mathieu: HttpClient;
beforeAll(async () => {
  server = await startServer();
  coordinator = await signedIn(server.url, "coordination@exemple.org");
  benoit = await signedIn(server.url, "benoit@exemple.org");
  mathieu = await signedIn(server.url, "mathieu@exemple.org");
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const status = async (client: HttpClient, path: string) => {
  const response = await client.get(path);
  await response.body?.cancel();
  return response.status;
};

describe("the coordination as observer", () => {
  it("opens the calendar and the meetings while invited, nothing private, and 404 once revoked", async () => {
    // Invited (the demo group's agreement point is on).
    const calendar = await pageText(await coordinator.get(`${GROUP}/meetings`));
    expect(calendar).toContain("Vous observez ce groupe à son invitation");
    expect(calendar).not.toContain("Créer un lien d'abonnement secret");
    expect(calendar).not.toContain("Planifier la série");
    const kickoff = await pageText(await coordinator.get(KICKOFF));
    expect(kickoff).toContain("https://exemple.org/rencontres/chaine-de-froid");
    // The kickoff's notes are shared with the observer in the demo; its tools and check-ins are not.
    expect(kickoff).toContain("Entente relue et acceptée.");
    expect(kickoff).not.toContain("Gabarit de relevé de températures");
    expect(await status(coordinator, `${GROUP}/calendar.ics`)).toBe(200);
    for (const privatePage of [
      "",
      "/agreement",
      "/hours",
      "/plan",
      "/checkins",
      "/codev",
      "/tools",
    ])
      expect(await status(coordinator, `${GROUP}${privatePage}`), privatePage).toBe(404);
    // Read only: an observer's post is refused.
    expect((await coordinator.post(`${GROUP}/meetings`, { intent: "subscribe" })).status).toBe(403);

    // Mathieu withdraws the invitation: 404 as for a group the coordination never saw.
    const revoked = await mathieu.post(`${GROUP}/agreement`, { intent: "observer", invite: "off" });
    expect(await pageText(revoked)).toContain("L'invitation est retirée");
    for (const path of [`${GROUP}/meetings`, KICKOFF, `${GROUP}/calendar.ics`])
      expect(await status(coordinator, path), path).toBe(404);
    expect((await coordinator.post(`${GROUP}/meetings`, { intent: "subscribe" })).status).toBe(404);
    const notes = await pageText(await coordinator.get(`${PROGRAM}/evaluations`));
    expect(notes).toContain("Aucun groupe n'a invité la coordination pour l'instant");
    // The audit trail names the change.
    const formation = await pageText(await coordinator.get(`${PROGRAM}/formation`));
    expect(formation).toContain(
      "a retiré l'invitation de la coordination comme observatrice d'un groupe",
    );

    // Benoît invites it again.
    const invited = await benoit.post(`${GROUP}/agreement`, { intent: "observer", invite: "on" });
    expect(await pageText(invited)).toContain("La coordination est invitée comme observatrice.");
    expect(await status(coordinator, `${GROUP}/meetings`)).toBe(200);
  });

  it("writes observer notes choosing one of the observed group's meetings", async () => {
    const page = await pageText(await coordinator.get(`${PROGRAM}/evaluations`));
    // The group is named with its members, so that groups can be told apart.
    expect(page).toContain('<optgroup label="Chaîne de froid — Benoît, Marc, Mathieu">');
    expect(page).toContain('value="mtg-demo-demarrage"');
    // The demo's note about the kickoff is shown with its meeting's kind.
    expect(page).toMatch(/Chaîne de froid — Benoît, Marc, Mathieu · [^<]+ · Collective/);
  });
});

describe("a meeting's place and rhythm", () => {
  it("puts the place in the calendar's LOCATION and flags spacing outside the cadence", async () => {
    const ics = (await (await benoit.get(`${GROUP}/calendar.ics`)).text()).replace(/\r\n /g, "");
    expect(ics).toContain("LOCATION:https://exemple.org/rencontres/chaine-de-froid");
    expect(ics).toContain(
      "LOCATION:Entrepôt de Moisson Saguenay\\, 1000 rue de l'Exemple\\, Saguenay",
    );
    const calendar = await pageText(await benoit.get(`${GROUP}/meetings`));
    expect(calendar).toContain("Visite sur place");
    expect(calendar).toMatch(/42 jours après la rencontre précédente : plus espacé que le rythme/);
    // A place that is a link of another scheme is refused on its field.
    const refused = await benoit.post(KICKOFF, {
      intent: "details",
      sequence: "1",
      date: "2026-01-01",
      time: "13:30",
      durationMinutes: "90",
      kind: "collective",
      place: "javascript:alert(1)",
    });
    expect(await pageText(refused)).toContain("Un lien doit commencer par http:// ou https://");
  });
});
