/**
 * Creating an account as a person does since ADR 0029: the sign-up form answers "check your
 * e-mail", the e-mail (read from the outbox) holds the activation link, and its button creates
 * the account and signs in.
 */
import type { HttpClient } from "./http";
import { location } from "./http";
import { outboxMessages } from "./store-snapshot";

/** The path of the newest activation link sent to `email` (undefined: none was sent). */
export async function signUpLink(
  dataDirs: string | readonly string[],
  email: string,
): Promise<string | undefined> {
  const messages = await outboxMessages(typeof dataDirs === "string" ? [dataDirs] : dataDirs);
  const link = messages
    .filter((m) => m.kind === "signUpConfirm" && m.to === email.trim().toLowerCase())
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .at(-1)
    ?.text.match(/\/signup\?confirm=[\w-]+/)?.[0];
  return link;
}

/**
 * Signs up and follows the activation link: the answer of the activation (a 302 to `redirectTo`
 * with the session cookie, on success). Throws when the form or the e-mail is not as expected.
 */
export async function signUp(
  client: HttpClient,
  dataDirs: string | readonly string[],
  form: { name: string; email: string; password: string; redirectTo?: string },
  headers: Record<string, string> = {},
): Promise<Response> {
  // The privacy page accepted, as the form requires.
  const sent = await client.post("/signup", { consent: "on", ...form }, headers);
  await sent.body?.cancel();
  if (sent.status !== 302 || location(sent) !== "/signup?sent") {
    throw new Error(`sign-up of ${form.email}: ${sent.status} ${location(sent)}`);
  }
  const link = await signUpLink(dataDirs, form.email);
  if (!link) throw new Error(`no activation link sent to ${form.email}`);
  return client.post(link, { intent: "confirm" }, headers);
}
