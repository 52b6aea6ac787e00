/** Renaming, recolouring and removing an account. */
import { ContractError, type RequestParams } from '../../../../shared/contract';
import type { AccountView } from '../../../../shared/models';
import { cleanName, requireColor } from '../input/record-fields';
import { cookieKey, tokenKey } from '../storage/stored-record';
import type { AccountsContext } from '../service-context';

/** Saves a new name and/or colour; both are checked before anything is saved. */
export async function updateAccount(
  ctx: AccountsContext,
  params: RequestParams<'accounts.update'>,
): Promise<AccountView> {
  const { store } = ctx;
  store.require(params.accountId);
  const color = params.color === undefined ? undefined : requireColor(params.color);
  const name = params.name === undefined ? undefined : cleanName(params.name);
  if (params.name !== undefined && name === null)
    throw new ContractError('bad-input', 'The account name cannot be empty.');
  return store.serial(async () => {
    const current = store.require(params.accountId);
    const next = {
      ...current.record,
      name: name ?? current.record.name,
      color: color ?? current.record.color,
    };
    await store.commit([], store.replaceRecord(next));
    const updated = store.put(params.accountId, { record: next });
    store.emit();
    return store.viewOf(updated ?? current);
  });
}

/** Deletes the account, its secrets and its sign-in window's data. */
export async function removeAccount(ctx: AccountsContext, accountId: string): Promise<void> {
  const { store, logger } = ctx;
  store.require(accountId);
  await store.serial(async () => {
    const current = store.require(accountId);
    ctx.rechecks.cancel(accountId);
    await store.commit(
      [
        { key: cookieKey(accountId), value: null },
        { key: tokenKey(accountId), value: null },
      ],
      store.records().filter((record) => record.id !== accountId),
    );
    store.delete(accountId);
    logger.log('info', 'account removed', {
      accountId,
      host: new URL(current.record.baseUrl).host,
    });
    store.emit();
  });
  if (ctx.webSignIn !== null) {
    try {
      await ctx.webSignIn.clear(accountId);
    } catch (error) {
      logger.log('error', 'could not clear the sign-in partition', {
        accountId,
        error: String(error),
      });
      throw new ContractError(
        'internal',
        "The account was removed, but its sign-in window's data could not be wiped; restart Jobshell to try again.",
      );
    }
  }
}
