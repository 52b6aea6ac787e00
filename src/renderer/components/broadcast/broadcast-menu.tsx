import '../common/common.css';
import '../../terminal/workspace/controls.css';
import { useEffect, useRef, useState } from 'react';
import type { SessionView } from '../../../shared/models';
import { useAppState } from '../../hooks/app-context';
import { openTabs, pipelineTabs, toggleTarget } from './broadcast-policy';
import { Icon } from '../../terminal/workspace/icons';
import { useBroadcast } from './use-broadcast';

/** "Broadcast" in a tab's toolbar: this tab, its pipeline's tabs, all open tabs, or stop. */
export function BroadcastMenu({ session }: { readonly session: SessionView }) {
  const { view, store } = useBroadcast();
  const sessions = useAppState((s) => s.sessions);
  const jobs = useAppState((s) => s.jobs);
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent): void => {
      if (!(event.target instanceof Node) || !rootRef.current?.contains(event.target))
        setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);
  const current = view.targets.map((t) => t.sessionId);
  const isTarget = current.includes(session.id);
  const pipeline = pipelineTabs(session, sessions, jobs);
  const all = openTabs(sessions);
  const choose = (ids: readonly string[]): void => {
    setOpen(false);
    void store.set(ids).catch(() => undefined);
  };
  return (
    <div
      className="menu-anchor"
      ref={rootRef}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setOpen(false);
      }}
    >
      <button
        className={`tool-button${isTarget ? ' pressed broadcast-on' : ''}`}
        aria-haspopup="menu"
        aria-expanded={open}
        title="Type into several terminals at once"
        onClick={() => setOpen(!open)}
      >
        Broadcast
        <Icon name="chevron" />
      </button>
      {open && (
        <div className="menu" role="menu">
          <button role="menuitem" onClick={() => choose(toggleTarget(current, session.id))}>
            {isTarget ? 'Remove this tab' : 'Add this tab'}
          </button>
          <button role="menuitem" disabled={pipeline.length < 2} onClick={() => choose(pipeline)}>
            All tabs of this pipeline <small>{pipeline.length}</small>
          </button>
          <button role="menuitem" disabled={all.length < 2} onClick={() => choose(all)}>
            All open tabs <small>{all.length}</small>
          </button>
          <button role="menuitem" disabled={current.length === 0} onClick={() => choose([])}>
            Stop broadcasting
          </button>
        </div>
      )}
    </div>
  );
}
