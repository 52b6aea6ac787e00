/**
 * The services' events on their way out of AppCore: each is emitted on the one contract emitter
 * the transports subscribe to (issue 17 item 3), and the few that feed another service (open
 * terminals to the jobs poller, sessions to the job terminal model and to broadcast) do so here.
 */
import type { RequestContext } from './app-requests';
import type { Unsubscribe } from './services';

/** Subscribes to every service; the returned list undoes it on dispose. */
export function forwardServiceEvents({ deps, emit, model }: RequestContext): Unsubscribe[] {
  const { accounts, jobs, terminals, settings, history, broadcast } = deps;
  return [
    accounts.onChange((list) => {
      emit('accounts.changed', list);
    }),
    jobs.onChange((list) => {
      emit('jobs.changed', list);
    }),
    terminals.onSessions((list) => {
      jobs.setOpenTerminals(list.filter((s) => s.state.kind !== 'closed').length);
      emit('sessions.changed', list);
      model.update(list);
    }),
    model.onChange((snapshot) => {
      emit('jobTerminals.changed', snapshot);
    }),
    terminals.onOutput((chunks) => {
      emit('terminal.output', chunks);
    }),
    terminals.onLog((update) => {
      emit('log.update', update);
    }),
    terminals.onNotification((notification) => {
      // An alert that arrives after its hold ended is never shown.
      if (!model.alert(notification)) return;
      if (settings.get().notifications) deps.notifier.show(notification);
      emit('notification', notification);
    }),
    terminals.onFocus((sessionId) => {
      emit('session.focus', { sessionId });
    }),
    settings.onChange((value) => {
      emit('settings.changed', value);
    }),
    deps.retries?.onChange((list) => {
      emit('retries.changed', list);
    }) ?? (() => undefined),
    terminals.onSessions((list) => {
      broadcast.sessions(list);
    }),
    broadcast.onChange((view) => {
      emit('broadcast.changed', view);
    }),
    history.onChange((list) => {
      emit('history.changed', list);
    }),
  ];
}
