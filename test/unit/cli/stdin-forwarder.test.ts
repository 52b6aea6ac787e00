import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EXIT_COMMAND, StdinForwarder } from '../../../src/cli/stdin-forwarder';

/** A pipe standing in for a non-TTY stdin. */
function pipedStdin(): PassThrough & NodeJS.ReadStream {
  return new PassThrough() as unknown as PassThrough & NodeJS.ReadStream;
}

function forwarder(stdin: NodeJS.ReadStream): {
  sent: string[];
  input: StdinForwarder;
  ended: Promise<void>;
} {
  const sent: string[] = [];
  let resolveEnded: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => {
    resolveEnded = resolve;
  });
  const input = new StdinForwarder(stdin, false, {
    send: (data) => {
      sent.push(data);
      if (data.endsWith(EXIT_COMMAND)) resolveEnded();
    },
    detach: () => undefined,
  });
  return { sent, input, ended };
}

describe('StdinForwarder (piped input)', () => {
  it('forwards input as is, then types exit at its end', async () => {
    const stdin = pipedStdin();
    const { sent, input, ended } = forwarder(stdin);
    stdin.write('make test\n');
    input.start();
    stdin.end();
    await ended;
    expect(sent.join('')).toBe(`make test\n${EXIT_COMMAND}`);
    expect(input.ended).toBe(true);
  });

  it('finishes a last line without a newline first, and keeps split UTF-8 characters whole', async () => {
    const stdin = pipedStdin();
    const { sent, input, ended } = forwarder(stdin);
    input.start();
    const euro = Buffer.from('echo €', 'utf8');
    stdin.write(euro.subarray(0, euro.length - 1));
    stdin.write(euro.subarray(euro.length - 1));
    stdin.end();
    await ended;
    expect(sent.join('')).toBe(`echo €\r${EXIT_COMMAND}`);
  });

  it('leaves input in the pipe until start, and stops reading at stop', () => {
    const stdin = pipedStdin();
    const { input } = forwarder(stdin);
    expect(stdin.listenerCount('data')).toBe(0);
    expect(stdin.readableFlowing).not.toBe(true);
    input.start();
    expect(stdin.listenerCount('data')).toBe(1);
    input.stop();
    expect(stdin.listenerCount('data')).toBe(0);
    expect(stdin.readableFlowing).toBe(false);
  });
});
