import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import { newId } from "../ids.ts";

export type LearningEvent = {
  tenantId: string;
  actorId: string | null;
  /** what happened: signed-in, viewed, completed, answered, posted... */
  verb: string;
  objectType: string;
  objectId?: string | null;
  context?: Record<string, unknown>;
};

/**
 * The one function every module calls to record what people do. Events are appended in batches
 * (every second or every 500 events) so the request path only pushes to an array; a clean stop
 * flushes what is pending. A crash can lose at most the last second of events: acceptable for
 * usage traces, which are never the record of a grade or an answer.
 */
export class EventRecorder {
  private pending: (LearningEvent & { id: string; at: Date })[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly onError: (e: unknown) => void,
    private readonly delayMs = 1000,
  ) {}

  record(e: LearningEvent) {
    this.pending.push({ ...e, id: newId(), at: new Date() });
    if (this.pending.length >= 500) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
  }

  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending.splice(0);
    if (batch.length === 0) return this.flushing;
    this.flushing = this.flushing.then(() =>
      this.db
        .insertInto("events")
        .values(
          batch.map((e) => ({
            tenant_id: e.tenantId,
            id: e.id,
            actor_id: e.actorId,
            verb: e.verb,
            object_type: e.objectType,
            object_id: e.objectId ?? null,
            context: JSON.stringify(e.context ?? {}),
            at: e.at,
          })),
        )
        .execute()
        .then(() => undefined, this.onError),
    );
    return this.flushing;
  }
}
