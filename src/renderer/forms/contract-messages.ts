/**
 * The contract checks every request's shape before the core sees it, and says so in a
 * developer's words ("params.baseUrl must be a string of 1 to 4096 characters"). Forms check
 * first, so this is rare; when it happens anyway, the user reads a sentence about the field, never
 * the internal one. The internal wording goes to the console for whoever debugs.
 */
import { ContractError } from '../../shared/contract';

/** The request parameter a contract validation message names, e.g. "baseUrl" or "session.value". */
export function invalidParam(message: string): string | null {
  return /^params\.([\w.[\]]+)/.exec(message)?.[1] ?? null;
}

/** What to tell the user about a refused parameter, keyed by its last name in the path. */
const PARAM_SENTENCES: Readonly<Record<string, string>> = {
  baseUrl:
    'Enter the address of your GitLab (at most 4096 characters), for example https://gitlab.example.com.',
  url: 'Paste the address of a job page (at most 4096 characters), for example https://gitlab.example.com/group/project/-/jobs/123.',
  token: 'That is too long to be a GitLab personal access token (at most 16 KiB).',
  value: 'That is too long to be a GitLab session cookie (at most 16 KiB).',
  text: 'That cookies.txt file is larger than 1 MiB; export only the cookies of your GitLab.',
  caPem: 'That CA certificate text is larger than 1 MiB; paste only the certificates you need.',
  proxy: 'The proxy address is too long (at most 2048 characters).',
  name: 'The account name can be at most 100 characters.',
  color: 'Pick one of the offered colours.',
  fontSize: 'Enter a whole number.',
  scrollback: 'Enter a whole number.',
  idleThresholdS: 'Enter a whole number.',
  autoReleaseMinutes: 'Enter a whole number.',
};

/** The sentence for a user: the core's own message, or a product sentence for a contract refusal. */
export function userMessage(error: unknown): string {
  if (error instanceof ContractError) {
    if (error.code !== 'invalid-message') return error.message;
    console.warn('Jobshell: a request did not match the contract:', error.message);
    const param = invalidParam(error.message);
    const last = param?.split('.').at(-1) ?? '';
    return (
      PARAM_SENTENCES[last] ??
      'Jobshell could not use what was entered; check the fields and try again.'
    );
  }
  return error instanceof Error ? error.message : String(error);
}
