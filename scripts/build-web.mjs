// Builds the web client into dist/web with Vite. `--if-stale` skips the build when dist/web is
// newer than every source file of the client (so `npm start` stays fast after the first run).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const newest = (dir) => {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
};

const out = "dist/web/index.html";
if (process.argv.includes("--if-stale") && existsSync(out)) {
  const sources = Math.max(newest("src"), newest("locales"), statSync("vite.config.ts").mtimeMs, statSync("index.html").mtimeMs);
  if (statSync(out).mtimeMs > sources) process.exit(0);
}
console.log("Building the web client…");
const r = spawnSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "--logLevel", "warn"], { stdio: "inherit" });
process.exit(r.status ?? 1);
