/**
 * What most benchmarks need, started fresh for each so that one benchmark's failure or leftovers
 * never bend another's numbers: the double in its own process, Jobshell (core + bridge) in this
 * one with alice signed in, the built bench pages, and a headless Chromium.
 */
import type { JobInfo } from '../../gitlab-double';
import { signInAlice, startBenchApp, type BenchApp } from './bench-app';
import { launchBrowser, type BenchBrowser } from './browser';
import { startDoubleProcess, type DoubleProcess } from './double-process';
import { buildPages, type BuiltPages } from './pages-build';

export interface BenchEnv {
  readonly double: DoubleProcess;
  readonly app: BenchApp;
  readonly accountId: string;
  readonly browser: BenchBrowser;
  readonly pages: BuiltPages;
  /** A fresh running job of alice's with a shell (its terminal is free). */
  newJob(name: string): Promise<JobInfo>;
}

/** Runs `body` in a fresh environment and always tears it down, last started first. */
export async function withBenchEnv<T>(body: (env: BenchEnv) => Promise<T>): Promise<T> {
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const pages = await buildPages();
    const double = await startDoubleProcess();
    cleanups.push(() => double.close());
    const app = await startBenchApp();
    cleanups.push(() => app.close());
    const account = await signInAlice(app, double);
    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    return await body({
      double,
      app,
      accountId: account.id,
      browser,
      pages,
      newJob: (name) => double.createJob({ user: 'alice', name, mode: 'shell' }),
    });
  } finally {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) => {
        console.error('bench cleanup failed:', error);
      });
    }
  }
}
