import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGitlabDouble, waitForEvent, type GitlabDouble } from './index';
import { connectTerminal, terminalUrl, user, type TerminalClient } from './support/clients';

/** The runner's io.Copy buffer. */
const INPUT_CAP = 32 * 1024;
/** 😀 U+1F600: four UTF-8 bytes. */
const GRINNING = Buffer.from([0xf0, 0x9f, 0x98, 0x80]);
/** Bytes of `yes` output the flood check streams: far past the double's output high-water mark. */
const FLOOD_BYTES = 4 * 1024 * 1024;

describe('§8.3 data path', () => {
  let double: GitlabDouble;
  let cookie: string;
  const open: TerminalClient[] = [];

  beforeAll(async () => {
    double = await startGitlabDouble();
    cookie = user(double, 'alice').cookie;
  });
  afterEach(async () => {
    double.setUtf8Split('random');
    for (const client of open.splice(0)) {
      client.ws.terminate();
      await client.closed;
    }
  });
  afterAll(async () => {
    await double.close();
  });

  async function attach(
    protocols?: readonly string[],
  ): Promise<{ jobId: number; client: TerminalClient }> {
    const jobId = double.createJob({ user: 'alice', project: 41 }).id;
    const client = await connectTerminal(terminalUrl(double, jobId), { cookie, protocols });
    open.push(client);
    await client.waitForOutput(`job-${jobId}$ `);
    return { jobId, client };
  }

  it('8.3-16: binary input reaches the shell unchanged; output may split a UTF-8 character across frames', async () => {
    const { jobId, client } = await attach();
    const input = Buffer.from('echo "héllo \u00e9t\u00e9"\r');
    const received = waitForEvent(double, 'shell-input', (e) => e.jobId === jobId);
    client.send(input);
    expect((await received).bytes.equals(input)).toBe(true);
    await client.waitForOutput('héllo été\r\n');

    double.setUtf8Split('always');
    const from = client.output().length;
    const mark = client.frames.length;
    // printf's octal escapes keep the emoji out of the echoed command line.
    client.send(Buffer.from("printf 'A\\360\\237\\230\\200Z\\n'\r"));
    await client.waitForOutput(Buffer.concat([Buffer.from('A'), GRINNING, Buffer.from('Z')]), from);
    const frames = client.frames.slice(mark);
    expect(frames.every((f) => f.binary)).toBe(true);
    const splitAt = frames.findIndex((f, i) => {
      const next = frames[i + 1];
      return (
        f.data.at(-1) === 0xf0 &&
        next !== undefined &&
        next.data.subarray(0, 3).equals(GRINNING.subarray(1))
      );
    });
    expect(splitAt).toBeGreaterThanOrEqual(0);
  });

  it('8.3-17: a text frame under terminal.gitlab.com is accepted as input', async () => {
    const { jobId, client } = await attach();
    const received = waitForEvent(double, 'shell-input', (e) => e.jobId === jobId);
    client.send('echo text-frame-$((1+1))\r');
    expect((await received).bytes.toString()).toBe('echo text-frame-$((1+1))\r');
    await client.waitForOutput('text-frame-2');
  });

  it('8.3-18: invalid base64 under the base64 protocol drops the connection (1006)', async () => {
    const { jobId, client } = await attach(['base64.terminal.gitlab.com']);
    const gone = waitForEvent(double, 'terminal-disconnected', (e) => e.jobId === jobId);
    client.send('!!! not base64 !!!');
    expect((await client.closed).code).toBe(1006);
    expect((await gone).reason).toBe('invalid-frame');
  });

  it('8.3-19: an input frame larger than 32 KiB is cut to 32 KiB, the rest dropped', async () => {
    const { jobId, client } = await attach();
    const big = Buffer.alloc(INPUT_CAP + 7_000, 'a');
    big.write('b', INPUT_CAP - 1);
    big.write('c', INPUT_CAP);
    const received = waitForEvent(double, 'shell-input', (e) => e.jobId === jobId);
    client.send(big);
    const bytes = (await received).bytes;
    expect(bytes.length).toBe(INPUT_CAP);
    expect(bytes.equals(big.subarray(0, INPUT_CAP))).toBe(true);
  });

  it('8.3-20: a JSON resize message is just typed into the shell; the PTY keeps its size', async () => {
    const { jobId, client } = await attach();
    const resize = '{"operation":"resize","columns":132,"rows":43}';
    const received = waitForEvent(double, 'shell-input', (e) => e.jobId === jobId);
    client.send(Buffer.from(resize));
    expect((await received).bytes.toString()).toBe(resize);
    await client.waitForOutput(resize);
    const from = client.output().length;
    // Ctrl-U kills the typed line; then ask the TTY its size.
    client.send(Buffer.from('\x15stty size\r'));
    await client.waitForOutput('24 80', from);
  });

  it('streams a `yes` flood to the end and counts every byte', async () => {
    const { client } = await attach();
    double.setUtf8Split('never');
    let bytes = 0;
    const done = new Promise<void>((resolve) => {
      client.ws.on('message', (data: Buffer) => {
        bytes += data.length;
        if (bytes >= FLOOD_BYTES) resolve();
      });
    });
    client.send(Buffer.from('yes\r'));
    await done;
    // Speed is the benchmarks' business (npm run bench); a test only asserts what arrived.
    expect(double.counters().bytes_out).toBeGreaterThanOrEqual(bytes);
  });
});
