import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeOrg, makePlatform, PASSWORD, rootOf } from "../factories.ts";
import { expectAccessible, launchBrowser, type Served, screenshots, serve } from "./browser.ts";

/**
 * Single sign-on in, in Chromium, against a real OpenID Connect provider (oidc-provider, one
 * account) started here: the platform admin configures it in the admin page; a pupil signs in
 * with it, the account is created with the class the provider names; the second time the same
 * account is used. A forged callback lands on the localized error page.
 */
type Tree = { [k: string]: string | Tree };
const fr = JSON.parse(readFileSync("locales/fr.json", "utf8")) as Tree;
const en = JSON.parse(readFileSync("locales/en.json", "utf8")) as Tree;
const msg = (cat: Tree, id: string, values: Record<string, string | number> = {}) =>
  (id.split(".").reduce<string | Tree>((v, k) => (v as Tree)[k], cat) as string).replace(/\{(\w+)\}/g, (_, k) => String(values[k]));

let s: Served;
let browser: Browser;
let base: string;
let p: Awaited<ReturnType<typeof makePlatform>>;
let classA: { id: string };
let idp: Server;
let issuer: string;

beforeAll(async () => {
  s = await serve();
  p = await makePlatform(s.k, "college");
  base = `http://college.localhost:${s.port}`;
  const school = await makeOrg(s.k, p.tenantId, rootOf(p), "Collège Jean Moulin", "school");
  classA = await makeOrg(s.k, p.tenantId, school, "5e A", "class");
  // the external identity provider's address is known before it is configured (its client needs Archipel's callback)
  idp = createServer();
  await new Promise<void>((r) => idp.listen(0, "127.0.0.1", r));
  issuer = `http://127.0.0.1:${(idp.address() as { port: number }).port}`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  idp?.close();
  await s?.close();
});

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });
const main = (page: Page) => page.locator("main").textContent();

/** oidc-provider with one account, the pupil Jeanne Dupont of 5e A; its dev login and consent pages. */
async function startIdp(redirectUri: string) {
  // oidc-provider ships no type declarations: only its constructor and callback() are used here
  type OidcProvider = new (issuer: string, config: Record<string, unknown>) => { callback(): (req: IncomingMessage, res: ServerResponse) => void };
  const { default: Provider } = (await import("oidc-provider" as string)) as { default: OidcProvider };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: "archipel",
        client_secret: "a-long-client-secret-for-tests",
        redirect_uris: [redirectUri],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["given_name", "family_name"], school: ["affiliation", "classes"] },
    findAccount: async (_ctx: unknown, sub: string) =>
      sub === "jdupont"
        ? {
            accountId: sub,
            claims: async () => ({
              sub,
              email: "jeanne.dupont@ac-test.fr",
              email_verified: true,
              given_name: "Jeanne",
              family_name: "Dupont",
              affiliation: "eleve",
              classes: ["5e A"],
            }),
          }
        : undefined,
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["test-cookie-key"] },
  });
  idp.on("request", provider.callback());
}

async function signInAsAdmin(page: Page) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel(msg(fr, "ui.signIn.login")).fill(p.adminLogin);
  await page.getByLabel(msg(fr, "ui.signIn.password")).fill(PASSWORD);
  await page.getByRole("button", { name: msg(fr, "ui.signIn.submit") }).click();
  await poll(() => page.url()).not.toContain("sign-in");
}

/** Through the external provider: its login form (first time only) and its consent page (first time only). */
async function ssoSignIn(page: Page, first: boolean) {
  await page.goto(`${base}/sign-in`);
  await page.getByRole("link", { name: msg(fr, "ui.sso.signIn.with", { name: "ENT Occitanie" }) }).click();
  if (first) {
    await poll(() => page.url()).toContain(issuer);
    await page.locator('input[name="login"]').fill("jdupont");
    await page.locator('input[name="password"]').fill("anything");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
  }
  await poll(() => page.url()).toBe(`${base}/`);
  await poll(() => main(page)).toContain("Jeanne");
}

it("an admin configures an OpenID Connect provider; a pupil signs in with it (account created, then linked)", async () => {
  const ctx = await browser.newContext({ locale: "fr-FR" });
  const page = await ctx.newPage();
  page.setDefaultTimeout(10_000);
  await signInAsAdmin(page);
  await page
    .getByRole("navigation", { name: msg(fr, "ui.shell.mainNav") })
    .getByRole("link", { name: msg(fr, "ui.adminHub.nav") })
    .click();
  await page.getByRole("link", { name: msg(fr, "ui.adminHub.entries.sso.title"), exact: true }).click();
  await poll(() => main(page)).toContain(msg(fr, "ui.sso.admin.empty"));
  await page.getByRole("button", { name: msg(fr, "ui.sso.admin.add") }).click();
  await page.getByRole("textbox", { name: msg(fr, "ui.sso.admin.name"), exact: true }).fill("ENT Occitanie");
  await page.getByRole("textbox", { name: msg(fr, "ui.sso.admin.issuer"), exact: true }).fill(issuer);
  await page.getByRole("textbox", { name: msg(fr, "ui.sso.admin.clientId"), exact: true }).fill("archipel");
  await page.getByLabel(msg(fr, "ui.sso.admin.clientSecret")).fill("a-long-client-secret-for-tests");
  await page.getByRole("textbox", { name: msg(fr, "ui.sso.admin.scopes"), exact: true }).fill("openid email profile school");
  await page.getByRole("textbox", { name: msg(fr, "ui.sso.admin.map.profile"), exact: true }).fill("affiliation");
  await page.getByRole("textbox", { name: msg(fr, "ui.sso.admin.map.classes"), exact: true }).fill("classes");
  await page.getByRole("textbox", { name: msg(fr, "ui.sso.admin.profileValues"), exact: true }).fill("eleve = learner\nenseignant = teacher");
  await expectAccessible(page, "sso provider form");
  await screenshots(page, "sso-admin-form");
  await page.getByRole("button", { name: msg(fr, "ui.sso.admin.save") }).click();
  await poll(() => page.getByRole("heading", { name: "ENT Occitanie" }).count()).toBe(1);
  const provider = await s.k.db.selectFrom("sso_providers").select(["id", "secret"]).where("tenant_id", "=", p.tenantId).executeTakeFirstOrThrow();
  const redirectUri = `${base}/sso/${provider.id}/callback`;
  expect(await main(page)).toContain(redirectUri);
  // the secret is stored, and never sent back to the browser
  expect(provider.secret).toBe("a-long-client-secret-for-tests");
  expect(await page.content()).not.toContain("a-long-client-secret-for-tests");
  await expectAccessible(page, "sso providers");
  await screenshots(page, "sso-admin");
  await ctx.close();

  await startIdp(redirectUri);
  const pupil = await browser.newContext({ locale: "fr-FR" });
  const page2 = await pupil.newPage();
  page2.setDefaultTimeout(10_000);
  // the test provider's pages import a web font: no network here
  await page2.route(/fonts\.googleapis\.com/, (r) => r.abort());
  await page2.goto(`${base}/sign-in`);
  await poll(() => page2.getByRole("link", { name: msg(fr, "ui.sso.signIn.with", { name: "ENT Occitanie" }) }).count()).toBe(1);
  await expectAccessible(page2, "sign-in with sso");
  await screenshots(page2, "sso-sign-in");
  await ssoSignIn(page2, true);
  const users = () =>
    s.k.db
      .selectFrom("users")
      .select(["id", "profile", "given_name", "family_name"])
      .where("tenant_id", "=", p.tenantId)
      .where("email", "=", "jeanne.dupont@ac-test.fr")
      .execute();
  const created = await users();
  expect(created).toMatchObject([{ profile: "learner", given_name: "Jeanne", family_name: "Dupont" }]);
  const roles = await s.k.db
    .selectFrom("role_assignments")
    .select(["org_id", "role"])
    .where("tenant_id", "=", p.tenantId)
    .where("user_id", "=", created[0].id)
    .execute();
  expect(roles).toEqual([{ org_id: classA.id, role: "learner" }]);

  // signed out of Archipel (still signed in at the provider): the same account, no new one
  await pupil.clearCookies({ domain: "college.localhost" });
  await ssoSignIn(page2, false);
  expect((await users()).map((u) => u.id)).toEqual([created[0].id]);
  const identities = await s.k.db.selectFrom("sso_identities").select(["subject", "user_id"]).where("tenant_id", "=", p.tenantId).execute();
  expect(identities).toEqual([{ subject: "jdupont", user_id: created[0].id }]);
  await pupil.close();
});

it("cancelling at the provider, or a forged answer, lands on the localized error page, logged for the admins", async () => {
  const provider = await s.k.db.selectFrom("sso_providers").select("id").where("tenant_id", "=", p.tenantId).executeTakeFirstOrThrow();
  const ctx = await browser.newContext({ locale: "en-GB" });
  const page = await ctx.newPage();
  page.setDefaultTimeout(10_000);
  await page.route(/fonts\.googleapis\.com/, (r) => r.abort());
  await page.goto(`${base}/sign-in`);
  await page.getByRole("link", { name: msg(en, "ui.sso.signIn.with", { name: "ENT Occitanie" }) }).click();
  await poll(() => page.url()).toContain(issuer);
  await page.getByRole("link", { name: "[ Cancel ]" }).click();
  await poll(() => page.url()).toBe(`${base}/sign-in/error?code=denied`);
  await poll(() => page.getByRole("alert").textContent()).toBe(msg(en, "errors.sso.failure.denied"));
  await page.goto(`${base}/sso/${provider.id}/callback?code=stolen&state=01900000-0000-7000-8000-000000000000`);
  await poll(() => page.url()).toContain("/sign-in/error?code=state_mismatch");
  await poll(() => page.getByRole("alert").textContent()).toBe(msg(en, "errors.sso.failure.state_mismatch"));
  await expectAccessible(page, "sso error");
  await screenshots(page, "sso-error");
  await page.getByRole("link", { name: msg(en, "ui.sso.error.back") }).click();
  await poll(() => page.url()).toBe(`${base}/sign-in`);
  await ctx.close();
  const logged = await s.k.db.selectFrom("sso_failures").select(["code", "provider_id"]).where("tenant_id", "=", p.tenantId).execute();
  expect(logged).toContainEqual({ code: "state_mismatch", provider_id: provider.id });
  expect(logged).toContainEqual({ code: "denied", provider_id: provider.id });

  // the admin reads it in the log of the single sign-on page
  const actx = await browser.newContext({ locale: "fr-FR" });
  const admin = await actx.newPage();
  admin.setDefaultTimeout(10_000);
  await signInAsAdmin(admin);
  await admin.goto(`${base}/admin/sso`);
  await poll(() => admin.getByRole("table").textContent()).toContain(msg(fr, "ui.sso.failure.state_mismatch"));
  expect(await admin.getByRole("table").textContent()).toContain(msg(fr, "ui.sso.failure.denied"));
  await expectAccessible(admin, "sso failures");
  await screenshots(admin, "sso-admin-failures");
  await actx.close();
});
