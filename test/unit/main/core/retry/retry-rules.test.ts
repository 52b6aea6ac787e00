import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executorFromLog } from '../../../../../src/main/core/retry/executor';
import { HOLD_VARIABLE, holdSnippet } from '../../../../../src/main/core/retry/hold-snippet';
import { isRetryInProgress, nextRetryState } from '../../../../../src/main/core/retry/retry-flow';
import { retryVerdict, type RetryFacts } from '../../../../../src/main/core/retry/verdict';
import type { RetryState, SessionState } from '../../../../../src/shared/models';

const RELEASED = { code: 'released', message: 'Released.' } as const;

describe('the retry state machine', () => {
  const walk = (events: Parameters<typeof nextRetryState>[1][]): RetryState =>
    events.reduce<RetryState>((state, event) => nextRetryState(state, event), { kind: 'retrying' });

  it('retrying → pending → attaching → attached → held → ended', () => {
    const open: SessionState = { kind: 'open', since: 1 };
    const held: SessionState = {
      kind: 'held',
      since: 2,
      hold: { deadline: 9, timeoutS: 1800, idle: false, kept: false, scriptResult: 'failed' },
    };
    const steps: Parameters<typeof nextRetryState>[1][] = [
      { kind: 'retried', createdAt: 5 },
      { kind: 'job', status: 'pending', terminal: false },
      { kind: 'job', status: 'running', terminal: true },
      { kind: 'tab-opened' },
      { kind: 'session', state: open },
      { kind: 'session', state: held },
      { kind: 'session', state: { kind: 'closed', reason: RELEASED } },
    ];
    const seen = steps.map((_, i) => walk(steps.slice(0, i + 1)).kind);
    expect(seen).toEqual([
      'pending',
      'pending',
      'attaching',
      'attached',
      'attached',
      'held',
      'ended',
    ]);
    expect(walk(steps.slice(0, 1))).toEqual({ kind: 'pending', queuedSince: 5 });
  });

  it('a running job without a terminal stays pending; a job that finishes first ends it', () => {
    const pending = walk([{ kind: 'retried', createdAt: 0 }]);
    expect(nextRetryState(pending, { kind: 'job', status: 'running', terminal: false })).toBe(
      pending,
    );
    expect(nextRetryState(pending, { kind: 'job', status: 'failed', terminal: false })).toEqual({
      kind: 'ended',
      message: 'The new job failed before a terminal could attach.',
      failed: true,
    });
  });

  it('ended is final, and only it lets the job be retried again', () => {
    const ended = walk([{ kind: 'failed', message: 'boom' }]);
    expect(nextRetryState(ended, { kind: 'retried', createdAt: 1 })).toBe(ended);
    expect(isRetryInProgress(ended)).toBe(false);
    expect(isRetryInProgress({ kind: 'held' })).toBe(true);
    expect(isRetryInProgress({ kind: 'retrying' })).toBe(true);
  });
});

describe('executor from the log', () => {
  it.each([
    ['Preparing the "shell" executor', 'shell'],
    ['Preparing the "docker" executor', 'docker'],
    ['Preparing the "docker+machine" executor', 'docker'],
    ['Preparing the "docker-autoscaler" executor', 'docker-autoscaler'],
    ['Preparing the "kubernetes" executor', 'kubernetes'],
    ['Preparing the "custom" executor', 'other'],
    ['Using Shell (bash) executor...', 'shell'],
    ['Using Kubernetes namespace: x\nUsing Kubernetes executor with image ruby', 'kubernetes'],
  ])('%s → %s', (line, executor) => {
    expect(executorFromLog(`Running with gitlab-runner 18.3.0\n${line}\n`)).toBe(executor);
  });

  it('says null when the log does not tell', () => {
    expect(executorFromLog('$ make test\n')).toBeNull();
  });
});

describe('retry verdicts', () => {
  const facts = (over: Partial<RetryFacts> = {}): RetryFacts => ({
    jobName: 'rspec',
    status: 'failed',
    ref: 'feature/x',
    executor: 'shell',
    retryOffered: true,
    accessLevel: 30,
    archived: false,
    gitlabComInstanceRunner: false,
    existingRetryId: null,
    ...over,
  });

  it('shell and Kubernetes are ready', () => {
    expect(retryVerdict(facts()).kind).toBe('ready');
    expect(retryVerdict(facts({ executor: 'kubernetes' })).kind).toBe('ready');
  });

  it('Docker needs a confirmation and offers the snippet', () => {
    const verdict = retryVerdict(facts({ executor: 'docker' }));
    expect(verdict).toMatchObject({ kind: 'confirm', reason: 'docker' });
    if (verdict.kind !== 'confirm') throw new Error('confirm expected');
    expect(verdict.snippet?.yaml).toBe(holdSnippet('rspec'));
    expect(verdict.snippet?.explanation).toContain(HOLD_VARIABLE);
  });

  it('an unknown executor needs a confirmation', () => {
    expect(retryVerdict(facts({ executor: null }))).toMatchObject({
      kind: 'confirm',
      reason: 'unknown-executor',
    });
  });

  it.each([
    [{ status: 'running' }, 'not-retryable', /Job is not retryable: it is running/],
    [{ archived: true }, 'archived', /archived/],
    [{ accessLevel: 20 }, 'insufficient-role', /below Developer/],
    [{ retryOffered: false }, 'protected-ref', /feature\/x is a protected branch/],
    [{ gitlabComInstanceRunner: true }, 'no-session-server', /no session server/],
  ] as const)('%o is refused (%s)', (over, reason, message) => {
    const verdict = retryVerdict(facts(over));
    expect(verdict).toMatchObject({ kind: 'refused', reason });
    expect(verdict.message).toMatch(message);
  });

  it('refusals come before an existing retry, which comes before the executor', () => {
    expect(retryVerdict(facts({ existingRetryId: 77, executor: 'docker' }))).toMatchObject({
      kind: 'already-retried',
      jobId: 77,
    });
    expect(retryVerdict(facts({ existingRetryId: 77, status: 'running' })).kind).toBe('refused');
    // The original of a running retry has no retry_path: the retry explains it, not a guess.
    expect(retryVerdict(facts({ existingRetryId: 77, retryOffered: false })).kind).toBe(
      'already-retried',
    );
  });
});

describe('the hold snippet', () => {
  /** Runs the snippet's before_script line and a failing script in bash, with `sleep` stubbed. */
  function run(env: Record<string, string>, script: string): { status: number; out: string } {
    const dir = mkdtempSync(join(tmpdir(), 'jobshell-snippet-'));
    try {
      const sleep = join(dir, 'sleep');
      writeFileSync(sleep, '#!/bin/sh\necho "slept $1"\n');
      chmodSync(sleep, 0o755);
      const line = /- (trap .*)$/m.exec(holdSnippet('rspec'))?.[1] ?? '';
      // Like GitLab Runner's generated step script: errexit, before_script then script.
      const body = `set -eo pipefail\n${line}\n${script}\n`;
      try {
        const out = execFileSync('bash', ['-c', body], {
          env: { PATH: `${dir}:${process.env.PATH ?? ''}`, ...env },
          encoding: 'utf8',
        });
        return { status: 0, out };
      } catch (error) {
        const failure = error as { status: number; stdout: string };
        return { status: failure.status, out: failure.stdout };
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('holds a failed script only when JOBSHELL_HOLD is set, and keeps its exit status', () => {
    const held = run({ [HOLD_VARIABLE]: '1' }, 'echo testing; false; echo never');
    expect(held.status).toBe(1);
    expect(held.out).toContain('holding the failed job for 900s');
    expect(held.out).toContain('slept 900');
    expect(held.out).not.toContain('never');

    const plain = run({}, 'false');
    expect(plain.status).toBe(1);
    expect(plain.out).not.toContain('slept');

    const passed = run({ [HOLD_VARIABLE]: '1' }, 'true');
    expect(passed.status).toBe(0);
    expect(passed.out).not.toContain('slept');
  });

  it('quotes a job name YAML would misread', () => {
    expect(holdSnippet('rspec: api')).toMatch(/^"rspec: api":/);
    expect(holdSnippet('build:gpu')).toMatch(/^"build:gpu":/);
    expect(holdSnippet('lint')).toMatch(/^lint:/);
  });
});
