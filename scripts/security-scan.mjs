// @ts-check
/**
 * Runs Electronegativity over the app's sources and fails on any finding of severity MEDIUM or
 * worse that electronegativity-allowlist.json does not explain. Writes reports/electronegativity.json.
 *
 * Why the programmatic API rather than the CLI: the CLI exits 0 whatever it finds, with `-o` it
 * drops parse errors silently (a file it cannot parse is a file it did not check), its SARIF has
 * no severities, and its CSV writer appends rows without waiting for the header write.
 *
 * What is scanned:
 * - `src/`, with every check. Electronegativity parses TypeScript with its own old
 *   typescript-estree (and Babel); today that reads all of our sources, and a file it cannot parse
 *   fails the scan rather than going unchecked. The built bundle is no fallback: it cannot parse
 *   out/main either (ES2022 private class fields); `--input out` is there to try after a build.
 *   All of src in one run, because the app-wide checks (CSP, navigation limits, permission
 *   handler) report "missing" for whatever is not in the scanned input.
 * - `package.json`, with only the checks for dangerous Electron/Chromium flags in npm scripts.
 *
 * Usage: node scripts/security-scan.mjs [--input <folder>]   (--input replaces both scans)
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  FAIL_AT,
  formatFinding,
  judge,
  parseAllowlist,
  parseIssues,
} from './security-scan-lib.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ALLOWLIST = join(ROOT, 'electronegativity-allowlist.json');
const REPORT = join(ROOT, 'reports', 'electronegativity.json');
/** The file types Electronegativity loads from a folder (see its util/file.js). */
const SCANNED_EXTENSIONS = /\.(js|jsx|ts|tsx|html|htm)$/i;
/**
 * Downloads Electron's release list from GitHub during the scan: CI is offline, and npm audit
 * already reports advisories against the installed Electron.
 */
const NETWORK_CHECKS = ['availablesecurityfixesglobalcheck'];
const PACKAGE_JSON_CHECKS = ['customargumentsjsoncheck', 'securitywarningsdisabledjsoncheck'];

/**
 * @typedef {object} ElectronegativityResult
 * @property {unknown} issues
 * @property {{ file: string, message: string, tolerable: boolean }[]} errors
 */
/** @typedef {(options: Record<string, unknown>, forCli: boolean) => Promise<ElectronegativityResult>} Run */
/** @typedef {{ input: string, checks: string[] | null }} Target Path relative to the repository; null checks = all. */
/** @typedef {import('./security-scan-lib.mjs').Finding} Finding */

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`security-scan: FAILED: ${message}`);
  process.exit(1);
}

/** @param {string} path */
function countScannable(path) {
  if (!statSync(path).isDirectory()) return 1;
  return readdirSync(path, { recursive: true, withFileTypes: true }).filter(
    (e) => e.isFile() && SCANNED_EXTENSIONS.test(e.name) && !e.parentPath.includes('node_modules'),
  ).length;
}

/**
 * Scans one folder or file and returns its findings with repository-relative paths.
 * @param {Run} run
 * @param {Target} target
 * @param {string} electronVersion
 * @returns {Promise<{ findings: Finding[], files: number }>}
 */
async function scan(run, target, electronVersion) {
  const input = resolve(ROOT, target.input);
  if (!existsSync(input)) fail(`nothing to scan at ${target.input}`);
  const files = countScannable(input);
  if (files === 0) fail(`${target.input} holds no .js/.ts/.html files to scan`);
  // The tool reports paths relative to a scanned folder, or to a scanned file's folder.
  const base = statSync(input).isDirectory() ? input : dirname(input);
  /** @type {ElectronegativityResult} */
  let result;
  try {
    result = await run(
      {
        input,
        isRelative: true,
        // Only one of the two: excluding a check that a custom list already left out makes the
        // tool print "error in your custom checks list" and exit the process.
        ...(target.checks ? { customScan: target.checks } : { excludeFromScan: NETWORK_CHECKS }),
        // A source folder has no package.json to read the version from.
        electronVersionOverride: electronVersion,
      },
      false,
    );
  } catch (error) {
    fail(`Electronegativity could not produce a report for ${target.input}: ${String(error)}`);
  }
  const unparsed = result.errors.filter((e) => !e.tolerable);
  if (unparsed.length > 0) {
    const list = unparsed.map((e) => `  ${relative(ROOT, e.file)}: ${e.message}`).join('\n');
    fail(`Electronegativity could not parse (so did not check):\n${list}`);
  }
  try {
    return { findings: parseIssues(result.issues, relative(ROOT, base)), files };
  } catch (error) {
    fail(`unreadable report for ${target.input}: ${String(error)}`);
  }
}

async function main() {
  const { values } = parseArgs({ options: { input: { type: 'string' } } });
  /** @type {Target[]} */
  const targets = values.input
    ? [{ input: relative(ROOT, resolve(values.input)) || '.', checks: null }]
    : [
        { input: 'src', checks: null },
        { input: 'package.json', checks: PACKAGE_JSON_CHECKS },
      ];
  const require = createRequire(import.meta.url);
  const electronVersion = /** @type {{ version: string }} */ (require('electron/package.json'))
    .version;
  /** @type {Run} */
  const run = require('@doyensec/electronegativity');

  /** @type {Finding[]} */
  const findings = [];
  let files = 0;
  for (const target of targets) {
    const result = await scan(run, target, electronVersion);
    findings.push(...result.findings);
    files += result.files;
  }
  let allowlist;
  try {
    allowlist = parseAllowlist(JSON.parse(await readFile(ALLOWLIST, 'utf8')));
  } catch (error) {
    fail(`${relative(ROOT, ALLOWLIST)}: ${String(error)}`);
  }
  const scopes = targets.map((t) => t.input);
  const verdict = judge(findings, allowlist, scopes);
  await mkdir(dirname(REPORT), { recursive: true });
  const report = { scanned: scopes, electronVersion, ...verdict };
  await writeFile(REPORT, `${JSON.stringify(report, null, 2)}\n`);

  for (const finding of verdict.blocking) console.log(`  FAIL  ${formatFinding(finding)}`);
  for (const { finding } of verdict.allowed) console.log(`  ok    ${formatFinding(finding)}`);
  for (const finding of verdict.below) console.log(`  info  ${formatFinding(finding)}`);
  for (const entry of verdict.stale) {
    console.log(`  STALE allow-list entry ${entry.check} ${entry.file} matches nothing: remove it`);
  }
  const summary =
    `${scopes.join(' + ')} (${files} files, Electron ${electronVersion}): ` +
    `${verdict.blocking.length} blocking, ${verdict.allowed.length} allow-listed, ` +
    `${verdict.below.length} below ${FAIL_AT}, ${verdict.stale.length} stale allow-list entries; ` +
    `reasons in ${relative(ROOT, ALLOWLIST)}, report in ${relative(ROOT, REPORT)}`;
  if (verdict.blocking.length > 0 || verdict.stale.length > 0) fail(summary);
  console.log(`security-scan: ${summary}`);
}

await main();
