/**
 * Projects the user pins to an account: resolved from a path, a project URL or a search term, and
 * kept in the settings store (non-secret) under PINNED_PROJECTS_KEY, per account.
 */
import { ContractError } from '../../../shared/contract';
import { toContractError } from '../accounts/verification/user-facing-errors';
import type { GitlabClient } from '../gitlab/gitlab-client';
import { isGitlabError } from '../gitlab/gitlab-error';
import type { ApiProject } from '../gitlab/wire-types';
import type { SettingsStore } from '../ports';
import { DEVELOPER_ACCESS } from './availability';
import { PIN_SEARCH_PAGE } from './tuning';

export interface PinnedProject {
  readonly id: number;
  /** Full path, e.g. `acme/platform/api`, as GitLab named it when pinned. */
  readonly path: string;
}

export const PINNED_PROJECTS_KEY = 'pinnedProjects';

/** Candidates named in the "which one?" message for an ambiguous search. */
const MAX_NAMED_CANDIDATES = 5;

type PinTable = Readonly<Record<string, readonly PinnedProject[]>>;

/** The account's pinned projects; anything malformed in the store is skipped, not fatal. */
export function readPins(settings: SettingsStore, accountId: string): readonly PinnedProject[] {
  const list = readTable(settings)[accountId] ?? [];
  return list.filter(isPinnedProject);
}

/** Replaces the account's pinned projects. */
export function writePins(
  settings: SettingsStore,
  accountId: string,
  pins: readonly PinnedProject[],
): void {
  settings.write(PINNED_PROJECTS_KEY, { ...readTable(settings), [accountId]: pins });
}

function readTable(settings: SettingsStore): PinTable {
  const value = settings.read(PINNED_PROJECTS_KEY);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const table: Record<string, readonly PinnedProject[]> = {};
  for (const [accountId, list] of Object.entries(value as Record<string, unknown>)) {
    if (Array.isArray(list)) table[accountId] = list.filter(isPinnedProject);
  }
  return table;
}

function isPinnedProject(value: unknown): value is PinnedProject {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.id === 'number' &&
    Number.isSafeInteger(record.id) &&
    typeof record.path === 'string'
  );
}

/**
 * The project `input` names on the account's instance: a project URL (under the account's base
 * URL), a full path (`group/sub/project`), or a search term that must match one project where the
 * user is Developer or higher.
 */
export async function resolvePin(
  client: GitlabClient,
  baseUrl: string,
  input: string,
): Promise<PinnedProject> {
  const text = input.trim();
  if (text === '')
    throw new ContractError('bad-input', 'Type a project path, a project URL or a search term.');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text))
    return byPath(client, projectPathOfUrl(text, baseUrl), baseUrl);
  if (text.includes('/')) return byPath(client, text.replace(/^\/+|\/+$/g, ''), baseUrl);
  return bySearch(client, text, baseUrl);
}

/** `https://host[/root]/<group>/<project>[/-/anything]` → `group/project`. */
function projectPathOfUrl(text: string, baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ContractError('bad-input', `"${text}" is not a valid URL.`);
  }
  const base = new URL(baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const path = safeDecode(url.pathname);
  if (url.origin !== base.origin || (basePath !== '' && !path.startsWith(`${basePath}/`))) {
    throw new ContractError(
      'bad-input',
      `${url.origin}${url.pathname} is not on this account's GitLab (${baseUrl}).`,
    );
  }
  const projectPath = path
    .slice(basePath.length)
    .replace(/\/-\/.*$/, '')
    .replace(/\.git$/, '')
    .replace(/^\/+|\/+$/g, '');
  if (!projectPath.includes('/')) {
    throw new ContractError(
      'bad-input',
      `${text} is not a project URL: expected ${baseUrl}/<group>/<project>.`,
    );
  }
  return projectPath;
}

async function byPath(client: GitlabClient, path: string, baseUrl: string): Promise<PinnedProject> {
  try {
    const { value } = await client.getProject(path);
    return { id: value.id, path: value.path_with_namespace };
  } catch (error) {
    if (isGitlabError(error, 'not-found')) {
      throw new ContractError(
        'not-found',
        `There is no project ${path} on ${baseUrl}, or you cannot see it.`,
      );
    }
    throw toContractError(error);
  }
}

async function bySearch(
  client: GitlabClient,
  term: string,
  baseUrl: string,
): Promise<PinnedProject> {
  let found: readonly ApiProject[];
  try {
    ({ value: found } = await client.listProjects({
      membership: true,
      minAccessLevel: DEVELOPER_ACCESS,
      search: term,
      orderBy: 'last_activity_at',
      perPage: PIN_SEARCH_PAGE,
      simple: true,
    }));
  } catch (error) {
    throw toContractError(error);
  }
  const lower = term.toLowerCase();
  const exact = found.filter(
    (p) =>
      p.name.toLowerCase() === lower || p.path_with_namespace.toLowerCase().endsWith(`/${lower}`),
  );
  const only = found.length === 1 ? found[0] : exact.length === 1 ? exact[0] : undefined;
  if (only !== undefined) return { id: only.id, path: only.path_with_namespace };
  if (found.length === 0) {
    throw new ContractError(
      'not-found',
      `No project matching "${term}" on ${baseUrl} where you are Developer or higher (only they can open terminals).`,
    );
  }
  const named = found.slice(0, MAX_NAMED_CANDIDATES).map((p) => p.path_with_namespace);
  const more = found.length > MAX_NAMED_CANDIDATES ? ', …' : '';
  throw new ContractError(
    'bad-input',
    `"${term}" matches several projects (${named.join(', ')}${more}): type the full path or paste the project's URL.`,
  );
}

/** A percent-decoded path; a broken escape leaves the path as it was rather than throwing. */
function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
