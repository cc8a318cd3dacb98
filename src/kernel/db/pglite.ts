import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";

export class DataDirLockedError extends Error {}

/** Data dirs this process holds: a second open from the same process would corrupt them as well. */
const held = new Set<string>();

/**
 * One process owns a PGlite data dir: two writers corrupt it. The lock file holds the owner's pid;
 * a lock left by a dead process (crash, kill -9) is taken over, and so is one carrying our own pid
 * that we do not hold (pid reused after a restart, as pid 1 in a container).
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const key = resolve(dir);
  const lock = join(dir, "archipel.lock");
  if (held.has(key)) {
    throw new DataDirLockedError(
      `The data directory ${dir} is already open in this Archipel process (pid ${process.pid}). Close it first, or set DATA_DIR to another directory.`,
    );
  }
  for (let tries = 0; tries < 2; tries++) {
    try {
      const fd = openSync(lock, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.add(key);
      return () => {
        held.delete(key);
        try {
          if (readFileSync(lock, "utf8") === String(process.pid)) unlinkSync(lock);
        } catch {}
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number(readFileSync(lock, "utf8"));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new DataDirLockedError(
          `The data directory ${dir} is already used by another Archipel process (pid ${pid}). Stop it first, or set DATA_DIR to another directory.`,
        );
      }
      unlinkSync(lock);
    }
  }
  throw new DataDirLockedError(`Could not lock the data directory ${dir}.`);
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Opens the embedded database under dataDir/pgdata. A first start creates it in a temporary
 * directory and renames it when initdb has finished, so an interrupted first start never leaves a
 * half-made database behind.
 */
export async function openPglite(dataDir: string): Promise<PGlite> {
  const dir = join(dataDir, "pgdata");
  mkdirSync(dataDir, { recursive: true });
  // the caller holds the lock: any pgdata.init-* is left by a first start that was killed
  for (const f of readdirSync(dataDir)) if (f.startsWith("pgdata.init-")) rmSync(join(dataDir, f), { recursive: true, force: true });
  if (!existsSync(join(dir, "PG_VERSION"))) {
    const tmp = join(dataDir, `pgdata.init-${process.pid}`);
    const init = await PGlite.create(tmp);
    await init.close();
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  }
  return PGlite.create(dir);
}

export async function openMemoryPglite(loadDataDir?: Blob | File): Promise<PGlite> {
  return PGlite.create({ loadDataDir });
}
