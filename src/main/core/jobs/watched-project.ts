/** The per-project state of one account's poller, and when each project is next due. */
import type { ApiJob, ApiProject } from '../gitlab/wire-types';
import type { ProjectFacts } from './availability';
import { backoffDelay, tierInterval, tierOf, type Tier } from './cadence';
import { PROJECT_LIST_INTERVAL_MS } from './tuning';

/** A project whose running and pending jobs are polled. Mutable: only its poller touches it. */
export interface WatchedProject {
  readonly id: number;
  path: string;
  /** In the membership list (most recently active first) at the last refresh. */
  listed: boolean;
  /** Pinned by the user: watched even when not in the membership list. */
  pinned: boolean;
  lastActivityAt: number | null;
  /** The last good list of running+pending jobs; null until the first answer. */
  jobs: readonly ApiJob[] | null;
  /** When a job of the user was last seen running or pending here. */
  userJobSeenAt: number | null;
  /** Archived flag and role from GET /projects/:id, asked only to explain a missing terminal. */
  facts: { readonly value: ProjectFacts; readonly refreshAt: number } | null;
  timing: Timing;
  /** GitLab said 403/404: skip the project until then (it may come back after a role change). */
  hiddenUntil: number;
}

/** When something (a project, the project list) was last asked for, and how that went. */
export interface Timing {
  lastAttemptAt: number | null;
  /** Consecutive failures; 0 after a good answer. */
  failures: number;
  /** This cycle's jitter factor, drawn anew after every attempt. */
  jitter: number;
  /** Ask at the next chance (refresh, focus, retry after a 429). */
  forced: boolean;
  inFlight: boolean;
}

/** A fresh timing: due at once. */
export function newTiming(jitter: number): Timing {
  return { lastAttemptAt: null, failures: 0, jitter, forced: false, inFlight: false };
}

/** A project as first seen, due at once. */
export function newProject(id: number, path: string, jitter: number): WatchedProject {
  return {
    id,
    path,
    listed: false,
    pinned: false,
    lastActivityAt: null,
    jobs: null,
    userJobSeenAt: null,
    facts: null,
    timing: newTiming(jitter),
    hiddenUntil: 0,
  };
}

/** Copies the project list's facts onto the watched project. */
export function applyListed(project: WatchedProject, listed: ApiProject): void {
  project.path = listed.path_with_namespace;
  project.listed = true;
  const activity = listed.last_activity_at === null ? NaN : Date.parse(listed.last_activity_at);
  project.lastActivityAt = Number.isNaN(activity) ? null : activity;
}

/** The tier of a watched project at `now`. */
export function projectTier(project: WatchedProject, userId: number, now: number): Tier {
  const userJobActive = project.jobs?.some((job) => job.user?.id === userId) ?? false;
  return tierOf(
    { userJobActive, userJobSeenAt: project.userJobSeenAt, lastActivityAt: project.lastActivityAt },
    now,
  );
}

export interface DueContext {
  readonly now: number;
  /** How many watched projects are in each tier (the budget is shared among them). */
  readonly tierCounts: Readonly<Record<Tier, number>>;
  /** Interval multiplier: rate-limit slowdown × hidden-window slowdown. */
  readonly slowdown: number;
  /** GitLab's own Poll-Interval (admin's polling multiplier): no project is polled faster. */
  readonly pollFloorMs: number;
  readonly userId: number;
}

/** Epoch ms when the project should next be polled (Infinity: not now). */
export function projectDueAt(project: WatchedProject, context: DueContext): number {
  if (project.hiddenUntil > context.now) return project.hiddenUntil;
  const tier = projectTier(project, context.userId, context.now);
  const interval = tierInterval(tier, context.tierCounts, context.pollFloorMs) * context.slowdown;
  return timingDueAt(project.timing, interval);
}

/** Epoch ms when the project list should next be refreshed. */
export function listDueAt(timing: Timing, slowdown: number): number {
  return timingDueAt(timing, PROJECT_LIST_INTERVAL_MS * slowdown);
}

function timingDueAt(timing: Timing, intervalMs: number): number {
  if (timing.inFlight) return Infinity;
  if (timing.forced || timing.lastAttemptAt === null) return 0;
  const wait = timing.failures > 0 ? backoffDelay(timing.failures) : intervalMs;
  return timing.lastAttemptAt + wait * timing.jitter;
}

/** How many projects are in each tier right now. */
export function countTiers(
  projects: Iterable<WatchedProject>,
  userId: number,
  now: number,
): Record<Tier, number> {
  const counts: Record<Tier, number> = { active: 0, warm: 0, cold: 0 };
  for (const project of projects) counts[projectTier(project, userId, now)] += 1;
  return counts;
}

/**
 * Applies a fresh membership list: new projects join, unlisted ones leave unless pinned. Returns
 * the projects that left, so their cached answers can go too.
 */
export function mergeListed(
  projects: Map<number, WatchedProject>,
  listed: readonly ApiProject[],
  jitter: () => number,
): readonly WatchedProject[] {
  const ids = new Set(listed.map((p) => p.id));
  const removed: WatchedProject[] = [];
  for (const [id, project] of projects) {
    if (ids.has(id)) continue;
    project.listed = false;
    if (project.pinned) continue;
    projects.delete(id);
    removed.push(project);
  }
  for (const item of listed) {
    const project =
      projects.get(item.id) ?? newProject(item.id, item.path_with_namespace, jitter());
    applyListed(project, item);
    // Listed again after a 403/404: GitLab shows it, so try it again.
    project.hiddenUntil = 0;
    projects.set(item.id, project);
  }
  return removed;
}
