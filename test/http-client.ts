/**
 * A signed-in client of a real server over HTTP (fetch with a keep-alive agent), for tests and
 * benches that start the server as a child process: it keeps the session and CSRF cookies and
 * sends the CSRF token on unsafe requests. `base` is http://host:port/p/<slug>.
 */
export class HttpClient {
  private cookies = new Map<string, string>();
  private csrf = "";
  constructor(readonly base: string) {}

  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    if (method !== "GET" && !this.csrf) await this.request("GET", "/api/v1/platform");
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        accept: "application/json",
        ...(this.cookies.size && { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") }),
        ...(method !== "GET" && { "x-csrf-token": this.csrf }),
        ...(body !== undefined && { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    this.keep(res);
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    if (parsed && typeof parsed.csrfToken === "string") this.csrf = parsed.csrfToken;
    return { status: res.status, body: parsed };
  }
  get = (path: string) => this.request("GET", path);
  post = (path: string, body: unknown = {}) => this.request("POST", path, body);
  put = (path: string, body: unknown = {}) => this.request("PUT", path, body);

  async signIn(login: string, password: string) {
    const r = await this.post("/api/v1/auth/sign-in", { login, password });
    if (r.status !== 200) throw new Error(`sign-in of ${login} answered ${r.status}: ${JSON.stringify(r.body)}`);
  }
}

/** Waits until a server answers on `url` (any HTTP status), up to `ms`. */
export async function waitForServer(url: string, ms = 60_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }
  throw new Error(`no server answered on ${url} within ${ms} ms`);
}
