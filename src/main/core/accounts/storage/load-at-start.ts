/** Loading the stored accounts at start-up, then re-checking each in the background. */
import type { Logger, SecretStore } from '../../ports';
import { newEntry } from './live-entry';
import { ACCOUNTS_SETTINGS_KEY, cookieKey, readRecords, tokenKey } from './stored-record';
import type { AccountsContext } from '../service-context';

/** Reads every stored account and its secrets; an account whose cookie is missing starts expired. */
export async function loadAccounts(ctx: AccountsContext): Promise<void> {
  const { store, logger, secrets } = ctx;
  const stored = readRecords(ctx.settings.read(ACCOUNTS_SETTINGS_KEY), (index) => {
    logger.log('warn', 'skipped an unreadable stored account', { index });
  });
  for (const record of stored) {
    const cookieHeader = await readSecret(secrets, cookieKey(record.id), logger);
    const token =
      record.token === null ? null : await readSecret(secrets, tokenKey(record.id), logger);
    store.set(
      newEntry(
        record,
        cookieHeader,
        token,
        cookieHeader === null ? 'session-expired' : 'signed-in',
      ),
    );
  }
  logger.log('info', 'accounts loaded', { count: store.all().length });
  store.emit();
  for (const entry of store.all()) void ctx.rechecks.run(entry.record.id, false);
}

/** A stored secret, or null (logged) when the store cannot read it. */
async function readSecret(
  secrets: SecretStore,
  key: string,
  logger: Logger,
): Promise<string | null> {
  try {
    return await secrets.get(key);
  } catch (error) {
    logger.log('error', 'could not read a stored secret', { key, error: String(error) });
    return null;
  }
}
