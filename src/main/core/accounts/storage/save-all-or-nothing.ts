/**
 * Saving an account is all-or-nothing: secrets first, then the metadata list; if any write fails,
 * every secret already written is put back as it was, so nothing is half-saved.
 */
import { ContractError } from '../../../../shared/contract';
import type { Logger, SecretStore, SettingsStore } from '../../ports';
import { ACCOUNTS_SETTINGS_KEY, type AccountRecord } from './stored-record';

/** One secret to write (a value) or delete (null). */
export interface SecretChange {
  readonly key: string;
  readonly value: string | null;
}

export interface PersistenceDeps {
  readonly secrets: SecretStore;
  readonly settings: SettingsStore;
  readonly logger: Logger;
}

/**
 * Applies the secret changes, then writes `records` (when given) as the whole account list.
 * On failure, restores the secrets and throws a ContractError saying nothing was saved.
 */
export async function commitChanges(
  deps: PersistenceDeps,
  changes: readonly SecretChange[],
  records: readonly AccountRecord[] | null,
): Promise<void> {
  const previous: SecretChange[] = [];
  try {
    for (const change of changes) {
      const before = await deps.secrets.get(change.key);
      // Recorded before the write, so a write that fails half-way is restored too.
      previous.push({ key: change.key, value: before });
      if (change.value === null) await deps.secrets.delete(change.key);
      else await deps.secrets.set(change.key, change.value);
    }
    if (records !== null) deps.settings.write(ACCOUNTS_SETTINGS_KEY, records.map(plainRecord));
  } catch (error) {
    await restore(deps, previous.reverse());
    throw saveFailure(error);
  }
}

async function restore(deps: PersistenceDeps, changes: readonly SecretChange[]): Promise<void> {
  for (const change of changes) {
    try {
      if (change.value === null) await deps.secrets.delete(change.key);
      else await deps.secrets.set(change.key, change.value);
    } catch (error) {
      // The key names an account and a kind of secret, never the secret itself.
      deps.logger.log('error', 'could not restore a secret after a failed save', {
        key: change.key,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

function saveFailure(error: unknown): ContractError {
  if (error instanceof ContractError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new ContractError(
    'unavailable',
    `Could not save the account (${reason}); nothing was saved.`,
  );
}

/** A JSON-ready copy (no readonly arrays shared with live state). */
function plainRecord(record: AccountRecord): AccountRecord {
  return {
    ...record,
    network: { ...record.network, ca: [...record.network.ca] },
    token: record.token === null ? null : { ...record.token, scopes: [...record.token.scopes] },
  };
}
