/**
 * The page title and favicon as a badge (browser mode): a browser tab in the background still
 * says how many jobs your terminals hold open and how long until the nearest hold ends.
 */
import type { SessionView } from '../../shared/models';
import { formatCountdown } from '../terminal/workspace/countdown';

export const BASE_TITLE = 'Jobshell';
export const BASE_FAVICON = './favicon.svg';

export interface Badge {
  readonly held: number;
  /** Milliseconds until the nearest hold ends, or null when nothing is held. */
  readonly nearestMs: number | null;
}

export function badgeOf(sessions: readonly SessionView[], now: number): Badge {
  const deadlines = sessions.flatMap((s) =>
    s.state.kind === 'held' ? [s.state.hold.deadline] : [],
  );
  return {
    held: deadlines.length,
    nearestMs: deadlines.length === 0 ? null : Math.min(...deadlines) - now,
  };
}

/** "(2 held · 04:12) Jobshell", or plain "Jobshell". */
export function titleOf(badge: Badge): string {
  if (badge.held === 0 || badge.nearestMs === null) return BASE_TITLE;
  return `(${badge.held} held · ${formatCountdown(badge.nearestMs)}) ${BASE_TITLE}`;
}

/** The app's mark with an orange count badge, as an SVG data URL (CSP allows data: images). */
export function faviconOf(badge: Badge): string {
  if (badge.held === 0) return BASE_FAVICON;
  const count = badge.held > 9 ? '9+' : String(badge.held);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect x="1" y="1" width="30" height="30" rx="7" fill="#232a3d"/>
<path d="M6 9l5 4-5 4M12 20h7" stroke="#e6e8eb" stroke-width="2.4" fill="none" stroke-linecap="round" stroke-linejoin="round"/>
<circle cx="23" cy="22" r="9" fill="#e65100" stroke="#fff" stroke-width="1.5"/>
<text x="23" y="26.5" font-family="sans-serif" font-size="${count.length > 1 ? 10 : 13}" font-weight="700" text-anchor="middle" fill="#fff">${count}</text>
</svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
