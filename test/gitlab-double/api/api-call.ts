import type { IncomingMessage } from 'node:http';
import type { DoubleContext } from '../core/context';
import type { Project, User } from '../state/model';
import { canReadProject } from '../state/permissions';
import type { ApiAuth } from './api-auth';
import type { ApiResponse } from './api-response';
import type { FixedWindowLimiter } from './rate-limiter';

/** One API request after routing and authentication. */
export interface ApiCall {
  readonly ctx: DoubleContext;
  readonly req: IncomingMessage;
  readonly method: string;
  readonly query: URLSearchParams;
  /** Decoded path captures, in template order. */
  readonly params: readonly string[];
  readonly auth: ApiAuth;
  readonly user: User | null;
  /** Absolute URL of this endpoint without its query, for Link headers. */
  readonly selfUrl: string;
  readonly limits: { readonly jobs: FixedWindowLimiter };
}

/** A call on a route that ran `authenticate!`. */
export interface AuthedCall extends ApiCall {
  readonly user: User;
}

export type ApiRoute =
  | {
      readonly auth: 'required';
      readonly method: 'GET' | 'POST';
      readonly template: string;
      readonly handler: (call: AuthedCall) => ApiResponse;
    }
  | {
      readonly auth: 'optional';
      readonly method: 'GET' | 'POST';
      readonly template: string;
      readonly handler: (call: ApiCall) => ApiResponse;
    };

export function param(call: ApiCall, index: number): string {
  return call.params[index] ?? '';
}

/** `user_project`: the project by id or path, if this user may see it. */
export function visibleProject(call: ApiCall, idOrPath: string): Project | undefined {
  const project = call.ctx.store.projectByIdOrPath(idOrPath);
  return project !== undefined && canReadProject(project, call.user) ? project : undefined;
}
