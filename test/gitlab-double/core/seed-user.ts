import type { StartInfo, UserInfo } from './types';

/**
 * The seeded user with this username (see state/seed.ts), or a clear error naming it: tests read a
 * user's cookie, tokens or password from here instead of indexing `info.users`, so a changed seed
 * fails with the missing name rather than with `undefined`.
 */
export function seedUser(double: { readonly info: StartInfo }, username: string): UserInfo {
  const found = double.info.users.find((u) => u.username === username);
  if (found === undefined) {
    const known = double.info.users.map((u) => u.username).join(', ');
    throw new Error(`The GitLab double has no seeded user "${username}" (it has: ${known})`);
  }
  return found;
}
