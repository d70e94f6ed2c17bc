/**
 * The outside probe's findings of issue 20 (ADR 0029), over real HTTP: sign-in limits that lock
 * nobody out from another address, a sign-up that does not tell whether an address has an
 * account, the cross-site check against PUBLIC_URL's scheme, one log line per 404, and
 * `Cache-Control: no-store` on what the app answers. The client address is set with
 * X-Forwarded-For, which the server trusts from loopback (server/index.ts: "trust proxy").
 */
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient, location, pageText } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { signUpLink } from "../helpers/signup";
import { outboxMessages } from "../helpers/store-snapshot";
import { translate } from "../../core/i18n";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const PROGRAM = "/programs/prog-reemploi-2026";
const from = (address: string) => ({ "X-Forwarded-For": address });
const throttledText = /Trop de tentatives de connexion\. Réessayez dans \d+ minutes?\./;

async function signInFrom(address: string, email: string, password: string) {
  const client = new HttpClient(server.url);
  const response = await client.post(
    "/login",
    { email, password, redirectTo: "/dashboard" },
    from(address),
  );
  return { status: response.status, location: location(response), text: await pageText(response) };
}

describe("sign-in limits", () => {
  it("stops an attacker's guesses for one account at their address, not the person elsewhere", async () => {
    const attacker = "203.0.113.7";
    for (let i = 0; i < 5; i++) {
      const wrong = await signInFrom(attacker, "louise@exemple.org", `mauvais-${i}`);
      expect(wrong.status, `attempt ${i}`).toBe(400);
      expect(wrong.text).toContain(translate("fr", "auth.signIn.invalid"));
    }
    // The attacker's next guesses are refused without a look at the password, even a right one.
    const sixth = await signInFrom(attacker, "louise@exemple.org", "mauvais-6");
    expect(sixth.status).toBe(429);
    expect(sixth.text).toMatch(throttledText);
    expect((await signInFrom(attacker, "louise@exemple.org", "maillage-demo")).status).toBe(429);
    // Louise, at home, signs in.
    const louise = await signInFrom("198.51.100.4", "louise@exemple.org", "maillage-demo");
    expect([louise.status, louise.location]).toEqual([302, "/dashboard"]);
    // …and her sign-in there does not give the attacker new guesses.
    expect((await signInFrom(attacker, "louise@exemple.org", "mauvais-7")).status).toBe(429);
  });

  it("keeps a person behind a busy address signing in while its failures are refused", async () => {
    const workshop = "203.0.113.8";
    const statuses: number[] = [];
    for (let i = 0; i < 24; i++) {
      const email = i % 6 === 0 ? "benoit@exemple.org" : `personne-${i}@exemple.org`;
      statuses.push((await signInFrom(workshop, email, `mauvais-${i}`)).status);
    }
    // Twenty failures from the address are told "wrong password"; after that, "too many attempts".
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(400));
    expect(statuses.slice(20)).toEqual(Array(4).fill(429));
    const unknown = await signInFrom(workshop, "quelquun@exemple.org", "un-essai");
    expect(unknown.status).toBe(429);
    expect(unknown.text).toMatch(throttledText);
    const wrong = await signInFrom(workshop, "chloe@exemple.org", "une-faute-de-frappe");
    expect(wrong.status).toBe(429);
    // Chloé, at the same workshop, gives her right password: she is in.
    const chloe = await signInFrom(workshop, "chloe@exemple.org", "maillage-demo");
    expect([chloe.status, chloe.location]).toEqual([302, "/dashboard"]);
    // The account the failures aimed at still opens from elsewhere.
    const benoit = await signInFrom("198.51.100.9", "benoit@exemple.org", "maillage-demo");
    expect(benoit.status).toBe(302);
  });
});

describe("sign-up", () => {
  const answerOf = async (email: string) => {
    const client = new HttpClient(server.url);
    const response = await client.post(
      "/signup",
      { name: "Nouvelle Personne", email, password: "un-mot-de-passe-solide", consent: "on" },
      from("192.0.2.40"),
    );
    const page = await client.get(location(response));
    return {
      status: response.status,
      location: location(response),
      cookies: [...client.cookies.keys()],
      // The page, without what differs on every page (the form keys' seed, the script nonce).
      page: [
        page.status,
        (await pageText(page))
          .replace(/[\da-f]{8}(?:-[\da-f]{4}){3}-[\da-f]{12}/g, "")
          .replace(/nonce="[^"]*"/g, ""),
      ],
    };
  };

  it("answers the same for an address with an account and a new one; only the owner learns which", async () => {
    const existing = await answerOf("Louise@exemple.org");
    const fresh = await answerOf("nouvelle@exemple.org");
    expect(existing).toEqual(fresh);
    expect([fresh.status, fresh.location, fresh.cookies]).toEqual([302, "/signup?sent", []]);
    expect(fresh.page[1]).toContain("Vérifiez vos courriels");

    const mails = await outboxMessages([server.dataDir]);
    const toLouise = mails.filter((m) => m.to === "louise@exemple.org");
    expect(toLouise.map((m) => m.kind)).toEqual(["signUpExisting"]);
    expect(toLouise[0]!.text).toContain(`${server.url}/login`);
    expect(toLouise[0]!.text).not.toContain("confirm=");
    expect(mails.filter((m) => m.to === "nouvelle@exemple.org").map((m) => m.kind)).toEqual([
      "signUpConfirm",
    ]);
  });

  it("creates the account from its link once, and refuses a changed link", async () => {
    await answerOf("activation@exemple.org");
    const link = (await signUpLink(server.dataDir, "activation@exemple.org"))!;
    expect(link).toBeTruthy();
    const client = new HttpClient(server.url);
    const page = await client.get(link);
    expect(page.status).toBe(200);
    expect(await pageText(page)).toContain("Activez le compte de Nouvelle Personne");
    const activated = await client.post(link, { intent: "confirm" });
    expect([activated.status, location(activated)]).toEqual([302, "/dashboard"]);
    expect(await pageText(await client.get("/dashboard"))).toContain("Bonjour Nouvelle");

    const again = await new HttpClient(server.url).post(link, { intent: "confirm" });
    expect(again.status).toBe(400);
    expect(await pageText(again)).toContain(translate("fr", "auth.signUp.link.used"));

    const token = link.split("=")[1]!;
    const changed = `/signup?confirm=${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
    const refused = await new HttpClient(server.url).get(changed);
    expect(refused.status).toBe(404);
    expect(await pageText(refused)).toContain(translate("fr", "auth.signUp.link.invalid"));
  });
});

/** A form posted with a Host header of its own (fetch always sends the server's): its status. */
function postWithHost(
  base: string,
  path: string,
  host: string,
  origin: string,
  form: Record<string, string>,
): Promise<number> {
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, base), {
      method: "POST",
      headers: {
        Host: host,
        Origin: origin,
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": Buffer.byteLength(body),
      },
    });
    req.on("response", (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("the cross-site check with PUBLIC_URL", () => {
  it("accepts only PUBLIC_URL's scheme, host and port as the Origin of a form", async () => {
    const site = await startServer({ env: { PUBLIC_URL: "http://maillage.test:8080" } });
    try {
      // As a proxy in front of the site passes it on: the Host is the public one.
      const post = (origin: string) =>
        postWithHost(site.url, "/login", "maillage.test:8080", origin, {
          email: "louise@exemple.org",
          password: "maillage-demo",
        });
      for (const origin of [
        "https://maillage.test:8080",
        "http://maillage.test",
        "http://maillage.test:8081",
        "http://autre.test:8080",
        site.url,
      ]) {
        expect(await post(origin), origin).toBe(403);
      }
      expect(await post("http://maillage.test:8080"), site.output()).toBe(302);
    } finally {
      await site.stop();
    }
  });
});

describe("the log", () => {
  it("writes one line per page that does not exist, without a stack trace", async () => {
    const before = server.output().length;
    for (const path of ["/page-inexistante-404", "/autre/page-inexistante-404.data"]) {
      const response = await fetch(`${server.url}${path}`);
      await response.body?.cancel();
      expect(response.status, path).toBe(404);
    }
    const expected = ["GET /page-inexistante-404 404", "GET /autre/page-inexistante-404.data 404"];
    // The lines arrive through the server's pipe: wait for them (the test's own limit stops it).
    let added = "";
    while (!expected.every((line) => added.includes(line))) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      added = server.output().slice(before);
    }
    const lines = added.split("\n").filter((line) => line.trim());
    expect(lines.filter((line) => line.includes("page-inexistante-404"))).toEqual(expected);
    expect(added).not.toMatch(/^\s+at /m);
    expect(added).not.toContain("No route matches");
  });
});

describe("Cache-Control", () => {
  it("is no-store on every page, data request, file and feed of the app; static files keep theirs", async () => {
    const coordinator = new HttpClient(server.url);
    await coordinator.signIn("coordination@exemple.org");
    for (const path of [
      "/dashboard",
      "/notifications",
      PROGRAM,
      `${PROGRAM}/report`,
      "/dashboard.data",
      `${PROGRAM}.data`,
      `${PROGRAM}/report.csv?table=groups`,
      "/page-inexistante",
      "/login",
    ]) {
      const response = await coordinator.get(path);
      await response.body?.cancel();
      expect(response.status, path).toBeLessThan(500);
      expect(response.headers.get("cache-control"), path).toBe("no-store");
    }
    const home = await (await fetch(`${server.url}/`)).text();
    const asset = /\/assets\/[\w.-]+\.(?:js|css)/.exec(home)![0];
    const script = await fetch(`${server.url}${asset}`);
    await script.body?.cancel();
    expect(script.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const icon = await fetch(`${server.url}/favicon.svg`);
    await icon.body?.cancel();
    expect(icon.headers.get("cache-control")).toBe("public, max-age=3600");
  });
});
