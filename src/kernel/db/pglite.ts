import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";

export class DataDirLockedError extends Error {}

/**
 * One process owns a PGlite data dir: two writers corrupt it. The lock file holds the owner's pid;
 * a lock left by a dead process (crash, kill -9) is taken over.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, "archipel.lock");
  for (let tries = 0; tries < 2; tries++) {
    try {
      const fd = openSync(lock, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
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
  if (!existsSync(join(dir, "PG_VERSION"))) {
    const tmp = join(dataDir, `pgdata.init-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
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
