import { ActorCache } from "../kernel/auth/actor-cache.ts";
import { SessionCache } from "../kernel/auth/session-cache.ts";
import { type Bus, localBus, redisBus } from "../kernel/bus.ts";
import type { Database } from "../kernel/db/database.ts";
import { EventRecorder } from "../kernel/events/recorder.ts";
import { Mailer } from "../kernel/mail.ts";
import type { Kernel } from "../kernel/module.ts";
import type { Config } from "./config.ts";

export function createKernel(config: Config, database: Database, log: (msg: string, e?: unknown) => void): Kernel {
  // one deployment's nodes share a database: its identity keeps other deployments on the same Redis apart
  const bus: Bus = config.REDIS_URL ? redisBus(config.REDIS_URL, `archipel:${database.identity}:`) : localBus();
  const events = new EventRecorder(database.db, (e) => log("could not record events", e));
  return {
    config,
    database,
    db: database.db,
    bus,
    actors: new ActorCache(bus),
    sessions: new SessionCache(bus),
    mailer: new Mailer(database.db, config.SMTP_URL, config.MAIL_FROM),
    events,
    record: (e) => events.record(e),
  };
}
