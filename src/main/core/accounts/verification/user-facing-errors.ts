/** Turns GitLab and network failures into the ContractError the user sees, with what to do next. */
import { ContractError } from '../../../../shared/contract';
import { assertNever } from '../../../../shared/assert-never';
import { GitlabError } from '../../gitlab/gitlab-error';

/** A ContractError for anything thrown while talking to GitLab; unknown errors pass through (internal). */
export function toContractError(error: unknown): unknown {
  if (error instanceof ContractError || !(error instanceof GitlabError)) return error;
  const { problem } = error;
  switch (problem.kind) {
    case 'network':
      return new ContractError('network', problem.error.message);
    case 'unauthorized':
    case 'forbidden':
    case 'insufficient-scope':
      return new ContractError('auth', error.message);
    case 'not-found':
      return new ContractError('not-found', error.message);
    case 'not-gitlab':
      return new ContractError('bad-input', error.message);
    case 'rate-limited':
    case 'server':
    case 'malformed':
      return new ContractError('unavailable', error.message);
    case 'bad-request':
      return new ContractError('bad-input', error.message);
    default:
      return assertNever(problem, 'GitLab problem');
  }
}
