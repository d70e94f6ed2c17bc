/**
 * The services (core/services/index.ts, docs/decisions/0018-services.md): the clock they carry is the
 * time models use; the address of links; and errors that come from another copy of the core — as
 * the store and the solver runner, made by the server bundle, do for the Remix build's models and
 * routes — are still recognized.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cancelSolve, latestRun, startSolve } from "../../core/models/formation.server";
import { createSessionRecord, SESSION_DAYS, sessionUserId } from "../../core/models/session.server";
import { SiteAddress } from "../../core/services";
import { isStoreError, NotFoundError, StoreValidationError } from "../../core/store/types";
import { DEMO_PROGRAM_ID } from "../../server/seeds/demo";
import { testServices, type TestServices } from "../helpers/services";

const opened: TestServices[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
});

describe("the services' clock", () => {
  it("dates a session and ends it SESSION_DAYS later, by the clock given, not the machine's", async () => {
    let now = new Date("2031-03-01T12:00:00.000Z");
    const s = await testServices({ clock: { now: () => now } });
    opened.push(s);
    const sid = await createSessionRecord(s, "u-marc");
    expect((await s.store.get("sessions", sid))?.createdAt).toBe("2031-03-01T12:00:00.000Z");
    now = new Date(now.getTime() + (SESSION_DAYS - 1) * 86_400_000);
    expect(await sessionUserId(s, sid)).toBe("u-marc");
    now = new Date(now.getTime() + 2 * 86_400_000);
    expect(await sessionUserId(s, sid)).toBeUndefined();
  });
});

describe("the address of links", () => {
  it("is PUBLIC_URL when set, else the address the server listens on, set once", () => {
    expect(new SiteAddress("https://maillage.exemple.org").url()).toBe(
      "https://maillage.exemple.org",
    );
    const own = new SiteAddress(undefined);
    own.listen("http://127.0.0.1:41234");
    expect(own.url()).toBe("http://127.0.0.1:41234");
    expect(() => own.listen("http://127.0.0.1:41235")).toThrow(/already listens/);
    const both = new SiteAddress("https://maillage.exemple.org");
    both.listen("http://127.0.0.1:41236");
    expect(both.url()).toBe("https://maillage.exemple.org");
  });
});

describe("errors from another copy of the core (the other bundle)", () => {
  it("are store errors by name, where instanceof fails", async () => {
    vi.resetModules();
    const other = await import("../../core/store/types");
    const notFound = new other.NotFoundError("groups", "grp-x");
    expect(notFound).not.toBeInstanceOf(NotFoundError);
    expect(isStoreError(notFound, "NotFoundError")).toBe(true);
    expect(isStoreError(notFound, "UniqueViolationError")).toBe(false);
    expect(isStoreError(new StoreValidationError("groups", "x", "y"), "NotFoundError")).toBe(false);
    expect(isStoreError(new Error("NotFoundError"), "NotFoundError")).toBe(false);
  });

  it("record a solve cancelled by a runner of the other copy as cancelled, not failed", async () => {
    // The server bundle's copy of the core makes the services and the solver runner; this file's
    // models are the Remix build's copy.
    vi.resetModules();
    const serverCopy = await import("../helpers/services");
    const { SolverCancelledError } = await import("../../core/solver/runner");
    const s: TestServices = await serverCopy.testServices({
      solver: () => {
        let cancel = () => {};
        const result = new Promise<never>((_, reject) => {
          cancel = () => reject(new SolverCancelledError());
        });
        return { result, cancel: () => cancel() };
      },
    });
    opened.push(s);
    const ended = new Promise<void>((resolve) =>
      s.solver.updates.on((_programId, update) => {
        if (update.done === true) resolve();
      }),
    );
    const program = (await s.store.get("programs", DEMO_PROGRAM_ID))!;
    const actor = { id: "u-coordination", name: "Coordination" };
    const run = await startSolve(s, program, actor);
    expect(await cancelSolve(s, program, actor)).toBe(true);
    await ended;
    expect(await latestRun(s, program.id)).toMatchObject({ id: run.id, status: "cancelled" });
  });
});
