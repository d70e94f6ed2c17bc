import { addDays, quebecToday } from "../../core/utils/quebec-time";

/**
 * A Quebec calendar date `days` from today ("2027-01-14"): sessions and meeting series are
 * scheduled only to come (the server's real clock), so tests pick dates relative to today.
 */
export function daysAhead(days = 30): string {
  return addDays(quebecToday(), days);
}

/** A tiny browser-like HTTP client: keeps cookies, sends same-origin Origin headers on posts. */
export class HttpClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "")
        this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", this.cookieHeader());
    const response = await fetch(new URL(path, this.base), {
      ...init,
      headers,
      redirect: "manual",
    });
    this.remember(response);
    return response;
  }

  get(path: string) {
    return this.request(path);
  }

  post(
    path: string,
    form: Record<string, string | string[]>,
    headers: Record<string, string> = {},
  ) {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    return this.request(path, {
      method: "POST",
      body,
      headers: {
        Origin: this.base,
        "Content-Type": "application/x-www-form-urlencoded",
        ...headers,
      },
    });
  }

  async signIn(email: string, password = "maillage-demo") {
    const response = await this.post("/login", { email, password, redirectTo: "/dashboard" });
    if (response.status !== 302) throw new Error(`sign-in failed for ${email}: ${response.status}`);
    return response;
  }
}

export function location(response: Response): string {
  return response.headers.get("location") ?? "";
}

/** HTML text with the entities React escapes turned back into characters. */
export function decode(html: string): string {
  return html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** A client signed in with a demo account (password `maillage-demo`). */
export async function signedIn(base: string, email: string) {
  const client = new HttpClient(base);
  await client.signIn(email);
  return client;
}

/** A page's HTML, entities decoded and React's text separators (`<!-- -->`) removed. */
export async function pageText(response: Response) {
  return decode(await response.text()).replace(/<!-- -->/g, "");
}

/**
 * The coordinator schedules a two-person speed-dating event (Amélie and Nathalie, two rounds of
 * five minutes) in the demo program; returns its page's path and id.
 */
export async function createPairEvent(base: string, title: string) {
  const http = new HttpClient(base);
  await http.signIn("coordination@exemple.org");
  const created = await http.post("/programs/prog-reemploi-2026/events", {
    title,
    startsAt: `${daysAhead()}T13:30`,
    rounds: "2",
    roundMinutes: "5",
    breakMinutes: "2",
    roomSize: "2",
    format: "online",
    videoUrlPattern: "",
    invited: ["p-amelie", "p-nathalie"],
  });
  if (created.status !== 302) throw new Error(`event not created: ${created.status}`);
  const eventPath = location(created);
  return { eventPath, eventId: eventPath.split("/").pop()! };
}
