/**
 * The WebGL renderer of one terminal: loaded while its tab is in front (when worth trying at all),
 * disposed when it goes behind (browsers allow only a few WebGL contexts per page), and given up
 * for good in this window after a failure or a lost context, when xterm's DOM renderer takes over.
 */
import { WebglAddon } from '@xterm/addon-webgl';
import type { Terminal } from '@xterm/xterm';
import { markWebglBroken, webglWorthTrying } from './webgl-support';

export type RendererKind = 'webgl' | 'dom';

export class WebglRenderer {
  #addon: WebglAddon | null = null;

  constructor(
    private readonly term: Terminal,
    /** The renderer in use changed. */
    private readonly changed: (renderer: RendererKind) => void,
  ) {}

  /** Switches to WebGL when it is worth trying; a failure leaves the DOM renderer in place. */
  load(): void {
    if (this.#addon !== null || !webglWorthTrying()) return;
    try {
      const addon = new WebglAddon();
      addon.onContextLoss(() => {
        // A lost context (GPU reset, too many contexts) falls back to the DOM renderer for good.
        markWebglBroken();
        this.dispose();
      });
      this.term.loadAddon(addon);
      this.#addon = addon;
      this.changed('webgl');
    } catch {
      markWebglBroken();
    }
  }

  /** Back to the DOM renderer (frees the WebGL context). */
  dispose(): void {
    if (this.#addon === null) return;
    const addon = this.#addon;
    this.#addon = null;
    try {
      addon.dispose();
    } catch {
      // Disposing after a context loss can throw inside the addon; the DOM renderer takes over.
    }
    this.changed('dom');
  }
}
