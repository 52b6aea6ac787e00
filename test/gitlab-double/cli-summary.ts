/**
 * The standalone double's few human lines on stderr, beside the JSON start line on stdout: what
 * to paste into Jobshell, and whether the credentials survive a restart.
 */
import type { StartInfo } from './core/types';

export function startSummary(info: StartInfo, stable: boolean): readonly string[] {
  const alice = info.users.find((u) => u.username === 'alice') ?? info.users[0];
  const lines = [`gitlab-double: GitLab URL ${info.url}`];
  if (alice !== undefined) {
    lines.push(
      `  In Jobshell: Add account, URL ${info.url}, session cookie ${alice.cookie}`,
      `  (optional token ${alice.token}); or sign in at ${info.url}/users/sign_in as ${alice.username} / ${alice.password}`,
    );
  }
  lines.push(
    `  ${info.users.length} users (${info.users.map((u) => u.username).join(', ')}), ${info.projects.length} projects, ${info.jobs.length} jobs; admin routes at ${info.admin}`,
    stable
      ? '  Credentials are derived from a fixed seed: the same on every start (keep the same --port too).'
      : '  Cookies and tokens are new on every start: add --stable-credentials to keep them across restarts.',
  );
  return lines;
}
