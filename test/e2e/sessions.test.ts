import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { newId } from "../../src/kernel/ids.ts";
import { makePlatform, makeUser } from "../factories.ts";
import { signedIn } from "../helpers.ts";
import { expectAccessible, screenshots, servedWithBrowser } from "./browser.ts";
import { catalog, main, msg, signedInPage } from "./person.ts";

/**
 * Blended learning in the browser: a trainer schedules a one-seat session; a learner registers
 * when it is full and lands on the waiting list, is promoted when the seat frees up; the trainer
 * takes attendance with a signature drawn on screen and downloads the PDF sheet.
 */
const fr = catalog("fr");
const en = catalog("en");

let base: string;
let courseId: string;
let ids: Record<"trainer" | "alice" | "bruno", string>;
const t = servedWithBrowser(async (s) => {
  const p = await makePlatform(s.k, "blend");
  base = `http://blend.localhost:${s.port}`;
  ids = {
    trainer: (await makeUser(s.k, p.tenantId, p.rootOrgId, "trainer", "teacher")).id,
    alice: (await makeUser(s.k, p.tenantId, p.rootOrgId, "alice")).id,
    bruno: (await makeUser(s.k, p.tenantId, p.rootOrgId, "bruno")).id,
  };
  // the course and its people (course pages and enrolment are other modules' work)
  courseId = newId();
  await s.k.db
    .insertInto("courses")
    .values({ tenant_id: p.tenantId, id: courseId, org_id: p.rootOrgId, title: "Premiers secours", status: "published", format: "blended" })
    .execute();
  await s.k.db
    .insertInto("course_members")
    .values([
      { tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: ids.trainer, role: "teacher" },
      { tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: ids.alice, role: "learner" },
      { tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: ids.bruno, role: "learner" },
    ])
    .execute();
});

const pad = (n: number) => String(n).padStart(2, "0");
const local = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

it("waiting list, promotion, attendance with a signature and the PDF sheet", async () => {
  const trainer = await signedInPage(t.browser, base, "trainer", { acceptDownloads: true, timeout: 10_000 });

  // the trainer schedules a session with one seat
  await trainer.goto(`${base}/courses/${courseId}/sessions`);
  await expect.poll(() => trainer.locator("h1").textContent()).toBe(msg(fr, "ui.sessions.title"));
  await expect.poll(() => main(trainer)).toContain(msg(fr, "ui.sessions.empty"));
  await trainer.getByRole("button", { name: msg(fr, "ui.sessions.new") }).click();
  const dialog = trainer.getByRole("dialog");
  await dialog.getByLabel(msg(fr, "ui.sessions.field.title")).fill("Atelier gestes d’urgence");
  const start = new Date(Date.now() + 3 * 86400_000);
  start.setHours(9, 0, 0, 0);
  await dialog.getByLabel(msg(fr, "ui.sessions.field.startsAt")).fill(local(start));
  await dialog.getByLabel(msg(fr, "ui.sessions.field.endsAt")).fill(local(new Date(start.getTime() - 3600_000)));
  await dialog.getByLabel(msg(fr, "ui.sessions.field.place")).fill("Salle polyvalente, 3 rue du Port, Brest");
  await dialog.getByLabel(msg(fr, "ui.sessions.field.seats")).fill("1");
  await expectAccessible(trainer, "session editor");
  await dialog.getByRole("button", { name: msg(fr, "ui.sessions.create") }).click();
  // an end before the start is refused next to the field
  await expect.poll(() => dialog.textContent()).toContain(msg(fr, "errors.sessions.end_before_start"));
  await dialog.getByLabel(msg(fr, "ui.sessions.field.endsAt")).fill(local(new Date(start.getTime() + 3 * 3600_000)));
  await dialog.getByRole("button", { name: msg(fr, "ui.sessions.create") }).click();
  await expect.poll(() => trainer.getByRole("dialog").count()).toBe(0);
  await expect.poll(() => main(trainer)).toContain("Atelier gestes d’urgence");
  const list = await (await signedIn(t.s.app, { host: `blend.localhost` }, "trainer")).get(`/api/v1/courses/${courseId}/sessions`);
  const sessionId = list.body.items[0].id as string;

  // Alice takes the only seat
  const alice = await signedIn(t.s.app, { host: "blend.localhost" }, "alice");
  expect((await alice.post(`/api/v1/courses/${courseId}/sessions/${sessionId}/registration`)).body.status).toBe("approved");

  // Bruno finds it full and joins the waiting list
  const bruno = await signedInPage(t.browser, base, "bruno", { timeout: 10_000 });
  await bruno.goto(`${base}/courses/${courseId}/sessions`);
  await expect.poll(() => main(bruno)).toContain(msg(fr, "ui.sessions.seats.count", { taken: 1, seats: 1 }));
  await bruno.getByRole("button", { name: msg(fr, "ui.sessions.joinWaitingListFor", { title: "Atelier gestes d’urgence" }) }).click();
  const waiting = msg(fr, "ui.sessions.state.waiting", { position: 1 });
  await expect.poll(() => main(bruno)).toContain(waiting);
  await expectAccessible(bruno, "sessions, on the waiting list");
  await screenshots(bruno, "sessions-waiting-fr");

  // Alice withdraws: Bruno has the seat, and a mail with the invitation
  expect((await alice.del(`/api/v1/courses/${courseId}/sessions/${sessionId}/registration`)).status).toBe(200);
  await bruno.reload();
  await expect.poll(() => main(bruno)).toContain(msg(fr, "ui.sessions.state.approved"));
  expect(await main(bruno)).not.toContain(waiting);
  const mail = await t.s.k.db
    .selectFrom("mail_outbox")
    .selectAll()
    .where("to_address", "=", "bruno@example.test")
    .where("tenant_id", "is not", null)
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
  expect(mail.subject).toContain("Une place s’est libérée");
  expect(JSON.stringify(mail.attachments)).toContain("text/calendar");

  // the session page for the trainer: registrations
  await trainer.goto(`${base}/courses/${courseId}/sessions/${sessionId}`);
  await expect.poll(() => main(trainer)).toContain("Test bruno");
  await expectAccessible(trainer, "session page");
  await screenshots(trainer, "session-manage-fr");

  // attendance at phone width: Bruno present, signature drawn with the pointer
  await trainer.setViewportSize({ width: 360, height: 740 });
  await trainer.getByRole("link", { name: msg(fr, "ui.sessions.takeAttendance") }).click();
  await expect.poll(() => trainer.locator("h1").textContent()).toBe(msg(fr, "ui.sessions.attendanceTitle"));
  const card = trainer.getByRole("region", { name: "Test bruno" });
  // the card may still re-render with fresh data right after loading: click until the choice holds
  const present = card.getByRole("radio", { name: msg(fr, "ui.sessions.presence.present") });
  await expect
    .poll(async () => {
      if (!(await present.isChecked())) await present.click({ force: true });
      return present.isChecked();
    })
    .toBe(true);
  const canvas = card.locator("canvas");
  await expect.poll(() => canvas.count()).toBe(1);
  const box = (await canvas.boundingBox())!;
  await trainer.mouse.move(box.x + 20, box.y + box.height / 2);
  await trainer.mouse.down();
  for (let i = 1; i <= 12; i++) await trainer.mouse.move(box.x + 20 + i * 20, box.y + box.height / 2 + (i % 2 ? -15 : 15));
  await trainer.mouse.up();
  await card.getByRole("button", { name: msg(fr, "ui.sessions.saveSignature") }).click();
  await expect.poll(() => card.getByRole("img", { name: msg(fr, "ui.sessions.signatureOf", { name: "bruno Test" }) }).count()).toBe(1);
  await expect.poll(() => trainer.locator(".attendance-totals").textContent()).toContain("1 présent·es");
  await expectAccessible(trainer, "attendance at 360 px");
  await screenshots(trainer, "session-attendance-fr");
  await trainer.setViewportSize({ width: 1280, height: 800 });

  // the PDF sheet
  const [download] = await Promise.all([trainer.waitForEvent("download"), trainer.getByRole("link", { name: msg(fr, "ui.sessions.downloadSheet") }).click()]);
  const pdf = readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  expect((pdf.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length).toBe(1);
  expect(pdf.toString("latin1")).toContain("/Subtype /Image");
  const events = await t.s.k.events
    .flush()
    .then(() =>
      t.s.k.db
        .selectFrom("events")
        .select("actor_id")
        .where("tenant_id", "is not", null)
        .where("verb", "=", "attended")
        .where("object_id", "=", sessionId)
        .execute(),
    );
  expect(events.map((e) => e.actor_id)).toEqual([ids.bruno]);

  // the same pages in English
  const enPage = await signedInPage(t.browser, base, "trainer", { locale: "en-GB", timeout: 10_000 });
  await enPage.waitForURL(`${base}/`);
  await enPage.goto(`${base}/courses/${courseId}/sessions`);
  await expect.poll(() => enPage.locator("h1").textContent()).toBe(msg(en, "ui.sessions.title"));
  await screenshots(enPage, "sessions-list-en");
  await enPage.goto(`${base}/courses/${courseId}/sessions/${sessionId}/attendance`);
  await expect.poll(() => enPage.locator("h1").textContent()).toBe(msg(en, "ui.sessions.attendanceTitle"));
  await screenshots(enPage, "session-attendance-en");
  await Promise.all([trainer.context().close(), bruno.context().close(), enPage.context().close()]);
});
