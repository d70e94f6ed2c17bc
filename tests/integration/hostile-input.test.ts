/**
 * Hostile input against the running production server: fast-check generated values posted to a
 * representative set of forms and sent over Socket.IO. Every answer is a refusal (4xx with a field
 * or form error) or an acceptance whose text is shown inert; never a 500; nothing half-stored; the
 * server stays up. Also the size limits (form bodies, uploads, socket messages) and rate limits.
 */
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { daysAhead, decode, HttpClient, location, pageText, signedIn } from "../helpers/http";
import { LiveClient } from "../helpers/live";
import { outboxMessages } from "../helpers/store-snapshot";
import { startServer, type TestServer } from "../helpers/server";
import { addDays, quebecToday } from "../../core/utils/quebec-time";

const PROGRAM_ID = "prog-reemploi-2026";
const PROGRAM = `/programs/${PROGRAM_ID}`;
const GROUP = `${PROGRAM}/groups/grp-demo-chaine-froid`;
const RUNS = { numRuns: 20 };

let server: TestServer;
const sockets: LiveClient[] = [];

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.stop();
});

// ---------------------------------------------------------------------------------------------
// Hostile values

const INJECTION = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "</textarea><script>alert(2)</script>",
  "<svg/onload=alert(3)>",
  "javascript:alert(4)",
  "{{constructor.constructor('alert(5)')()}}",
  "'; DROP TABLE records; --",
];
const EDGE = [
  "\u0000",
  "\u0007\u001B[31m\u007F",
  "\uD800",
  "\u202Eevil\u202C",
  "\u200F\u200B\uFEFF",
  "e\u0301\u0302\u0303",
  "🏳️‍🌈👩🏽‍💻🇶🇨",
  "\r\n\u2028",
  "中文 עברית العربية",
];
const POLLUTION = ["__proto__", "constructor", "prototype", "__proto__[isAdmin]"];
/** Markup that must never reach a page unescaped. */
const LIVE_MARKUP = ["<script>alert(", "<img src=x onerror", "<svg/onload", "</textarea><script>"];

const hostileText = fc.oneof(
  { arbitrary: fc.constantFrom(...INJECTION), weight: 3 },
  {
    arbitrary: fc
      .array(fc.constantFrom(...EDGE, ...INJECTION, "a", " ", "é"), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.join("")),
    weight: 3,
  },
  { arbitrary: fc.string({ unit: "binary", maxLength: 24 }), weight: 1 },
  {
    // Oversized, beyond every field's limit (the body stays under the 1 MiB form limit).
    arbitrary: fc
      .tuple(fc.constantFrom(...INJECTION, ...EDGE), fc.constantFrom(10_001, 30_000, 200_000))
      .map(([piece, n]) => piece.repeat(Math.ceil(n / piece.length))),
    weight: 1,
  },
);

/** Each field kept valid or replaced by hostile text; a hostile key added. */
function hostileForm(valid: Record<string, string | string[]>, hostileFields: string[]) {
  return fc
    .tuple(
      fc.tuple(...hostileFields.map(() => fc.option(hostileText, { freq: 2, nil: undefined }))),
      fc.constantFrom(...POLLUTION),
      hostileText,
    )
    .map(([values, key, extra]) => {
      const form: Record<string, string | string[]> = { ...valid };
      hostileFields.forEach((field, i) => {
        if (values[i] !== undefined) form[field] = values[i]!;
      });
      Object.defineProperty(form, key, { value: extra, enumerable: true });
      return form;
    });
}

// ---------------------------------------------------------------------------------------------
// What must hold

async function storeText() {
  return readFile(join(server.dataDir, "maillage.json"), "utf8");
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Every string of the store is plain text that PostgreSQL would accept too. */
async function expectPlainStore() {
  const data = JSON.parse(await storeText()) as unknown;
  const bad: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === "string") {
      if (CONTROL.test(value) || LONE_SURROGATE.test(value))
        bad.push(`${path}: ${JSON.stringify(value).slice(0, 200)}`);
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}.${i}`));
    else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value)) {
        if (POLLUTION.slice(0, 3).includes(k)) bad.push(`${path}.${k}`);
        walk(v, `${path}.${k}`);
      }
  };
  walk(data, "store");
  expect(bad).toEqual([]);
}

function expectInert(html: string, where: string) {
  for (const markup of LIVE_MARKUP) expect(html, `${where}: ${markup}`).not.toContain(markup);
}

async function expectUp() {
  const health = await fetch(new URL("/healthz", server.url));
  expect(health.status).toBe(200);
  expect(((await health.json()) as { ok: boolean }).ok).toBe(true);
}

let marks = 0;
/**
 * Posts hostile variants of a form. Each answer: no 5xx; a refusal is a 4xx page with an error
 * message and leaves no trace in the store (the run's marker is absent); an acceptance is stored
 * (where `stores`) and every page shows the text inert.
 */
async function hostilePosts(options: {
  client: HttpClient;
  path: string;
  valid: Record<string, string | string[]>;
  fields: string[];
  /** The field the run's marker is prefixed to (a field the form stores). */
  marked?: string;
  /** Where the stored text is shown, to check it is inert. */
  shownAt?: string;
  headers?: () => Record<string, string>;
}) {
  await fc.assert(
    fc.asyncProperty(hostileForm(options.valid, options.fields), async (form) => {
      const mark = `mk${++marks}q`;
      if (options.marked) form[options.marked] = `${mark} ${String(form[options.marked] ?? "")}`;
      const response = await options.client.post(options.path, form, options.headers?.());
      const html = await response.text();
      expect(response.status, `${options.path}: ${html.slice(0, 300)}`).toBeLessThan(500);
      expectInert(html, options.path);
      const stored = (await storeText()).includes(mark);
      if (response.status >= 400) {
        // A field or form error; over the 1 MiB body limit, the page that explains it.
        if (response.status === 413)
          expect(html).toContain("Le formulaire envoyé est trop volumineux");
        else expect(html).toMatch(/role="alert"|field-[\w.-]+-error/);
        expect(stored, `${options.path}: refused yet stored`).toBe(false);
      } else if (options.shownAt) {
        expectInert(await (await options.client.get(options.shownAt)).text(), options.shownAt);
      }
    }),
    RUNS,
  );
  await expectPlainStore();
  await expectUp();
}

/** A distinct client address per call, so that the rate limits do not hide validation. */
let address = 0;
const fromAddress = () => ({
  "X-Forwarded-For": `10.0.${Math.floor(++address / 250)}.${address % 250}`,
});

// ---------------------------------------------------------------------------------------------

describe("hostile forms", () => {
  it("the public interest form refuses or stores inert text, drafts and submissions", async () => {
    const applicant = new HttpClient(server.url);
    const valid = {
      intent: "submit",
      email: "info@frigo.exemple.org",
      organizationName: "Le Frigo solidaire",
      contactName: "Hugo Lapointe",
      contactEmail: "hugo@exemple.org",
      region: "12",
      mrc: "19",
      sector: "Frigo communautaire",
      field: "Réemploi",
      role: "mentee",
      concept: "Deux frigos communautaires ouverts en 2025 ; nous voulons organiser la collecte.",
      operations: ["logistics"],
      operationsText: "Une camionnette, pas d'entrepôt.",
      recentSupport: "yes",
      recentSupportText: "Coaching en gestion, 2026.",
      barriers: "Un seul bénévole fait tout.",
      mentoringHelp: "Apprendre à mutualiser les tournées.",
      revisionOpenness: "Entièrement.",
      "need.transport": "3",
      needsText: "Un véhicule.",
      workingStyle: "structured",
      availability: ["tue-am"],
      consent: "on",
    };
    const fields = [
      "intent",
      "email",
      "organizationName",
      "concept",
      "region",
      "mrc",
      "role",
      "need.transport",
      "operations",
      "needsText",
      "operationsText",
      "recentSupport",
      "recentSupportText",
      // The public form names no organization: competitors come in words, any id is refused.
      "competitorsText",
      "competitorOrgIds",
    ];
    await hostilePosts({
      client: applicant,
      path: `/apply/${PROGRAM_ID}`,
      valid,
      fields,
      marked: "concept",
      headers: fromAddress,
    });
  });

  it("a speed-dating session's forms: scheduling one, changing it before it starts", async () => {
    const coordinator = await signedIn(server.url, "coordination@exemple.org");
    const valid = {
      title: "Séance à venir",
      startsAt: `${daysAhead()}T13:30`,
      rounds: "3",
      roundMinutes: "7",
      breakMinutes: "1",
      roomSize: "2",
      format: "online",
      videoUrlPattern: "https://meet.jit.si/maillage-{event}-{room}",
      invited: ["p-louise", "p-marc"],
    };
    const fields = Object.keys(valid);
    await hostilePosts({
      client: coordinator,
      path: `${PROGRAM}/events?index`,
      valid,
      fields,
      marked: "title",
    });
    const created = await coordinator.post(`${PROGRAM}/events?index`, valid);
    const eventPage = location(created);
    expect(eventPage).toMatch(/\/events\/evt-/);
    await hostilePosts({
      client: coordinator,
      path: `${eventPage}/edit`,
      valid,
      fields,
      marked: "title",
      shownAt: eventPage,
    });
  });

  it("the coordinator's mapping of an application's competitors takes only the program's organizations", async () => {
    const coordinator = await signedIn(server.url, "coordination@exemple.org");
    await hostilePosts({
      client: coordinator,
      path: `${PROGRAM}/applications/app-granby`,
      valid: { intent: "competitors", competitorOrgIds: ["org-louise", "org-marc"] },
      // A forged intent matches none of the page's forms: refused at the decision form's top.
      fields: ["competitorOrgIds", "intent"],
    });
    const stored = JSON.parse(await storeText()) as {
      applications: Array<{ id: string; competitorOrgIds: string[] }>;
      organizations: Array<{ id: string }>;
    };
    const known = new Set(stored.organizations.map((o) => o.id));
    const granby = stored.applications.find((a) => a.id === "app-granby")!;
    expect(granby.competitorOrgIds.every((id) => known.has(id))).toBe(true);
    const forged = await coordinator.post(`${PROGRAM}/applications/app-granby`, {
      intent: "archive",
    });
    expect(forged.status).toBe(400);
    expect(decode(await forged.text())).toContain(
      "Cette action n'est pas proposée sur cette page. Rechargez la page, puis réessayez.",
    );
  });

  it("a forged or outdated action is refused at the top of a form on every page with several intents", async () => {
    const coordinator = await signedIn(server.url, "coordination@exemple.org");
    const benoit = await signedIn(server.url, "benoit@exemple.org");
    const pages: Array<[HttpClient, string]> = [
      [coordinator, `${PROGRAM}/settings`],
      [coordinator, "/account"],
      [coordinator, `${PROGRAM}/coordinators`],
      [coordinator, `${PROGRAM}/evaluations`],
      [coordinator, `${PROGRAM}/interviews/itw-demo-benoit`],
      // The participant interviewed sees other forms than the coordinator.
      [benoit, `${PROGRAM}/interviews/itw-demo-benoit`],
      [coordinator, `${PROGRAM}/coordination`],
      [coordinator, `${PROGRAM}/interviews`],
      [coordinator, `${PROGRAM}/report`],
    ];
    const silent: string[] = [];
    for (const [client, path] of pages) {
      const forged = await client.post(path, { intent: "archive" });
      expect(forged.status, path).toBe(400);
      const text = decode(await forged.text());
      const told =
        "Cette action n'est pas proposée sur cette page. Rechargez la page, puis réessayez.";
      if (!text.includes(told)) silent.push(path);
      // The main form keeps showing its own values, not the forged request's (none).
      const kept = { [`${PROGRAM}/settings`]: "title", "/account": "name" }[path];
      if (kept)
        expect(text, path).toMatch(new RegExp(`<input[^>]*name="${kept}"[^>]*value="[^"]+"`));
    }
    // Every page says so (listed together, so a failure names every page that stays silent).
    expect(silent).toEqual([]);
  });

  it("a subject renamed to another's name is refused on its row, with what was typed kept", async () => {
    const coordinator = await signedIn(server.url, "coordination@exemple.org");
    const refused = await coordinator.post(`${PROGRAM}/settings`, {
      intent: "tag-rename",
      tagId: "entreposage",
      label: "transport",
      labelEn: "Cold storage typed",
    });
    expect(refused.status).toBe(400);
    const page = decode(await refused.text());
    const row = page.slice(page.indexOf('value="entreposage"'));
    const rowInputs = row.slice(0, row.indexOf("</li>"));
    const input = (name: string) => new RegExp(`<input name="${name}"[^>]*>`).exec(rowInputs)?.[0];
    for (const [name, typed] of [
      ["label", "transport"],
      ["labelEn", "Cold storage typed"],
    ] as const) {
      expect(input(name)).toContain(`value="${typed}"`);
      expect(input(name)).toContain('aria-invalid="true"');
      expect(input(name)).toContain('aria-describedby="tag-entreposage-error"');
    }
    expect(rowInputs).toContain('id="tag-entreposage-error"');
    // The other rows keep their stored names and are not marked.
    expect(page.match(/aria-invalid="true"/g)).toHaveLength(2);
    const stored = JSON.parse(await storeText()) as {
      programs: Array<{ id: string; taxonomy: Array<{ id: string; label: string }> }>;
    };
    const taxonomy = stored.programs.find((p) => p.id === PROGRAM_ID)!.taxonomy;
    expect(taxonomy.find((t) => t.id === "entreposage")?.label).not.toBe("transport");
  });

  it("the forgotten-password, reset and account forms refuse or store inert text", async () => {
    await hostilePosts({
      client: new HttpClient(server.url),
      path: "/forgot-password",
      valid: { email: "julien@exemple.org" },
      fields: ["email"],
      headers: fromAddress,
    });
    // A real reset link: its first valid use sets the password, the others are told it was used.
    await new HttpClient(server.url).post(
      "/forgot-password",
      { email: "yves@exemple.org" },
      fromAddress(),
    );
    const reset = (await outboxMessages([server.dataDir]))
      .filter((m) => m.kind === "passwordReset" && m.to === "yves@exemple.org")
      .at(-1)
      ?.text.match(/\/forgot-password\?token=[\w-]+/)?.[0];
    expect(reset).toBeTruthy();
    await hostilePosts({
      client: new HttpClient(server.url),
      path: reset!,
      valid: { password: "un-long-secret", passwordConfirm: "un-long-secret" },
      fields: ["password", "passwordConfirm"],
      headers: fromAddress,
    });
    // The account page's four forms (`intent` is their buttons' fixed value, not typed).
    const account = await signedIn(server.url, "thomas@exemple.org");
    await hostilePosts({
      client: account,
      path: "/account",
      valid: { intent: "details", name: "Thomas Bélanger", locale: "fr" },
      fields: ["name", "locale"],
      marked: "name",
      shownAt: "/account",
    });
    await hostilePosts({
      client: account,
      path: "/account",
      valid: {
        intent: "email",
        email: "thomas.nouveau@exemple.org",
        currentPassword: "maillage-demo",
      },
      fields: ["email", "currentPassword"],
    });
    // The e-mail notices: a box per category (values of a fixed list, not typed).
    await hostilePosts({
      client: account,
      path: "/account",
      valid: { intent: "notices", on: ["announcements", "groups"] },
      fields: ["on"],
    });
    // Last: a valid one changes the password, and the next ones are refused as wrong.
    await hostilePosts({
      client: account,
      path: "/account",
      valid: {
        intent: "password",
        currentPassword: "maillage-demo",
        password: "un-long-secret",
        passwordConfirm: "un-long-secret",
      },
      fields: ["currentPassword", "password", "passwordConfirm"],
    });
  });

  it("sign-up and sign-in refuse hostile accounts and redirects without failing", async () => {
    await hostilePosts({
      client: new HttpClient(server.url),
      path: "/signup",
      valid: {
        name: "Anne Roy",
        email: "anne@exemple.org",
        password: "un-long-secret",
        consent: "on",
      },
      fields: ["name", "email", "password", "consent", "redirectTo"],
      headers: fromAddress,
    });
    await hostilePosts({
      client: new HttpClient(server.url),
      path: "/login",
      valid: { email: "nobody@exemple.org", password: "mauvais-secret", redirectTo: "/" },
      fields: ["email", "password", "redirectTo"],
      headers: fromAddress,
    });
    // A redirect that no header can carry falls back to the dashboard instead of failing.
    const client = new HttpClient(server.url);
    const signedInHere = await client.post("/login", {
      email: "louise@exemple.org",
      password: "maillage-demo",
      redirectTo: "/programs/é🏳️‍🌈\u0000",
    });
    expect(signedInHere.status).toBe(302);
    expect(location(signedInHere)).toBe("/dashboard");
  });

  it("the roles' forms: the administration, a co-coordinator's invitation and its withdrawal, stepping down, accepting", async () => {
    const genevieve = await signedIn(server.url, "coordination@exemple.org");
    // The administration's search: any text, shown inert, never a failure.
    await fc.assert(
      // (A query past Node's 16 KiB header limit is refused with 431 before the app: what is
      // tested here is the search's own handling, so the text stays well under that, encoded.)
      fc.asyncProperty(
        hostileText.map((q) => q.slice(0, 600)),
        async (q) => {
          const response = await genevieve.get(
            `/admin/users?${new URLSearchParams({ q }).toString()}`,
          );
          const html = await response.text();
          expect(response.status, html.slice(0, 300)).toBe(200);
          expectInert(html, "/admin/users");
        },
      ),
      RUNS,
    );
    await hostilePosts({
      client: genevieve,
      path: "/admin/users",
      valid: { intent: "grant", userId: "u-louise" },
      fields: ["intent", "userId"],
    });
    await hostilePosts({
      client: genevieve,
      path: `${PROGRAM}/coordinators`,
      valid: { intent: "invite", email: "nouvelle.table@exemple.org" },
      fields: ["email"],
      shownAt: `${PROGRAM}/coordinators`,
    });
    // Without the box checked, stepping down is refused whatever else is sent.
    await hostilePosts({
      client: genevieve,
      path: `${PROGRAM}/coordinators`,
      valid: { intent: "step-down" },
      fields: ["confirm"],
    });
    // Withdrawing an invitation waiting: only an invitation id of this program, else refused.
    type Invitations = {
      coordinatorInvitations: Array<{ id: string; email: string; withdrawnAt?: string }>;
    };
    const waiting = (JSON.parse(await storeText()) as Invitations).coordinatorInvitations.find(
      (i) => i.email === "nouvelle.table@exemple.org" && !i.withdrawnAt,
    )!;
    await hostilePosts({
      client: genevieve,
      path: `${PROGRAM}/coordinators`,
      valid: { intent: "withdraw", invitationId: waiting.id },
      fields: ["invitationId"],
    });
    const withdrawn = await genevieve.post(`${PROGRAM}/coordinators`, {
      intent: "withdraw",
      invitationId: waiting.id,
    });
    expect(withdrawn.status).toBe(200);
    expect(
      (JSON.parse(await storeText()) as Invitations).coordinatorInvitations.find(
        (i) => i.id === waiting.id,
      )!.withdrawnAt,
    ).toBeDefined();
    const invited = await genevieve.post(`${PROGRAM}/coordinators`, {
      intent: "invite",
      email: "acceptation@exemple.org",
    });
    const link = (await invited.text()).match(/\/co-coordination\/[\w-]{32}/)![0];
    // Someone else than the invited address: refused with its message, whatever the form holds.
    await hostilePosts({
      client: await signedIn(server.url, "louise@exemple.org"),
      path: link,
      valid: { intent: "accept" },
      fields: ["intent"],
    });
    const program = (
      JSON.parse(await storeText()) as { programs: Array<{ id: string; coordinatorIds: string[] }> }
    ).programs.find((p) => p.id === PROGRAM_ID)!;
    expect(program.coordinatorIds).toEqual(["u-coordination", "u-co-coordination"]);
  });

  it("the profile keeps a plain, bounded sector and field", async () => {
    const amelie = await signedIn(server.url, "amelie@exemple.org");
    await hostilePosts({
      client: amelie,
      path: `${PROGRAM}/profile`,
      valid: {
        intent: "save",
        sector: "Épicerie solidaire",
        field: "Alimentation",
        workingStyle: "between",
        availability: ["mon-am"],
      },
      fields: ["intent", "sector", "field", "needTag", "expertise", "workingStyle", "needsText"],
      marked: "sector",
      shownAt: `${PROGRAM}/directory`,
    });
  });

  it("check-ins, the agreement, meeting notes and evaluation answers", async () => {
    const mathieu = await signedIn(server.url, "mathieu@exemple.org");
    await hostilePosts({
      client: mathieu,
      path: `${GROUP}/checkins`,
      valid: { needsStatus: "on-track", update: "Tout avance bien.", changes: "", questions: "" },
      fields: ["needsStatus", "update", "changes", "questions"],
      marked: "update",
      shownAt: `${GROUP}/checkins`,
    });

    const benoit = await signedIn(server.url, "benoit@exemple.org");
    await hostilePosts({
      client: benoit,
      path: `${GROUP}/agreement`,
      valid: {
        intent: "save",
        responsibilities: "Marc anime ; Benoît prépare.",
        objectives: "Une chaîne de froid fiable.",
        referencePersons: "Marc, Benoît, Mathieu.",
        period: "Un an.",
        meetings: "Aux deux semaines.",
        communication: "Courriel.",
      },
      fields: ["intent", "responsibilities", "objectives", "period", "communication"],
      marked: "objectives",
      shownAt: `${GROUP}/agreement`,
    });

    const list = await pageText(await benoit.get(`${GROUP}/meetings`));
    const meetingId = /meetings\/(mtg-[\w-]+)"/.exec(list)![1]!;
    const meeting = `${GROUP}/meetings/${meetingId}`;
    await fc.assert(
      fc.asyncProperty(hostileText, hostileText, async (notes, agenda) => {
        const html = await pageText(await benoit.get(meeting));
        const sequence = /name="sequence" value="(\d+)"/.exec(html)![1]!;
        const mark = `mk${++marks}q`;
        const response = await benoit.post(meeting, {
          intent: "details",
          sequence,
          date: "2027-03-02",
          time: "10:00",
          durationMinutes: "60",
          kind: "collective",
          facilitatorId: "",
          theme: "",
          agenda,
          notes: `${mark} ${notes}`,
          tools: "",
        });
        const body = await response.text();
        expect(response.status, body.slice(0, 300)).toBeLessThan(500);
        expectInert(body, meeting);
        if (response.status >= 400) expect((await storeText()).includes(mark)).toBe(false);
        else expectInert(await (await benoit.get(meeting)).text(), meeting);
      }),
      RUNS,
    );

    // An evaluation to answer.
    const coordinator = await signedIn(server.url, "coordination@exemple.org");
    const today = quebecToday();
    const later = addDays(today, 7);
    await hostilePosts({
      client: coordinator,
      path: `${PROGRAM}/evaluations`,
      valid: {
        intent: "schedule",
        kind: "monthly",
        title: "Bilan",
        opensOn: today,
        closesOn: later,
      },
      fields: ["kind", "title", "opensOn", "closesOn"],
      marked: "title",
      shownAt: `${PROGRAM}/evaluations`,
    });
    // One valid questionnaire for sure: the random runs above may all have been refused.
    const scheduled = await coordinator.post(`${PROGRAM}/evaluations`, {
      intent: "schedule",
      kind: "monthly",
      title: "Bilan du mois",
      opensOn: today,
      closesOn: later,
    });
    expect(scheduled.status).toBeLessThan(400);
    const evaluations = await pageText(await coordinator.get(`${PROGRAM}/evaluations`));
    const evaluationId = /name="evaluationId" value="(eval-[\w-]+)"/.exec(evaluations)![1]!;
    await hostilePosts({
      client: mathieu,
      path: `${PROGRAM}/evaluations/${evaluationId}`,
      valid: { appreciation: "4", successFactors: "Les relevés", difficulties: "", comment: "" },
      fields: ["appreciation", "successFactors", "difficulties", "comment", "quoteConsent"],
      marked: "successFactors",
      shownAt: `${PROGRAM}/evaluations/${evaluationId}`,
    });
  });

  it("final interviews: scheduling, the summary and the participant's correction", async () => {
    const coordinator = await signedIn(server.url, "coordination@exemple.org");
    await hostilePosts({
      client: coordinator,
      path: `${PROGRAM}/interviews`,
      valid: {
        intent: "schedule",
        participantId: "p-amelie",
        date: "2027-06-14",
        time: "10:30",
        durationMinutes: "60",
        place: "Visioconférence",
      },
      fields: ["participantId", "date", "time", "durationMinutes", "place"],
      marked: "place",
      shownAt: `${PROGRAM}/interviews`,
    });
    const interview = `${PROGRAM}/interviews/itw-demo-benoit`;
    await hostilePosts({
      client: coordinator,
      path: interview,
      valid: {
        intent: "record",
        appreciation: "4",
        learning: "Un relevé des températures.",
        objectivesReached: "partly",
        recommendations: "",
        continueMeeting: "maybe",
      },
      fields: [
        "appreciation",
        "learning",
        "objectivesReached",
        "recommendations",
        "continueMeeting",
      ],
      marked: "learning",
      shownAt: interview,
    });
    const benoit = await signedIn(server.url, "benoit@exemple.org");
    const page = await pageText(await benoit.get(interview));
    const revision = /name="revision" value="(\d+)"/.exec(page)?.[1] ?? "1";
    await hostilePosts({
      client: benoit,
      path: interview,
      valid: { intent: "correct", revision, comment: "Une précision sur les dates." },
      fields: ["revision", "comment"],
      marked: "comment",
      shownAt: interview,
    });
  });

  it("a tool upload with a disguised file is refused and leaves no file behind", async () => {
    const benoit = await signedIn(server.url, "benoit@exemple.org");
    const uploads = join(server.dataDir, "uploads");
    const before = await readdir(uploads).catch(() => [] as string[]);
    const disguises = [
      new File(["<html><script>alert(1)</script></html>"], "plan.png", { type: "image/png" }),
      new File(["%PDF-1.4 but really \u0000 text"], "notes.txt", { type: "text/plain" }),
      new File([new Uint8Array([0x4d, 0x5a, 0x90, 0])], "guide.pdf", { type: "application/pdf" }),
      new File(["<svg onload=alert(1)>"], "<img src=x onerror=alert(1)>.svg"),
      new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], "../../../etc/passwd"),
    ];
    for (const file of disguises) {
      const body = new FormData();
      body.set("intent", "create");
      body.set("title", "<script>alert(1)</script>");
      body.set("url", "");
      body.set("file", file);
      const response = await benoit.request(`${GROUP}/tools`, {
        method: "POST",
        body,
        headers: { Origin: server.url },
      });
      const html = await response.text();
      const shown = [...html.matchAll(/(?:role="alert"|-error")[^>]*>([^<]*)/g)].map((m) =>
        decode(m[1]!),
      );
      expect(response.status, `${file.name}: ${shown.join(" | ")}`).toBe(400);
      expect(shown.join(" | "), file.name).toContain("Ce type de fichier n'est pas accepté.");
      expectInert(html, file.name);
    }
    // A multipart body without its boundary, and one cut in the middle.
    for (const contentType of ["multipart/form-data", "multipart/form-data; boundary=zz"]) {
      const response = await benoit.request(`${GROUP}/tools`, {
        method: "POST",
        body: '--zz\r\nContent-Disposition: form-data; name="intent"\r\n\r\ncre',
        headers: { Origin: server.url, "Content-Type": contentType },
      });
      expect(response.status, contentType).toBeGreaterThanOrEqual(400);
      expect(response.status, contentType).toBeLessThan(500);
    }
    expect(await readdir(uploads).catch(() => [] as string[])).toEqual(before);
    await expectUp();
  });
});

describe("size limits", () => {
  it("refuses a 2 MB check-in with a clear 413 and stores nothing", async () => {
    const mathieu = await signedIn(server.url, "mathieu@exemple.org");
    const before = await storeText();
    const response = await mathieu.post(`${GROUP}/checkins`, {
      needsStatus: "on-track",
      update: "Trop long. ".repeat(200_000),
      changes: "",
      questions: "",
    });
    expect(response.status).toBe(413);
    expect(await pageText(response)).toContain("Le formulaire envoyé est trop volumineux");
    expect(await storeText()).toBe(before);
    await expectUp();
  });

  it("an oversized form always gets its 413 page, however fast the server answers", async () => {
    // The server used to answer and close while the client was still sending: the client's next
    // write failed (EPIPE) and it never read the page. A browser showed a connection error.
    const mathieu = await signedIn(server.url, "mathieu@exemple.org");
    const before = await storeText();
    for (const megabytes of [1.1, 2, 4, 8, 1.5, 3, 6]) {
      const update = "\u200F\u200B\uFEFF".repeat(Math.ceil((megabytes * 1024 * 1024) / 27));
      const response = await mathieu.post(`${GROUP}/checkins`, {
        needsStatus: "on-track",
        update,
        changes: "",
        questions: "",
      });
      expect(response.status, `${megabytes} MB`).toBe(413);
      expect(await pageText(response)).toContain("Le formulaire envoyé est trop volumineux");
    }
    expect(await storeText()).toBe(before);
    await expectUp();
  });

  it("counts a body sent without a length, and says so in the reader's language", async () => {
    const mathieu = await signedIn(server.url, "mathieu@exemple.org");
    const chunk = new TextEncoder().encode(`update=${"x".repeat(64 * 1024)}`);
    const tooLarge = () => {
      let sent = 0;
      return mathieu.request(`${GROUP}/checkins`, {
        method: "POST",
        body: new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent++ < 40)
              controller.enqueue(chunk); // 2.5 MB in all
            else controller.close();
          },
        }),
        headers: {
          Origin: server.url,
          "Content-Type": "application/x-www-form-urlencoded",
        },
        // Node's fetch needs duplex for a streamed body.
        duplex: "half",
      });
    };
    const french = await tooLarge();
    expect(french.status).toBe(413);
    expect(await pageText(french)).toContain("Le formulaire envoyé est trop volumineux");
    // The error page is drawn before the page's data is read: it takes the language from the
    // request itself.
    await mathieu.post("/lang", { lang: "en", redirectTo: "/" });
    const english = await tooLarge();
    expect(english.status).toBe(413);
    const text = await pageText(english);
    expect(text).toContain('<html lang="en">');
    expect(text).toContain("The form sent is too large");
    await mathieu.post("/lang", { lang: "fr", redirectTo: "/" });
    await expectUp();
  });

  it("refuses a body that is not a form with field errors, not a failure", async () => {
    const mathieu = await signedIn(server.url, "mathieu@exemple.org");
    for (const [type, body] of [
      ["application/json", '{"update":"x","__proto__":{"a":1}}'],
      ["text/plain", "update=hello"],
      ["application/x-www-form-urlencoded", "%E0%A4%A=%ZZ&&&=&update"],
    ]) {
      const response = await mathieu.request(`${GROUP}/checkins`, {
        method: "POST",
        body,
        headers: { Origin: server.url, "Content-Type": type! },
      });
      expect(response.status, type).toBe(400);
      expect(await pageText(response)).toContain('id="field-update-error"');
    }
    await expectUp();
  });
});

describe("rate limits", () => {
  it("limits account creation per client address with a translated wait", async () => {
    const headers = { "X-Forwarded-For": "192.0.2.77" };
    // A workshop's worth of accounts from one connection (SIGNUP_LIMIT: 60 an hour) is fine.
    for (let batch = 0; batch < 6; batch++) {
      const statuses = await Promise.all(
        Array.from({ length: 10 }, async (_, j) => {
          const i = batch * 10 + j;
          const response = await new HttpClient(server.url).post(
            "/signup",
            {
              name: `Personne ${i}`,
              email: `atelier-${i}@exemple.org`,
              password: "un-long-secret",
              consent: "on",
            },
            headers,
          );
          return response.status;
        }),
      );
      expect(statuses, `batch ${batch}`).toEqual(Array(10).fill(302));
    }
    const refused = await new HttpClient(server.url).post(
      "/signup",
      {
        name: "Une de trop",
        email: "atelier-60@exemple.org",
        password: "un-long-secret",
        consent: "on",
      },
      headers,
    );
    expect(refused.status).toBe(429);
    expect(await pageText(refused)).toMatch(
      /Trop de créations de compte depuis votre connexion : réessayez dans (1 minute|([2-9]|\d{2,}) minutes)\./,
    );
    expect(await storeText()).not.toContain("atelier-60@exemple.org");
    // Another address is not affected.
    const other = await new HttpClient(server.url).post(
      "/signup",
      {
        name: "Ailleurs",
        email: "ailleurs@exemple.org",
        password: "un-long-secret",
        consent: "on",
      },
      { "X-Forwarded-For": "192.0.2.78" },
    );
    expect(other.status).toBe(302);
  });

  it("limits the public form's submissions per client address", async () => {
    const headers = { "X-Forwarded-For": "192.0.2.90" };
    const client = new HttpClient(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      statuses.push(
        (await client.post(`/apply/${PROGRAM_ID}`, { intent: "draft" }, headers)).status,
      );
    }
    expect(statuses.slice(0, 20).every((s) => s === 302)).toBe(true);
    const refused = await client.post(`/apply/${PROGRAM_ID}`, { intent: "draft" }, headers);
    expect(refused.status).toBe(429);
    expect(await pageText(refused)).toMatch(/réessayez dans (1 minute|([2-9]|\d{2,}) minutes)\./);
  });
});

// ---------------------------------------------------------------------------------------------

describe("hostile socket events", () => {
  async function live(email: string) {
    const client = await new LiveClient(server.url, email).connect();
    sockets.push(client);
    return client;
  }

  it("speed dating: hostile chat, oversized messages, a rating for a room never shared", async () => {
    const coordinator = await signedIn(server.url, "coordination@exemple.org");
    const people = ["louise", "marc", "amelie", "benoit"];
    const created = await coordinator.post(`${PROGRAM}/events`, {
      title: "Séance hostile",
      startsAt: `${daysAhead()}T13:30`,
      rounds: "2",
      roundMinutes: "20",
      breakMinutes: "1",
      roomSize: "2",
      format: "online",
      videoUrlPattern: "",
      invited: people.map((p) => `p-${p}`),
    });
    expect(created.status).toBe(302);
    const eventId = location(created).split("/").pop()!;
    const host = await live("coordination@exemple.org");
    await host.join(eventId);
    const clients = await Promise.all(people.map((p) => live(`${p}@exemple.org`)));
    await Promise.all(clients.map((c) => c.join(eventId)));
    expect((await host.emit("console:command", { eventId, command: "open-lobby" })).ok).toBe(true);
    expect((await host.emit("console:command", { eventId, command: "start" })).ok).toBe(true);
    const louise = clients[0]!;
    const state = await louise.waitForState((s) => s.event.phase === "round" && s.room !== null);
    const roomId = state.room!.id;
    const mate = state.room!.members.find((m) => m.id !== "p-louise")!.id;

    // Hostile payloads: refused with a translated message naming a field, or delivered as text.
    let delivered = 0;
    await fc.assert(
      fc.asyncProperty(
        fc
          .record({
            eventId: fc.oneof(fc.constant(eventId), hostileText),
            roomId: fc.oneof(fc.constant(roomId), hostileText),
            text: hostileText,
          })
          // Under Socket.IO's message limit of 100 kB (checked below on its own).
          .filter((payload) => Buffer.byteLength(JSON.stringify(payload)) < 90_000),
        fc.constantFrom(...POLLUTION),
        async (payload, key) => {
          Object.defineProperty(payload, key, { value: { isAdmin: true }, enumerable: true });
          // Slower than the chat's burst limit, which the next test checks.
          await new Promise((r) => setTimeout(r, 1100));
          const reply = await louise.emit("chat:send", payload);
          if (reply.ok) delivered++;
          else {
            expect(reply.error.code).toBe("invalid_payload");
            expect(reply.error.message).toMatch(
              /^Message refusé : le champ « .+ » n'est pas valide\.$/,
            );
            expect(reply.error.message).not.toMatch(/\{\w+\}/);
          }
        },
      ),
      { numRuns: 15 },
    );
    // A key the schema does not declare is refused: no hostile payload got through.
    expect(delivered).toBe(0);

    const accepted = await louise.emit("chat:send", {
      eventId,
      roomId,
      text: `<script>alert(1)</script> \u0000\u202E ok`,
    });
    expect(accepted.ok).toBe(true);
    expect((accepted as { data: { text: string } }).data.text).toBe(
      "<script>alert(1)</script> \u202E ok",
    );
    const tooLong = await louise.emit("chat:send", { eventId, roomId, text: "x".repeat(5000) });
    expect(tooLong).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    expect(!tooLong.ok && tooLong.error.message).toContain("« text »");

    // A rating for someone never met in a room, and for a round not held.
    const stranger = people.map((p) => `p-${p}`).find((id) => id !== mate && id !== "p-louise")!;
    for (const payload of [
      { eventId, round: 1, toParticipantId: stranger, answer: "yes", note: "" },
      { eventId, round: 2, toParticipantId: mate, answer: "yes", note: "" },
      { eventId, round: 1, toParticipantId: "p-louise", answer: "yes", note: "" },
    ]) {
      const reply = await louise.emit("rating:submit", payload);
      expect(reply, JSON.stringify(payload)).toMatchObject({
        ok: false,
        error: { code: "not_met" },
      });
    }
    expect((await storeText()).includes(`"toParticipantId":"${stranger}"`)).toBe(false);

    // A message over the 100 kB limit (server/index.ts) closes that connection only; the server stays up.
    const flood = await live("marc@exemple.org");
    const closed = new Promise<string>((resolve) => flood.socket.once("disconnect", resolve));
    flood.socket.io.opts.reconnection = false;
    flood.socket.emit("chat:send", { eventId, roomId, text: "x".repeat(200_000) });
    expect(await closed).toMatch(/transport (close|error)/);
    expect((await louise.emit("session:whoami", {})).ok).toBe(true);
    await expectUp();

    // Nothing but declared keys: whoami and formation:watch refuse extras and hostile ids.
    for (const payload of [JSON.parse('{"__proto__":1}'), { x: "<script>" }, "text", 42, null]) {
      const reply = await louise.emit("session:whoami", payload);
      if (payload === null) expect(reply.ok).toBe(true);
      else expect(reply, JSON.stringify(payload)).toMatchObject({ ok: false });
    }
    for (const programId of ["<script>", "\u0000", "x".repeat(100), "../p"]) {
      const reply = await host.emit("formation:watch", { programId });
      expect(reply).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    }
    await expectPlainStore();
  });

  it("speed dating chat is rate limited with a translated message", async () => {
    const coordinator = await signedIn(server.url, "coordination@exemple.org");
    const created = await coordinator.post(`${PROGRAM}/events`, {
      title: "Séance rapide",
      startsAt: `${daysAhead(31)}T13:30`,
      rounds: "1",
      roundMinutes: "20",
      breakMinutes: "1",
      roomSize: "2",
      format: "online",
      videoUrlPattern: "",
      invited: ["p-nathalie", "p-karine"],
    });
    const eventId = location(created).split("/").pop()!;
    const host = await live("coordination@exemple.org");
    await host.join(eventId);
    const [nathalie, karine] = await Promise.all([
      live("nathalie@exemple.org"),
      live("karine@exemple.org"),
    ]);
    await nathalie!.join(eventId);
    await karine!.join(eventId);
    await host.emit("console:command", { eventId, command: "open-lobby" });
    await host.emit("console:command", { eventId, command: "start" });
    const state = await nathalie!.waitForState((s) => s.event.phase === "round" && !!s.room);
    const replies = [];
    for (let i = 0; i < 8; i++) {
      replies.push(
        await nathalie!.emit("chat:send", { eventId, roomId: state.room!.id, text: `m${i}` }),
      );
    }
    const limited = replies.filter((r) => !r.ok);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]).toMatchObject({
      ok: false,
      error: {
        code: "rate_limited",
        message: "Vous envoyez des messages trop vite : patientez quelques secondes.",
      },
    });
  });

  it("co-development notes: hostile text is refused or stored plain and shown inert", async () => {
    const marc = await live("marc@exemple.org");
    const mathieu = await live("mathieu@exemple.org");
    const sessionId = "cdv-demo-2";
    expect((await marc.emit("codev:join", { sessionId })).ok).toBe(true);
    expect((await mathieu.emit("codev:join", { sessionId })).ok).toBe(true);
    const started = await marc.emit("codev:command", { sessionId, command: "start" });
    expect(started.ok).toBe(true);
    await fc.assert(
      fc.asyncProperty(
        // Under the 100 kB socket message limit (a bigger message closes the connection, see above).
        fc
          .oneof(hostileText, fc.constant("n".repeat(8001)))
          .filter((text) => Buffer.byteLength(JSON.stringify(text)) < 90_000),
        fc.oneof(fc.constant(0), fc.integer({ min: -5, max: 12 })),
        async (text, step) => {
          const reply = await mathieu.emit("codev:note", { sessionId, step, text });
          if (!reply.ok) {
            expect(["invalid_payload", "not_allowed", "not_now"]).toContain(reply.error.code);
            expect(reply.error.message).not.toMatch(/\{\w+\}/);
          }
        },
      ),
      RUNS,
    );
    const subject = await marc.emit("codev:subject", {
      sessionId,
      text: "<script>alert(1)</script>\u0000",
    });
    expect(subject.ok || subject.error.code !== "server_error").toBe(true);
    const marcHttp = await signedIn(server.url, "marc@exemple.org");
    const html = await (await marcHttp.get(`${GROUP}/codev/${sessionId}`)).text();
    expect(html.length).toBeGreaterThan(0);
    expectInert(html, "codev session");
    await expectPlainStore();
    await expectUp();
  });
});
