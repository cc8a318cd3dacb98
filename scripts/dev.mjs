// `npm run dev`: the API server restarting on change (node --watch) and Vite's dev server with
// hot reload on http://localhost:5173, which proxies /api to the server on PORT (3000).
import { spawn } from "node:child_process";

const procs = [
  spawn(process.execPath, ["--watch-path=src", "--watch-path=locales", "--import", "tsx", "src/server/main.ts"], { stdio: "inherit", env: { NODE_ENV: "development", ...process.env } }),
  spawn(process.execPath, ["node_modules/vite/bin/vite.js", "--port", "5173"], { stdio: "inherit" }),
];
const stop = () => {
  for (const p of procs) p.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const p of procs) p.on("exit", (code) => code && stop());
