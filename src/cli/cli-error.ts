/** A failure the CLI reports as one message and one exit code. */
import { ContractError } from '../shared/contract';
import { GitlabError, NetworkError, toContractError } from '../main/core';
import { EXIT, exitCodeForError, type ExitCode } from './exit-codes';

/** Thrown anywhere in the CLI; `main` prints the message and exits with the code. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A usage or credentials problem (exit 2). */
export function usageError(message: string): CliError {
  return new CliError(EXIT.usage, message);
}

/**
 * Any error as a CliError: the core's errors keep their user-facing message (mapped the way the
 * app maps them); anything else is unexpected, and its message is still shown because a CLI user
 * has no log window to look in.
 */
export function toCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (
    error instanceof ContractError ||
    error instanceof GitlabError ||
    error instanceof NetworkError
  ) {
    const contract = toContractError(error);
    return new CliError(exitCodeForError(contract.code), contract.message);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CliError(EXIT.failed, `Unexpected error: ${message}`);
}
