/** Changing an account's network settings (only once GitLab answers through them) and inspecting a server's certificate. */
import { ContractError, type RequestParams } from '../../../../shared/contract';
import type { AccountView, CertificateInfo } from '../../../../shared/models';
import { DIRECT_NETWORK } from '../../ports';
import type { AccountsContext } from '../service-context';
import { normaliseBaseUrl } from '../input/base-url';
import { probeGitlab } from '../verification/check-before-save';
import { applyNetworkInput } from '../input/network-options';

/** Validates and saves new network settings; an account that was offline is checked again at once. */
export async function setNetwork(
  ctx: AccountsContext,
  params: RequestParams<'accounts.setNetwork'>,
): Promise<AccountView> {
  const { store } = ctx;
  const entry = store.require(params.accountId);
  const network = applyNetworkInput(entry.record.network, params, ctx.clock.now());
  // The new settings must reach GitLab before they replace settings that did.
  await probeGitlab({ http: ctx.http, baseUrl: entry.record.baseUrl, network });
  return store.serial(async () => {
    const current = store.require(params.accountId);
    const next = { ...current.record, network };
    await store.commit([], store.replaceRecord(next));
    const updated = store.put(params.accountId, { record: next });
    ctx.logger.log('info', 'account network settings changed', {
      accountId: params.accountId,
      caCount: network.ca.length,
      proxy: network.proxy !== null,
      pinned: network.pinnedFingerprint !== null,
    });
    store.emit();
    if (current.state === 'offline') void ctx.rechecks.run(params.accountId, false);
    return store.viewOf(updated ?? current);
  });
}

/** The certificate an https:// GitLab presents, fetched through a known account's settings if any. */
export async function inspectCertificate(
  ctx: AccountsContext,
  baseUrl: string,
): Promise<CertificateInfo> {
  const url = normaliseBaseUrl(baseUrl);
  if (!url.startsWith('https:'))
    throw new ContractError('bad-input', 'Only https:// addresses have a certificate to inspect.');
  const known = ctx.store.all().find((entry) => entry.record.baseUrl === url);
  try {
    return await ctx.inspectCertificate(url, known?.record.network ?? DIRECT_NETWORK);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ContractError('network', message);
  }
}
