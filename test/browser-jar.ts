/**
 * A browser as far as redirects and cookies go, over real HTTP (fetch), for single sign-on tests:
 * it follows redirects by hand (so a test can stop at a service's address), keeps every cookie it
 * is given and sends them all back (enough for one origin), and submits simple forms.
 */
export class BrowserJar {
  readonly cookies = new Map<string, string>();
  private csrf = "";

  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1);
      const expired =
        attrs.some((a) => /^\s*expires=/i.test(a) && new Date(a.split("=")[1]).getTime() < Date.now()) || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async fetch(url: string, init: RequestInit = {}) {
    const res = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), ...(this.cookies.size && { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") }) },
    });
    this.keep(res);
    return res;
  }

  /** Follows redirects from `url` until a page answers or the location starts with `stopAt`; returns the last response and URL. */
  async follow(url: string, stopAt?: string, init: RequestInit = {}) {
    let res = await this.fetch(url, init);
    let at = url;
    for (let i = 0; i < 20 && res.status >= 300 && res.status < 400; i++) {
      at = new URL(res.headers.get("location")!, at).href;
      if (stopAt && at.startsWith(stopAt)) return { res, url: at };
      res = await this.fetch(at);
    }
    return { res, url: at };
  }

  /** Signs in on Archipel's API under `base` (http://host/p/<slug>), as the sign-in page does. */
  async signIn(base: string, login: string, password: string) {
    const info = await (await this.fetch(`${base}/api/v1/platform`)).json();
    this.csrf = info.csrfToken;
    const r = await this.fetch(`${base}/api/v1/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": this.csrf },
      body: JSON.stringify({ login, password }),
    });
    if (r.status !== 200) throw new Error(`sign-in of ${login} answered ${r.status}`);
  }

  /** Submits the form `formId` of an HTML page (hidden inputs) with `extra` fields, following redirects up to `stopAt`. */
  async submit(pageUrl: string, html: string, formId: string, extra: Record<string, string>, stopAt?: string) {
    const form = new RegExp(`<form[^>]*id="${formId.replace(".", "\\.")}"[^>]*>([\\s\\S]*?)</form>`).exec(html);
    if (!form) throw new Error(`no form ${formId} in the page`);
    const action = new URL(/action="([^"]+)"/.exec(form[0])![1], pageUrl).href;
    const fields = new URLSearchParams(extra);
    for (const m of form[1].matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields.set(m[1], m[2]);
    return this.follow(action, stopAt, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: fields.toString() });
  }
}
