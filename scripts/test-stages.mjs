// @ts-check
/**
 * `npm test`: every check, in order, stopping at the first stage that fails, then a table of how
 * long each stage took. The three static checks run side by side: each is one single-threaded
 * process and none needs another's result, so on two cores they take about as long as the longest
 * of them (lint) instead of their sum. Their output is held back and printed whole when each ends,
 * so it does not interleave. The later stages need the cores to themselves (vitest and Playwright
 * run two workers) or need the build, so they run one after another.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** Stages in order; the scripts of one stage run at the same time. */
const STAGES = [
  ['typecheck', 'lint', 'format:check'],
  ['test:unit'],
  ['build'],
  ['test:e2e'],
  ['security'],
];

/** On POSIX the stage runs under `sh`, whose `times` reports its children's CPU time on fd 3. */
const POSIX = process.platform !== 'win32';
const WITH_TIMES = 'npm run --silent "$0"; status=$?; times >&3; exit $status';

/**
 * CPU seconds (user + system) of the children from `times` output: its second line.
 * @param {string} text
 * @returns {number | null}
 */
function childCpu(text) {
  const line = text.trim().split('\n')[1] ?? '';
  const parts = [...line.matchAll(/(\d+)m([\d.]+)s/g)];
  if (parts.length !== 2) return null;
  return parts.reduce((sum, [, min, sec]) => sum + Number(min) * 60 + Number(sec), 0);
}

/**
 * Runs `npm run <script>`; with `hold`, its output is collected and printed once it ended.
 * @param {string} script
 * @param {boolean} hold
 * @returns {Promise<Result>}
 */
function run(script, hold) {
  const started = performance.now();
  /** @type {import('node:child_process').IOType} */
  const out = hold ? 'pipe' : 'inherit';
  /** @type {import('node:child_process').IOType[]} */
  const io = [hold ? 'ignore' : 'inherit', out, out];
  /** @type {import('node:child_process').ChildProcess} */
  const child = POSIX
    ? spawn('sh', ['-c', WITH_TIMES, script], { stdio: [...io, 'pipe'] })
    : spawn('npm', ['run', '--silent', script], { stdio: io, shell: true });
  /** @type {Buffer[]} */
  const output = [];
  child.stdout?.on('data', (chunk) => output.push(chunk));
  child.stderr?.on('data', (chunk) => output.push(chunk));
  let times = '';
  child.stdio[3]?.on('data', (chunk) => (times += String(chunk)));
  return new Promise((resolve) => {
    child.on('close', (code) => {
      if (hold) process.stdout.write(`\n> ${script}\n${Buffer.concat(output).toString()}`);
      const seconds = (performance.now() - started) / 1000;
      resolve({ script, code: code ?? 1, seconds, cpu: childCpu(times) });
    });
  });
}

/** @typedef {{ script: string, code: number, seconds: number, cpu: number | null }} Result */
/** @type {Result[]} */
const results = [];
let failed = false;
for (const stage of STAGES) {
  const ended = await Promise.all(stage.map((script) => run(script, stage.length > 1)));
  results.push(...ended);
  failed = ended.some((r) => r.code !== 0);
  if (failed) break;
}

// Wall time depends on whatever else the machine is doing; CPU time (user + system) much less.
console.log('\nStage            Wall (s)   CPU (s)  Result');
for (const { script, code, seconds, cpu } of results) {
  const cpuText = cpu === null ? '-' : cpu.toFixed(1);
  const result = code === 0 ? 'ok' : `exit ${code}`;
  console.log(
    `${script.padEnd(16)} ${seconds.toFixed(1).padStart(8)} ${cpuText.padStart(9)}  ${result}`,
  );
}
process.exit(failed ? 1 : 0);
