/**
 * `protocol` (https://www.electronjs.org/docs/latest/api/protocol): the privileged custom schemes
 * Jobshell serves its renderer from. Chromium lets Playwright intercept no request to a scheme it
 * does not know, so the host shows each handled scheme's origin at a stand-in https origin and
 * answers every request to it with this handler's Response (host/app-schemes.ts).
 */
import type { ProtocolRequestWire, ProtocolResponseWire } from '../protocol';
import { app } from './app';
import { hostLink } from './host-link';
import { guarded, NotImplementedInStandin } from './unsupported';

/** docs/api/structures/custom-scheme.md: the privileges the stand-in can honour. */
export interface CustomScheme {
  readonly scheme: string;
  readonly privileges?: {
    readonly standard?: boolean;
    readonly secure?: boolean;
    readonly supportFetchAPI?: boolean;
    readonly codeCache?: boolean;
  };
}

type Handler = (request: Request) => Response | Promise<Response>;

const privileged = new Map<string, CustomScheme>();
const handlers = new Map<string, Handler>();
let registeredOnce = false;

/**
 * Docs: "This method can only be used before the ready event of the app module gets emitted and
 * can be called only once." A standard, secure scheme is what the stand-in can map to an https
 * origin; anything else is not modelled.
 */
function registerSchemesAsPrivileged(schemes: readonly CustomScheme[]): void {
  if (app.isReady())
    throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
  if (registeredOnce)
    throw new NotImplementedInStandin('a second protocol.registerSchemesAsPrivileged call');
  registeredOnce = true;
  for (const entry of schemes) {
    if (entry.privileges?.standard !== true || entry.privileges.secure !== true)
      throw new NotImplementedInStandin(
        `protocol scheme '${entry.scheme}' without the standard and secure privileges`,
      );
    privileged.set(entry.scheme, entry);
  }
}

/**
 * Docs, protocol.handle(scheme, handler): the default session answers `scheme:` requests with
 * the handler's (Promise of a) Response; after ready only; a scheme already handled throws
 * ("Failed to register protocol"), as Electron's lib/browser/api/protocol.ts does.
 */
function handle(scheme: string, handler: Handler): void {
  if (!app.isReady())
    throw new Error('protocol.handle can only be used after the ready event of the app module');
  if (handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
  if (!privileged.has(scheme))
    throw new NotImplementedInStandin(
      `protocol.handle of '${scheme}', a scheme not registered as privileged`,
    );
  handlers.set(scheme, handler);
  hostLink().post('protocol.handle', { scheme });
}

/** One request the host intercepted at the scheme's stand-in origin, given as `scheme:` again. */
export async function answerProtocolRequest(
  wire: ProtocolRequestWire,
): Promise<ProtocolResponseWire> {
  const scheme = new URL(wire.url).protocol.slice(0, -1);
  const handler = handlers.get(scheme);
  if (handler === undefined) throw new Error(`No handler for the ${scheme}: scheme`);
  const request = new Request(wire.url, {
    method: wire.method,
    headers: wire.headers,
    ...(wire.body === null ? {} : { body: wire.body }),
  });
  const response = await handler(request);
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: new Uint8Array(await response.arrayBuffer()),
  };
}

export const protocol = guarded('protocol', { registerSchemesAsPrivileged, handle });
