/**
 * Keeps the tray a pure view of the core's job terminal model (issue 12): rebuilt on every
 * `jobTerminals.changed`, the same event that withdraws notifications and updates the tabs, and
 * refreshed on a slow timer only for its countdown words.
 */
import type { CoreEndpoint, EventName, EventPayload } from '../../shared/contract';
import { EMPTY_JOB_TERMINALS, type JobTerminalsSnapshot } from '../../shared/job-terminal';
import { deriveTray } from '../core';
import type { AppTray } from './app-tray';

export interface TrayView {
  /** Re-renders the countdowns (a timer calls it). */
  readonly refresh: () => void;
  readonly dispose: () => void;
}

/** Renders `tray` from the core's snapshot now and on every change. */
export function connectTrayView(
  core: Pick<CoreEndpoint, 'subscribe' | 'request'>,
  tray: Pick<AppTray, 'update'>,
  now: () => number,
): TrayView {
  let snapshot: JobTerminalsSnapshot = EMPTY_JOB_TERMINALS;
  const render = (): void => {
    tray.update(deriveTray(snapshot.jobs, now()));
  };
  const take = (next: JobTerminalsSnapshot): void => {
    // A late answer never overwrites a newer change.
    if (next.version < snapshot.version) return;
    snapshot = next;
    render();
  };
  const unsubscribe = core.subscribe(<E extends EventName>(name: E, payload: EventPayload<E>) => {
    if (name === 'jobTerminals.changed') take(payload as EventPayload<'jobTerminals.changed'>);
  });
  render();
  void core.request('jobTerminals.get', {}).then(take, () => undefined);
  return { refresh: render, dispose: unsubscribe };
}
