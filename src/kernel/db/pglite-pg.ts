import { EventEmitter } from "node:events";
import type { PGlite } from "@electric-sql/pglite";
import { serialize } from "pg-protocol";
import type { BackendMessage } from "pg-protocol/dist/messages.js";
import { Parser } from "pg-protocol/dist/parser.js";

/**
 * node-postgres over an embedded PGlite, as `@electric-sql/pglite/node-postgres` does it, but one
 * call into PGlite per statement rather than per protocol message: pg writes a prepared
 * statement's Bind, Describe, Execute and Sync one by one, and each call into PGlite runs the
 * server's main loop, its file-system sync and a chain of promises. Here the messages wait until
 * pg's Sync (or Flush) and go in together, as they would in one TCP packet to a real server. They
 * are written, and the answers read, by pg's own serializer and parser, several times faster than
 * PGlite's copies of them.
 */
class PglitePgConnection extends EventEmitter {
  // read and written by pg's Client and Query
  _connecting = false;
  parsedStatements: Record<string, string> = {};
  submittedNamedStatements: Record<string, string> = {};
  stream = { destroy: () => this.end(), cork: () => {}, uncork: () => {} };
  #pglite: PGlite;
  #queue: Promise<unknown>;
  #pending: Uint8Array[] = [];
  #wantsMessages = false;
  #parser = new Parser();

  constructor(pglite: PGlite) {
    super();
    this.#pglite = pglite;
    this.#queue = pglite.waitReady;
    this.on("newListener", (name) => {
      if (name === "message") this.#wantsMessages = true;
    });
  }

  async connect() {
    this._connecting = true;
    await this.#pglite.waitReady;
    process.nextTick(() => this.emit("readyForQuery"));
  }

  /** Sends what is pending, in one call, after whatever was sent before. */
  #send() {
    const parts = this.#pending;
    if (parts.length === 0) return;
    this.#pending = [];
    const message = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    this.#queue = this.#queue.then(() => this.#exchange(message)).catch((e) => this.emit("error", e));
  }
  async #exchange(message: Uint8Array) {
    const results: BackendMessage[] = [];
    // PGlite hands out views of its own memory, reused by the next call: the parser may keep a
    // message's start until the rest comes, so it gets a copy
    const onRawData = (data: Uint8Array) => this.#parser.parse(Buffer.from(data), (m) => results.push(m));
    // no syncToFs: the file systems the app opens PGlite on (a directory, or memory) write through,
    // and theirs does nothing but queue behind a lock
    await this.#pglite.execProtocolRawStream(message, { onRawData, syncToFs: false });
    for (const m of results) {
      if (this.#wantsMessages) this.emit("message", m);
      this.emit(m.name === "error" ? "errorMessage" : m.name, m);
    }
  }
  #hold(m: Uint8Array) {
    this.#pending.push(m);
  }

  // extended protocol: held until Sync or Flush
  parse(m: Parameters<typeof serialize.parse>[0]) {
    this.#hold(serialize.parse(m));
  }
  bind(m: Parameters<typeof serialize.bind>[0]) {
    this.#hold(serialize.bind(m));
  }
  describe(m: Parameters<typeof serialize.describe>[0]) {
    this.#hold(serialize.describe(m));
  }
  execute(m: Parameters<typeof serialize.execute>[0]) {
    this.#hold(serialize.execute(m));
  }
  close(m: Parameters<typeof serialize.close>[0]) {
    this.#hold(serialize.close(m));
  }
  sync() {
    this.#hold(serialize.sync());
    this.#send();
  }
  flush() {
    this.#hold(serialize.flush());
    this.#send();
  }
  // messages that stand alone
  query(text: string) {
    this.#hold(serialize.query(text));
    this.#send();
  }
  sendCopyFromChunk(chunk: Buffer) {
    this.#hold(serialize.copyData(chunk));
    this.#send();
  }
  endCopyFrom() {
    this.#hold(serialize.copyDone());
    this.#send();
  }
  sendCopyFail(message: string) {
    this.#hold(serialize.copyFail(message));
    this.#send();
  }

  end() {
    this.#queue = this.#queue.then(() => this.emit("end"));
    for (const name of this.eventNames()) if (name !== "newListener") this.removeAllListeners(name);
    this.#wantsMessages = false;
  }
  // a session with no network: nothing to negotiate
  requestSsl() {}
  startup() {}
  cancel() {}
  password() {}
  ref() {}
  unref() {}
}

/**
 * pg.Pool settings for an embedded PGlite: one session, so one connection, kept open (closing an
 * idle one saves nothing here, and its timer would be armed at every release).
 */
export function pglitePoolConfig(pglite: PGlite) {
  return { max: 1, idleTimeoutMillis: 0, user: "postgres", password: "dummy", database: "postgres", host: "localhost", port: 5432, connection: new PglitePgConnection(pglite) };
}
