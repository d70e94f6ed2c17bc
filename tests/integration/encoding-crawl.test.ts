/**
 * No NUL byte and no stray U+FFFD in any response (docs/decisions/0017-response-encoding.md): the
 * demo is crawled as each kind of person (anonymous, a mentee, a mentor, the coordinator, a member
 * of the closed pilot program). The crawl starts from every route of the built Remix manifest, its
 * parameters filled with the demo's real ids in both programs, then follows the site's links
 * found in each page (CSV and ICS downloads included) and any redirect, and fetches each page's
 * Remix data request (`.data`), up to a bound. Every text response must be valid UTF-8 with no
 * zero byte, and, as the demo's data holds no U+FFFD, none may show up in a response.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PROGRAM_ID } from "../../server/seeds/demo";
import { PILOT_PROGRAM_ID } from "../../server/seeds/pilot";
import { HttpClient, decode } from "../helpers/http";
import { ROOT, removeDir, startServer, type TestServer } from "../helpers/server";

const PERSONAS = {
  anonymous: undefined,
  mentee: "benoit@exemple.org",
  mentor: "marc@exemple.org",
  coordinator: "coordination@exemple.org",
  pilotMember: "thomas@exemple.org",
} as const;
type Persona = keyof typeof PERSONAS;
/** Pages crawled per person at most (each also gets its `.data` request). */
const MAX_PAGES = 250;
/** A token no link carries: its routes answer their "unknown link" page. */
const MADE_UP_TOKEN = "x".repeat(32);

interface ManifestRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
}
interface Row {
  id: string;
  programId?: string;
  groupId?: string;
}

let server: TestServer;
let routes: ManifestRoute[];
let doc: Record<string, Row[]>;

beforeAll(async () => {
  server = await startServer();
  const text = await readFile(join(server.dataDir, "maillage.json"), "utf8");
  // The data itself is clean: any U+FFFD or NUL in a response comes from the way it is sent.
  expect(text).not.toContain("\uFFFD");
  expect(text).not.toContain("\u0000");
  expect(text).not.toContain("\\u0000");
  doc = JSON.parse(text) as Record<string, Row[]>;
  const build = (await import(
    /* @vite-ignore */ pathToFileURL(join(ROOT, "build/server/index.js")).href
  )) as { routes: Record<string, ManifestRoute> };
  routes = Object.values(build.routes).filter((r) => r.id !== "root");
}, 60_000);
afterAll(async () => {
  const dataDir = server?.dataDir;
  await server?.stop();
  if (dataDir) await removeDir(dataDir);
});

/** Each route parameter's value in a program: its first record of the kind. */
function paramsIn(programId: string): Record<string, string> {
  const first = (collection: string, where: (row: Row) => boolean) =>
    (doc[collection] ?? []).find(where)?.id ?? "aucun";
  const groupId = first("groups", (g) => g.programId === programId);
  return {
    programId,
    groupId,
    meetingId: first("meetings", (m) => m.groupId === groupId),
    sessionId: first("codevSessions", (s) => s.groupId === groupId),
    evaluationId: first("evaluations", (e) => e.programId === programId),
    eventId: first("events", (e) => e.programId === programId),
    applicationId: first("applications", (a) => a.programId === programId),
    toolId: first("tools", (t) => t.programId === programId),
    token: MADE_UP_TOKEN,
  };
}

/** The manifest's URLs with real ids, once per program for the routes that name one. */
function manifestUrls(): string[] {
  const urls = new Set<string>();
  for (const route of routes) {
    const segments: string[] = [];
    for (let r: ManifestRoute | undefined = route; r; r = routes.find((p) => p.id === r!.parentId))
      if (r.path) segments.unshift(r.path);
    const template = `/${segments.join("/")}`;
    for (const programId of [DEMO_PROGRAM_ID, PILOT_PROGRAM_ID]) {
      const params = paramsIn(programId);
      urls.add(template.replace(/:(\w+)/g, (_, name: string) => params[name] ?? name));
    }
  }
  // A route that needs a query answers 400 without it; the report page links each CSV table.
  return [...urls].sort();
}

/** The site's own links in a page: `<a href>`, without fragments, never signing out. */
function linksOf(html: string, base: string): string[] {
  const links: string[] = [];
  for (const match of html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)) {
    const href = decode(match[1]!);
    if (!href.startsWith("/") || href.startsWith("//")) continue;
    const url = new URL(href, base);
    if (url.pathname === "/logout") continue;
    links.push(url.pathname + url.search);
  }
  return links;
}

/** Remix's single-fetch data request of a page (`/x.data`, `/_root.data` for the home page). */
function dataRequestOf(path: string): string {
  const url = new URL(path, "http://x");
  const pathname = url.pathname === "/" ? "/_root.data" : `${url.pathname.replace(/\/$/, "")}.data`;
  return pathname + url.search;
}

const TEXT_TYPE = /^(text\/|application\/(json|javascript|xml))|charset=/i;

interface Visit {
  url: string;
  status: number;
  type: string;
}

/** What is wrong with one response's body: zero bytes, invalid UTF-8, U+FFFD. */
function problemsOf(url: string, bytes: Uint8Array): string[] {
  const problems: string[] = [];
  const zero = bytes.indexOf(0);
  if (zero !== -1) {
    const around = Buffer.from(bytes.subarray(Math.max(0, zero - 30), zero + 10)).toString();
    problems.push(
      `${url}: ${bytes.filter((b) => b === 0).length} NUL byte(s), first at ${zero} (${JSON.stringify(around)})`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    problems.push(`${url}: not valid UTF-8`);
    return problems;
  }
  const replacement = text.indexOf("\uFFFD");
  if (replacement !== -1)
    problems.push(
      `${url}: U+FFFD at ${replacement} (${JSON.stringify(text.slice(replacement - 30, replacement + 10))})`,
    );
  return problems;
}

async function crawl(persona: Persona) {
  const client = new HttpClient(server.url);
  const email = PERSONAS[persona];
  if (email) await client.signIn(email);
  const seen = new Set<string>(["/", ...manifestUrls()]);
  const queue = [...seen];
  const visits: Visit[] = [];
  const problems: string[] = [];
  let pages = 0;

  const fetchChecked = async (url: string) => {
    const response = await client.get(url);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const type = response.headers.get("content-type") ?? "";
    visits.push({ url, status: response.status, type });
    if (response.status >= 500) problems.push(`${url}: ${response.status}`);
    if (TEXT_TYPE.test(type) || (bytes.length > 0 && !type))
      problems.push(...problemsOf(url, bytes));
    return { response, bytes, type };
  };
  const enqueue = (url: string) => {
    if (!seen.has(url)) {
      seen.add(url);
      queue.push(url);
    }
  };

  while (queue.length > 0 && pages < MAX_PAGES) {
    const url = queue.shift()!;
    pages++;
    const { response, bytes, type } = await fetchChecked(url);
    const location = response.headers.get("location");
    if (location?.startsWith("/")) enqueue(location);
    if (!type.startsWith("text/html")) continue;
    for (const link of linksOf(new TextDecoder().decode(bytes), server.url)) enqueue(link);
    if (response.status === 200) await fetchChecked(dataRequestOf(url));
  }
  return { visits, problems, left: queue.length };
}

describe("every response of the demo, as each kind of person", () => {
  for (const persona of Object.keys(PERSONAS) as Persona[]) {
    it(`${persona}: no NUL byte, valid UTF-8, no U+FFFD`, { timeout: 300_000 }, async () => {
      const { visits, problems, left } = await crawl(persona);
      expect(problems).toEqual([]);

      // The crawl reached what it is meant to reach.
      const ok = visits.filter((v) => v.status === 200);
      const html = ok.filter((v) => v.type.startsWith("text/html"));
      const data = ok.filter((v) => /\.data(\?|$)/.test(v.url));
      expect(data.length).toBe(html.length);
      if (persona === "anonymous") {
        expect(html.map((v) => v.url)).toEqual(
          expect.arrayContaining(["/", "/login", "/signup", `/apply/${DEMO_PROGRAM_ID}`]),
        );
      } else {
        expect(html.length).toBeGreaterThan(15);
        expect(left, "pages left when the crawl stopped").toBe(0);
      }
      if (persona === "mentee" || persona === "mentor")
        expect(ok.some((v) => v.type.startsWith("text/calendar"))).toBe(true);
      if (persona === "coordinator") {
        const csv = ok.filter((v) => v.type.startsWith("text/csv")).map((v) => v.url);
        expect(csv.length).toBeGreaterThanOrEqual(5);
      }
      if (persona === "pilotMember")
        expect(html.some((v) => v.url.startsWith(`/programs/${PILOT_PROGRAM_ID}/groups/`))).toBe(
          true,
        );
    });
  }
});
