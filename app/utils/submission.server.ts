/**
 * One effect per submission. Every route action runs in one store transaction, so that what it
 * writes commits together and its effects (e-mails, audit lines) follow the commit. A form that
 * carries a submission key (app/components/AppForm.tsx) is also recorded in the `submissions`
 * collection in that transaction: a repeat of it (a double click, a retry, a resent form), even one
 * that arrives while the first is still being handled, waits for it and gets its answer — the same
 * redirect or the same data — without a second effect. Applied to the whole Remix build
 * (server/index.ts), like the full-disk page, so no route can forget it. The store is the request's
 * (its load context's services).
 */
import { createHash } from "node:crypto";
import { data, redirect, type ServerBuild } from "@remix-run/node";
import type { AppLoadContext } from "../context";
import {
  findSubmission,
  recordSubmission,
  type Submission,
  type SubmissionOutcome,
} from "../../core/models/submission.server";
import { MAX_FORM_BYTES, readFormDataWithin } from "../../core/utils/forms";
import { z } from "zod";
import { SUBMISSION_FIELD } from "./submission";
import { MAX_UPLOAD_BYTES } from "./upload.server";

type Action = (args: { request: Request; context: AppLoadContext }) => unknown;

/** The largest action answer kept for a repeat; a larger one is replayed without its data. */
const MAX_DATA_CHARS = 20_000;

/**
 * What a key looks like: the seed, the history entry's key and React's id for the form. Anything
 * else is ignored (the form is handled, without the repeat protection).
 */
const submissionKeySchema = z.string().regex(/^[\w-]{8,64}\.[\w-]{1,64}\.[\w:«»-]{1,32}$/u);

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i;

/** The key a form carries, read from a copy of the request (the action reads the original). */
async function submissionKey(request: Request): Promise<string | undefined> {
  if (!FORM_TYPES.test(request.headers.get("content-type") ?? "")) return undefined;
  const multipart = /^multipart/i.test(request.headers.get("content-type") ?? "");
  const form = await readFormDataWithin(
    request.clone(),
    multipart ? MAX_UPLOAD_BYTES + 64 * 1024 : MAX_FORM_BYTES,
  );
  const key = form?.get(SUBMISSION_FIELD);
  const parsed = submissionKeySchema.safeParse(key);
  return parsed.success ? parsed.data : undefined;
}

/** Who sent it (the browser's session cookie; none for a visitor), where, and the key. */
function recordId(request: Request, key: string) {
  const { pathname, search } = new URL(request.url);
  const session = /(?:^|;\s*)maillage_session=([^;]*)/.exec(request.headers.get("cookie") ?? "");
  const digest = createHash("sha256")
    .update(`${session?.[1] ?? ""}\u0000${pathname}${search}\u0000${key}`)
    .digest();
  return `sub-${digest.toString("base64url")}`;
}

function isDataWithInit(value: unknown): value is { data: unknown; init: ResponseInit | null } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { type?: unknown }).type === "DataWithResponseInit"
  );
}

function asJson(value: unknown): string | undefined {
  try {
    const text = JSON.stringify(value ?? null);
    return text.length <= MAX_DATA_CHARS ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether an answer sets a cookie (signing in or out, choosing the language): such an answer
 * cannot be given again without storing the cookie, so its submission is not recorded.
 */
function setsCookie(result: unknown): boolean {
  if (result instanceof Response) return result.headers.has("Set-Cookie");
  if (isDataWithInit(result)) return new Headers(result.init?.headers).has("Set-Cookie");
  return false;
}

/** What a successful answer was, to give a repeat the same; undefined for a refusal. */
async function outcomeOf(result: unknown): Promise<SubmissionOutcome> {
  if (result instanceof Response) {
    const location = result.headers.get("Location") ?? undefined;
    if (result.status >= 300 && result.status < 400) return { status: result.status, location };
    let text: string | undefined;
    if (/json/.test(result.headers.get("content-type") ?? "")) {
      text = await result
        .clone()
        .text()
        .catch(() => undefined);
    }
    return {
      status: result.status,
      data: text && text.length <= MAX_DATA_CHARS ? text : undefined,
    };
  }
  if (isDataWithInit(result))
    return { status: result.init?.status ?? 200, data: asJson(result.data) };
  return { status: 200, data: asJson(result) };
}

/** The first answer again. */
function replay(submission: Submission): unknown {
  if (submission.location) return redirect(submission.location, submission.status);
  const value: unknown = submission.data === undefined ? null : JSON.parse(submission.data);
  return submission.status === 200 ? value : data(value, { status: submission.status });
}

const succeeded = (status: number) => status >= 200 && status < 400;

/** An action that runs in one transaction and has one effect per submission key. */
export function oncePerSubmission(action: Action): Action {
  return async (args) => {
    const { request } = args;
    if (request.method === "GET" || request.method === "HEAD") return action(args);
    const key = await submissionKey(request);
    const store = args.context.services.store;
    let thrown: Response | undefined;
    const result = await store.transaction(async (tx) => {
      const id = key ? recordId(request, key) : undefined;
      const done = id ? await findSubmission(tx, id) : undefined;
      if (done) return replay(done);
      let answer: unknown;
      try {
        answer = await action(args);
      } catch (error) {
        // A thrown redirect is a success (Remix actions often `throw redirect(…)`); anything else
        // rolls the transaction back.
        if (!(error instanceof Response) || error.status < 300 || error.status >= 400) throw error;
        thrown = error;
      }
      if (id && !setsCookie(thrown ?? answer)) {
        const outcome = await outcomeOf(thrown ?? answer);
        if (succeeded(outcome.status))
          await recordSubmission(tx, id, new URL(request.url).pathname, outcome);
      }
      return answer;
    });
    if (thrown) throw thrown;
    return result;
  };
}

/** The same build, with every route's action running once per submission. */
export function withSubmissionLedger(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    if (!route) continue;
    const module = { ...route.module };
    if (module.action)
      module.action = oncePerSubmission(module.action as Action) as typeof module.action;
    routes[id] = { ...route, module };
  }
  return { ...build, routes };
}
