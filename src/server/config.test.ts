import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, settingsDoc } from "./config.ts";

describe("config", () => {
  it("has working defaults with an empty environment", () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.HOST).toBe("0.0.0.0");
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.REDIS_URL).toBeUndefined();
    expect(c.SMTP_URL).toBeUndefined();
    expect(c.TRUST_PROXY).toBe(false);
    expect(c.SESSION_DAYS).toBe(30);
    expect(c.LOGIN_MAX_FAILURES).toBe(5);
    expect(c.RATE_LIMIT_PER_MINUTE).toBe(600);
    expect(c.SIGNIN_RATE_LIMIT_PER_MINUTE).toBe(20);
    expect(c.dataDir).toBe(resolve("./data"));
    expect(c.publicUrl).toBe("http://localhost:3000");
  });

  it("reads and coerces values, treats empty strings as unset", () => {
    const c = loadConfig({ PORT: "8080", TRUST_PROXY: "yes", DATABASE_URL: "postgresql://u@db/x", PUBLIC_URL: "https://ecole.example/", SMTP_URL: "" });
    expect(c.PORT).toBe(8080);
    expect(c.TRUST_PROXY).toBe(true);
    expect(c.DATABASE_URL).toBe("postgresql://u@db/x");
    expect(c.SMTP_URL).toBeUndefined();
    expect(c.publicUrl).toBe("https://ecole.example");
  });

  it.each([
    ["PORT", "eighty"],
    ["PORT", "70000"],
    ["PORT", "0"],
    ["DATABASE_URL", "mysql://root@localhost/db"],
    ["REDIS_URL", "localhost:6379"],
    ["SMTP_URL", "mail.example"],
    ["TRUST_PROXY", "maybe"],
    ["LOG_LEVEL", "loud"],
  ])("stops on a bad %s (%s) with one sentence naming the setting", (key, value) => {
    let error: unknown;
    try {
      loadConfig({ [key]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(new RegExp(`^Setting ${key} is invalid`));
    expect(message).toContain(JSON.stringify(value));
    expect(message.split("\n")).toHaveLength(1);
  });

  it("documents every setting", () => {
    for (const s of settingsDoc.filter((s) => !["LOG_LEVEL", "NODE_ENV"].includes(s.name))) expect(s.description, s.name).not.toBe("");
  });
});
