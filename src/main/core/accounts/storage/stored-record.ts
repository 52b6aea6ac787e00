/**
 * What is stored about an account. Metadata (never a secret) goes to the SettingsStore under one
 * key, so one write replaces the whole list; the cookie and token go to the SecretStore.
 */
import type { NetworkOptions } from '../../ports';

/** SettingsStore key holding every account's metadata. */
export const ACCOUNTS_SETTINGS_KEY = 'accounts';

export interface TokenMeta {
  readonly scopes: readonly string[];
  /** `YYYY-MM-DD` as GitLab reports it, or null for a token that never expires. */
  readonly expiresAt: string | null;
}

export interface AccountRecord {
  readonly id: string;
  readonly baseUrl: string;
  readonly name: string;
  readonly color: string;
  readonly userId: number;
  readonly username: string;
  readonly displayName: string;
  readonly network: NetworkOptions;
  /** Null when the account has no token. */
  readonly token: TokenMeta | null;
}

/** SecretStore key of an account's session `Cookie` header. */
export function cookieKey(accountId: string): string {
  return `account:${accountId}:cookie`;
}

/** SecretStore key of an account's personal access token. */
export function tokenKey(accountId: string): string {
  return `account:${accountId}:token`;
}

/** Reads the stored list; records that do not have the expected shape are reported and skipped. */
export function readRecords(
  value: unknown,
  onInvalid: (index: number) => void,
): readonly AccountRecord[] {
  if (!Array.isArray(value)) return [];
  const records: AccountRecord[] = [];
  for (const [index, item] of (value as unknown[]).entries()) {
    const record = toRecord(item);
    if (record === null) onInvalid(index);
    else records.push(record);
  }
  return records;
}

function toRecord(item: unknown): AccountRecord | null {
  if (!isObject(item)) return null;
  const { id, baseUrl, name, color, userId, username, displayName, network, token } = item;
  if (typeof id !== 'string' || typeof baseUrl !== 'string' || typeof name !== 'string')
    return null;
  if (typeof color !== 'string' || typeof userId !== 'number' || typeof username !== 'string')
    return null;
  if (typeof displayName !== 'string' || !isObject(network)) return null;
  const ca = network.ca;
  const pinned = network.pinnedFingerprint;
  const proxy = network.proxy;
  if (!isStringList(ca) || !isNullableString(pinned) || !isNullableString(proxy)) return null;
  let tokenMeta: TokenMeta | null = null;
  if (token !== null && token !== undefined) {
    if (!isObject(token) || !isStringList(token.scopes) || !isNullableString(token.expiresAt))
      return null;
    tokenMeta = { scopes: token.scopes, expiresAt: token.expiresAt };
  }
  return {
    id,
    baseUrl,
    name,
    color,
    userId,
    username,
    displayName,
    network: { ca, pinnedFingerprint: pinned, proxy },
    token: tokenMeta,
  };
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isNullableString(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}
