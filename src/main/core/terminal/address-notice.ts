/**
 * When GitLab's job web_url names another address than the one the user entered (its
 * `external_url` is an internal name, an SSH tunnel's far end, or http:// behind a TLS proxy),
 * Jobshell keeps using the entered address for everything credentialed and says so, once.
 */
import type { AppNotification } from '../../../shared/models';
import { mayCarryCredentials } from '../net/credential-scope';

/** The sentence for the user, or null when web_url lies under the account's own address. */
export function foreignAddressNotice(baseUrl: string, webUrl: string): string | null {
  if (mayCarryCredentials(baseUrl, webUrl)) return null;
  let said: string;
  try {
    said = new URL(webUrl).origin;
  } catch {
    said = webUrl;
  }
  return `GitLab says its address is ${said}; Jobshell keeps using ${baseUrl} that you entered, and sends your session only there.`;
}

/** The one notification per account that tells it (its id makes a repeat replace, not add). */
export function foreignAddressNotification(accountId: string, body: string): AppNotification {
  return {
    id: `foreign-address-${accountId}`,
    kind: 'account',
    title: 'GitLab names another address',
    body,
    sessionId: null,
    actions: [],
  };
}
