import { describe, expect, it } from 'vitest';
import {
  APP_WIDE_SNIPPET,
  FAIL_AT,
  formatFinding,
  judge,
  parseAllowlist,
  parseIssues,
  type Finding,
} from '../../../scripts/security-scan-lib.mjs';

/** The shape Electronegativity's run() returns for one issue (see its runner.js). */
function rawIssue(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    severity: { value: 2, name: 'MEDIUM' },
    confidence: { value: 0, name: 'TENTATIVE' },
    file: 'main/core/app-core.ts',
    location: { line: 110, column: 12 },
    sample: 'await deps.openExternal(url);',
    description: 'Review the use of openExternal',
    manualReview: true,
    ...overrides,
  };
}

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    severity: 'MEDIUM',
    confidence: 'TENTATIVE',
    file: 'src/main/core/app-core.ts',
    line: 110,
    column: 12,
    description: '',
    manualReview: false,
    sample: 'await deps.openExternal(validateExternalUrl(url));',
    ...overrides,
  };
}

describe('parseIssues', () => {
  it('normalises an issue and makes its path repository-relative', () => {
    expect(parseIssues([rawIssue()], 'src')).toEqual([
      {
        check: 'OPEN_EXTERNAL_JS_CHECK',
        severity: 'MEDIUM',
        confidence: 'TENTATIVE',
        file: 'src/main/core/app-core.ts',
        line: 110,
        column: 12,
        description: 'Review the use of openExternal',
        manualReview: true,
        sample: 'await deps.openExternal(url);',
      },
    ]);
  });

  it('keeps app-wide findings as N/A and normalises Windows separators', () => {
    const [global, windows] = parseIssues(
      [rawIssue({ file: 'N/A', location: undefined }), rawIssue({ file: 'main\\x.ts' })],
      'src/',
    );
    expect(global).toMatchObject({ file: 'N/A', line: 0, column: 0 });
    expect(windows?.file).toBe('src/main/x.ts');
  });

  it('uses the bare path when the scan ran on a file at the repository root', () => {
    expect(parseIssues([rawIssue({ file: 'package.json' })], '')[0]?.file).toBe('package.json');
  });

  it.each([
    ['not an array', { issues: [] }],
    ['a non-object issue', ['oops']],
    ['an unknown severity', [rawIssue({ severity: { name: 'SEVERE' } })]],
    ['a missing check id', [rawIssue({ id: '' })]],
    ['a missing file', [rawIssue({ file: undefined })]],
  ])('refuses %s rather than passing silently', (_label, issues) => {
    expect(() => parseIssues(issues, 'src')).toThrow();
  });
});

describe('parseAllowlist', () => {
  it('accepts complete entries', () => {
    const entry = {
      check: 'PRELOAD_JS_CHECK',
      file: 'src/main/w.ts',
      snippet: 'preload:',
      reason: 'reviewed',
    };
    expect(parseAllowlist([entry])).toEqual([entry]);
  });

  it.each([
    ['a non-array', {}],
    ['a missing reason', [{ check: 'A', file: 'src/a.ts', snippet: 's' }]],
    ['a blank reason', [{ check: 'A', file: 'src/a.ts', snippet: 's', reason: '  ' }]],
    ['a missing file', [{ check: 'A', snippet: 's', reason: 'r' }]],
    ['a missing snippet', [{ check: 'A', file: 'src/a.ts', reason: 'r' }]],
    ['a blank snippet', [{ check: 'A', file: 'src/a.ts', snippet: ' ', reason: 'r' }]],
    ['a non-object entry', ['A']],
  ])('rejects %s', (_label, json) => {
    expect(() => parseAllowlist(json)).toThrow(/allow-list/);
  });
});

describe('judge', () => {
  const allow = parseAllowlist([
    {
      check: 'OPEN_EXTERNAL_JS_CHECK',
      file: 'src/main/core/app-core.ts',
      snippet: 'deps.openExternal(validateExternalUrl(url))',
      reason: 'validated',
    },
  ]);

  it(`blocks findings at ${FAIL_AT} or above that are not allow-listed`, () => {
    const high = finding({ check: 'LIMIT_NAVIGATION_GLOBAL_CHECK', severity: 'HIGH', file: 'N/A' });
    const elsewhere = finding({ file: 'src/main/other.ts' });
    const verdict = judge([high, elsewhere], allow, ['src']);
    expect(verdict.blocking).toEqual([high, elsewhere]);
  });

  it('blocks a new call of the same check in an allow-listed file (another line)', () => {
    const unseen = finding({ line: 200, sample: 'await deps.openExternal(url);' });
    const verdict = judge([finding(), unseen], allow, ['src']);
    expect(verdict.blocking).toEqual([unseen]);
    expect(verdict.allowed).toHaveLength(1);
  });

  it('collapses runs of whitespace, but a changed call is not waived', () => {
    const reformatted = finding({
      sample: '  await deps.openExternal(\n validateExternalUrl(url) );',
    });
    expect(judge([reformatted], allow, ['src']).blocking).toEqual([reformatted]);
    const spaced = finding({ sample: 'await   deps.openExternal(validateExternalUrl(url));' });
    expect(judge([spaced], allow, ['src']).blocking).toEqual([]);
  });

  it('waives an app-wide finding only with the app-wide snippet', () => {
    const global = finding({ check: 'CSP_GLOBAL_CHECK', file: 'N/A', sample: '' });
    const entry = { check: 'CSP_GLOBAL_CHECK', file: 'N/A', reason: 'r' };
    expect(judge([global], [{ ...entry, snippet: APP_WIDE_SNIPPET }], ['src']).blocking).toEqual(
      [],
    );
    expect(judge([global], [{ ...entry, snippet: 'x' }], ['src']).blocking).toEqual([global]);
  });

  it('allows a finding matching check, file and line snippet, whatever its line number', () => {
    const verdict = judge([finding({ line: 999 })], allow, ['src']);
    expect(verdict.blocking).toEqual([]);
    expect(verdict.allowed).toEqual([{ finding: finding({ line: 999 }), reason: 'validated' }]);
    expect(verdict.stale).toEqual([]);
  });

  it('never fails on findings below the threshold', () => {
    const low = finding({ check: 'CSP_GLOBAL_CHECK', severity: 'LOW' });
    const info = finding({ check: 'X', severity: 'INFORMATIONAL' });
    const verdict = judge([low, info], [], ['src']);
    expect(verdict.blocking).toEqual([]);
    expect(verdict.below).toEqual([low, info]);
  });

  it('reports allow-list entries that match nothing in the scanned paths as stale', () => {
    const outEntry = { check: 'X', file: 'out/main/index.js', snippet: 's', reason: 'bundle' };
    const pkgEntry = {
      check: 'CUSTOM_ARGUMENTS_JSON_CHECK',
      file: 'package.json',
      snippet: 's',
      reason: 'r',
    };
    const verdict = judge([], [...allow, outEntry, pkgEntry], ['src/', 'package.json']);
    expect(verdict.stale).toEqual([...allow, pkgEntry]);
  });
});

describe('formatFinding', () => {
  it('shows severity, check and location, and flags manual-review findings', () => {
    expect(formatFinding(finding({ manualReview: true }))).toBe(
      'MEDIUM/TENTATIVE OPEN_EXTERNAL_JS_CHECK src/main/core/app-core.ts:110:12 [review]',
    );
    expect(formatFinding(finding({ file: 'N/A' }))).toBe(
      'MEDIUM/TENTATIVE OPEN_EXTERNAL_JS_CHECK app-wide',
    );
  });
});
