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

/**
 * Runs `npm run <script>`; with `hold`, its output is collected and printed once it ended.
 * @param {string} script
 * @param {boolean} hold
 * @returns {Promise<{ script: string, code: number, seconds: number }>}
 */
function run(script, hold) {
  const started = performance.now();
  const child = spawn('npm', ['run', '--silent', script], {
    stdio: hold ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    shell: process.platform === 'win32',
  });
  /** @type {Buffer[]} */
  const output = [];
  child.stdout?.on('data', (chunk) => output.push(chunk));
  child.stderr?.on('data', (chunk) => output.push(chunk));
  return new Promise((resolve) => {
    child.on('close', (code) => {
      if (hold) process.stdout.write(`\n> ${script}\n${Buffer.concat(output).toString()}`);
      resolve({ script, code: code ?? 1, seconds: (performance.now() - started) / 1000 });
    });
  });
}

/** @type {{ script: string, code: number, seconds: number }[]} */
const results = [];
let failed = false;
for (const stage of STAGES) {
  const ended = await Promise.all(stage.map((script) => run(script, stage.length > 1)));
  results.push(...ended);
  failed = ended.some((r) => r.code !== 0);
  if (failed) break;
}

console.log('\nStage            Wall (s)  Result');
for (const { script, code, seconds } of results) {
  console.log(
    `${script.padEnd(16)} ${seconds.toFixed(1).padStart(8)}  ${code === 0 ? 'ok' : `exit ${code}`}`,
  );
}
process.exit(failed ? 1 : 0);
