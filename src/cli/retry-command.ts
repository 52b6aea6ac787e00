/**
 * `jobshell retry <job-url> [--attach]`: the core's retry service decides and retries (the same
 * verdicts and the same one-retry rule as the app), stdout gets the new job's URL as one line, and
 * --attach then waits for the job to run and attaches exactly as `jobshell attach` does.
 */
import { ContractError } from '../shared/contract';
import type { RetryVerdict } from '../shared/models';
import { createGitlabClient, createRetryService } from '../main/core';
import type { RetryCommand } from './args';
import { runAttachSession, type AttachIo } from './attach-session';
import { connectToJob, type CommandDeps } from './attach-command';
import { singleAccountAccess } from './cli-account';
import { CliError } from './cli-error';
import { EXIT } from './exit-codes';
import { waitUntilRunning } from './retry-wait';

/** Runs `retry`; resolves with the exit code, throws CliErrors and the core's errors. */
export async function runRetry(
  command: RetryCommand,
  deps: CommandDeps & { readonly io: AttachIo },
): Promise<number> {
  const { http, io } = deps;
  const { address, connection, baseUrl } = await connectToJob(command, deps);
  const retries = createRetryService({
    accounts: singleAccountAccess(connection),
    http,
    clock: deps.clock,
    logger: deps.logger,
    userAgent: `Jobshell/${deps.version}`,
  });
  const target = { kind: 'url' as const, url: address.url.href };
  const verdict = await retries.check(target);
  explain(verdict, io);
  if (verdict.kind === 'refused') throw new CliError(EXIT.notAllowed, verdict.message);
  if (verdict.kind === 'confirm' && !command.yes) {
    throw new CliError(EXIT.usage, 'Not retried: add --yes to retry anyway.');
  }
  let view;
  try {
    view = await retries.start(target, command.yes, false);
  } catch (error) {
    // GitLab (or the verdict) refused: exit 3 with the reason, as for a refused terminal.
    if (error instanceof ContractError && error.code === 'conflict')
      throw new CliError(EXIT.notAllowed, error.message);
    throw error;
  } finally {
    retries.dispose();
  }
  const newJobId = view.newJobId;
  if (newJobId === null) throw new CliError(EXIT.failed, 'GitLab did not name the new job.');
  const newUrl = view.newJobUrl ?? `${baseUrl}/${view.projectPath}/-/jobs/${newJobId}`;
  io.stdout.write(`${newUrl}\n`);
  if (!command.attach) return EXIT.ok;
  const client = createGitlabClient(http, { ...connection }, { clock: deps.clock });
  await waitUntilRunning(client, view.projectId, newJobId, deps.clock, (line) => {
    io.stderr.write(`${line}\n`);
  });
  return runAttachSession(newUrl, {
    connection,
    network: { http, createSocket: deps.createSocket },
    clock: deps.clock,
    logger: deps.logger,
    version: deps.version,
    io,
    syncSize: command.syncSize,
    ...(deps.historyFile === undefined ? {} : { historyFile: deps.historyFile }),
  });
}

/** The verdict on stderr: the reason, and for Docker the snippet that makes a hold possible. */
function explain(verdict: RetryVerdict, io: AttachIo): void {
  if (verdict.kind === 'ready') return;
  if (verdict.kind === 'refused') return;
  io.stderr.write(`${verdict.message}\n`);
  if (verdict.kind === 'confirm' && verdict.snippet !== null) {
    io.stderr.write(`\n${verdict.snippet.explanation}\n\n${verdict.snippet.yaml}\n`);
  }
}
