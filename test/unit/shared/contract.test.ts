import { describe, expect, it } from 'vitest';
import { ContractError, dispatchNotification, dispatchRequest } from '../../../src/shared/contract';
import { RecordingCore } from '../support/fake-core';

describe('contract dispatch', () => {
  it('passes a valid request through and wraps its answer', async () => {
    const core = new RecordingCore(() => ({ released: 2 }));
    const result = await dispatchRequest(core, 'terminal.releaseAllIdle', {}, () => undefined);
    expect(result).toEqual({ ok: true, value: { released: 2 } });
    expect(core.requests).toEqual([{ method: 'terminal.releaseAllIdle', params: {} }]);
  });

  it('refuses unknown methods and malformed params before the core sees them', async () => {
    const core = new RecordingCore();
    expect(await dispatchRequest(core, 'fs.readFile', {}, () => undefined)).toEqual({
      ok: false,
      error: { code: 'invalid-message', message: 'Unknown request "fs.readFile"' },
    });
    expect(
      await dispatchRequest(core, 'terminal.close', { sessionId: 5 }, () => undefined),
    ).toEqual({
      ok: false,
      error: {
        code: 'invalid-message',
        message: 'params.sessionId must be a string of 1 to 200 characters',
      },
    });
    expect(await dispatchRequest(core, 'constructor', {}, () => undefined)).toMatchObject({
      ok: false,
    });
    expect(core.requests).toEqual([]);
  });

  it('carries a ContractError message intact but hides internal errors', async () => {
    const internal: unknown[] = [];
    const userFacing = new RecordingCore(() => {
      throw new ContractError('bad-input', 'That is not a GitLab URL');
    });
    expect(await dispatchRequest(userFacing, 'accounts.list', {}, (e) => internal.push(e))).toEqual(
      {
        ok: false,
        error: { code: 'bad-input', message: 'That is not a GitLab URL' },
      },
    );
    const broken = new RecordingCore(() => {
      throw new TypeError('x is undefined at secret.ts:12');
    });
    const result = await dispatchRequest(broken, 'accounts.list', {}, (e) => internal.push(e));
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('secret.ts');
    expect(internal).toHaveLength(1);
  });

  it('validates notifications', () => {
    const core = new RecordingCore();
    expect(dispatchNotification(core, 'terminal.ack', { sessionId: 's', bytes: 10 })).toBeNull();
    expect(dispatchNotification(core, 'terminal.ack', { sessionId: 's', bytes: -1 })).toContain(
      'bytes',
    );
    expect(dispatchNotification(core, 'terminal.input', { sessionId: 's' })).toContain('data');
    expect(core.notifications).toEqual([
      { name: 'terminal.ack', params: { sessionId: 's', bytes: 10 } },
    ]);
  });

  // Names are looked up in plain objects: what every object inherits must not pass as a method.
  it.each(['toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    'refuses the inherited name %s as request and notification',
    async (name) => {
      const core = new RecordingCore();
      expect(await dispatchRequest(core, name, {}, () => undefined)).toEqual({
        ok: false,
        error: { code: 'invalid-message', message: `Unknown request "${name}"` },
      });
      expect(dispatchNotification(core, name, {})).not.toBeNull();
      expect(core.requests).toEqual([]);
      expect(core.notifications).toEqual([]);
    },
  );
});
