// @ts-check
/**
 * Prints one plain line, "N passed, N failed, N skipped", from the JSON reports of vitest and
 * Playwright (neither prints such a line itself). Exits 1 when a report says something failed or
 * no test ran at all.
 */
import { existsSync, readFileSync } from 'node:fs';

/** @param {string} path */
function readJson(path) {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    console.log(`${path} is not readable JSON`);
    return null;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;

const vitest = readJson('reports/vitest.json');
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  console.log(`unit: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed`);
} else {
  console.log('unit: no report (the run stopped before the unit tests)');
}

const playwright = readJson('reports/playwright.json');
if (playwright?.stats) {
  const s = playwright.stats;
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
  console.log(
    `e2e: ${(s.expected ?? 0) + (s.flaky ?? 0)} passed, ${s.unexpected ?? 0} failed, ${s.skipped ?? 0} skipped`,
  );
} else {
  console.log('e2e: no report (the run stopped before the end-to-end tests)');
}

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
