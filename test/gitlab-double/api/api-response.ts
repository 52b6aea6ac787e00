import type { Headers } from '../http/respond';

/** An API answer as a value, so faults can replace or cut it before it is written. */
export interface ApiResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly headers: Headers;
}

export function apiJson(status: number, value: unknown, headers: Headers = {}): ApiResponse {
  return { status, contentType: 'application/json', body: JSON.stringify(value), headers };
}

/** Grape's `render_api_error!`: `{"message": ...}`. */
export function apiMessage(status: number, message: string, headers: Headers = {}): ApiResponse {
  return apiJson(status, { message }, headers);
}

export const API_ERRORS = {
  unauthorized: (): ApiResponse => apiMessage(401, '401 Unauthorized'),
  forbidden: (reason?: string): ApiResponse =>
    apiMessage(403, reason === undefined ? '403 Forbidden' : `403 Forbidden - ${reason}`),
  /** `not_found!('Project')` */
  projectNotFound: (): ApiResponse => apiMessage(404, '404 Project Not Found'),
  /** ActiveRecord::RecordNotFound, as `find_build!` raises it. */
  recordNotFound: (): ApiResponse => apiMessage(404, '404 Not found'),
  /** Grape's answer for a route it does not know. */
  noRoute: (): ApiResponse => apiJson(404, { error: '404 Not Found' }),
  /** Grape `values:` validation. */
  invalidParam: (name: string): ApiResponse =>
    apiJson(400, { error: `${name} does not have a valid value` }),
} as const;
