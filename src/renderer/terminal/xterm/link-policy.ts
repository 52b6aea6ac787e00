/**
 * Which links from job output may be opened. Job output is untrusted (quality F15): only http(s),
 * no user:password@ (a classic look-alike trick and a credential leak). Main checks again.
 */

/** Longest link we offer to open; longer ones are almost certainly not meant for a person. */
export const MAX_LINK_LENGTH = 4096;

export type LinkCheck =
  { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string };

/** Decides whether a link from the terminal may be offered for opening, and in which exact form. */
export function checkLink(raw: string): LinkCheck {
  const text = raw.trim();
  if (text.length === 0) return { ok: false, reason: 'The link is empty.' };
  if (text.length > MAX_LINK_LENGTH) return { ok: false, reason: 'The link is too long to open.' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'The link is not a valid web address.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      ok: false,
      reason: `Only http and https links are opened, not ${url.protocol} links.`,
    };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'Links with a user name or password in them are not opened.' };
  }
  return { ok: true, url: url.href };
}
