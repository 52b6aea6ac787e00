import { describe, expect, it } from 'vitest';
import {
  applyCarriageReturns,
  lineParts,
  readLogLine,
  splitRunnerPrefix,
  stripAnsi,
  takeSectionMarkers,
} from '../../../src/shared/terminal-grammar';

/**
 * Lines as gitlab-runner writes them: the timestamper's own test expectations
 * (common/buildlogger/internal/timestamper/timestamper_test.go), BuildLogger's Println/Infoln
 * framing (ANSI_CLEAR … ANSI_RESET, helpers/ansi_colors.go) and the section format
 * (helpers/build_section.go: `section_start:%v:%s\r` + ANSI_CLEAR).
 */
const RUNNER = {
  println:
    '2021-01-01T01:00:00.020010Z 00O \x1b[0KRunning with gitlab-runner 17.5.0 (c1e2f3a4)\x1b[0;m',
  infoln: '2021-01-01T01:00:00.020010Z 00O \x1b[32;1m$ make test\x1b[0;m',
  stderr: '2021-01-01T03:00:00.020010Z ffE PREFIX Progress bar: .\r',
  continuation: '2021-01-01T04:00:00.020010Z ffE+.\r',
  sectionStart:
    '2021-01-01T01:00:00.020010Z 01O section_start:123:foo\r\x1b[0K\x1b[0K\x1b[36;1mPreparing the "shell" executor\x1b[0;m',
  sectionEndContinued: '2021-01-01T02:00:00.020010Z 01O+section_end:123:foo\r\x1b[0K',
  collapsed:
    '\x1b[0Ksection_start:1700000000:step_script[collapsed=true]\r\x1b[0K\x1b[0K\x1b[36;1mExecuting "step_script"\x1b[0;m',
} as const;

describe('the runner timestamp prefix', () => {
  it.each([
    [RUNNER.println, '2021-01-01T01:00:00.020010Z', 'O', false],
    [RUNNER.stderr, '2021-01-01T03:00:00.020010Z', 'E', false],
    [RUNNER.continuation, '2021-01-01T04:00:00.020010Z', 'E', true],
    [RUNNER.sectionEndContinued, '2021-01-01T02:00:00.020010Z', 'O', true],
  ])('splits %j', (raw, at, stream, continued) => {
    const line = splitRunnerPrefix(raw);
    expect(line).toMatchObject({ at, stream, continued });
    expect(line.text).toBe(raw.slice(32));
  });

  it.each([
    ['no prefix', 'plain text'],
    ['milliseconds only (GitLab reads exactly six digits)', '2021-01-01T01:00:00.020Z 00O x'],
    ['no fraction', '2021-01-01T01:00:00Z 00O x'],
    ['upper-case stream number', '2021-01-01T01:00:00.020010Z FFE x'],
    ['unknown stream type', '2021-01-01T01:00:00.020010Z 00X x'],
    ['prefix not at the start', ' 2021-01-01T01:00:00.020010Z 00O x'],
  ])('leaves a line alone: %s', (_name, raw) => {
    expect(splitRunnerPrefix(raw)).toEqual({ at: null, stream: null, continued: false, text: raw });
  });
});

describe('section markers', () => {
  it.each([
    [RUNNER.sectionStart, [{ kind: 'start', time: 123, name: 'foo', options: {} }]],
    [RUNNER.sectionEndContinued, [{ kind: 'end', time: 123, name: 'foo', options: {} }]],
    [
      RUNNER.collapsed,
      [{ kind: 'start', time: 1700000000, name: 'step_script', options: { collapsed: 'true' } }],
    ],
    [
      'section_start:1:a.b-c_d[collapsed=false, key=v]\r\x1b[0Kx',
      [{ kind: 'start', time: 1, name: 'a.b-c_d', options: { collapsed: 'false', key: 'v' } }],
    ],
  ])('finds them in %j', (raw, markers) => {
    expect(takeSectionMarkers(splitRunnerPrefix(raw).text).markers).toEqual(markers);
  });

  it.each([
    ['no erase-line after the CR', 'section_start:1:foo\rtext'],
    ['a name with a space', 'section_start:1:foo bar\r\x1b[0K'],
    ['a non-numeric time', 'section_start:now:foo\r\x1b[0K'],
  ])('is not a marker: %s (GitLab shows it as text)', (_name, raw) => {
    expect(takeSectionMarkers(raw)).toEqual({ text: raw, markers: [] });
  });
});

describe('escape sequences', () => {
  it.each([
    ['CSI colour', 'a\x1b[31;1mb\x1b[0;mc', 'abc'],
    ['erase line', '\x1b[0Kx', 'x'],
    ['8-bit CSI', 'a\u009b2Jb', 'ab'],
    ['private CSI', '\x1b[?2004hprompt', 'prompt'],
    ['OSC title ended by BEL', '\x1b]0;title\x07text', 'text'],
    ['OSC hyperlink ended by ST', '\x1b]8;;https://x\x1b\\link\x1b]8;;\x1b\\', 'link'],
    ['DCS string', '\x1bP1$r0m\x1b\\after', 'after'],
    ['charset selection', '\x1b(Bplain', 'plain'],
    ['keypad mode', '\x1b=x\x1b>', 'x'],
    ['a lone ESC at a chunk end', 'text\x1b', 'text'],
    ['text without escapes', 'tab\tand text', 'tab\tand text'],
  ])('removes %s', (_name, raw, plain) => {
    expect(stripAnsi(raw)).toBe(plain);
  });

  it('splits a line into text and SGR parameters, dropping other sequences', () => {
    expect(lineParts('\x1b[0K\x1b[32;1m$ make\x1b[0;m \x1b[?25lok\x1b[m')).toEqual([
      { kind: 'sgr', params: '32;1' },
      { kind: 'text', text: '$ make' },
      { kind: 'sgr', params: '0;' },
      { kind: 'text', text: ' ' },
      { kind: 'text', text: 'ok' },
      { kind: 'sgr', params: '' },
    ]);
    // An intermediate byte makes it another command (DECSCUSR-like), not SGR.
    expect(lineParts('\x1b[1 m')).toEqual([]);
  });
});

describe('carriage returns', () => {
  it.each([
    ['a CRLF line end overwrites nothing', 'done\r', 'done'],
    ['only the text after the last CR stays', '10%\r50%\r100%', '100%'],
    ['colours set before the overwrite stay in force', '\x1b[32m10%\r100%', '\x1b[32m100%'],
    ['a run of CRs before the end leaves an empty line', 'Eat carriages\r\r\r\r', ''],
  ])('%s', (_name, raw, shown) => {
    expect(applyCarriageReturns(raw)).toBe(shown);
  });
});

describe('a job-log line read whole', () => {
  it.each([
    [RUNNER.println, 'Running with gitlab-runner 17.5.0 (c1e2f3a4)', 0],
    [RUNNER.infoln, '$ make test', 0],
    [RUNNER.sectionStart, 'Preparing the "shell" executor', 1],
    [RUNNER.sectionEndContinued, '', 1],
    [RUNNER.collapsed, 'Executing "step_script"', 1],
    [RUNNER.stderr, 'PREFIX Progress bar: .', 0],
  ])('reads %j', (raw, plain, markers) => {
    const line = readLogLine(raw);
    expect(stripAnsi(line.text)).toBe(plain);
    expect(line.markers).toHaveLength(markers);
  });
});
