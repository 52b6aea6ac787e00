import { ACCESS_LEVEL, type Project } from '../state/model';
import { accessLevel, canReadProject } from '../state/permissions';
import { fullPathOf } from '../state/store';
import { param, visibleProject, type ApiCall, type ApiRoute } from './api-call';
import { apiJson, API_ERRORS, type ApiResponse } from './api-response';
import { paginate } from './pagination';
import { projectEntity, simpleProjectEntity } from './project-entity';

type OrderBy = 'id' | 'name' | 'path' | 'created_at' | 'updated_at' | 'last_activity_at';
const ORDER_BY: readonly OrderBy[] = [
  'id',
  'name',
  'path',
  'created_at',
  'updated_at',
  'last_activity_at',
];

function orderKey(project: Project, by: OrderBy): number | string {
  switch (by) {
    case 'id':
      return project.id;
    case 'name':
      return project.name;
    case 'path':
      return fullPathOf(project);
    case 'created_at':
      return project.createdAt.getTime();
    case 'updated_at':
    case 'last_activity_at':
      return project.lastActivityAt.getTime();
  }
}

function isOrderBy(value: string): value is OrderBy {
  return (ORDER_BY as readonly string[]).includes(value);
}

/** GET /projects with membership, min_access_level, search, archived, order_by, sort, simple. */
function listProjects(call: ApiCall): ApiResponse {
  const q = call.query;
  const orderByParam = q.get('order_by') ?? 'created_at';
  if (!isOrderBy(orderByParam)) return API_ERRORS.invalidParam('order_by');
  const sort = q.get('sort') ?? 'desc';
  if (sort !== 'asc' && sort !== 'desc') return API_ERRORS.invalidParam('sort');
  const membership = q.get('membership') === 'true';
  const minAccess = Number(q.get('min_access_level') ?? ACCESS_LEVEL.none);
  const search = (q.get('search') ?? '').toLowerCase();
  const searchNamespaces = q.get('search_namespaces') === 'true';
  const archived = q.get('archived');
  const projects = [...call.ctx.store.projects.values()]
    .filter((p) => canReadProject(p, call.user))
    .filter((p) => !membership || accessLevel(p, call.user) >= ACCESS_LEVEL.guest)
    .filter((p) => accessLevel(p, call.user) >= minAccess)
    .filter((p) => archived === null || String(p.archived) === archived)
    .filter((p) => {
      if (search === '') return true;
      const haystack = searchNamespaces ? fullPathOf(p) : `${p.name} ${p.path}`;
      return haystack.toLowerCase().includes(search);
    })
    .sort((a, b) => {
      const ka = orderKey(a, orderByParam);
      const kb = orderKey(b, orderByParam);
      const cmp = ka < kb ? -1 : ka > kb ? 1 : b.id - a.id;
      return sort === 'asc' ? cmp : -cmp;
    });
  const page = paginate(projects, q, call.selfUrl, true);
  const baseUrl = call.ctx.config.baseUrl;
  const simple = q.get('simple') === 'true';
  return apiJson(
    200,
    page.items.map((p) =>
      simple ? simpleProjectEntity(p, baseUrl) : projectEntity(p, call.user, baseUrl, false),
    ),
    page.headers,
  );
}

export const PROJECT_ROUTES: readonly ApiRoute[] = [
  { auth: 'optional', method: 'GET', template: '/projects', handler: listProjects },
  {
    auth: 'optional',
    method: 'GET',
    template: '/projects/:id',
    handler: (call) => {
      const project = visibleProject(call, param(call, 0));
      if (project === undefined) return API_ERRORS.projectNotFound();
      return apiJson(200, projectEntity(project, call.user, call.ctx.config.baseUrl, true));
    },
  },
];
