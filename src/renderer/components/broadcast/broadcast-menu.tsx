import '../common/common.css';
import '../../terminal/workspace/controls.css';
import type { SessionView } from '../../../shared/models';
import { useAppState } from '../../hooks/app-context';
import { openTabs, pipelineTabs, toggleTarget } from './broadcast-policy';
import { Icon } from '../../terminal/workspace/icons';
import { ActionMenu } from '../common/action-menu';
import { useBroadcast } from './use-broadcast';

/** "Broadcast" in a tab's toolbar: this tab, its pipeline's tabs, all open tabs, or stop. */
export function BroadcastMenu({ session }: { readonly session: SessionView }) {
  const { view, store } = useBroadcast();
  const sessions = useAppState((s) => s.sessions);
  const jobs = useAppState((s) => s.jobs);
  const current = view.targets.map((t) => t.sessionId);
  const isTarget = current.includes(session.id);
  const pipeline = pipelineTabs(session, sessions, jobs);
  const all = openTabs(sessions);
  const choose = (ids: readonly string[]): void => {
    void store.set(ids).catch(() => undefined);
  };
  return (
    <ActionMenu
      label="Broadcast"
      trigger={{
        className: `tool-button${isTarget ? ' pressed broadcast-on' : ''}`,
        title: 'Type into several terminals at once',
        content: (
          <>
            Broadcast
            <Icon name="chevron" />
          </>
        ),
      }}
      items={[
        {
          id: 'this-tab',
          label: isTarget ? 'Remove this tab' : 'Add this tab',
          onSelect: () => choose(toggleTarget(current, session.id)),
        },
        {
          id: 'pipeline',
          label: 'All tabs of this pipeline',
          hint: String(pipeline.length),
          disabled: pipeline.length < 2,
          onSelect: () => choose(pipeline),
        },
        {
          id: 'all',
          label: 'All open tabs',
          hint: String(all.length),
          disabled: all.length < 2,
          onSelect: () => choose(all),
        },
        {
          id: 'stop',
          label: 'Stop broadcasting',
          disabled: current.length === 0,
          onSelect: () => choose([]),
        },
      ]}
    />
  );
}
