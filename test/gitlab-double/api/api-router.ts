import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_PREFIX, API_THROTTLE_PER_MINUTE, RATE_LIMIT_WINDOW_MS } from '../core/constants';
import type { DoubleContext } from '../core/context';
import { send } from '../http/respond';
import { requestId } from '../state/ids';
import { ACCOUNT_ROUTES } from './account-routes';
import { authenticateApi, badTokenResponse, scopeProblem } from './api-auth';
import type { ApiCall, ApiRoute } from './api-call';
import { API_ERRORS, type ApiResponse } from './api-response';
import { applyFault } from './fault-queue';
import { JOB_ROUTES } from './jobs-routes';
import { PROJECT_ROUTES } from './projects-routes';
import { FixedWindowLimiter, rateLimitHeaders, retryAfterSeconds } from './rate-limiter';

interface CompiledRoute {
  readonly route: ApiRoute;
  readonly pattern: RegExp;
}

const ROUTES: readonly CompiledRoute[] = [...ACCOUNT_ROUTES, ...PROJECT_ROUTES, ...JOB_ROUTES].map(
  (route) => ({
    route,
    pattern: new RegExp(`^${route.template.replace(/:[a-z_]+/g, '([^/]+)')}$`),
  }),
);

const THROTTLE_NAME = 'throttle_authenticated_api';

function match(method: string, path: string): { route: ApiRoute; params: string[] } | undefined {
  const wanted = method === 'HEAD' ? 'GET' : method;
  for (const { route, pattern } of ROUTES) {
    if (route.method !== wanted) continue;
    const m = pattern.exec(path);
    if (m === null) continue;
    try {
      return { route, params: m.slice(1).map((p) => decodeURIComponent(p)) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Headers Rails and Grape put on every API answer. */
function commonHeaders(): Record<string, string> {
  const id = requestId();
  return {
    'Cache-Control': 'max-age=0, private, must-revalidate',
    'X-Request-Id': id,
    'X-Runtime': '0.012345',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'SAMEORIGIN',
    Vary: 'Origin, Accept-Encoding',
    'X-Gitlab-Meta': JSON.stringify({ correlation_id: id, version: '1' }),
  };
}

/** `/api/v4`: routing, faults, authentication, throttles, then the endpoint. */
export class ApiRouter {
  readonly #ctx: DoubleContext;
  readonly #throttle = new FixedWindowLimiter(API_THROTTLE_PER_MINUTE, RATE_LIMIT_WINDOW_MS);
  readonly #jobs: FixedWindowLimiter;

  constructor(ctx: DoubleContext) {
    this.#ctx = ctx;
    this.#jobs = new FixedWindowLimiter(ctx.config.jobsRateLimitPerMinute, RATE_LIMIT_WINDOW_MS);
  }

  handle(req: IncomingMessage, res: ServerResponse, apiPath: string, query: URLSearchParams): void {
    const method = req.method ?? 'GET';
    const found = match(method, apiPath);
    const route = `${method} ${API_PREFIX}${found?.route.template ?? '/*'}`;
    this.#ctx.counters.apiRequest(route);
    const compute = (): ApiResponse =>
      found === undefined ? API_ERRORS.noRoute() : this.#answer(req, method, query, apiPath, found);
    const fault = this.#ctx.faults.take();
    const response = fault === undefined ? compute() : applyFault(fault, compute);
    send(res, response.status, response.contentType, response.body, {
      ...commonHeaders(),
      ...response.headers,
    });
    this.#ctx.events.emit('api-request', { route, status: response.status });
  }

  #answer(
    req: IncomingMessage,
    method: string,
    query: URLSearchParams,
    apiPath: string,
    found: { route: ApiRoute; params: string[] },
  ): ApiResponse {
    const ctx = this.#ctx;
    const auth = authenticateApi(ctx.store, req, query);
    if (auth.kind === 'bad-token') return badTokenResponse(auth.problem);
    const scope = scopeProblem(auth, method);
    if (scope !== null) return scope;
    const user = auth.kind === 'token' || auth.kind === 'session' ? auth.user : null;
    let throttleHeaders: Record<string, string> = {};
    if (user !== null) {
      const state = this.#throttle.hit(String(user.id));
      throttleHeaders = rateLimitHeaders(THROTTLE_NAME, state);
      if (!state.allowed) {
        return {
          status: 429,
          contentType: 'text/plain',
          body: 'Retry later\n',
          headers: { ...throttleHeaders, 'Retry-After': String(retryAfterSeconds(state)) },
        };
      }
    }
    const call: ApiCall = {
      ctx,
      req,
      method,
      query,
      params: found.params,
      auth,
      user,
      selfUrl: `${ctx.config.baseUrl}${API_PREFIX}${apiPath}`,
      limits: { jobs: this.#jobs },
    };
    let response: ApiResponse;
    switch (found.route.auth) {
      case 'required':
        if (user === null) return API_ERRORS.unauthorized();
        response = found.route.handler({ ...call, user });
        break;
      case 'optional':
        response = found.route.handler(call);
        break;
    }
    return { ...response, headers: { ...throttleHeaders, ...response.headers } };
  }
}
