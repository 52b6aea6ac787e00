/**
 * Adding an account: the input, GitLab's answer, the session, the token and the duplicate check all
 * pass before anything is saved, and a refused account leaves nothing behind.
 */
import { ContractError, type RequestParams } from '../../../../shared/contract';
import type { AccountView } from '../../../../shared/models';
import { DIRECT_NETWORK, type NetworkOptions } from '../../ports';
import { newEntry } from '../storage/live-entry';
import { cleanName, identityFields, requireColor } from '../input/record-fields';
import { cookieKey, tokenKey, type AccountRecord, type TokenMeta } from '../storage/stored-record';
import type { AccountsContext } from '../service-context';
import { normaliseBaseUrl } from '../input/base-url';
import {
  checkToken,
  cleanToken,
  identifySession,
  probeGitlab,
  type Identity,
  type Target,
} from '../verification/check-before-save';
import { applyNetworkInput } from '../input/network-options';
import { pickColor } from '../views/palette';
import { clearWindow, noWebSignIn, sessionCookieHeader } from '../input/session-credentials';

/** Everything checked about a new account, ready to save. */
interface CheckedAccount {
  readonly id: string;
  readonly baseUrl: string;
  readonly network: NetworkOptions;
  readonly name: string | undefined;
  readonly color: string | null;
  readonly who: Identity;
  readonly cookieHeader: string;
  readonly token: string | null;
  readonly tokenMeta: TokenMeta | null;
}

/** Checks and saves a new account; throws a specific ContractError at the first check that fails. */
export async function addAccount(
  ctx: AccountsContext,
  params: RequestParams<'accounts.add'>,
): Promise<AccountView> {
  const { http, clock } = ctx;
  const baseUrl = normaliseBaseUrl(params.baseUrl);
  const network = applyNetworkInput(DIRECT_NETWORK, params, clock.now());
  const color = params.color === undefined ? null : requireColor(params.color);
  const token = cleanToken(params.token);
  const id = ctx.newId();
  const target: Target = { http, baseUrl, network };
  // Pasted cookies are checked for form before anything goes over the network.
  const pasted =
    params.session.kind === 'web-sign-in'
      ? null
      : await sessionCookieHeader(ctx, id, target, params.session);
  if (params.session.kind === 'web-sign-in' && ctx.webSignIn === null) throw noWebSignIn();
  await probeGitlab(target);
  try {
    const cookieHeader = pasted ?? (await sessionCookieHeader(ctx, id, target, params.session));
    const who = await identifySession(target, cookieHeader);
    const tokenMeta = token === null ? null : await checkToken(target, token, who, clock.now());
    const checked = { id, baseUrl, network, name: params.name, color, who, cookieHeader, token };
    return await ctx.store.serial(() => saveAccount(ctx, { ...checked, tokenMeta }));
  } catch (error) {
    // Nothing half-saved: a sign-in window's partition of a refused account goes too.
    if (params.session.kind === 'web-sign-in') await clearWindow(ctx, id);
    throw error;
  }
}

/** Refuses a duplicate, then saves the secrets and the record together (run inside `serial`). */
async function saveAccount(ctx: AccountsContext, checked: CheckedAccount): Promise<AccountView> {
  const { store } = ctx;
  const { id, baseUrl, who, cookieHeader, token } = checked;
  const duplicate = store
    .all()
    .find((entry) => entry.record.baseUrl === baseUrl && entry.record.userId === who.userId);
  if (duplicate !== undefined) {
    throw new ContractError(
      'conflict',
      `@${who.username} on ${new URL(baseUrl).host} is already added, as "${duplicate.record.name}".`,
    );
  }
  const record: AccountRecord = {
    id,
    baseUrl,
    name: cleanName(checked.name) ?? `${who.username}@${new URL(baseUrl).host}`,
    color: checked.color ?? pickColor(store.records().map((item) => item.color)),
    ...identityFields(who),
    network: checked.network,
    token: checked.tokenMeta,
  };
  const secrets = [{ key: cookieKey(id), value: cookieHeader }];
  if (token !== null) secrets.push({ key: tokenKey(id), value: token });
  await store.commit(secrets, [...store.records(), record]);
  const entry = newEntry(record, cookieHeader, token, 'signed-in');
  store.set(entry);
  ctx.logger.log('info', 'account added', {
    accountId: id,
    host: new URL(baseUrl).host,
    username: who.username,
    hasToken: token !== null,
  });
  store.emit();
  return store.viewOf(entry);
}
