import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir, openPglite } from "./pglite.ts";

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "archipel-pglite-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const lockError = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected the lock to be refused");
};

describe("data dir lock", () => {
  it("refuses a second lock on the same directory from this process, until the first is released", () => {
    const dir = tempDir();
    const release = lockDataDir(dir);
    const e = lockError(() => lockDataDir(dir));
    expect(e).toBeInstanceOf(DataDirLockedError);
    expect(e.message).toContain(dir);
    expect(e.message).toContain("DATA_DIR");
    release();
    expect(existsSync(join(dir, "archipel.lock"))).toBe(false);
    lockDataDir(dir)();
  });

  it("refuses a lock held by another live process, naming it and the way out", async () => {
    const dir = tempDir();
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "archipel.lock"), String(other.pid));
      const e = lockError(() => lockDataDir(dir));
      expect(e).toBeInstanceOf(DataDirLockedError);
      expect(e.message).toBe(
        `The data directory ${dir} is already used by another Archipel process (pid ${other.pid}). Stop it first, or set DATA_DIR to another directory.`,
      );
      expect(readFileSync(join(dir, "archipel.lock"), "utf8")).toBe(String(other.pid));
    } finally {
      other.kill();
    }
  });

  it("takes over a stale lock left by a dead process", () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    writeFileSync(join(dir, "archipel.lock"), dead.stdout);
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, "archipel.lock"), "utf8")).toBe(String(process.pid));
    release();
  });

  it("takes over an empty lock file (a crash between create and write)", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "archipel.lock"), "");
    lockDataDir(dir)();
  });

  it("takes over a lock carrying this process's pid that this process does not hold (pid reused after a restart, e.g. pid 1 in a container)", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "archipel.lock"), String(process.pid));
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    release();
  });
});

describe("openPglite", () => {
  it("creates the database in a temporary directory and leaves only the finished one", async () => {
    const dir = tempDir();
    // left by a first start that was killed during initdb
    mkdirSync(join(dir, "pgdata.init-999999"));
    writeFileSync(join(dir, "pgdata.init-999999", "half"), "x");
    const db = await openPglite(dir);
    await db.exec("create table notes (t text); insert into notes values ('kept')");
    await db.close();
    expect(existsSync(join(dir, "pgdata", "PG_VERSION"))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith("pgdata.init-"))).toEqual([]);
    // a second start opens the same database, no new init
    const again = await openPglite(dir);
    expect((await again.query<{ t: string }>("select t from notes")).rows).toEqual([{ t: "kept" }]);
    await again.close();
    expect(readdirSync(dir).filter((f) => f.startsWith("pgdata.init-"))).toEqual([]);
  }, 120_000); // initdb on disk: slow on a busy machine

  it("replaces a half-made pgdata without PG_VERSION", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "pgdata"));
    writeFileSync(join(dir, "pgdata", "junk"), "x");
    const db = await openPglite(dir);
    await db.close();
    expect(existsSync(join(dir, "pgdata", "PG_VERSION"))).toBe(true);
    expect(existsSync(join(dir, "pgdata", "junk"))).toBe(false);
  }, 120_000); // initdb on disk: slow on a busy machine
});
