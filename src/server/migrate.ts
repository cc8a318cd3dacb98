import { loadConfig } from "./config.ts";
import { allModules } from "./modules.ts";
import { openDatabase } from "./open-database.ts";

/** `npm run migrate`: applies pending migrations and exits (start does the same). */
const config = loadConfig();
const db = await openDatabase(config, allModules().modules);
console.log("Migrations applied.");
await db.close();
