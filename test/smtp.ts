import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { to: string; subject: string; text: string; html: string; headers: Map<string, unknown>; raw: ParsedMail };

/**
 * A real SMTP server on a loopback port for tests and benches. `refuse` makes it answer 550 to
 * chosen recipients (a bounce at send time), `defer` 451 (a temporary refusal). With `keep: false` messages are counted, not parsed.
 */
export async function startSmtp(opts: { refuse?: (to: string) => boolean; defer?: (to: string) => boolean; keep?: boolean } = {}) {
  const mails: ReceivedMail[] = [];
  let received = 0;
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, cb) {
      if (opts.refuse?.(address.address)) {
        const e = new Error("5.1.1 mailbox unavailable") as Error & { responseCode: number };
        e.responseCode = 550;
        return cb(e);
      }
      if (opts.defer?.(address.address)) {
        const e = new Error("4.2.1 mailbox busy, try again later") as Error & { responseCode: number };
        e.responseCode = 451;
        return cb(e);
      }
      cb();
    },
    onData(stream, session, cb) {
      if (opts.keep === false) {
        stream.on("data", () => {});
        stream.on("end", () => {
          received++;
          for (const w of waiters.splice(0)) w();
          cb();
        });
        return;
      }
      simpleParser(stream)
        .then((m) => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address).join(","),
            subject: m.subject ?? "",
            text: m.text ?? "",
            html: typeof m.html === "string" ? m.html : "",
            headers: m.headers,
            raw: m,
          });
          received++;
          for (const w of waiters.splice(0)) w();
          cb();
        })
        .catch(cb);
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    get received() {
      return received;
    },
    /** resolves once `n` messages have arrived (or rejects after `ms`) */
    async waitFor(n: number, ms = 10_000) {
      const until = Date.now() + ms;
      while (received < n) {
        if (Date.now() > until) throw new Error(`only ${received} of ${n} mails arrived`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 100);
        });
      }
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
