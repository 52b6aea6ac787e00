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
 */

/** @typedef {{ check: string, file: string, reason: string }} AllowEntry */

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
    const { id, severity, confidence, file, location, description, manualReview } = issue;
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
 * Validates electronegativity-allowlist.json. Every entry needs a check, a file and a reason.
 * @param {unknown} json
 * @returns {AllowEntry[]}
 */
export function parseAllowlist(json) {
  if (!Array.isArray(json)) throw new Error('allow-list must be a JSON array');
  return json.map((entry, i) => {
    if (!isRecord(entry)) throw new Error(`allow-list entry ${i} is not an object`);
    const { check, file, reason } = entry;
    for (const [key, value] of Object.entries({ check, file, reason })) {
      if (typeof value !== 'string' || value.trim() === '') {
        throw new Error(`allow-list entry ${i} needs a non-empty "${key}"`);
      }
    }
    return {
      check: /** @type {string} */ (check),
      file: /** @type {string} */ (file),
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
    const entry = allowlist.find((e) => e.check === finding.check && e.file === finding.file);
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
