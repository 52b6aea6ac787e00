import { DEFAULT_FAULT_RETRY_AFTER_S } from '../core/constants';
import type { ApiFaultStatus, FaultSpec } from '../core/types';
import type { ApiResponse } from './api-response';

interface PendingFault {
  readonly status: ApiFaultStatus;
  readonly retryAfter: number;
}

/** A JSON body with a syntax error in the middle, as a broken proxy or encoder might send. */
const MALFORMED_JSON = '{"id": 1, "status": "running",, "name": }';
/** What a hotel or airport Wi-Fi answers instead of GitLab. */
const CAPTIVE_PORTAL_HTML =
  '<!DOCTYPE html><html><head><title>Network Login</title></head><body><h1>Welcome to Guest Wi-Fi</h1><form method="post" action="/login"><button>Accept terms and connect</button></form></body></html>';
/** nginx in front of a restarting Puma. */
const BAD_GATEWAY_HTML =
  '<!DOCTYPE html><html><head><title>GitLab is not responding (502)</title></head><body><h1>502</h1><h3>Whoops, GitLab is taking too much time to respond.</h3></body></html>';
const UNAVAILABLE_HTML =
  '<!DOCTYPE html><html><head><title>Deploy in progress</title></head><body><h1>503</h1><h3>Deploy in progress</h3><p>Please try again in a few minutes or contact your administrator.</p></body></html>';

/** The next N API answers fail in a chosen way (admin `faults`, `injectFaults`). */
export class FaultQueue {
  #queue: PendingFault[] = [];

  inject(spec: FaultSpec): void {
    const retryAfter = spec.retryAfter ?? DEFAULT_FAULT_RETRY_AFTER_S;
    for (let i = 0; i < spec.count; i++) this.#queue.push({ status: spec.status, retryAfter });
  }

  take(): PendingFault | undefined {
    return this.#queue.shift();
  }

  get pending(): number {
    return this.#queue.length;
  }
}

function html(status: number, body: string): ApiResponse {
  return { status, contentType: 'text/html; charset=utf-8', body, headers: {} };
}

/** The answer that replaces `real` (computed only where the fault keeps part of it). */
export function applyFault(fault: PendingFault, real: () => ApiResponse): ApiResponse {
  switch (fault.status) {
    case 429:
      // Rack::Attack's throttled response.
      return {
        status: 429,
        contentType: 'text/plain',
        body: 'Retry later\n',
        headers: { 'Retry-After': String(fault.retryAfter) },
      };
    case 500:
      return {
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ message: '500 Internal Server Error' }),
        headers: {},
      };
    case 502:
      return html(502, BAD_GATEWAY_HTML);
    case 503:
      return html(503, UNAVAILABLE_HTML);
    case 'malformed':
      return { status: 200, contentType: 'application/json', body: MALFORMED_JSON, headers: {} };
    case 'html':
      return html(200, CAPTIVE_PORTAL_HTML);
    case 'truncated': {
      const answer = real();
      return { ...answer, body: answer.body.slice(0, Math.floor(answer.body.length / 2)) };
    }
  }
}
