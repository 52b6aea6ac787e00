/**
 * For executors where the terminal cannot hold a failed job (Docker: the exec session dies with
 * the build container): a `.gitlab-ci.yml` fragment that keeps a failed script's container alive
 * for a bounded time, only when the user asks for it with a variable.
 */

/** How long the snippet keeps a failed job alive: long enough to attach and look, then it ends. */
export const SNIPPET_HOLD_SECONDS = 900;

/** The variable that turns the hold on (set it when running or retrying the pipeline). */
export const HOLD_VARIABLE = 'JOBSHELL_HOLD';

/** One line saying what the snippet does. */
export const SNIPPET_EXPLANATION = `When ${HOLD_VARIABLE} is set and the script fails, the job sleeps up to ${SNIPPET_HOLD_SECONDS / 60} minutes before ending, so you can attach; without the variable nothing changes.`;

/** The snippet for one job (its name as the YAML key, quoted when needed). */
export function holdSnippet(jobName: string): string {
  const key = /^[A-Za-z0-9_.-]+$/.test(jobName) ? jobName : JSON.stringify(jobName);
  return [
    `${key}:`,
    '  before_script:',
    `    - trap 'status=$?; if [ "$status" -ne 0 ] && [ -n "\${${HOLD_VARIABLE}:-}" ]; then echo "Jobshell: holding the failed job for ${SNIPPET_HOLD_SECONDS}s"; sleep ${SNIPPET_HOLD_SECONDS}; fi; exit $status' EXIT`,
    '',
  ].join('\n');
}
