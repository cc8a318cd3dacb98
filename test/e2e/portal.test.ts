import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import * as oidc from "openid-client";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser, PASSWORD, rootOf } from "../factories.ts";
import { runJobs } from "../../src/kernel/jobs.ts";
import { signedIn } from "../helpers.ts";
import { expectAccessible, launchBrowser, type Served, screenshots, serve } from "./browser.ts";

/**
 * The services portal in the browser: a pupil opens the portal, launches a service that signs in
 * with Archipel's OpenID Connect provider (a relying party started here with openid-client) and
 * arrives signed in, with no consent screen; the launch shows in the admin's usage figures.
 */
type Tree = { [k: string]: string | Tree };
const fr = JSON.parse(readFileSync("locales/fr.json", "utf8")) as Tree;
const msg = (cat: Tree, id: string, values: Record<string, string | number> = {}) =>
  (id.split(".").reduce<string | Tree>((v, k) => (v as Tree)[k], cat) as string).replace(/\{(\w+)\}/g, (_, k) => String(values[k]));

let s: Served;
let browser: Browser;
let base: string;
let p: Awaited<ReturnType<typeof makePlatform>>;
let rp: Server;
let rpUrl: string;
let moodleId: string;
/** what the service was told of sign-outs: logout tokens (back channel) and the sids its front-channel page was loaded with */
const backchannel: string[] = [];
const frontchannel: string[] = [];

/** A tiny service signing its visitors in with Archipel: /login starts the code flow (PKCE, state, nonce), /cb finishes it. */
async function startRelyingParty(issuer: string, clientId: string, secret: string) {
  const config = await oidc.discovery(new URL(issuer), clientId, undefined, oidc.ClientSecretBasic(secret), { execute: [oidc.allowInsecureRequests] });
  const pending = new Map<string, { verifier: string; nonce: string }>();
  rp.removeAllListeners("request");
  rp.on("request", async (req, res) => {
    const url = new URL(req.url!, rpUrl);
    if (url.pathname === "/login") {
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      pending.set(state, { verifier, nonce });
      const to = oidc.buildAuthorizationUrl(config, {
        redirect_uri: `${rpUrl}/cb`,
        scope: "openid profile archipel",
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
        state,
        nonce,
      });
      return res.writeHead(302, { location: to.href }).end();
    }
    if (url.pathname === "/cb") {
      const state = url.searchParams.get("state") ?? "";
      const checks = pending.get(state);
      try {
        if (!checks) throw new Error("unknown state");
        const tokens = await oidc.authorizationCodeGrant(config, url, { pkceCodeVerifier: checks.verifier, expectedState: state, expectedNonce: checks.nonce });
        const c = tokens.claims()!;
        const classes = (c.classes as { name: string }[]).map((x) => x.name).join(", ");
        res
          .writeHead(200, { "content-type": "text/html; charset=utf-8" })
          .end(
            `<!doctype html><html lang="fr"><title>Nuage</title><main><h1>Bienvenue ${c.name}</h1><p id="who">${c.user_profile} · ${classes}</p></main></html>`,
          );
      } catch (e) {
        res.writeHead(500, { "content-type": "text/plain" }).end(String(e));
      }
      return;
    }
    if (url.pathname === "/backchannel" && req.method === "POST") {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        backchannel.push(new URLSearchParams(body).get("logout_token") ?? "");
        res.writeHead(200).end();
      });
      return;
    }
    if (url.pathname === "/front") {
      frontchannel.push(url.searchParams.get("sid") ?? "");
      return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<!doctype html><title>Nuage</title>");
    }
    res.writeHead(404).end();
  });
}

beforeAll(async () => {
  // the service runs on loopback: Archipel may call it (back-channel logout)
  s = await serve({ IDP_PRIVATE_NETWORK_SERVICES: "true" });
  // path mode on localhost: the relying party (Node) resolves the issuer's host as the browser does
  base = `http://localhost:${s.port}/p/college`;
  p = await makePlatform(s.k, "college");
  const school = await makeOrg(s.k, p.tenantId, rootOf(p), "Collège Jean Moulin", "school");
  const classA = await makeOrg(s.k, p.tenantId, school, "5e A", "class");
  const lea = await makeUser(s.k, p.tenantId, classA.id, "lea", "learner");
  await s.k.db.updateTable("users").set({ given_name: "Léa", family_name: "Petit" }).where("tenant_id", "=", p.tenantId).where("id", "=", lea.id).execute();
  rp = createServer();
  await new Promise<void>((ok) => rp.listen(0, "127.0.0.1", ok));
  rpUrl = `http://127.0.0.1:${(rp.address() as { port: number }).port}`;
  // the platform's admin offers the service to pupils and registers its client
  const admin = await signedIn(s.app, { base: "/p/college" }, p.adminLogin);
  const svc = await admin.post(`/api/v1/portal/orgs/${p.rootOrgId}/services`, {
    name: "Nuage",
    description: "Vos fichiers et ceux de la classe",
    url: `${rpUrl}/login`,
    signOn: "oidc",
    profiles: ["learner", "teacher"],
  });
  await admin.post(`/api/v1/portal/orgs/${school.id}/services`, {
    name: "Pad de la classe",
    description: "Écrire à plusieurs",
    url: "https://pad.example/",
    signOn: "none",
    profiles: ["learner"],
  });
  const moodle = await admin.post(`/api/v1/portal/orgs/${p.rootOrgId}/services`, {
    name: "Moodle",
    url: "https://moodle.example/",
    signOn: "cas",
    profiles: ["teacher"],
  });
  moodleId = moodle.body.serviceId;
  const client = await admin.put(`/api/v1/idp/services/${svc.body.serviceId}/client`, {
    redirectUris: [`${rpUrl}/cb`],
    backchannelLogoutUri: `${rpUrl}/backchannel`,
    frontchannelLogoutUri: `${rpUrl}/front`,
  });
  expect(client.status, JSON.stringify(client.body)).toBe(200);
  await startRelyingParty(`${base}/oidc`, client.body.client.clientId, client.body.clientSecret);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  rp?.close();
  await s?.close();
});

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });

async function signIn(page: Page, login: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel(msg(fr, "ui.signIn.login")).fill(login);
  await page.getByLabel(msg(fr, "ui.signIn.password")).fill(PASSWORD);
  await page.getByRole("button", { name: msg(fr, "ui.signIn.submit") }).click();
  await poll(() => page.url()).not.toContain("sign-in");
}

it("a pupil launches a service from the portal and arrives signed in, without a consent screen", async () => {
  const ctx = await browser.newContext({ locale: "fr-FR" });
  const page = await ctx.newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, "lea");
  // her entry page has the services among its shortcuts, going through the counted launch
  await page.goto(`${base}/`);
  const shortcut = page.locator("#home-services").locator("..").getByRole("link", { name: "Nuage" });
  await poll(() => shortcut.getAttribute("href")).toMatch(/\/api\/v1\/portal\/launch\/[0-9a-f-]{36}$/);
  await page.goto(`${base}/portal`);
  await poll(() => page.getByRole("link", { name: /Nuage/ }).count()).toBe(1);
  expect(await page.getByRole("link", { name: /Pad de la classe/ }).count()).toBe(1);
  await expectAccessible(page, "portal");
  await screenshots(page, "portal");

  const pages: string[] = [];
  page.on("framenavigated", (f) => f === page.mainFrame() && pages.push(f.url()));
  await page.getByRole("link", { name: /Nuage/ }).click();
  await poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Bienvenue Léa Petit");
  expect(await page.locator("#who").textContent()).toBe("learner · 5e A");
  // straight from the portal to the service: no Archipel page (sign-in, consent) in between
  expect(pages.filter((u) => u.startsWith(base))).toEqual([]);

  // signing out on Archipel tells the service: in the browser on the way out, and over the back channel
  await page.goto(`${base}/`);
  await page.getByRole("button", { name: msg(fr, "ui.shell.userMenu", { name: "Léa Petit" }) }).click();
  await page.getByRole("menuitem", { name: msg(fr, "ui.shell.signOut") }).click();
  await poll(() => page.url()).toContain("/p/college/idp/signed-out?");
  const signedOut = page.url();
  await poll(() => frontchannel.length).toBe(1);
  await poll(() => page.url()).toBe(`${base}/sign-in`);
  await runJobs(s.k);
  expect(backchannel).toHaveLength(1);
  const token = JSON.parse(Buffer.from(backchannel[0].split(".")[1], "base64url").toString());
  expect(token.sid).toBe(frontchannel[0]);
  expect(token.events).toHaveProperty(["http://schemas.openid.net/event/backchannel-logout"]);
  await ctx.close();

  // the page on the way out, held there to be looked at (its script that moves on left out)
  const look = await browser.newContext({ locale: "fr-FR" });
  const still = await look.newPage();
  still.setDefaultTimeout(10_000);
  await still.route(signedOut, async (r) => {
    const res = await r.fetch();
    await r.fulfill({ response: res, body: (await res.text()).replace(/<script>[\s\S]*?<\/script>/, "") });
  });
  await still.goto(signedOut);
  expect(await still.getByRole("heading", { level: 1 }).textContent()).toBe(msg(fr, "ui.idp.logout.doneTitle"));
  await expectAccessible(still, "signed out");
  await screenshots(still, "idp-signed-out");
  await look.close();
});

it("the launch is counted in the admin's usage figures, next to the services and their sign-on", async () => {
  const ctx = await browser.newContext({ locale: "fr-FR" });
  const page = await ctx.newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, p.adminLogin);
  await page.goto(`${base}/admin/services`);
  const row = page.getByRole("table").first().getByRole("row").filter({ hasText: "Nuage" });
  await poll(() => row.count()).toBe(1);
  expect((await row.getByRole("cell").allTextContents()).map((x) => x.trim())).toEqual(["1", "1"]);
  await expectAccessible(page, "services admin");
  await screenshots(page, "portal-admin");

  await page.getByRole("button", { name: msg(fr, "ui.portal.admin.changeLabel", { name: "Nuage" }) }).click();
  await poll(() => page.getByRole("dialog").count()).toBe(1);
  await expectAccessible(page, "service setting");
  await screenshots(page, "portal-admin-setting");
  await page.keyboard.press("Escape");

  await page.getByRole("link", { name: msg(fr, "ui.portal.admin.signOnLabel", { name: "Nuage" }) }).click();
  await poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(msg(fr, "ui.idp.signOn.title", { name: "Nuage" }));
  expect(await page.locator("main").textContent()).toContain(`${base}/oidc`);
  await expectAccessible(page, "sign-on");
  await screenshots(page, "portal-sign-on");

  // a CAS service: its server's address, and Single Logout (on until turned off)
  await page.goto(`${base}/admin/services/${moodleId}/sign-on`);
  const slo = page.getByRole("checkbox", { name: msg(fr, "ui.idp.signOn.slo") });
  await poll(() => slo.isChecked()).toBe(true);
  await slo.focus();
  await page.keyboard.press("Space");
  await poll(() => page.getByText(msg(fr, "ui.idp.signOn.sloOff")).count()).toBeGreaterThan(0);
  expect(await slo.isChecked()).toBe(false);
  expect(
    (
      await s.k.db
        .selectFrom("cas_services")
        .select("single_logout")
        .where("tenant_id", "=", p.tenantId)
        .where("service_id", "=", moodleId)
        .executeTakeFirstOrThrow()
    ).single_logout,
  ).toBe(false);
  await expectAccessible(page, "cas sign-on");
  await screenshots(page, "portal-sign-on-cas");
  await ctx.close();
});

it("the network operator's catalogue page", async () => {
  const net = await makePlatform(s.k, "reseau", { operator: true });
  const op = await signedIn(s.app, { base: "/p/reseau" }, net.adminLogin);
  expect(
    (await op.post("/api/v1/portal/catalog", { name: "Visio", description: "Classes virtuelles", url: "https://visio.example/", signOn: "oidc" })).status,
  ).toBe(200);
  const ctx = await browser.newContext({ locale: "en-GB" });
  const page = await ctx.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`http://localhost:${s.port}/p/reseau/sign-in`);
  await page.locator("input[name=login]").fill(net.adminLogin);
  await page.locator("input[name=password]").fill(PASSWORD);
  await page.locator("button[type=submit]").click();
  await poll(() => page.url()).not.toContain("sign-in");
  await page.goto(`http://localhost:${s.port}/p/reseau/operator/catalog`);
  await poll(() => page.getByRole("heading", { name: "Visio" }).count()).toBe(1);
  await expectAccessible(page, "catalogue");
  await screenshots(page, "portal-catalog");
  await ctx.close();
});
