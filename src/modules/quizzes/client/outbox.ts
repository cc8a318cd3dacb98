import type { QuestionResponse } from "../../questions/shared/types.ts";

/**
 * The answers of an attempt kept in the browser (localStorage, written synchronously on every
 * change, so a crash or a reload loses nothing typed) and a queue that sends every answer the
 * server has not acknowledged yet. Each change of a slot takes the next sequence number; the
 * server keeps a save only if its number is greater than the stored one and replies with the
 * stored number, so resending after a cut, twice, or out of order is always safe.
 */
export type SaveStatus = "saved" | "saving" | "offline" | "error";
type Entry = { seq: number; response: QuestionResponse | null; acked: number };
type Send = (slot: number, seq: number, response: QuestionResponse | null) => Promise<{ seq: number }>;
/** a refusal that resending will not fix (time up, attempt submitted) */
export class FinalRefusal extends Error {}

export type Storage = Pick<globalThis.Storage, "getItem" | "setItem" | "removeItem">;

export class AttemptOutbox {
  private entries = new Map<number, Entry>();
  private inFlight = new Set<number>();
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  status: SaveStatus = "saved";
  error: unknown = null;
  /** changes with every answer and every status change: what a view compares to know it must render again */
  rev = 0;

  constructor(
    readonly attemptId: string,
    server: { slot: number; seq: number; response: QuestionResponse | null }[],
    private readonly send: Send,
    private readonly storage: Storage | null = typeof localStorage === "undefined" ? null : localStorage,
    private readonly isNetworkError: (e: unknown) => boolean = () => false,
    private readonly delayMs = 400,
  ) {
    const saved = this.read();
    for (const s of server) this.entries.set(s.slot, { seq: s.seq, response: s.response, acked: s.seq });
    // what this browser holds beyond what the server acknowledged is sent again
    for (const [slot, e] of saved) {
      const known = this.entries.get(slot);
      if (!known || e.seq > known.seq) this.entries.set(slot, { ...e, acked: known?.seq ?? 0 });
    }
    this.write();
    this.status = this.pending() ? "saving" : "saved";
  }

  private get key() {
    return `archipel.quiz.${this.attemptId}`;
  }
  private read(): Map<number, Entry> {
    try {
      const raw = this.storage?.getItem(this.key);
      return new Map(raw ? (JSON.parse(raw) as [number, Entry][]) : []);
    } catch {
      return new Map();
    }
  }
  private write() {
    try {
      this.storage?.setItem(this.key, JSON.stringify([...this.entries]));
    } catch {
      // storage full or refused: the queue still holds the answers in memory
    }
  }
  private emit() {
    this.rev++;
    for (const l of this.listeners) l();
  }
  subscribe(l: () => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  response(slot: number) {
    return this.entries.get(slot)?.response ?? null;
  }
  /** answers not yet acknowledged by the server */
  pending() {
    return [...this.entries.values()].filter((e) => e.seq > e.acked).length;
  }

  set(slot: number, response: QuestionResponse | null) {
    const e = this.entries.get(slot) ?? { seq: 0, response: null, acked: 0 };
    this.entries.set(slot, { seq: Math.max(e.seq, e.acked) + 1, response, acked: e.acked });
    this.write();
    if (this.status !== "error") this.status = this.status === "offline" ? "offline" : "saving";
    this.emit();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Sends every unacknowledged answer; resolves when they are all acknowledged (or the network is down). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    const todo = [...this.entries].filter(([slot, e]) => e.seq > e.acked && !this.inFlight.has(slot));
    if (todo.length === 0) {
      if (this.inFlight.size === 0 && this.status !== "error") this.setStatus(this.pending() ? "offline" : "saved");
      return;
    }
    if (this.status !== "error") this.setStatus("saving");
    let offline = false;
    await Promise.all(
      todo.map(async ([slot, e]) => {
        this.inFlight.add(slot);
        const seq = e.seq;
        try {
          const r = await this.send(slot, seq, e.response);
          const cur = this.entries.get(slot)!;
          cur.acked = Math.max(cur.acked, Math.min(r.seq, cur.seq));
          // the server holds a newer save (another tab): it wins
          if (r.seq > cur.seq) cur.seq = cur.acked = r.seq;
          this.write();
        } catch (err) {
          if (this.isNetworkError(err)) offline = true;
          else {
            this.error = err;
            this.status = "error";
          }
        } finally {
          this.inFlight.delete(slot);
        }
      }),
    );
    if (this.status === "error") return this.emit();
    if (offline) return this.setStatus("offline");
    // changes made while saving go out now
    if (this.pending()) return this.flush();
    this.setStatus("saved");
  }

  private setStatus(s: SaveStatus) {
    this.status = s;
    this.emit();
  }

  /** The attempt is over: the browser's copy is no longer needed. */
  forget() {
    clearTimeout(this.timer);
    this.storage?.removeItem(this.key);
  }
}
