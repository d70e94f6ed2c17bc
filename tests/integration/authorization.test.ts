/**
 * The authorization matrix: every route of the Remix manifest (pages, actions, ICS feeds, file
 * downloads, CSV) and every Socket.IO event, tried by each role against the expected answer in
 * tests/integration/authorization/matrix.ts. A route or event missing from the matrix fails.
 * Made-up ids answer exactly like real ones to anyone who may not see them (404, never a 403
 * that would confirm a record exists), and 404 to those who may.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../helpers/http";
import { makeTempDir, ROOT, startServer, type TestServer } from "../helpers/server";
import {
  EMAILS,
  paramFor,
  ROLES,
  tokenFor,
  writeMatrixStore,
  type Role,
} from "./authorization/fixture";
import {
  ROUTE_MATRIX,
  SOCKET_MATRIX,
  type Answer,
  type SocketAnswer,
} from "./authorization/matrix";

interface ManifestRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: { loader?: unknown; action?: unknown };
}

let server: TestServer;
let routes: ManifestRoute[];
const clients = new Map<Role, HttpClient>();

beforeAll(async () => {
  const dataDir = await makeTempDir("maillage-matrix-");
  await writeMatrixStore(dataDir);
  server = await startServer({ dataDir });
  const build = (await import(
    /* @vite-ignore */ pathToFileURL(join(ROOT, "build/server/index.js")).href
  )) as { routes: Record<string, ManifestRoute> };
  routes = Object.values(build.routes).filter((r) => r.id !== "root");
  for (const role of ROLES) {
    const client = new HttpClient(server.url);
    if (role !== "anonymous") await client.signIn(EMAILS[role]);
    clients.set(role, client);
  }
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const MADE_UP = "inconnu-matrice";

/**
 * The route's URL with real ids (the role's own where it has some: the observer's group), or with
 * `madeUp` standing for one of its parameters.
 */
function urlOf(route: ManifestRoute, madeUp?: string, role: Role = "member"): string {
  const segments: string[] = [];
  for (let r: ManifestRoute | undefined = route; r; r = routes.find((p) => p.id === r!.parentId)) {
    if (r.path) segments.unshift(r.path);
  }
  const path = segments
    .join("/")
    .split("/")
    .map((segment) => {
      if (!segment.startsWith(":")) return segment;
      const name = segment.slice(1);
      if (name === madeUp) return name === "token" ? "x".repeat(32) : MADE_UP;
      return name === "token" ? tokenFor(route.id) : paramFor(role, name);
    })
    .join("/");
  return `/${path}`;
}

function paramsOf(route: ManifestRoute): string[] {
  return urlOf(route) === "/"
    ? []
    : [...(routeTemplate(route).match(/:(\w+)/g) ?? [])].map((p) => p.slice(1));
}
function routeTemplate(route: ManifestRoute): string {
  const segments: string[] = [];
  for (let r: ManifestRoute | undefined = route; r; r = routes.find((p) => p.id === r!.parentId)) {
    if (r.path) segments.unshift(r.path);
  }
  return segments.join("/");
}

function classify(response: Response): Answer | number {
  const status = response.status;
  if (status >= 200 && status < 300) return 200;
  if (status >= 300 && status < 400) {
    const location = response.headers.get("location") ?? "";
    return location.startsWith("/login") ? "login" : "home";
  }
  return status === 403 || status === 404 ? status : status;
}

/** An action's answer: "ok" once past authorization (a validation error counts as ok). */
function classifyAction(response: Response): Answer | number {
  const answer = classify(response);
  if (
    answer === 200 ||
    (typeof answer === "number" &&
      answer >= 400 &&
      answer < 500 &&
      answer !== 403 &&
      answer !== 404)
  ) {
    return "ok";
  }
  return answer;
}

/** Signing out ends the session: each role posts to /logout from a session of its own. */
async function freshClient(role: Role): Promise<HttpClient> {
  const client = new HttpClient(server.url);
  if (role !== "anonymous") await client.signIn(EMAILS[role]);
  return client;
}

describe("authorization matrix: routes", () => {
  it("has an entry for every route of the Remix manifest, and none for a route that is gone", () => {
    const ids = routes.map((r) => r.id).sort();
    expect(ids.filter((id) => !(id in ROUTE_MATRIX))).toEqual([]);
    expect(Object.keys(ROUTE_MATRIX).filter((id) => !ids.includes(id))).toEqual([]);
    // A POST rule exactly where the route has an action.
    expect(
      routes
        .filter((r) => Boolean(r.module.action) !== Boolean(ROUTE_MATRIX[r.id]?.post))
        .map((r) => r.id),
    ).toEqual([]);
  });

  it("answers every page, feed and download as the matrix says, for every role", async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const rule = ROUTE_MATRIX[route.id];
      if (!rule) continue;
      for (const role of ROLES) {
        const url = `${urlOf(route, undefined, role)}${rule.query ?? ""}`;
        const response = await clients.get(role)!.get(url);
        await response.body?.cancel();
        const got = classify(response);
        if (got !== rule.get[role])
          wrong.push(`GET ${url} as ${role}: ${got}, expected ${rule.get[role]}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 240_000);

  it("answers made-up ids exactly like real ones to outsiders, and 404 to insiders", async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const rule = ROUTE_MATRIX[route.id];
      if (!rule) continue;
      for (const param of paramsOf(route)) {
        for (const role of ROLES) {
          const url = `${urlOf(route, param, role)}${rule.query ?? ""}`;
          const response = await clients.get(role)!.get(url);
          await response.body?.cancel();
          const got = classify(response);
          const real = rule.get[role];
          // A made-up program is unknown to everyone, including those refused in the real one.
          const expected: Answer =
            real === 200 || (param === "programId" && real === 403) ? 404 : real;
          if (got !== expected) wrong.push(`GET ${url} as ${role}: ${got}, expected ${expected}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 240_000);

  it("lets only the matrix's roles past every action's authorization", async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const rule = ROUTE_MATRIX[route.id];
      if (!rule?.post) continue;
      for (const role of ROLES) {
        const url = `${urlOf(route, undefined, role)}${route.index ? "?index" : ""}`;
        const client = route.id === "routes/logout" ? await freshClient(role) : clients.get(role)!;
        const response = await client.post(url, { intent: "matrice-inconnue" });
        await response.body?.cancel();
        const got = classifyAction(response);
        if (got !== rule.post[role])
          wrong.push(`POST ${url} as ${role}: ${got}, expected ${rule.post[role]}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 240_000);
});

describe("authorization matrix: Socket.IO events", () => {
  function open(cookie?: string): Promise<Socket> {
    const socket = connect(server.url, {
      transports: ["websocket"],
      extraHeaders: cookie ? { Cookie: cookie } : {},
      reconnection: false,
    });
    return new Promise((resolve, reject) => {
      socket.once("connect", () => resolve(socket));
      socket.once("connect_error", (error) => {
        socket.close();
        reject(error);
      });
    });
  }

  it("has an entry for every event the server listens to", async () => {
    const dir = join(ROOT, "server/live");
    const names = new Set<string>();
    for (const file of await readdir(dir)) {
      if (!file.endsWith(".ts")) continue;
      const source = await readFile(join(dir, file), "utf8");
      for (const match of source.matchAll(/handle\(\s*socket,\s*"([^"]+)"/g)) names.add(match[1]!);
      // Every event goes through handle() (zod, translated errors): raw listeners are lifecycle only.
      for (const match of source.matchAll(/socket\.on\(\s*"([^"]+)"/g)) {
        expect(["disconnect", "disconnecting"], `${file}: raw listener`).toContain(match[1]);
      }
    }
    expect([...names].sort()).toEqual(Object.keys(SOCKET_MATRIX).sort());
  });

  it("refuses a socket without a session before any event", async () => {
    await expect(open()).rejects.toThrow("unauthenticated");
  });

  it("answers every event as the matrix says, for every role, and made-up ids like real ones to outsiders", async () => {
    const wrong: string[] = [];
    for (const role of ROLES) {
      if (role === "anonymous") continue;
      const socket = await open(clients.get(role)!.cookieHeader());
      try {
        const answer = async (event: string, payload: Record<string, unknown>) => {
          const reply = (await socket.timeout(10_000).emitWithAck(event, payload)) as
            { ok: true } | { ok: false; error: { code: string; message: string } };
          if (reply.ok) return "ok";
          if (reply.error.code === "invalid_payload")
            return `invalid_payload (${reply.error.message})`;
          return ["not_found", "not_in_event", "forbidden"].includes(reply.error.code)
            ? (reply.error.code as SocketAnswer)
            : "ok";
        };
        for (const [event, matrixRule] of Object.entries(SOCKET_MATRIX)) {
          // The observer tries the observed group's records (its co-development session).
          const payload = Object.fromEntries(
            Object.entries(matrixRule.payload).map(([key, value]) => [
              key,
              key === "sessionId" ? paramFor(role, key) : value,
            ]),
          );
          const rule = { ...matrixRule, payload };
          const got = await answer(event, rule.payload);
          const expected = rule.answers[role];
          if (got !== expected) wrong.push(`${event} as ${role}: ${got}, expected ${expected}`);
          const idKey = Object.keys(rule.payload).find(
            (k) => /Id$/.test(k) && k !== "toParticipantId" && k !== "itemId",
          );
          if (!idKey) continue;
          const madeUp = await answer(event, { ...rule.payload, [idKey]: MADE_UP });
          const refused = idKey === "eventId" ? "not_in_event" : "not_found";
          // A participant refused a coordinator's command knows the real event or program exists.
          const expectedMadeUp = expected === "ok" || expected === "forbidden" ? refused : expected;
          if (madeUp !== expectedMadeUp)
            wrong.push(
              `${event} (made-up ${idKey}) as ${role}: ${madeUp}, expected ${expectedMadeUp}`,
            );
        }
      } finally {
        socket.close();
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
