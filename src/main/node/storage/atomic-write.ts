/**
 * Replace-a-file-atomically: write a temporary file next to the target, flush it, rename it over
 * the target. A crash or a full disk leaves either the old file or the new one, never half of one.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

/** Private to the user: these files hold account data. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

function tempPathFor(target: string): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
  );
}

/** Atomically writes `data` to `target` with mode 0600 (async). */
export async function writeFileAtomic(target: string, data: string): Promise<void> {
  await fsp.mkdir(path.dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
  const temp = tempPathFor(target);
  try {
    const handle = await fsp.open(temp, 'wx', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    // The mode given to open() is masked by the umask; make sure it is exactly 0600.
    await fsp.chmod(temp, PRIVATE_FILE_MODE);
    await fsp.rename(temp, target);
  } catch (error) {
    await fsp.rm(temp, { force: true });
    throw error;
  }
}

/** Atomically writes `data` to `target` with mode 0600 (sync, for the synchronous SettingsStore). */
export function writeFileAtomicSync(target: string, data: string): void {
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
  const temp = tempPathFor(target);
  try {
    const fd = fs.openSync(temp, 'wx', PRIVATE_FILE_MODE);
    try {
      fs.writeFileSync(fd, data, 'utf8');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.chmodSync(temp, PRIVATE_FILE_MODE);
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
