import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LowStore } from "../../core/store/lowdb-store";
import { documentSchema, emptyDocument, SCHEMA_VERSION } from "../../core/store/schema";
import { StoreLoadError, StoreValidationError } from "../../core/store/types";
import { makeTempDir, removeDir, ROOT } from "../helpers/server";

const dirs: string[] = [];
async function tempDir() {
  const dir = await makeTempDir("maillage-store-");
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir));
});

const org = (id: string) => ({
  id,
  name: `Organisme ${id}`,
  region: "01",
  mrc: "10",
  competitorIds: [],
  createdAt: new Date("2026-01-01T00:00:00Z").toISOString(),
});

async function openEmpty(dir: string) {
  return LowStore.open({ dataDir: dir, seed: () => emptyDocument() });
}

describe("the lowdb store", () => {
  it("rejects an invalid record with the zod path and stores nothing", async () => {
    const dir = await tempDir();
    const store = await openEmpty(dir);
    await store.insert("organizations", org("a"));
    const before = await readFile(join(dir, "maillage.json"), "utf8");
    const error = await store
      .insert("users", {
        id: "u1",
        email: "pas-un-courriel",
        name: "X",
        role: "participant",
        passwordHash: "scrypt$x",
        locale: "fr",
        createdAt: new Date().toISOString(),
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreValidationError);
    expect((error as StoreValidationError).path).toBe("users[0].email");
    const badUpdate = await store
      .update("organizations", "a", { region: "quebec" })
      .catch((e: unknown) => e);
    expect((badUpdate as StoreValidationError).path).toBe("organizations[0].region");
    expect(await readFile(join(dir, "maillage.json"), "utf8")).toBe(before);
    expect(await store.find("users")).toEqual([]);
  });

  it("hands out records that cannot be changed except through update()", async () => {
    const dir = await tempDir();
    const store = await openEmpty(dir);
    await store.insert("organizations", { ...org("a"), competitorIds: ["b"] });
    const read = (await store.get("organizations", "a"))!;
    expect(() => {
      read.name = "Changé en douce";
    }).toThrow(TypeError);
    expect(() => read.competitorIds.push("c")).toThrow(TypeError);
    expect((await store.find("organizations"))[0]!.name).toBe("Organisme a");
    // The store's own way still works, and the new version is frozen too.
    await store.update("organizations", "a", { name: "Nouveau nom" });
    const updated = (await store.get("organizations", "a"))!;
    expect(updated.name).toBe("Nouveau nom");
    expect(Object.isFrozen(updated.competitorIds)).toBe(true);
    // A reopened file is frozen as well.
    await store.close();
    const reopened = await openEmpty(dir);
    expect(Object.isFrozen(await reopened.get("organizations", "a"))).toBe(true);
  });

  it("keeps a failed transaction's writes out of memory and off the disk", async () => {
    const dir = await tempDir();
    const store = await openEmpty(dir);
    await expect(
      store.transaction(async (tx) => {
        await tx.insert("organizations", org("a"));
        await tx.insert("organizations", org("b"));
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await store.find("organizations")).toEqual([]);
    const onDisk = documentSchema.parse(
      JSON.parse(await readFile(join(dir, "maillage.json"), "utf8")),
    );
    expect(onDisk.organizations).toEqual([]);
  });

  it("loses no update when 200 read-modify-write transactions run at once", async () => {
    const dir = await tempDir();
    const store = await openEmpty(dir);
    await store.insert("organizations", org("hub"));
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        store.transaction(async (tx) => {
          const hub = await tx.get("organizations", "hub");
          await new Promise((r) => setTimeout(r, Math.random() * 2));
          await tx.update("organizations", "hub", {
            competitorIds: [...hub!.competitorIds, `c${i}`],
          });
        }),
      ),
    );
    const hub = await store.get("organizations", "hub");
    expect(hub!.competitorIds).toHaveLength(200);
    await store.close();
    const reopened = await openEmpty(dir);
    expect((await reopened.get("organizations", "hub"))!.competitorIds).toHaveLength(200);
  });

  it("joins a transaction opened inside another one", async () => {
    const store = await openEmpty(await tempDir());
    await store.transaction(async () => {
      await store.transaction(async (inner) => inner.insert("organizations", org("inner")));
      await store.insert("organizations", org("outer"));
    });
    expect((await store.find("organizations")).map((o) => o.id)).toEqual(["inner", "outer"]);
  });

  it("refuses a corrupted file, naming it, and leaves it intact", async () => {
    const dir = await tempDir();
    const file = join(dir, "maillage.json");
    await writeFile(file, '{"schemaVersion": 1, "users": [');
    const error = await openEmpty(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLoadError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain("not valid JSON");
    expect(await readFile(file, "utf8")).toBe('{"schemaVersion": 1, "users": [');
  });

  it("refuses an invalid document, naming the first invalid path", async () => {
    const dir = await tempDir();
    const file = join(dir, "maillage.json");
    const doc = { ...emptyDocument(), organizations: [org("a"), { ...org("b"), mrc: "x" }] };
    const text = JSON.stringify(doc);
    await writeFile(file, text);
    const error = await openEmpty(dir).catch((e: unknown) => e);
    expect((error as Error).message).toContain("organizations[1].mrc");
    expect(await readFile(file, "utf8")).toBe(text);
  });

  it("refuses a file written by a newer version", async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, "maillage.json"),
      JSON.stringify({ ...emptyDocument(), schemaVersion: SCHEMA_VERSION + 1 }),
    );
    await expect(openEmpty(dir)).rejects.toThrow(/newer than this Maillage/);
  });

  it("leaves a readable, valid file when killed with SIGKILL in a stream of writes", async () => {
    const dir = await tempDir();
    const file = join(dir, "maillage.json");
    let lastCount = 0;
    for (let run = 0; run < 5; run++) {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "tests/fixtures/write-stream.ts", dir],
        {
          cwd: ROOT,
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
        child.once("exit", (code) => reject(new Error(`writer exited early with ${code}`)));
      });
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 400));
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
      const doc = documentSchema.parse(JSON.parse(await readFile(file, "utf8")));
      expect(doc.organizations.length).toBeGreaterThan(lastCount);
      lastCount = doc.organizations.length;
    }
  }, 60_000);
});
