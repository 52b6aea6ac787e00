/**
 * The whole core as the app composes it, over memory stores, a silent notifier and the real
 * network: for tests that drive it through its requests. `overrides` replace any platform part.
 */
import type { AppCore } from '../../../src/main/core/app-core';
import { composeCore, type PlatformDeps } from '../../../src/main/core/compose';
import {
  createMemorySecretStore,
  createMemorySettingsStore,
} from '../../../src/main/core/storage/memory-stores';
import { nodeNetwork } from '../../../src/main/node';
import { captureLogger } from './capture-logger';

export function composeTestCore(overrides: Partial<PlatformDeps> = {}): AppCore {
  return composeCore({
    version: 'test',
    mode: 'electron',
    platform: 'linux',
    secrets: createMemorySecretStore(),
    store: createMemorySettingsStore(),
    logger: captureLogger(),
    notifier: { show: () => undefined, close: () => undefined },
    webSignIn: null,
    openExternal: () => Promise.resolve(),
    network: nodeNetwork(),
    ...overrides,
  });
}
