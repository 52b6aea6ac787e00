/**
 * Generated malformed HTTP requests and websocket upgrades for browser mode's server: request
 * lines, targets, headers, Host, Origin, tokens and frames a hostile page or local program could
 * send. Deterministic (seeded), so a failure names a case that can be replayed.
 */

export interface Target {
  readonly host: string;
  readonly origin: string;
  readonly token: string;
}

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
};

function randomBytes(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += String.fromCharCode(Math.floor(random() * 256));
  return out;
}

const PATHS = [
  '/%',
  '/%zz',
  '/%E0%A4%A',
  '/%00',
  '/index.html%00.js',
  '/..%2f..%2fetc%2fpasswd',
  '/../../etc/passwd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '//evil.example/x',
  'http://[',
  'http://[::1',
  'http://evil.example/bridge',
  '*',
  '',
  '/bridge?token=%',
  '/bridge?token=%zz&token=x',
  '/bridge#frag',
  '/\\..\\..\\windows',
  '/assets/\u00ff\u0100',
  `/${'a'.repeat(9000)}`,
];

const METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'OPTIONS',
  'CONNECT',
  'G\u0000T',
  'get',
  '',
  'X'.repeat(300),
];

function hosts(target: Target): readonly (string | null)[] {
  return [
    target.host,
    null,
    '',
    'evil.example',
    `${target.host}.evil.example`,
    '[',
    'localhost:1',
    `${target.host}\r\nX-Injected: 1`,
    'a'.repeat(5000),
  ];
}

function origins(target: Target): readonly (string | null)[] {
  return [
    target.origin,
    null,
    'null',
    '',
    'https://evil.example',
    `${target.origin}.evil`,
    'http://[',
    '\u0000',
  ];
}

function tokens(target: Target): readonly string[] {
  return [
    target.token,
    '',
    'x',
    target.token.slice(1),
    `${target.token}x`,
    '%',
    '\u00ff'.repeat(40),
  ];
}

/** One raw request: the bytes to write, latin1 so any byte value goes out as is. */
export function malformedRequest(random: Random, target: Target): string {
  const upgrade = random() < 0.5;
  const method = random() < 0.8 ? 'GET' : pick(random, METHODS);
  const path =
    upgrade && random() < 0.5
      ? `/bridge?token=${encodeURIComponent(pick(random, tokens(target)))}`
      : random() < 0.1
        ? `/${randomBytes(random, Math.floor(random() * 40))}`
        : pick(random, PATHS);
  const lines = [
    `${method} ${path} ${random() < 0.9 ? 'HTTP/1.1' : pick(random, ['HTTP/9.9', 'HTTP/1', ''])}`,
  ];
  const host = pick(random, hosts(target));
  if (host !== null) lines.push(`Host: ${host}`);
  if (upgrade) {
    const origin = pick(random, origins(target));
    if (origin !== null) lines.push(`Origin: ${origin}`);
    lines.push(`Connection: ${pick(random, ['Upgrade', 'upgrade, keep-alive', 'close', ''])}`);
    lines.push(`Upgrade: ${pick(random, ['websocket', 'WebSocket', 'h2c', ''])}`);
    lines.push(`Sec-WebSocket-Version: ${pick(random, ['13', '8', '', 'x'])}`);
    lines.push(
      `Sec-WebSocket-Key: ${pick(random, ['dGhlIHNhbXBsZSBub25jZQ==', '', 'short', '%%%'])}`,
    );
  }
  if (random() < 0.2) lines.push(`X-Junk: ${randomBytes(random, 30)}`);
  if (random() < 0.1)
    lines.push(`Content-Length: ${pick(random, ['-1', 'abc', '99999999999999999999', '5'])}`);
  if (random() < 0.1) lines.push('Transfer-Encoding: chunked');
  if (random() < 0.05) lines.push(`Huge: ${'h'.repeat(20_000)}`);
  if (random() < 0.05) lines.push('no colon here');
  const body = random() < 0.2 ? randomBytes(random, Math.floor(random() * 64)) : '';
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** Text and binary frames for an accepted bridge socket: none of them is a valid message. */
export function malformedFrame(random: Random): string | Buffer {
  return pick<string | Buffer>(random, [
    '',
    'null',
    '{',
    '[]',
    '{"t":"req"}',
    '{"t":"req","id":1,"method":"no.such","params":{}}',
    '{"t":"req","id":"x","method":"terminal.list","params":null}',
    '{"t":"note","name":"terminal.input","params":{"sessionId":"nope","data":1}}',
    '{"t":"note","name":"__proto__","params":{}}',
    '{"__proto__":{"polluted":true},"t":"req","id":2,"method":"app.info","params":{}}',
    JSON.stringify({
      t: 'req',
      id: 3,
      method: 'terminal.open',
      params: { target: { kind: 'url', url: 'http://[' } },
    }),
    JSON.stringify({
      t: 'req',
      id: 4,
      method: 'accounts.add',
      params: { baseUrl: '%', session: {} },
    }),
    randomBytes(random, 100),
    Buffer.from(randomBytes(random, 50), 'latin1'),
  ]);
}
