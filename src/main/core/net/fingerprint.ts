/** SHA-256 certificate fingerprints in the one form Node reports them: upper-case hex pairs joined by ':'. */

const SHA256_HEX_LENGTH = 64;

/** Accepts `aa:bb…`, `AABB…`, with spaces or a `sha256/` prefix; null when it is not a SHA-256 fingerprint. */
export function normaliseFingerprint(input: string): string | null {
  const hex = input
    .trim()
    .replace(/^sha-?256[:/ ]?/i, '')
    .replace(/[\s:]/g, '')
    .toUpperCase();
  if (hex.length !== SHA256_HEX_LENGTH || !/^[0-9A-F]+$/.test(hex)) return null;
  return hex.match(/../g)?.join(':') ?? null;
}
