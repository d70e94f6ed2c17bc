/**
 * Security headers (a strict Content-Security-Policy with per-response nonces, no framing,
 * same-origin referrers, no sniffing), request size limits, and sessions: signing out ends the
 * session on the server (a copied cookie stops working, pages and sockets alike) and signing in
 * always starts a new session (no fixation).
 */
import { request as httpRequest } from "node:http";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient, location } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

function directives(header: string | null): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values.join(" "));
  }
  return map;
}

describe("security headers", () => {
  it("sends a strict policy whose nonce is on every script of the page, and a new nonce each time", async () => {
    const client = new HttpClient(server.url);
    await client.signIn("benoit@exemple.org");
    const first = await client.get("/programs/prog-reemploi-2026/groups/grp-demo-chaine-froid");
    expect(first.status).toBe(200);
    const csp = directives(first.headers.get("content-security-policy"));
    expect(csp.get("default-src")).toBe("'self'");
    expect(csp.get("object-src")).toBe("'none'");
    expect(csp.get("frame-ancestors")).toBe("'none'");
    expect(csp.get("base-uri")).toBe("'self'");
    expect(csp.get("form-action")).toBe("'self'");
    expect(csp.get("style-src")).toBe("'self'");
    const scriptSrc = csp.get("script-src") ?? "";
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).not.toContain("unsafe-eval");
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{20,}$/);

    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(1);
    for (const tag of scripts) {
      // Inline scripts carry the nonce; module scripts load from this site.
      expect(tag.includes(`nonce="${nonce}"`), tag).toBe(true);
    }
    expect(html).not.toMatch(/\son[a-z]+="/); // no inline event handlers

    const second = await client.get("/programs/prog-reemploi-2026/groups/grp-demo-chaine-froid");
    const again = /'nonce-([^']+)'/.exec(second.headers.get("content-security-policy") ?? "")?.[1];
    expect(again).toBeTruthy();
    expect(again).not.toBe(nonce);
    await second.body?.cancel();
  });

  it("forbids framing and sniffing and keeps referrers on this site, on pages, files and errors alike", async () => {
    for (const path of ["/", "/login", "/healthz", "/programme-inexistant", "/favicon.svg"]) {
      const response = await fetch(`${server.url}${path}`, { redirect: "manual" });
      await response.body?.cancel();
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("x-frame-options"), path).toBe("DENY");
      expect(response.headers.get("referrer-policy"), path).toBe("same-origin");
      expect(
        directives(response.headers.get("content-security-policy")).get("frame-ancestors"),
        path,
      ).toBe("'none'");
      expect(response.headers.get("x-powered-by"), path).toBeNull();
    }
  });
});

describe("request size limits", () => {
  /** Posts headers only (a declared length, no body yet): the answer must come before the body. */
  function declare(path: string, length: number, headers: Record<string, string> = {}) {
    const url = new URL(server.url);
    return new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path,
          method: "POST",
          headers: {
            Origin: server.url,
            "Content-Type": "application/x-www-form-urlencoded",
            "Content-Length": String(length),
            ...headers,
          },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (text += chunk));
          res.on("end", () => {
            resolve({ status: res.statusCode ?? 0, text });
            req.destroy();
          });
        },
      );
      req.on("error", reject);
      req.flushHeaders();
    });
  }

  it("refuses a form over 1 MB with 413 before reading it, in the reader's language, and stays up", async () => {
    const french = await declare("/login", 2 * 1024 * 1024);
    expect(french.status).toBe(413);
    expect(french.text).toContain("Le formulaire envoyé est trop volumineux (plus de 1 Mo)");
    expect(french.text).toContain('<html lang="fr"');
    const english = await declare("/programs/prog-reemploi-2026/profile", 1024 * 1024 + 1, {
      Cookie: "maillage_lang=en",
    });
    expect(english.status).toBe(413);
    expect(english.text).toContain("The form sent is too large (over 1 MB)");
    // Uploads may be larger (a 10 MB file), but not without bound.
    const upload = await declare("/programs/prog-reemploi-2026/groups/g/tools", 12 * 1024 * 1024, {
      "Content-Type": "multipart/form-data; boundary=x",
    });
    expect(upload.status).toBe(413);
    expect(upload.text).toContain("envoi dépasse 10 Mo");
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("still reads a form just under the limit", async () => {
    const response = await fetch(`${server.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: "a@exemple.org", password: "x".repeat(900 * 1024) }),
      headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(400); // the form's own answer (password too long), not 413
  });
});

describe("sessions", () => {
  it("signs in on a double click: a repeated sign-in form is not replayed without its cookie", async () => {
    // The same rendered form sent twice (the same one-time key): each answer carries a session
    // cookie, so neither lands on a signed-out page.
    const form = {
      _submission: "seed1234.default.:r0:",
      email: "amelie@exemple.org",
      password: "maillage-demo",
      redirectTo: "/dashboard",
    };
    const answers = await Promise.all(
      [1, 2].map(() => new HttpClient(server.url).post("/login", form)),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(302);
      expect(answer.headers.getSetCookie().join(";")).toContain("maillage_session=");
    }
  });

  it("ends the session on sign-out: the old cookie no longer opens pages or live connections", async () => {
    const client = new HttpClient(server.url);
    await client.signIn("amelie@exemple.org");
    const stolen = client.cookieHeader();
    expect((await client.get("/dashboard")).status).toBe(200);

    const out = await client.post("/logout", {});
    expect(out.status).toBe(302);

    const replay = await fetch(`${server.url}/dashboard`, {
      headers: { Cookie: stolen },
      redirect: "manual",
    });
    expect(replay.status).toBe(302);
    expect(location(replay)).toMatch(/^\/login/);

    const socket = connect(server.url, {
      transports: ["websocket"],
      extraHeaders: { Cookie: stolen },
      reconnection: false,
    });
    try {
      const error = await new Promise<Error>((resolve, reject) => {
        socket.once("connect_error", resolve);
        socket.once("connect", () => reject(new Error("a signed-out cookie opened a socket")));
      });
      expect(error.message).toBe("unauthenticated");
    } finally {
      socket.close();
    }
  });

  it("ends only the session signed out: the same person's other browser stays signed in", async () => {
    const laptop = new HttpClient(server.url);
    const phone = new HttpClient(server.url);
    await laptop.signIn("chloe@exemple.org");
    await phone.signIn("chloe@exemple.org");
    expect(laptop.cookieHeader()).not.toBe(phone.cookieHeader());
    await laptop.post("/logout", {});
    expect((await phone.get("/dashboard")).status).toBe(200);
  });

  it("starts a new session at sign-in, whatever cookie the browser already had (no fixation)", async () => {
    // An attacker signs in, then plants their session cookie in the victim's browser.
    const attacker = new HttpClient(server.url);
    await attacker.signIn("thomas@exemple.org");
    const planted = attacker.cookies.get("maillage_session")!;

    const victim = new HttpClient(server.url);
    victim.cookies.set("maillage_session", planted);
    const signIn = await victim.post("/login", {
      email: "sophie@exemple.org",
      password: "maillage-demo",
      redirectTo: "/dashboard",
    });
    // Already signed in (as the attacker): the sign-in form is answered anyway, with a new session.
    expect(signIn.status).toBe(302);
    expect(victim.cookies.get("maillage_session")).not.toBe(planted);
    const dashboard = await victim.get("/dashboard");
    expect(await dashboard.text()).toContain("Sophie");

    // The planted cookie was ended: it opens nothing, for the attacker either.
    const reuse = await fetch(`${server.url}/dashboard`, {
      headers: { Cookie: `maillage_session=${planted}` },
      redirect: "manual",
    });
    expect(reuse.status).toBe(302);
  });
});
