/**
 * Whether the WebGL renderer is worth trying. Software-rasterised WebGL (SwiftShader, llvmpipe:
 * machines without a GPU, headless Chromium) is slower than xterm's DOM renderer, so it is skipped.
 */

let verdict: boolean | null = null;
/** Set once WebGL failed to load or lost its context: do not keep retrying on every tab switch. */
let broken = false;

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|mesa offscreen/i;

/** True when a hardware WebGL2 context is available and has not failed before. */
export function webglWorthTrying(): boolean {
  if (broken) return false;
  verdict ??= probe();
  return verdict;
}

/** Remembers that WebGL failed in this window; the DOM renderer is used from now on. */
export function markWebglBroken(): void {
  broken = true;
}

function probe(): boolean {
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2');
    if (gl === null) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = info === null ? '' : String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return !SOFTWARE_RENDERERS.test(renderer);
  } catch {
    return false;
  }
}
