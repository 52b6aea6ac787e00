/** Which executor ran a job, as GitLab Runner's log says it ("Preparing the "docker" executor"). */
import type { Executor } from '../../../shared/models';

/** The runner writes this at the start of every job (common/build.go, executor Prepare). */
const PREPARING = /Preparing the "([a-z0-9+-]+)" executor/i;
/** Older runners and some executors only say "Using … executor". */
const USING = /Using (Shell|Docker|Kubernetes|Custom|SSH|VirtualBox|Parallels)\b[^\n]* executor/i;

/** The runner's executor names, grouped by what matters for the terminal hold. */
function fromName(name: string): Executor {
  const lower = name.toLowerCase();
  if (lower === 'shell') return 'shell';
  if (lower === 'kubernetes') return 'kubernetes';
  if (lower === 'docker-autoscaler') return 'docker-autoscaler';
  if (lower.startsWith('docker')) return 'docker';
  if (lower === 'instance') return 'instance';
  return 'other';
}

/** The executor named in the log's first lines, or null when the log does not say. */
export function executorFromLog(log: string): Executor | null {
  const preparing = PREPARING.exec(log);
  if (preparing?.[1] !== undefined) return fromName(preparing[1]);
  const using = USING.exec(log);
  if (using?.[1] !== undefined) return fromName(using[1]);
  return null;
}

/** The runner lines that name the executor come first; the rest of a big log is not needed. */
export const EXECUTOR_LOG_PREFIX_CHARS = 16_384;
