import type { FastifyInstance } from "fastify";
import type { Kysely, Migration } from "kysely";
import type { Config } from "../server/config.ts";
import type { ActorCache } from "./auth/actor-cache.ts";
import type { SessionCache } from "./auth/session-cache.ts";
import type { Bus } from "./bus.ts";
import type { Database } from "./db/database.ts";
import type { DB } from "./db/schema.ts";
import type { EventRecorder, LearningEvent } from "./events/recorder.ts";
import type { Mailer } from "./mail.ts";

/** What the composition root hands every module. */
export type Kernel = {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  bus: Bus;
  /** roles and profiles of signed-in people, cached per node; `actors.changed(...)` after changing them */
  actors: ActorCache;
  /** sessions by cookie, cached per node; `sessions.ended(...)` after ending any */
  sessions: SessionCache;
  mailer: Mailer;
  events: EventRecorder;
  record: (e: LearningEvent) => void;
};

/** A feature module: its migrations and its Fastify plugin. */
export type Module = {
  name: string;
  migrations: Record<string, Migration>;
  register(app: FastifyInstance, kernel: Kernel): void | Promise<void>;
};
