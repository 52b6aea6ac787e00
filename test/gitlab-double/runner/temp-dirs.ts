import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One temp root per double; each job gets its own build directory (HOME and cwd) inside. */
export class TempDirs {
  #root: string | null = null;
  #removed = false;

  forJob(jobId: number): string {
    // After shutdown a late dial must not leave a fresh directory behind.
    if (this.#removed) throw new Error('temp dirs already removed');
    this.#root ??= mkdtempSync(join(tmpdir(), 'gitlab-double-'));
    const dir = join(this.#root, `job-${jobId}`);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  removeAll(): void {
    this.#removed = true;
    if (this.#root === null) return;
    rmSync(this.#root, { recursive: true, force: true });
    this.#root = null;
  }
}
