import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode, HttpClient, location } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { signUp } from "../helpers/signup";
import { outboxMessages } from "../helpers/store-snapshot";

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const PROGRAM = "/programs/prog-reemploi-2026";

describe("pages and languages", () => {
  it("answers /healthz once the store is loaded", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    // One process, alone: it knows of one server.
    expect(await response.json()).toEqual({ ok: true, version: expect.any(String), servers: 1 });
  });

  it("serves the home page in French by default and in English with the language cookie", async () => {
    const fr = await fetch(server.url);
    expect(fr.status).toBe(200);
    const frHtml = await fr.text().then(decode);
    expect(frHtml).toContain('<html lang="fr"');
    expect(frHtml).toContain("Des groupes de trois pour apprendre les uns des autres");
    expect(frHtml).toContain("Optimisation du réemploi alimentaire en milieu communautaire");
    // The closed pilot is listed under the completed programs, not the ones in progress.
    const inProgress = frHtml.slice(frHtml.indexOf("Programmes en cours"));
    const closedAt = inProgress.indexOf("Programmes terminés");
    expect(closedAt).toBeGreaterThan(0);
    expect(inProgress.slice(0, closedAt)).not.toContain("(cohorte pilote)");
    expect(inProgress.slice(closedAt)).toContain("(cohorte pilote)");

    const en = await fetch(server.url, { headers: { Cookie: "maillage_lang=en" } });
    expect(en.status).toBe(200);
    const enHtml = await en.text().then(decode);
    expect(enHtml).toContain('<html lang="en"');
    expect(enHtml).toContain("Groups of three to learn from one another");
  });

  it("switches language through the visible switch and remembers it in a cookie", async () => {
    const client = new HttpClient(server.url);
    const response = await client.post("/lang", { lang: "en", redirectTo: "/login" });
    expect(response.status).toBe(302);
    expect(location(response)).toBe("/login");
    expect(client.cookies.get("maillage_lang")).toBe("en");
    const page = await (await client.get("/login")).text().then(decode);
    expect(page).toContain("Sign in with the email address");
    // An absolute URL is never followed.
    const outside = await client.post("/lang", { lang: "fr", redirectTo: "https://evil.example/" });
    expect(location(outside)).toBe("/");
  });

  it("redirects a protected page to sign-in, keeping where to go back", async () => {
    const response = await fetch(`${server.url}/dashboard`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(location(response)).toBe("/login?redirectTo=%2Fdashboard");
  });

  it("shows a translated 404 without any stack trace", async () => {
    const response = await fetch(`${server.url}/no-such-page`);
    expect(response.status).toBe(404);
    const html = await response.text().then(decode);
    expect(html).toContain("Cette page n'existe pas");
    expect(html).not.toMatch(/at .*\.js:\d+/);
  });
});

describe("accounts", () => {
  it("signs up, signs out and signs in again through real HTTP requests", async () => {
    const client = new HttpClient(server.url);
    const activated = await signUp(client, server.dataDir, {
      name: "Rosalie Nadeau",
      email: "Rosalie@Exemple.org",
      password: "un-mot-de-passe-solide",
      redirectTo: "/dashboard",
    });
    expect(activated.status).toBe(302);
    expect(location(activated)).toBe("/dashboard");
    const session = client.cookies.get("maillage_session");
    expect(session).toBeTruthy();
    const cookieLine = activated.headers
      .getSetCookie()
      .find((l) => l.startsWith("maillage_session="));
    expect(cookieLine).toMatch(/HttpOnly/i);
    expect(cookieLine).toMatch(/SameSite=Lax/i);

    const dashboard = await client.get("/dashboard");
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text().then(decode)).toContain("Bonjour Rosalie");

    const signOut = await client.post("/logout", {});
    expect(signOut.status).toBe(302);
    expect(client.cookies.has("maillage_session")).toBe(false);
    expect((await client.get("/dashboard")).status).toBe(302);

    const signIn = await client.post("/login", {
      email: "rosalie@exemple.org",
      password: "un-mot-de-passe-solide",
    });
    expect(signIn.status).toBe(302);
    expect((await client.get("/dashboard")).status).toBe(200);
  });

  it("refuses an invalid sign-up with a message next to each field and stores nothing", async () => {
    const client = new HttpClient(server.url);
    const response = await client.post("/signup", {
      name: "",
      email: "pas-un-courriel",
      password: "court",
    });
    expect(response.status).toBe(400);
    const html = await response.text().then(decode);
    expect(html).toContain('id="field-name-error"');
    expect(html).toContain("Ce champ est obligatoire.");
    expect(html).toContain('id="field-email-error"');
    expect(html).toContain("Entrez une adresse courriel valide");
    expect(html).toContain('id="field-password-error"');
    expect(html).toContain("Au moins 10 caractères.");
    expect(html).toContain('id="field-consent-error"');
    expect(html).toContain("Cochez la case pour accepter la politique de confidentialité.");
    expect(html).not.toContain("court"); // passwords are never echoed back
    const data = await readFile(join(server.dataDir, "maillage.json"), "utf8");
    expect(data).not.toContain("pas-un-courriel");
  });

  it("makes no second account with the same email, and tells the account by e-mail", async () => {
    const client = new HttpClient(server.url);
    const response = await client.post("/signup", {
      name: "Autre Louise",
      email: "louise@exemple.org",
      password: "encore-un-mot-de-passe",
      consent: "on",
    });
    expect(response.status).toBe(302);
    expect(location(response)).toBe("/signup?sent");
    expect(client.cookies.has("maillage_session")).toBe(false);
    const mails = (await outboxMessages([server.dataDir])).filter(
      (m) => m.to === "louise@exemple.org" && m.kind === "signUpExisting",
    );
    expect(mails).toHaveLength(1);
    const data = JSON.parse(await readFile(join(server.dataDir, "maillage.json"), "utf8")) as {
      users: Array<{ email: string; name: string }>;
    };
    expect(data.users.filter((u) => u.email === "louise@exemple.org")).toHaveLength(1);
    expect(data.users.some((u) => u.name === "Autre Louise")).toBe(false);
  });

  it("refuses a wrong password, then throttles repeated failures for that email", async () => {
    const client = new HttpClient(server.url);
    const wrong = await client.post("/login", { email: "marc@exemple.org", password: "mauvais" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text().then(decode)).toContain(
      "Adresse courriel ou mot de passe incorrect.",
    );
    for (let i = 0; i < 4; i++) {
      await client.post("/login", { email: "marc@exemple.org", password: "mauvais" });
    }
    const blocked = await client.post("/login", {
      email: "marc@exemple.org",
      password: "maillage-demo",
    });
    expect(blocked.status).toBe(429);
    expect(await blocked.text().then(decode)).toContain("Trop de tentatives de connexion");
    // Another account is not blocked by it.
    const other = await client.post("/login", {
      email: "yves@exemple.org",
      password: "maillage-demo",
    });
    expect(other.status).toBe(302);
  });

  it("never sends someone to another site after sign-in", async () => {
    for (const redirectTo of [
      "/\t/evil.example/x",
      "//evil.example",
      "/\\evil.example",
      "https://evil.example",
    ]) {
      const client = new HttpClient(server.url);
      const response = await client.post("/login", {
        email: "patrice@exemple.org",
        password: "maillage-demo",
        redirectTo,
      });
      expect(response.status, redirectTo).toBe(302);
      expect(location(response), redirectTo).toBe("/dashboard");
    }
  });

  it("refuses a cross-site form post", async () => {
    const client = new HttpClient(server.url);
    const response = await client.post(
      "/login",
      { email: "louise@exemple.org", password: "maillage-demo" },
      { Origin: "https://evil.example" },
    );
    expect(response.status).toBe(403);
    expect(client.cookies.has("maillage_session")).toBe(false);
  });

  it("keeps every account when many people sign up at the same time", async () => {
    const count = 40;
    const responses = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        new HttpClient(server.url).post("/signup", {
          name: `Personne ${i}`,
          email: `parallele-${i}@exemple.org`,
          password: "mot-de-passe-parallele",
          consent: "on",
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(count).fill(302));
    const links = (await outboxMessages([server.dataDir]))
      .filter((m) => m.kind === "signUpConfirm" && m.to.startsWith("parallele-"))
      .map((m) => m.text.match(/\/signup\?confirm=[\w-]+/)![0]);
    expect(links).toHaveLength(count);
    const activated = await Promise.all(
      links.map((link) => new HttpClient(server.url).post(link, { intent: "confirm" })),
    );
    expect(activated.map((r) => r.status)).toEqual(Array(count).fill(302));
    const data = JSON.parse(await readFile(join(server.dataDir, "maillage.json"), "utf8")) as {
      users: Array<{ email: string }>;
    };
    for (let i = 0; i < count; i++) {
      expect(data.users.some((u) => u.email === `parallele-${i}@exemple.org`)).toBe(true);
    }
  });
});

describe("programs, invitations and authorization", () => {
  it("shows the coordinator their program with every participant", async () => {
    const coordinator = new HttpClient(server.url);
    await coordinator.signIn("coordination@exemple.org");
    const html = await (await coordinator.get(PROGRAM)).text().then(decode);
    expect(html).toContain("Maillages et mentorat 2026-2027");
    expect(html).toContain("Le Grenier partagé de la Mitis");
    expect(html).toContain("sophie@exemple.org");
  });

  it("lets a participant see their program but not the coordinator's panel or actions", async () => {
    const louise = new HttpClient(server.url);
    await louise.signIn("louise@exemple.org");
    const page = await louise.get(PROGRAM);
    expect(page.status).toBe(200);
    const html = await page.text().then(decode);
    expect(html).toContain("Votre participation");
    expect(html).not.toContain("sophie@exemple.org");
    const invite = await louise.post(`${PROGRAM}/invitations`, {
      intent: "invite",
      role: "mentee",
    });
    expect(invite.status).toBe(403);
    expect((await louise.get(`${PROGRAM}/invitations`)).status).toBe(403);
    expect((await louise.get("/programs/prog-autre")).status).toBe(404);
  });

  it("hides a program from someone who is not part of it", async () => {
    const outsider = new HttpClient(server.url);
    await signUp(outsider, server.dataDir, {
      name: "Personne Externe",
      email: "externe@exemple.org",
      password: "mot-de-passe-externe",
    });
    expect((await outsider.get(PROGRAM)).status).toBe(404);
    expect(
      (await outsider.post(`${PROGRAM}/invitations`, { intent: "invite", role: "mentee" })).status,
    ).toBe(404);
  });

  it("invites a person by a single-use link", async () => {
    const coordinator = new HttpClient(server.url);
    await coordinator.signIn("coordination@exemple.org");
    const bad = await coordinator.post(`${PROGRAM}/invitations`, {
      intent: "invite",
      role: "chef",
      email: "x",
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text().then(decode);
    expect(badHtml).toContain("Choisissez une des options proposées.");
    expect(badHtml).toContain("Entrez une adresse courriel valide");

    const created = await coordinator.post(`${PROGRAM}/invitations`, {
      intent: "invite",
      role: "mentee",
      email: "",
    });
    expect(created.status).toBe(200);
    const link = /value="(http:\/\/127\.0\.0\.1:\d+\/invitation\/[\w-]+)"/.exec(
      await created.text().then(decode),
    )?.[1];
    expect(link).toBeTruthy();
    const path = new URL(link!).pathname;

    const newcomer = new HttpClient(server.url);
    const form = await (await newcomer.get(path)).text().then(decode);
    expect(form).toContain("Maillages et mentorat 2026-2027");
    const wrongMrc = await newcomer.post(path, {
      name: "Hélène Paquette",
      email: "helene@exemple.org",
      password: "mot-de-passe-helene",
      organization: "Le Frigo de Nicolet",
      sector: "Frigo communautaire",
      region: "17",
      mrc: "66",
    });
    expect(wrongMrc.status).toBe(400);
    expect(await wrongMrc.text().then(decode)).toContain(
      "Choisissez une MRC de la région choisie.",
    );
    const joined = await newcomer.post(path, {
      name: "Hélène Paquette",
      email: "helene@exemple.org",
      password: "mot-de-passe-helene",
      organization: "Le Frigo de Nicolet",
      sector: "Frigo communautaire",
      region: "17",
      mrc: "50",
    });
    expect(joined.status).toBe(302);
    expect(location(joined)).toBe(`${PROGRAM}/profile`);
    const page = await (await newcomer.get(PROGRAM)).text().then(decode);
    expect(page).toContain("Le Frigo de Nicolet");
    expect(page).toContain("Nicolet-Yamaska");

    const again = new HttpClient(server.url);
    const reuse = await (await again.get(path)).text().then(decode);
    expect(reuse).toContain("Ce lien d'invitation a déjà été utilisé.");
  });
});

describe("Socket.IO", () => {
  function open(cookie?: string): Socket {
    return connect(server.url, {
      transports: ["websocket"],
      extraHeaders: cookie ? { Cookie: cookie } : {},
      reconnection: false,
    });
  }

  it("accepts a socket carrying the session cookie", async () => {
    const client = new HttpClient(server.url);
    await client.signIn("amelie@exemple.org");
    const socket = open(client.cookieHeader());
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", resolve);
        socket.once("connect_error", reject);
      });
      const reply = (await socket.emitWithAck("session:whoami", {})) as {
        ok: boolean;
        data: { user: { name: string }; programs: Array<{ id: string }> };
      };
      expect(reply.ok).toBe(true);
      expect(reply.data.user.name).toBe("Amélie Roy");
      // Amélie is in the open program and was a mentee of the pilot cohort.
      expect(reply.data.programs.map((p) => p.id).sort()).toEqual([
        "prog-pilote-2025",
        "prog-reemploi-2026",
      ]);
      const invalid = (await socket.emitWithAck("session:whoami", { extra: 1 })) as {
        ok: boolean;
        error: { code: string; message: string };
      };
      expect(invalid.ok).toBe(false);
      expect(invalid.error.code).toBe("invalid_payload");
    } finally {
      socket.close();
    }
  });

  it("refuses a socket without a session with a clear error", async () => {
    const socket = open("maillage_lang=en");
    try {
      const error = await new Promise<Error & { data?: { code: string; message: string } }>(
        (resolve, reject) => {
          socket.once("connect_error", resolve);
          socket.once("connect", () => reject(new Error("connected without a session")));
        },
      );
      expect(error.message).toBe("unauthenticated");
      expect(error.data).toEqual({
        code: "unauthenticated",
        message: "Sign in to join live activities.",
      });
    } finally {
      socket.close();
    }
  });
});
