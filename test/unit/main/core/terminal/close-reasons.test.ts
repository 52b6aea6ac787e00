import { describe, expect, it } from 'vitest';
import {
  classifyRejection,
  handshakeReason,
  notAllowedReason,
  runnerReason,
  toJobStatus,
  type JobFacts,
} from '../../../../../src/main/core/terminal/close-reasons';
import { diagnoseDrop, type DropFacts } from '../../../../../src/main/core/terminal/drop-reasons';
import { NetworkError } from '../../../../../src/main/core/net/network-error';

const me = { userId: 101, username: 'alice' };
const running: JobFacts = { status: 'running', userId: 101, username: 'alice' };

describe('classifyRejection', () => {
  it.each([
    [302, 'https://h/users/sign_in', 'sign-in'],
    [302, 'https://h/elsewhere', 'other'],
    [401, null, 'sign-in'],
    [404, null, 'not-allowed'],
    [403, null, 'origin'],
    [500, null, 'runner'],
    [400, null, 'proxy'],
    [502, null, 'gateway'],
    [418, null, 'other'],
  ] as const)('%i (%s) is %s', (status, location, expected) => {
    expect(classifyRejection(status, location)).toBe(expected);
  });
});

describe('handshakeReason', () => {
  const rejected = (
    status: number,
    location: string | null = null,
  ): ReturnType<typeof handshakeReason> =>
    handshakeReason({ kind: 'rejected', status, location, elapsedMs: 10 }, 'h.example');

  it('maps statuses that need no API call', () => {
    expect(rejected(302, 'https://h.example/users/sign_in')?.code).toBe('sign-in-required');
    expect(rejected(401)?.code).toBe('sign-in-required');
    expect(rejected(403)?.code).toBe('origin-rejected');
    expect(rejected(400)?.code).toBe('proxy-blocks-websocket');
    expect(rejected(400)?.message).toMatch(/proxy/);
  });

  it('leaves 404 and 500 to the API-backed explanations', () => {
    expect(rejected(404)).toBeNull();
    expect(rejected(500)).toBeNull();
  });

  it('gives TLS problems their specific sentence', () => {
    const error = new NetworkError(
      'tls-untrusted',
      'The certificate of h.example is not trusted (X).',
      'X',
    );
    expect(handshakeReason({ kind: 'network', error }, 'h.example')).toEqual({
      code: 'tls-error',
      message: error.message,
    });
    const refused = new NetworkError(
      'refused',
      'h.example refused the connection.',
      'ECONNREFUSED',
    );
    expect(handshakeReason({ kind: 'network', error: refused }, 'h.example')?.code).toBe(
      'network-error',
    );
  });

  it('says how long it waited on a handshake timeout', () => {
    expect(handshakeReason({ kind: 'timeout', afterMs: 90_000 }, 'h')?.message).toMatch(/90 s/);
  });
});

describe('notAllowedReason', () => {
  it('names the job state', () => {
    expect(notAllowedReason({ ...running, status: 'pending' }, me, null).message).toMatch(
      /not running yet \(status: pending\)/,
    );
    expect(notAllowedReason({ ...running, status: 'success' }, me, null).message).toMatch(
      /finished \(passed\)/,
    );
    expect(notAllowedReason({ ...running, status: 'canceled' }, me, null).message).toMatch(
      /canceled/,
    );
  });

  it('says whose job it is when it is not yours', () => {
    const reason = notAllowedReason({ status: 'running', userId: 102, username: 'bob' }, me, null);
    expect(reason.code).toBe('not-allowed');
    expect(reason.message).toMatch(/not your job/);
    expect(reason.message).toMatch(/@bob/);
    expect(reason.message).toMatch(/@alice/);
  });

  it('points at the session server when the job runs and is yours', () => {
    expect(notAllowedReason(running, me, false).message).toMatch(/session_server/);
    expect(notAllowedReason(running, me, null).message).toMatch(/session server/);
    expect(notAllowedReason(null, me, null).message).toMatch(/404/);
  });
});

describe('runnerReason', () => {
  const base = {
    elapsedMs: 50,
    fastRefusalMs: 5000,
    job: running,
    terminalOffered: true,
    heldByOther: false,
  };

  it('is certain about another attached terminal when the log shows a foreign hold', () => {
    const reason = runnerReason({ ...base, elapsedMs: 60_000, heldByOther: true }, me);
    expect(reason.code).toBe('already-attached');
    expect(reason.message).toMatch(/browser tab/);
  });

  it('reads a fast refusal on a running job that offers a terminal as someone else attached', () => {
    expect(runnerReason(base, me).code).toBe('already-attached');
  });

  it('reads a slow refusal, or one without a terminal on offer, as runner unavailable', () => {
    expect(runnerReason({ ...base, elapsedMs: 60_000 }, me).code).toBe('runner-unavailable');
    expect(runnerReason({ ...base, terminalOffered: false }, me).code).toBe('runner-unavailable');
    expect(runnerReason({ ...base, job: null }, me).code).toBe('runner-unavailable');
    expect(runnerReason({ ...base, elapsedMs: 60_000 }, me).message).toMatch(/already attached/);
  });

  it('explains a job that is no longer running instead', () => {
    expect(runnerReason({ ...base, job: { ...running, status: 'failed' } }, me).message).toMatch(
      /finished/,
    );
  });
});

describe('diagnoseDrop', () => {
  const facts: DropFacts = {
    job: running,
    apiProblem: null,
    lastLogEvent: null,
    typedExit: false,
    cookieValid: true,
    host: 'h.example',
  };

  it('reconnects only after a plain drop while the job runs', () => {
    expect(diagnoseDrop(facts)).toMatchObject({
      kind: 'reconnect',
      reason: { code: 'connection-lost' },
    });
    expect(diagnoseDrop({ ...facts, job: null, apiProblem: 'offline' })).toMatchObject({
      kind: 'reconnect',
      reason: { message: expect.stringMatching(/offline/) as string },
    });
  });

  it.each<[string, Partial<DropFacts>, string]>([
    ['finished', { job: { ...running, status: 'success' } }, 'job-finished'],
    ['failed', { job: { ...running, status: 'failed' } }, 'job-finished'],
    ['canceled', { job: { ...running, status: 'canceled' } }, 'job-canceled'],
    [
      'timed out, finished',
      { job: { ...running, status: 'success' }, lastLogEvent: { kind: 'timed-out', at: null } },
      'hold-timed-out',
    ],
    ['timed out, finishing', { lastLogEvent: { kind: 'timed-out', at: null } }, 'hold-timed-out'],
    ['exit typed', { typedExit: true }, 'shell-exited'],
    [
      'exit typed, GitLab unreachable',
      { typedExit: true, job: null, apiProblem: 'offline' },
      'shell-exited',
    ],
    ['cookie revoked', { cookieValid: false }, 'sign-in-required'],
    ['job pending again', { job: { ...running, status: 'pending' } }, 'connection-lost'],
  ])('ends without reconnecting when %s', (_name, change, code) => {
    expect(diagnoseDrop({ ...facts, ...change })).toMatchObject({ kind: 'end', reason: { code } });
  });
});

describe('toJobStatus', () => {
  it('keeps known statuses and folds the rest', () => {
    expect(toJobStatus('running')).toBe('running');
    expect(toJobStatus('canceling')).toBe('canceled');
    expect(toJobStatus('brand-new')).toBe('unknown');
  });
});
