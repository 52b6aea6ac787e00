/** Builds an accounts service on real stores in a temp dir, with helpers to await its events. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountView } from '../../../../../src/shared/models';
import { createAccountsService } from '../../../../../src/main/core/accounts/accounts-service';
import { createNodeHttpTransport } from '../../../../../src/main/node/net/node-http-transport';
import { inspectCertificate } from '../../../../../src/main/node/net/socket-options';
import type {
  HttpTransport,
  SecretStore,
  SettingsStore,
  WebSignIn,
} from '../../../../../src/main/core/ports';
import type { AccountsService } from '../../../../../src/main/core/services';
import { createFileSecretStore } from '../../../../../src/main/node/storage/file-secret-store';
import { createJsonSettingsStore } from '../../../../../src/main/node/storage/json-settings-store';
import { captureLogger } from '../../../support/capture-logger';
import { FakeClock } from '../../../support/fake-clock';

export interface Harness {
  readonly service: AccountsService;
  readonly clock: FakeClock;
  readonly logger: ReturnType<typeof captureLogger>;
  readonly dir: string;
  readonly secretsPath: string;
  readonly settingsPath: string;
  readonly secrets: SecretStore;
  readonly settings: SettingsStore;
  /** The secret file's text ('' when it does not exist). */
  secretFile(): string;
  /** The settings file's text ('' when it does not exist). */
  settingsFile(): string;
  /** A second service over the same files, as after a restart. */
  restart(overrides?: Partial<HarnessOptions>): Harness;
  dispose(): void;
}

export interface HarnessOptions {
  readonly http: HttpTransport;
  readonly webSignIn: WebSignIn | null;
  readonly clock: FakeClock;
  readonly secrets: SecretStore;
  readonly settings: SettingsStore;
  readonly dir: string;
}

/** Creates the harness; the caller disposes it. */
export function createHarness(options: Partial<HarnessOptions> = {}): Harness {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'jobshell-accounts-'));
  const secretsPath = join(dir, 'secrets.json');
  const settingsPath = join(dir, 'settings.json');
  const clock = options.clock ?? new FakeClock(Date.now());
  const logger = captureLogger();
  const secrets = options.secrets ?? createFileSecretStore(secretsPath);
  const settings = options.settings ?? createJsonSettingsStore(settingsPath);
  const service = createAccountsService({
    http: options.http ?? createNodeHttpTransport(),
    secrets,
    settings,
    clock,
    logger,
    webSignIn: options.webSignIn ?? null,
    inspectCertificate: (url, network) => inspectCertificate(url, network, { clock }),
  });
  const read = (path: string): string => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  return {
    service,
    clock,
    logger,
    dir,
    secretsPath,
    settingsPath,
    secrets,
    settings,
    secretFile: () => read(secretsPath),
    settingsFile: () => read(settingsPath),
    restart: (overrides = {}) => {
      service.dispose();
      return createHarness({ ...options, clock, ...overrides, dir });
    },
    dispose: () => {
      service.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves with the first account list, emitted after this call, that satisfies `predicate`. */
export function nextChange(
  service: AccountsService,
  predicate: (accounts: readonly AccountView[]) => boolean,
  timeoutMs = 10_000,
): Promise<readonly AccountView[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error('no matching accounts.changed'));
    }, timeoutMs);
    const stop = service.onChange((accounts) => {
      if (!predicate(accounts)) return;
      clearTimeout(timer);
      stop();
      resolve(accounts);
    });
  });
}

/**
 * The real transport, except that GitLab's answer about the token itself
 * (`/personal_access_tokens/self`) carries `fields` over the double's: the double's tokens never
 * expire and keep their scopes, a real GitLab's may not.
 */
export function withTokenFields(fields: Readonly<Record<string, unknown>>): HttpTransport {
  const real = createNodeHttpTransport();
  return async (request) => {
    const response = await real(request);
    if (!request.url.endsWith('/personal_access_tokens/self')) return response;
    return { ...response, body: JSON.stringify({ ...JSON.parse(response.body), ...fields }) };
  };
}
