/**
 * Standalone double: `npm run gitlab-double -- [--port 0] [--root /gitlab] [--session-timeout S]
 * [--timestamps] [--tls] [--stable-credentials]` prints exactly one JSON line (the start line) on stdout, logs to stderr,
 * and serves until SIGINT/SIGTERM, which ends every shell and removes the temp dirs.
 */
import { parseArgs } from 'node:util';
import type { GitlabDoubleOptions, Utf8SplitMode } from './core/types';
import { watchLauncher } from './cli-lifeline';
import { startSummary } from './cli-summary';
import { startGitlabDouble } from './double';
import { DEFAULT_CREDENTIALS_SEED } from './state/stable-credentials';

const SPLIT_MODES: readonly Utf8SplitMode[] = ['random', 'always', 'never'];

function number(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${flag} needs a non-negative number`);
  return n;
}

function splitMode(value: string | undefined): Utf8SplitMode | undefined {
  if (value === undefined) return undefined;
  const mode = SPLIT_MODES.find((m) => m === value);
  if (mode === undefined) throw new Error(`--utf8-split needs one of ${SPLIT_MODES.join('|')}`);
  return mode;
}

function options(argv: readonly string[]): GitlabDoubleOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      root: { type: 'string' },
      'session-timeout': { type: 'string' },
      timestamps: { type: 'boolean' },
      tls: { type: 'boolean' },
      'script-seconds': { type: 'string' },
      'reauth-interval-ms': { type: 'string' },
      'ping-interval-ms': { type: 'string' },
      'runner-ready-timeout-ms': { type: 'string' },
      'utf8-split': { type: 'string' },
      'no-seed': { type: 'boolean' },
      'external-url': { type: 'string' },
      'latency-ms': { type: 'string' },
      'segment-bytes': { type: 'string' },
      'stable-credentials': { type: 'boolean' },
      'credentials-seed': { type: 'string' },
    },
    strict: true,
  });
  return {
    port: number(values.port, 'port'),
    root: values.root,
    sessionTimeoutS: number(values['session-timeout'], 'session-timeout'),
    timestamps: values.timestamps,
    tls: values.tls,
    scriptSeconds: number(values['script-seconds'], 'script-seconds'),
    reauthIntervalMs: number(values['reauth-interval-ms'], 'reauth-interval-ms'),
    pingIntervalMs: number(values['ping-interval-ms'], 'ping-interval-ms'),
    runnerReadyTimeoutMs: number(values['runner-ready-timeout-ms'], 'runner-ready-timeout-ms'),
    utf8Split: splitMode(values['utf8-split']),
    seed: values['no-seed'] !== true,
    externalUrl: values['external-url'],
    linkLatencyMs: number(values['latency-ms'], 'latency-ms'),
    linkSegmentBytes: number(values['segment-bytes'], 'segment-bytes'),
    credentialsSeed: credentialsSeed(values['stable-credentials'], values['credentials-seed']),
  };
}

/** --credentials-seed S, or --stable-credentials for the default seed; else random credentials. */
function credentialsSeed(
  stable: boolean | undefined,
  seed: string | undefined,
): string | undefined {
  if (seed !== undefined) {
    if (seed === '') throw new Error('--credentials-seed needs a non-empty value');
    return seed;
  }
  return stable === true ? DEFAULT_CREDENTIALS_SEED : undefined;
}

async function main(): Promise<void> {
  const chosen = options(process.argv.slice(2));
  const double = await startGitlabDouble(chosen);
  process.stdout.write(`${JSON.stringify(double.info)}\n`);
  console.error(`gitlab-double: serving ${double.url} (admin ${double.adminUrl})`);
  for (const line of startSummary(double.info, chosen.credentialsSeed !== undefined))
    console.error(line);
  let stopping = false;
  const stop = (why: string): void => {
    // npm, tsx and a process-group kill may each deliver the signal: shut down once.
    if (stopping) return;
    stopping = true;
    console.error(`gitlab-double: ${why}, shutting down`);
    double.close().then(
      () => {
        console.error('gitlab-double: stopped');
        process.exit(0);
      },
      (error: unknown) => {
        console.error('gitlab-double: shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  watchLauncher(() => {
    stop('launcher gone');
  });
}

main().catch((error: unknown) => {
  console.error('gitlab-double:', error instanceof Error ? error.message : error);
  process.exit(2);
});
