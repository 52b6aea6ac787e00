/**
 * What the log tells about the script's result while the runner waits for the terminal. The
 * runner writes its verdict ("Job succeeded") only after the wait, so during a hold the only hint
 * is the artifact upload line, which names the outcome (gitlab-runner's `Uploading artifacts for
 * successful job` / `… for failed job`). Without artifacts the result stays unknown (null).
 */
import { stripAnsi } from '../../../shared/terminal-grammar';

export function scriptResultFromLog(log: string): 'passed' | 'failed' | null {
  const text = stripAnsi(log);
  const failed = text.lastIndexOf('Uploading artifacts for failed job');
  const passed = text.lastIndexOf('Uploading artifacts for successful job');
  if (failed < 0 && passed < 0) return null;
  return failed > passed ? 'failed' : 'passed';
}
