import { describe, expect, it } from "vitest";
import { AttemptOutbox, type Storage } from "./outbox.ts";

class MemoryStorage implements Storage {
  m = new Map<string, string>();
  getItem = (k: string) => this.m.get(k) ?? null;
  setItem = (k: string, v: string) => void this.m.set(k, v);
  removeItem = (k: string) => void this.m.delete(k);
}
const net = new Error("network");
const short = (text: string) => ({ type: "short" as const, text });

describe("attempt outbox", () => {
  it("keeps answers given offline in the browser, and sends them after a reload once back online", async () => {
    const storage = new MemoryStorage();
    let online = true;
    const server = new Map<number, { seq: number; text: string }>();
    const send = async (slot: number, seq: number, r: unknown) => {
      if (!online) throw net;
      const cur = server.get(slot);
      if (!cur || cur.seq < seq) server.set(slot, { seq, text: (r as { text: string }).text });
      return { seq: server.get(slot)!.seq };
    };
    const a = new AttemptOutbox("att", [], send, storage, (e) => e === net, 0);
    const seen: number[] = [];
    a.subscribe(() => seen.push(a.rev));
    a.set(0, short("avant"));
    a.set(0, short("avant!"));
    // every change is a new snapshot for the view, even when the status and the count stay the same
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBeGreaterThan(seen[0]);
    await a.flush();
    expect(a.status).toBe("saved");
    online = false;
    a.set(0, short("pendant"));
    a.set(1, short("autre"));
    await a.flush();
    expect(a.status).toBe("offline");
    expect(a.pending()).toBe(2);
    // the tab is reloaded while offline: the server still has the first answer only
    const b = new AttemptOutbox("att", [{ slot: 0, seq: 2, response: short("avant!") }], send, storage, (e) => e === net, 0);
    expect(b.response(0)).toEqual(short("pendant"));
    expect(b.pending()).toBe(2);
    online = true;
    await b.flush();
    expect(b.status).toBe("saved");
    expect(server.get(0)).toEqual({ seq: 3, text: "pendant" });
    expect(server.get(1)).toEqual({ seq: 1, text: "autre" });
    // a new change after reload takes a number above the acknowledged one
    b.set(0, short("après"));
    await b.flush();
    expect(server.get(0)).toEqual({ seq: 4, text: "après" });
  });

  it("stops on a final refusal and takes the server's newer save", async () => {
    const storage = new MemoryStorage();
    const a = new AttemptOutbox(
      "x",
      [{ slot: 0, seq: 5, response: short("serveur") }],
      async () => ({ seq: 9 }),
      storage,
      () => false,
      0,
    );
    a.set(0, short("ici"));
    await a.flush();
    expect(a.pending()).toBe(0);
    const refused = new AttemptOutbox(
      "y",
      [],
      async () => Promise.reject(new Error("time up")),
      storage,
      () => false,
      0,
    );
    refused.set(0, short("trop tard"));
    await refused.flush();
    expect(refused.status).toBe("error");
  });
});
