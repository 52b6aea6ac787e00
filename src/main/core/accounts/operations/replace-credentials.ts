/** Replacing an account's credentials: signing in again (as the same user) and setting or removing its token. */
import { ContractError, type SessionCredential } from '../../../../shared/contract';
import type { AccountView } from '../../../../shared/models';
import { identityFields, identityOf, targetOf } from '../input/record-fields';
import { cookieKey, tokenKey } from '../storage/stored-record';
import type { AccountsContext } from '../service-context';
import { checkToken, cleanToken, identifySession } from '../verification/check-before-save';
import { clearWindow, sessionCookieHeader } from '../input/session-credentials';

/** Stores a new session for the account, refusing one that belongs to another GitLab user. */
export async function signInAgain(
  ctx: AccountsContext,
  accountId: string,
  session: SessionCredential,
): Promise<AccountView> {
  const { store, logger } = ctx;
  const { record } = store.require(accountId);
  const target = targetOf(ctx.http, record);
  const cookieHeader = await sessionCookieHeader(ctx, accountId, target, session);
  const who = await identifySession(target, cookieHeader);
  if (who.userId !== record.userId) {
    if (session.kind === 'web-sign-in') await clearWindow(ctx, accountId);
    throw new ContractError(
      'auth',
      `You signed in as @${who.username}, but this account is @${record.username}. Sign in as @${record.username}, or add @${who.username} as another account.`,
    );
  }
  return store.serial(async () => {
    const current = store.require(accountId);
    const next = { ...current.record, ...identityFields(who) };
    await store.commit(
      [{ key: cookieKey(accountId), value: cookieHeader }],
      store.replaceRecord(next),
    );
    ctx.rechecks.cancel(accountId);
    const state = current.state === 'token-expired' ? 'token-expired' : 'signed-in';
    const updated = store.put(accountId, {
      record: next,
      cookieHeader,
      state,
      problem: state === 'signed-in' ? null : current.problem,
      attempt: 0,
      restoredAt: null,
    });
    logger.log('info', 'account signed in again', {
      accountId,
      host: new URL(record.baseUrl).host,
    });
    store.emit();
    return store.viewOf(updated ?? current);
  });
}

/** Checks and stores a new token for the account, or removes its token (null or blank input). */
export async function setToken(
  ctx: AccountsContext,
  accountId: string,
  input: string | null,
): Promise<AccountView> {
  const { store } = ctx;
  const entry = store.require(accountId);
  const token = cleanToken(input);
  const meta =
    token === null
      ? null
      : await checkToken(
          targetOf(ctx.http, entry.record),
          token,
          identityOf(entry.record),
          ctx.clock.now(),
        );
  return store.serial(async () => {
    const current = store.require(accountId);
    const next = { ...current.record, token: meta };
    await store.commit([{ key: tokenKey(accountId), value: token }], store.replaceRecord(next));
    const state = current.state === 'token-expired' ? 'signed-in' : current.state;
    const updated = store.put(accountId, {
      record: next,
      token,
      state,
      problem: state === current.state ? current.problem : null,
    });
    ctx.logger.log('info', token === null ? 'account token removed' : 'account token set', {
      accountId,
    });
    store.emit();
    return store.viewOf(updated ?? current);
  });
}
