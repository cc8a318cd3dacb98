import type { Reporter, SerializedError, TestModule } from "vitest/node";

/** Ends the run with the plain line CI reads: `N passed, N failed` (`, N skipped` when any). */
export default class SummaryLine implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<SerializedError>) {
    let passed = 0;
    let failed = errors.length;
    let skipped = 0;
    for (const m of modules) {
      let count = 0;
      for (const t of m.children.allTests()) {
        count++;
        const s = t.result().state;
        if (s === "passed") passed++;
        else if (s === "failed") failed++;
        else skipped++;
      }
      // a file that fails before its tests run (syntax, setup) counts as one failure
      if (count === 0 && m.state() === "failed") failed++;
      if (m.errors().length && count > 0) failed += m.errors().length;
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`);
  }
}
