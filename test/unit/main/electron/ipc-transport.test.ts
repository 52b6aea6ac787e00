import { describe, expect, it } from 'vitest';
import { createIpcHandlers, type SenderInfo } from '../../../../src/main/electron/ipc-transport';
import { captureLogger } from '../../support/capture-logger';
import { RecordingCore } from '../../support/fake-core';

const APP_URL = 'file:///app/out/renderer/index.html';
const ours: SenderInfo = { sender: { id: 1 }, senderFrame: { url: APP_URL } };
const isTrusted = (event: SenderInfo): boolean =>
  event.sender.id === 1 && event.senderFrame?.url === APP_URL;

describe('IPC transport', () => {
  it('delivers a valid request from our window', async () => {
    const core = new RecordingCore(() => []);
    const handlers = createIpcHandlers(core, isTrusted, captureLogger());
    expect(await handlers.request(ours, 'accounts.list', {})).toEqual({ ok: true, value: [] });
    expect(core.requests).toHaveLength(1);
  });

  it('rejects a message from an unknown sender', async () => {
    const core = new RecordingCore();
    const logger = captureLogger();
    const handlers = createIpcHandlers(core, isTrusted, logger);
    const stranger: SenderInfo = {
      sender: { id: 2 },
      senderFrame: { url: 'https://evil.example/' },
    };
    const subframe: SenderInfo = {
      sender: { id: 1 },
      senderFrame: { url: 'https://gitlab.example/ad' },
    };
    for (const event of [stranger, subframe, { sender: { id: 1 }, senderFrame: null }]) {
      expect(await handlers.request(event, 'accounts.list', {})).toEqual({
        ok: false,
        error: { code: 'invalid-message', message: 'Unknown sender' },
      });
      handlers.notify(event, 'terminal.input', { sessionId: 's', data: 'rm -rf /\r' });
    }
    expect(core.requests).toEqual([]);
    expect(core.notifications).toEqual([]);
    expect(logger.lines.filter((l) => l.message.includes('unknown sender'))).toHaveLength(6);
  });

  it('rejects a malformed payload from our own window', async () => {
    const core = new RecordingCore();
    const handlers = createIpcHandlers(core, isTrusted, captureLogger());
    const result = await handlers.request(ours, 'terminal.open', {
      target: { kind: 'job', jobId: 'x' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    handlers.notify(ours, 'terminal.ack', { sessionId: 's', bytes: 'lots' });
    handlers.notify(ours, 'no.such', {});
    expect(core.requests).toEqual([]);
    expect(core.notifications).toEqual([]);
  });
});
