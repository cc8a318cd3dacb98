// `npm test`: builds the web client when needed (browser tests use it), then runs every test
// project; the last line printed is `N passed, N failed` (test/reporter.ts).
import { spawnSync } from "node:child_process";

const build = spawnSync(process.execPath, ["scripts/build-web.mjs", "--if-stale"], { stdio: "inherit" });
if (build.status !== 0) {
  console.log("\n0 passed, 1 failed");
  process.exit(1);
}
const args = ["node_modules/vitest/vitest.mjs", "run", ...process.argv.slice(2)];
const r = spawnSync(process.execPath, args, { stdio: "inherit", env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --no-warnings`.trim() } });
process.exit(r.status ?? 1);
