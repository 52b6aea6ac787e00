/**
 * The renderer's Content-Security-Policy. index.html carries the same policy in a meta tag (a unit
 * test keeps them equal), and browser mode also sends it as a header.
 * Styles allow 'unsafe-inline' because xterm.js sets element styles at run time; scripts never do.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  // Browser mode reads its bridge socket in a worker of the bundle (renderer/bridge/socket-worker.ts).
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');
