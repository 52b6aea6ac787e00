/** The order of terminal tabs: the user's drag order, kept in the renderer. */

/** Keeps the known order, drops ids that are gone and appends new ones at the end. */
export function reconcileOrder(order: readonly string[], ids: readonly string[]): string[] {
  const present = new Set(ids);
  const kept = order.filter((id) => present.has(id));
  const known = new Set(kept);
  return [...kept, ...ids.filter((id) => !known.has(id))];
}

/** Moves `id` so it lands before `target` (or after it when `after`). Unknown ids change nothing. */
export function moveTab(
  order: readonly string[],
  id: string,
  target: string,
  after: boolean,
): string[] {
  if (id === target || !order.includes(id) || !order.includes(target)) return [...order];
  const without = order.filter((other) => other !== id);
  const at = without.indexOf(target) + (after ? 1 : 0);
  return [...without.slice(0, at), id, ...without.slice(at)];
}

/** The tab `step` places from `current`, wrapping around; null when there are no tabs. */
export function cycle(
  order: readonly string[],
  current: string | null,
  step: number,
): string | null {
  if (order.length === 0) return null;
  const index = current === null ? -1 : order.indexOf(current);
  const next = (((index < 0 ? 0 : index + step) % order.length) + order.length) % order.length;
  return order[next] ?? null;
}

/** Which tab becomes active when `closing` goes away: its right neighbour, else its left one. */
export function neighbourAfterClose(order: readonly string[], closing: string): string | null {
  const index = order.indexOf(closing);
  if (index < 0) return order[0] ?? null;
  return order[index + 1] ?? order[index - 1] ?? null;
}
