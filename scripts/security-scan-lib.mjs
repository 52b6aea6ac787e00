// @ts-check
/**
 * The pure half of scripts/security-scan.mjs: turns Electronegativity's results into findings,
 * validates the allow-list, and decides which findings block the build.
 */

/** @typedef {'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH'} Severity */

/**
 * @typedef {object} Finding
 * @property {string} check Electronegativity check id, e.g. OPEN_EXTERNAL_JS_CHECK.
 * @property {Severity} severity
 * @property {string} confidence TENTATIVE, FIRM or CERTAIN.
 * @property {string} file Repository-relative, '/'-separated; 'N/A' for app-wide checks.
 * @property {number} line
 * @property {number} column
 * @property {string} description
 * @property {boolean} manualReview True when the tool only asks a human to look.
 * @property {string} sample The source line the check matched ('' for app-wide checks).
 */

/**
 * An allow-list entry waives one finding: same check, same file, and a line containing `snippet`
 * (whitespace-insensitive), so a new call of the same kind in an allow-listed file is not waived
 * unseen. App-wide findings (file 'N/A') have no line: their snippet is APP_WIDE_SNIPPET.
 * @typedef {{ check: string, file: string, snippet: string, reason: string }} AllowEntry
 */

/** The snippet of entries for app-wide findings, which have no source line. */
export const APP_WIDE_SNIPPET = '(app-wide)';

/**
 * @typedef {object} Verdict
 * @property {Finding[]} blocking At or above the threshold and not allow-listed.
 * @property {{ finding: Finding, reason: string }[]} allowed At or above, allow-listed.
 * @property {Finding[]} below Under the threshold: printed, never fatal.
 * @property {AllowEntry[]} stale Entries for the scanned files that matched nothing.
 */

/** @type {Readonly<Record<Severity, number>>} */
export const SEVERITY_RANK = Object.freeze({ INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 });
/** Findings of this severity or worse fail the scan. */
export const FAIL_AT = /** @type {Severity} */ ('MEDIUM');

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * @param {unknown} value
 * @returns {value is Severity}
 */
function isSeverity(value) {
  return typeof value === 'string' && Object.hasOwn(SEVERITY_RANK, value);
}

/**
 * Normalises Electronegativity's `issues` (its programmatic result) into findings. Throws on
 * anything unexpected: a report we cannot read must fail the scan, not pass it.
 * @param {unknown} issues
 * @param {string} inputPrefix Repository-relative folder the scan ran on (e.g. 'src'), which
 *   the tool's relative paths start from.
 * @returns {Finding[]}
 */
export function parseIssues(issues, inputPrefix) {
  if (!Array.isArray(issues)) throw new Error('Electronegativity returned no issues array');
  return issues.map((issue, i) => {
    const where = `issue ${i}`;
    if (!isRecord(issue)) throw new Error(`${where} is not an object`);
    const { id, severity, confidence, file, location, description, manualReview, sample } = issue;
    if (typeof id !== 'string' || id === '') throw new Error(`${where} has no check id`);
    const severityName = isRecord(severity) ? severity.name : undefined;
    if (!isSeverity(severityName)) throw new Error(`${where} (${id}) has an unknown severity`);
    if (typeof file !== 'string') throw new Error(`${where} (${id}) has no file`);
    const line = isRecord(location) && typeof location.line === 'number' ? location.line : 0;
    const column = isRecord(location) && typeof location.column === 'number' ? location.column : 0;
    return {
      check: id,
      severity: severityName,
      confidence:
        isRecord(confidence) && typeof confidence.name === 'string' ? confidence.name : '?',
      file: file === 'N/A' ? file : joinPath(inputPrefix, file),
      line,
      column,
      description: typeof description === 'string' ? description : '',
      manualReview: manualReview === true,
      sample: typeof sample === 'string' ? sample : '',
    };
  });
}

/**
 * @param {string} prefix
 * @param {string} file
 */
function joinPath(prefix, file) {
  const clean = file.replaceAll('\\', '/').replace(/^\.\//, '');
  return prefix === '' || prefix === '.' ? clean : `${prefix.replace(/\/+$/, '')}/${clean}`;
}

/**
 * Validates electronegativity-allowlist.json. Every entry needs a check, a file, a snippet of the
 * line it waives and a reason.
 * @param {unknown} json
 * @returns {AllowEntry[]}
 */
export function parseAllowlist(json) {
  if (!Array.isArray(json)) throw new Error('allow-list must be a JSON array');
  return json.map((entry, i) => {
    if (!isRecord(entry)) throw new Error(`allow-list entry ${i} is not an object`);
    const { check, file, snippet, reason } = entry;
    for (const [key, value] of Object.entries({ check, file, snippet, reason })) {
      if (typeof value !== 'string' || value.trim() === '') {
        throw new Error(`allow-list entry ${i} needs a non-empty "${key}"`);
      }
    }
    return {
      check: /** @type {string} */ (check),
      file: /** @type {string} */ (file),
      snippet: /** @type {string} */ (snippet),
      reason: /** @type {string} */ (reason),
    };
  });
}

/**
 * Splits findings into blocking, allow-listed and below-threshold ones, and reports allow-list
 * entries that no longer match anything (so the list stays minimal).
 * @param {readonly Finding[]} findings
 * @param {readonly AllowEntry[]} allowlist
 * @param {readonly string[]} scanned Repository-relative folders/files this run scanned: only
 *   entries inside them (or app-wide 'N/A' ones) can be stale.
 * @returns {Verdict}
 */
export function judge(findings, allowlist, scanned) {
  /** @type {Verdict} */
  const verdict = { blocking: [], allowed: [], below: [], stale: [] };
  /** @type {Set<AllowEntry>} */
  const used = new Set();
  for (const finding of findings) {
    if (SEVERITY_RANK[finding.severity] < SEVERITY_RANK[FAIL_AT]) {
      verdict.below.push(finding);
      continue;
    }
    const entry = allowlist.find((e) => matches(e, finding));
    if (entry) {
      used.add(entry);
      verdict.allowed.push({ finding, reason: entry.reason });
    } else {
      verdict.blocking.push(finding);
    }
  }
  const roots = scanned.map((path) => path.replace(/\/+$/, ''));
  const inScope = (/** @type {string} */ file) =>
    file === 'N/A' ||
    roots.some((root) => root === '.' || file === root || file.startsWith(`${root}/`));
  verdict.stale = allowlist.filter((e) => !used.has(e) && inScope(e.file));
  return verdict;
}

/** Collapses runs of whitespace, so formatting changes do not unwaive a reviewed line. */
const squash = (/** @type {string} */ text) => text.replace(/\s+/g, ' ').trim();

/**
 * @param {AllowEntry} entry
 * @param {Finding} finding
 */
function matches(entry, finding) {
  if (entry.check !== finding.check || entry.file !== finding.file) return false;
  if (finding.file === 'N/A') return entry.snippet === APP_WIDE_SNIPPET;
  return squash(finding.sample).includes(squash(entry.snippet));
}

/**
 * One line per finding, e.g. `MEDIUM/FIRM OPEN_EXTERNAL_JS_CHECK src/main/x.ts:12:4`.
 * @param {Finding} finding
 */
export function formatFinding(finding) {
  const review = finding.manualReview ? ' [review]' : '';
  const at =
    finding.file === 'N/A' ? 'app-wide' : `${finding.file}:${finding.line}:${finding.column}`;
  return `${finding.severity}/${finding.confidence} ${finding.check} ${at}${review}`;
}
