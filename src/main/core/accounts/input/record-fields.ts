/** Small conversions between user input, GitLab identities and stored account records. */
import { ContractError } from '../../../../shared/contract';
import type { HttpTransport } from '../../ports';
import type { AccountRecord } from '../storage/stored-record';
import type { Identity, Target } from '../verification/check-before-save';
import { parseColor } from '../views/palette';

/** Where requests for the account go: its GitLab, through its network settings. */
export function targetOf(http: HttpTransport, record: AccountRecord): Target {
  return { http, baseUrl: record.baseUrl, network: record.network };
}

/** The record fields GitLab's answer about the signed-in user fills in. */
export function identityFields(
  who: Identity,
): Pick<AccountRecord, 'userId' | 'username' | 'displayName'> {
  return { userId: who.userId, username: who.username, displayName: who.displayName };
}

/** The identity a record was saved with. */
export function identityOf(record: AccountRecord): Identity {
  return { userId: record.userId, username: record.username, displayName: record.displayName };
}

/** A display name with runs of whitespace collapsed; null when nothing is left. */
export function cleanName(input: string | undefined): string | null {
  const name = (input ?? '').trim().replace(/\s+/g, ' ');
  return name === '' ? null : name;
}

/** A `#rrggbb` colour, or a 'bad-input' ContractError. */
export function requireColor(input: string): string {
  const color = parseColor(input);
  if (color === null)
    throw new ContractError('bad-input', 'The colour must be written as #rrggbb, e.g. #1f75cb.');
  return color;
}
