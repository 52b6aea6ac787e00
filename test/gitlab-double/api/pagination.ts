import { DEFAULT_PER_PAGE, MAX_PER_PAGE } from '../core/constants';
import type { Headers } from '../http/respond';

export interface Page<T> {
  readonly items: readonly T[];
  readonly headers: Headers;
}

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * GitLab's offset pagination. `withCount` adds X-Total, X-Total-Pages and rel="last"; the jobs
 * API paginates `without_count`, so clients must follow `X-Next-Page` / rel="next".
 */
export function paginate<T>(
  all: readonly T[],
  query: URLSearchParams,
  selfUrl: string,
  withCount: boolean,
): Page<T> {
  const perPage = Math.min(positiveInt(query.get('per_page'), DEFAULT_PER_PAGE), MAX_PER_PAGE);
  const page = positiveInt(query.get('page'), 1);
  const start = (page - 1) * perPage;
  const items = all.slice(start, start + perPage);
  const hasNext = all.length > start + perPage;
  const totalPages = Math.max(1, Math.ceil(all.length / perPage));
  const link = (p: number): string => {
    const q = new URLSearchParams(query);
    q.set('page', String(p));
    q.set('per_page', String(perPage));
    return `${selfUrl}?${q.toString()}`;
  };
  const links = [
    ...(page > 1 ? [`<${link(page - 1)}>; rel="prev"`] : []),
    ...(hasNext ? [`<${link(page + 1)}>; rel="next"`] : []),
    `<${link(1)}>; rel="first"`,
    ...(withCount ? [`<${link(totalPages)}>; rel="last"`] : []),
  ];
  return {
    items,
    headers: {
      Link: links.join(', '),
      'X-Page': String(page),
      'X-Per-Page': String(perPage),
      'X-Next-Page': hasNext ? String(page + 1) : '',
      'X-Prev-Page': page > 1 ? String(page - 1) : '',
      ...(withCount ? { 'X-Total': String(all.length), 'X-Total-Pages': String(totalPages) } : {}),
    },
  };
}
