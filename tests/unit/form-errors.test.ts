/**
 * The one form pattern's server half: a form parsed with Conform keeps the project's translated
 * messages, and every refusal of the domain becomes an answer in one place (replyWithError).
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DomainError, isDomainError } from "../../core/errors";
import { EmailTakenError } from "../../core/models/user.server";
import { GroupRuleError } from "../../core/models/group.server";
import { IdentifyingLabelError } from "../../core/models/report.server";
import { MeetingNotStartedError } from "../../core/models/meeting.server";
import { EvaluationClosedError } from "../../core/models/evaluation.server";
import { NotYourEntryError } from "../../core/models/hour-bank.server";
import { CodevError } from "../../core/models/codev.server";
import { InvitationError } from "../../core/models/invitation.server";
import { NotFoundError } from "../../core/store";
import { signupSchema } from "../../core/schemas/auth";
import { hourEntrySchema } from "../../core/schemas/hours";
import { eventFormSchema } from "../../core/schemas/event";
import { numberField } from "../../core/schemas/fields";
import { translate, type Locale } from "../../core/i18n";
import type { FieldError } from "../../core/schemas/forms";
import { replyWithError } from "../../app/utils/errors.server";
import { parseFormData, parseSubmission, refuse } from "../../app/utils/forms.server";
import type { Reply } from "../../app/utils/forms";

function form(fields: Record<string, string | string[]>) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of [value].flat()) body.append(name, v);
  }
  return body;
}

function post(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request("http://localhost/signup", {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { Cookie: "maillage_lang=fr", ...headers },
  });
}

/** What a `data(…)` answer carries. */
function answer(value: unknown): { data: Reply & { violations?: unknown }; status: number } {
  const { data, init } = value as { data: Reply; init: ResponseInit | null };
  return { data, status: init?.status ?? 200 };
}

async function thrown(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("nothing thrown");
}

const signup = () =>
  parseFormData(
    form({
      name: "Anne",
      email: "anne@exemple.org",
      password: "un-long-secret",
      consent: "on",
      _submission: "k",
    }),
    signupSchema,
  );

describe("parseSubmission", () => {
  it("gives each field its translated message key, 'required' for an empty field", () => {
    const submission = parseFormData(
      form({ name: "", email: "pas-un-courriel", password: "court" }),
      signupSchema,
    );
    expect(submission.status).toBe("error");
    const { data, status } = answer(refuse(submission));
    expect(status).toBe(400);
    expect(data.error).toEqual({
      name: [{ key: "errors.required", params: { min: 1 } }],
      email: [{ key: "errors.email" }],
      password: [{ key: "errors.tooShort", params: { min: 10 } }],
      consent: [{ key: "errors.privacyConsentRequired" }],
    });
    // The values come back to refill the form, never the password.
    expect(data.initialValue).toEqual({ email: "pas-un-courriel" });
  });

  it("shows an error inside a list next to the list too", () => {
    const schema = z.object({ needs: z.array(z.object({ tag: z.string().min(1) })) });
    const submission = parseFormData(form({ "needs[0].tag": "" }), schema);
    const { data } = answer(refuse(submission));
    expect(data.error?.["needs[0].tag"]).toEqual([{ key: "errors.required" }]);
    expect(data.error?.needs).toEqual([{ key: "errors.required" }]);
  });

  it("ignores a forged Conform intent instead of failing", () => {
    const body = form({
      name: "Anne",
      email: "anne@exemple.org",
      password: "un-long-secret",
      consent: "on",
    });
    body.append("__intent__", "{not json");
    body.append("__state__", "{not json");
    expect(parseFormData(body, signupSchema).status).toBe("success");
  });

  it("answers a body over the limit with a 413", async () => {
    const error = await thrown(() =>
      parseSubmission(post({ name: "x".repeat(2000) }), signupSchema, { maxBytes: 1000 }),
    );
    expect(error).toBeInstanceOf(Response);
    expect((error as Response).status).toBe(413);
  });
});

describe("a number out of its bounds", () => {
  /** The message shown next to `field` once `fields` are sent to `schema`, in each language. */
  function shown(
    schema: Parameters<typeof parseFormData>[1],
    fields: Record<string, string>,
    field: string,
  ) {
    const { data } = answer(refuse(parseFormData(form(fields), schema)));
    const [error] = (data.error?.[field] ?? []) as FieldError[];
    expect(error, JSON.stringify(data.error)).toBeDefined();
    const say = (locale: Locale) => translate(locale, error!.key, error!.params);
    return { fr: say("fr"), en: say("en") };
  }
  const hours = (value: string) =>
    shown(
      hourEntrySchema,
      { intent: "add", kind: "meeting", hours: value, date: "2026-12-01" },
      "hours",
    );

  it("names both bounds, decimals written the French way in French", () => {
    const message = {
      fr: "Entrez un nombre entre 0,25 et 12.",
      en: "Enter a number between 0.25 and 12.",
    };
    expect(hours("-1")).toEqual(message);
    expect(hours("25")).toEqual(message);
    expect(hours("0,1")).toEqual(message);
  });

  it("says a whole number is asked, with its bounds, where one is", () => {
    const rounds = (value: string) => shown(eventFormSchema, { rounds: value }, "rounds");
    const message = {
      fr: "Entrez un nombre entier entre 1 et 20.",
      en: "Enter a whole number between 1 and 20.",
    };
    expect(rounds("0")).toEqual(message);
    expect(rounds("21")).toEqual(message);
    expect(rounds("2,5")).toEqual(message);
  });

  it("keeps “Enter a number” for what is not a number at all", () => {
    expect(hours("beaucoup")).toEqual({ fr: "Entrez un nombre.", en: "Enter a number." });
  });

  it("names the one bound there is, thousands written for the language", () => {
    const schema = z.object({
      atLeast: numberField(1, Infinity, false),
      atMost: numberField(-Infinity, 1500.5, false),
      wholeAtLeast: numberField(2, Infinity),
    });
    const sent = { atLeast: "0,5", atMost: "2000", wholeAtLeast: "1" };
    expect(shown(schema, sent, "atLeast")).toEqual({
      fr: "Entrez un nombre égal ou supérieur à 1.",
      en: "Enter a number of 1 or more.",
    });
    const atMost = shown(schema, sent, "atMost");
    expect(atMost.fr).toMatch(/^Entrez un nombre égal ou inférieur à 1\s500,5\.$/);
    expect(atMost.en).toBe("Enter a number of 1,500.5 or less.");
    expect(shown(schema, sent, "wholeAtLeast")).toEqual({
      fr: "Entrez un nombre entier égal ou supérieur à 2.",
      en: "Enter a whole number of 2 or more.",
    });
  });
});

describe("a list with too many choices", () => {
  it("says how many may be chosen, not a number to enter", () => {
    const schema = z.object({ expertise: z.array(z.string()).max(2) });
    const { data } = answer(
      refuse(parseFormData(form({ expertise: ["a", "b", "c"] }), schema, { lists: ["expertise"] })),
    );
    const [error] = (data.error?.expertise ?? []) as FieldError[];
    expect(translate("fr", error!.key, error!.params)).toBe("Choisissez au plus 2 éléments.");
    expect(translate("en", error!.key, error!.params)).toBe("Choose at most 2 items.");
  });
});

describe("replyWithError: every refusal of the domain mapped in one place", () => {
  const request = post({});

  it("recognises its errors by brand, not by class identity", () => {
    expect(isDomainError(new EmailTakenError())).toBe(true);
    // Another bundle's copy of the class: the same shape, another prototype.
    const copy = Object.assign(new Error("x"), { ...new StaleCopy() });
    expect(isDomainError(copy)).toBe(true);
    expect(isDomainError(new Error("email-taken"))).toBe(false);
    expect(isDomainError({ code: "x", status: 400 })).toBe(false);
  });

  it("puts a field's refusal next to its field, with its status", () => {
    const { data, status } = answer(replyWithError(request, signup(), new EmailTakenError()));
    expect(status).toBe(400);
    expect(data.status).toBe("error");
    expect(data.error?.email).toEqual([{ key: "auth.signUp.emailTaken" }]);
    expect(data.initialValue).toEqual({ name: "Anne", email: "anne@exemple.org", consent: "on" });
  });

  it("lets a page reword a code", () => {
    const { data } = answer(
      replyWithError(request, signup(), new EmailTakenError(), {
        messages: { "email-taken": "auth.signUp.emailTakenSignIn" },
      }),
    );
    expect(data.error?.email).toEqual([{ key: "auth.signUp.emailTakenSignIn" }]);
  });

  it("puts a refusal without a field at the top of the form", () => {
    const { data, status } = answer(replyWithError(request, signup(), new EvaluationClosedError()));
    expect(status).toBe(409);
    expect(data.error?.[""]).toEqual([{ key: "errors.evaluationClosed" }]);
    const invitation = answer(replyWithError(request, signup(), new InvitationError("used")));
    expect(invitation.status).toBe(400);
    expect(invitation.data.error?.[""]).toEqual([{ key: "invitations.join.used" }]);
  });

  it("writes the instants a message names in the reader's language and Quebec time", () => {
    const { data } = answer(
      replyWithError(request, signup(), new MeetingNotStartedError("2026-12-24T23:30:00.000Z")),
    );
    expect(data.error?.status).toEqual([
      { key: "errors.meetingNotStarted", params: { date: expect.stringContaining("24 décembre") } },
    ]);
    expect(String(data.error?.status?.[0]?.params?.date)).toMatch(/18\u00a0h\u00a030/);
  });

  it("refills what the error says instead of what was sent", () => {
    const { data } = answer(
      replyWithError(request, signup(), new IdentifyingLabelError("Groupe de ███")),
    );
    expect(data.error?.label).toEqual([{ key: "errors.reportLabelIdentifies" }]);
    expect(data.initialValue?.label).toBe("Groupe de ███");
  });

  it("answers broken group rules with their list", () => {
    const violations = [{ code: "same-organization", names: ["Anne", "Marc"] }];
    const { data, status } = answer(
      replyWithError(request, null, new GroupRuleError("violations", violations)),
    );
    expect(status).toBe(409);
    expect(data.violations).toEqual(violations);
    const bare = answer(replyWithError(request, null, new GroupRuleError("already-formed")));
    expect(bare.data.violations).toEqual([{ code: "already-formed", names: [] }]);
  });

  it("answers 'not found' with a 404, the domain's and the store's alike", () => {
    for (const error of [
      new NotYourEntryError(),
      new CodevError("not_found", "errors.live.notFound"),
      new NotFoundError("groups", "g1"),
    ]) {
      let answered: unknown;
      try {
        replyWithError(request, signup(), error);
      } catch (e) {
        answered = e;
      }
      expect(answered, error.name).toBeInstanceOf(Response);
      expect((answered as Response).status, error.name).toBe(404);
    }
  });

  it("throws anything else again", () => {
    const bug = new TypeError("a bug");
    expect(() => replyWithError(request, signup(), bug)).toThrow(bug);
  });

  it("answers a form without fields with the message alone", () => {
    const { data, status } = answer(replyWithError(request, null, new EvaluationClosedError()));
    expect(status).toBe(409);
    expect(data.error).toEqual({ "": [{ key: "errors.evaluationClosed" }] });
  });
});

/** Stands for the other bundle's copy of a DomainError subclass. */
class StaleCopy extends DomainError {
  constructor() {
    super({ name: "StaleAgreementError", code: "stale-agreement", messageKey: "agreement.stale" });
  }
}
