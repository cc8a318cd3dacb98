import type { FastifyBaseLogger } from "fastify";
import type { Kernel } from "../../../kernel/module.ts";
import { findStaleImports } from "./repo.ts";
import { type ImportJob, runUserImport, undoImport } from "./use-cases/run-user-import.ts";

/** An import that has shown no sign of life for this long was left by a stopped server. */
export const STALE_MS = 10 * 60_000;

/**
 * Imports run in the background of the node that accepted them, in short batches (PGlite has
 * one connection: a request for progress gets its turn between two batches). Stopping the
 * server interrupts them between batches and undoes them; one left behind by a crash is undone
 * the next time its platform starts or follows an import.
 */
export class ImportRunner {
  private readonly running = new Map<string, Promise<void>>();
  private readonly signal = { aborted: false };

  constructor(
    private readonly k: Kernel,
    private readonly log: FastifyBaseLogger,
  ) {}

  start(job: ImportJob) {
    const p = runUserImport(this.k, job, this.signal, this.log).finally(() => this.running.delete(job.importId));
    this.running.set(job.importId, p);
  }

  runsHere(importId: string) {
    return this.running.has(importId);
  }

  /** Undoes the platform's imports left running by a stopped server. */
  async sweep(tenantId: string) {
    const stale = await findStaleImports(this.k.db, tenantId, new Date(Date.now() - STALE_MS));
    for (const s of stale) {
      if (!this.running.has(s.id)) await undoImport(this.k, tenantId, s.id, s.class_ids, "import.interrupted");
    }
  }

  /** Resolves when every import running on this node has finished (for tests and shutdown). */
  async idle() {
    while (this.running.size) await Promise.allSettled([...this.running.values()]);
  }

  async close() {
    this.signal.aborted = true;
    await this.idle();
  }
}
