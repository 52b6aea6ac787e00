/**
 * Browser mode under a few thousand generated malformed requests, upgrades and bridge frames
 * (loopback only, bounded in count and time): every one gets an answer (4xx), the process
 * stays up, the page is still served and a terminal opened before the run still runs.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserMode, type BrowserMode } from '../../../../src/main/web/browser-mode';
import type { OutputChunk } from '../../../../src/shared/models';
import { mulberry32, seedUser, startGitlabDouble, type GitlabDouble } from '../../../gitlab-double';
import { captureLogger } from '../../support/capture-logger';
import { malformedFrame, malformedRequest, type Target } from './fuzz-requests';

const SEED = 0x13;
/** Requests and upgrades over raw TCP. */
const REQUESTS = 3_000;
/** Accepted bridge sockets that then get malformed frames, and how many each. */
const BRIDGES = 20;
const FRAMES_PER_BRIDGE = 30;
/** Accepted bridge sockets that then get bytes that are no websocket frame at all. */
const RAW_GARBAGE = 30;
/** Connections in flight at once: enough to overlap, few enough for a shared 2-core machine. */
const PARALLEL = 16;
/** A case that gets no answer within this is closed by the client and counted as status 0. */
const ANSWER_BOUND_MS = 30_000;

/** Writes `bytes`, returns the status of the answer, or 0 when the server closed or said nothing. */
function exchange(port: number, bytes: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const done = (status: number): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(status);
    };
    const timer = setTimeout(() => {
      done(0);
    }, ANSWER_BOUND_MS);
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (match !== null && text.includes('\r\n\r\n')) done(Number(match[1]));
    });
    socket.on('error', () => {
      done(0);
    });
    socket.on('close', () => {
      done(0);
    });
    socket.write(bytes);
  });
}

async function inParallel<T>(count: number, work: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const index = next;
      next += 1;
      results[index] = await work(index);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, lane));
  return results;
}

describe('browser mode under malformed input (fuzz)', () => {
  let gl: GitlabDouble;
  let mode: BrowserMode;
  let dir: string;
  let target: Target;
  let port: number;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jobshell-fuzz-'));
    const rendererDir = join(dir, 'renderer');
    await mkdir(rendererDir);
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    gl = await startGitlabDouble();
    mode = await startBrowserMode({
      dataDir: join(dir, 'data'),
      rendererDir,
      version: 'fuzz',
      logger: captureLogger(),
      openExternal: () => Promise.resolve(),
    });
    const origin = mode.server.origin;
    port = Number(new URL(origin).port);
    target = { host: new URL(origin).host, origin, token: mode.server.token };
  });
  afterAll(async () => {
    await mode.close();
    await gl.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Output of a session as text, collected from the core's events; waits on those events. */
  const collect = (sessionId: string) => {
    let text = '';
    const waiters = new Set<() => void>();
    const stop = mode.core.subscribe((name, payload) => {
      if (name !== 'terminal.output') return;
      for (const chunk of payload as readonly OutputChunk[]) {
        if (chunk.sessionId === sessionId) text += Buffer.from(chunk.data).toString('utf8');
      }
      for (const wake of [...waiters]) wake();
    });
    const waitFor = (needle: string): Promise<void> =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${needle} in ${text.slice(-300)}`));
        }, 20_000);
        const check = (): void => {
          if (!text.includes(needle)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      });
    return { waitFor, stop };
  };

  it('answers every malformed request with a 4xx and keeps its terminal running', async () => {
    const alice = seedUser(gl, 'alice');
    const account = await mode.core.request('accounts.add', {
      baseUrl: gl.url,
      session: { kind: 'cookie', value: alice.cookie },
    });
    const job = gl.createJob({ user: 'alice', mode: 'shell' });
    const { sessionId } = await mode.core.request('terminal.open', {
      target: { kind: 'job', accountId: account.id, projectId: job.project_id, jobId: job.id },
    });
    const output = collect(sessionId);
    await output.waitFor(`job-${job.id}$ `);

    const random = mulberry32(SEED);
    const cases = Array.from({ length: REQUESTS }, () => malformedRequest(random, target));
    const statuses = await inParallel(REQUESTS, (i) =>
      exchange(port, Buffer.from(cases[i] ?? '', 'latin1')),
    );
    const byStatus = new Map<number, number>();
    for (const status of statuses) byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    // Each one is answered: 200 only for a well-formed GET of the page, 101 only for an upgrade
    // that happens to be fully valid, a 4xx for everything else; no 5xx, no silent drop.
    const allowed = new Set([101, 200, 400, 401, 403, 404]);
    const unexpected = statuses
      .map((status, i) => ({ status, request: (cases[i] ?? '').slice(0, 200) }))
      .filter(({ status }) => !allowed.has(status));
    expect(unexpected).toEqual([]);
    console.log(`fuzz answers by status: ${JSON.stringify(Object.fromEntries(byStatus))}`);
    expect(byStatus.get(400) ?? 0).toBeGreaterThan(0);
    expect(byStatus.get(404) ?? 0).toBeGreaterThan(0);

    const bridgeUrl = `${target.origin.replace('http', 'ws')}/bridge?token=${target.token}`;
    await inParallel(BRIDGES, async () => {
      const ws = new WebSocket(bridgeUrl, { headers: { Origin: target.origin } });
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      for (let i = 0; i < FRAMES_PER_BRIDGE; i += 1) ws.send(malformedFrame(random));
      ws.close();
      await new Promise((resolve) => ws.once('close', resolve));
    });
    await inParallel(RAW_GARBAGE, async () => {
      const handshake =
        `GET /bridge?token=${target.token} HTTP/1.1\r\nHost: ${target.host}\r\n` +
        `Origin: ${target.origin}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;
      // Unmasked frames with reserved bits and opcodes, then noise: ws must close, not throw.
      const garbage = Buffer.from([
        0xff,
        0x7f,
        ...Array.from({ length: 64 }, () => Math.floor(random() * 256)),
      ]);
      return exchange(port, Buffer.concat([Buffer.from(handshake, 'latin1'), garbage]));
    });

    // Still up: the page is served, the bridge works, and the terminal still runs.
    expect((await fetch(target.origin)).status).toBe(200);
    const list = await mode.core.request('terminal.list', {});
    expect(list.find((s) => s.id === sessionId)?.state.kind).toBe('open');
    mode.core.notify('terminal.input', { sessionId, data: 'echo fuzz-$((6*7))\r' });
    await output.waitFor('fuzz-42');
    output.stop();
  }, 300_000);
});
