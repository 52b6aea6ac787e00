import { ContractError } from '../../shared/contract';

/**
 * Checks a URL the user asked to open in their browser (a link in job output, "Open in GitLab").
 * Only http(s), no embedded credentials: anything else from a job's output could run code or
 * leak a secret through the OS URL handlers.
 */
export function validateExternalUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ContractError('bad-input', `Not a web address: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ContractError(
      'bad-input',
      `Only http and https links can be opened, not ${url.protocol}`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new ContractError(
      'bad-input',
      'Links with a user name or password in them are not opened.',
    );
  }
  return url.toString();
}
