import { GITLAB_REVISION, GITLAB_VERSION } from '../core/constants';
import type { ApiRoute } from './api-call';
import { apiJson, apiMessage } from './api-response';
import { currentUserEntity } from './user-entity';

export const ACCOUNT_ROUTES: readonly ApiRoute[] = [
  {
    auth: 'required',
    method: 'GET',
    template: '/version',
    handler: () =>
      apiJson(200, {
        version: GITLAB_VERSION,
        revision: GITLAB_REVISION,
        kas: { enabled: false, externalUrl: null, externalK8sProxyUrl: null, version: null },
        enterprise: true,
      }),
  },
  {
    auth: 'required',
    method: 'GET',
    template: '/user',
    handler: (call) => apiJson(200, currentUserEntity(call.user, call.ctx.config.baseUrl)),
  },
  {
    auth: 'required',
    method: 'GET',
    template: '/personal_access_tokens/self',
    handler: (call) => {
      // Only meaningful for token auth; a session has no token to describe.
      if (call.auth.kind !== 'token') return apiMessage(404, '404 Not Found');
      const token = call.auth.token;
      return apiJson(200, {
        id: token.id,
        name: token.name,
        revoked: token.revoked,
        created_at: token.createdAt.toISOString(),
        description: null,
        scopes: token.scopes,
        user_id: token.userId,
        last_used_at: token.lastUsedAt?.toISOString() ?? null,
        active: !token.revoked,
        expires_at: token.expiresAt,
      });
    },
  },
];
