import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { HttpClient } from "./tests/helpers/http";
const child = spawn(process.execPath, ["build/node/index.js"], { env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: "0", DATA_DIR: "/tmp/scale-data", SESSION_SECRET: "x".repeat(48) }, stdio: ["ignore", "pipe", "inherit"] });
let out = "";
const url = await new Promise<string>((res) => child.stdout!.on("data", (c: Buffer) => { out += c; const m = /ready: (http:\/\/127\.0\.0\.1:\d+)/.exec(out); if (m) res(m[1]!); }));
const c = new HttpClient(url); await c.signIn(process.argv[2]!);
for (const [i, path] of process.argv.slice(3).entries()) writeFileSync(`/tmp/page${i}.html`, await (await c.get(path)).text());
child.kill();
