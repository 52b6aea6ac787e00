import { BRIDGE_GLOBAL, type RawBridge } from '../../shared/raw-bridge';
import { createBridge, type Bridge } from './bridge';
import { connectWsBridge } from './ws-bridge';

/** The preload's object when running in Electron, else the browser-mode WebSocket. */
export async function pickBridge(): Promise<Bridge> {
  const injected = (window as unknown as Record<string, RawBridge | undefined>)[BRIDGE_GLOBAL];
  if (injected !== undefined) return createBridge(injected, 'electron');
  return createBridge(await connectWsBridge(window.location), 'browser');
}
