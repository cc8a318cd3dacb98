// The README's "Settings" table, from src/server/config.ts (settingsDoc and the defaults loadConfig
// gives an empty environment). `node --import tsx scripts/settings-table.mjs` prints it; with
// `--write` it replaces the table between the settings markers of README.md.
import { readFileSync, writeFileSync } from "node:fs";
import { loadConfig, settingsDoc } from "../src/server/config.ts";

// settings config.ts leaves undescribed
const NOTES = { LOG_LEVEL: "server log level: fatal, error, warn, info, debug, trace or silent", NODE_ENV: "accepted; the server does not use it today" };

const defaults = loadConfig({});
const cell = (s) => String(s).replace(/\|/g, "\\|");
const table = [
  "| setting | default | what it does |",
  "|---|---|---|",
  ...settingsDoc.map(({ name, description }) => {
    const d = defaults[name];
    return `| \`${name}\` | ${d === undefined ? "unset" : `\`${cell(d)}\``} | ${cell(description || NOTES[name] || "")} |`;
  }),
].join("\n");

if (process.argv.includes("--write")) {
  const start = "<!-- settings:start -->";
  const end = "<!-- settings:end -->";
  const readme = readFileSync("README.md", "utf8");
  const [a, b] = [readme.indexOf(start), readme.indexOf(end)];
  if (a < 0 || b < a) throw new Error(`README.md has no ${start} … ${end} section`);
  writeFileSync("README.md", `${readme.slice(0, a + start.length)}\n${table}\n${readme.slice(b)}`);
} else console.log(table);
