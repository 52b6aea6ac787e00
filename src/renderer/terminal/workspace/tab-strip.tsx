// The broadcast marks' rules load first: where a tab rule and a mark rule weigh the same (hover
// and active backgrounds, the active tab's edge), the tab rule wins, as it always has.
import '../../components/broadcast/broadcast.css';
import './tab-strip.css';
import { useState, type DragEvent } from 'react';
import type { BroadcastView } from '../../../shared/broadcast-models';
import type { AccountView, SessionView } from '../../../shared/models';
import { chordText, type Keymap } from '../../keys/keymap';
import { describeState } from './session-status';
import { RetryMark } from '../../components/retry/retry-mark';
import { StatusBadge } from './status-badge';

/** Drag data type: only our own tabs can be dropped on the strip. */
const TAB_DRAG_TYPE = 'application/x-jobshell-tab';

export interface TabStripProps {
  readonly sessions: readonly SessionView[];
  readonly accounts: readonly AccountView[];
  readonly keymap: Keymap;
  readonly activeId: string | null;
  readonly titles: ReadonlyMap<string, string>;
  readonly now: number;
  readonly onSelect: (sessionId: string) => void;
  readonly onClose: (session: SessionView) => void;
  readonly onMove: (sessionId: string, target: string, after: boolean) => void;
  /** Broadcast targets (issue 15): marked in one colour, each with its own toggle. */
  readonly broadcast?: BroadcastView;
  readonly onToggleBroadcast?: (sessionId: string) => void;
}

interface DropMark {
  readonly id: string;
  readonly after: boolean;
}

/** One tab per session: account colour, job name, status badge, close button; drag to reorder. */
export function TabStrip(props: TabStripProps) {
  const [drop, setDrop] = useState<DropMark | null>(null);
  const colorOf = (accountId: string): string =>
    props.accounts.find((a) => a.id === accountId)?.color ?? 'var(--muted)';

  const onDragOver = (event: DragEvent<HTMLDivElement>, id: string): void => {
    if (!event.dataTransfer.types.includes(TAB_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    const after = isAfter(event);
    if (drop?.id !== id || drop.after !== after) setDrop({ id, after });
  };
  const onDrop = (event: DragEvent<HTMLDivElement>, id: string): void => {
    const dragged = event.dataTransfer.getData(TAB_DRAG_TYPE);
    setDrop(null);
    if (dragged === '') return;
    event.preventDefault();
    props.onMove(dragged, id, isAfter(event));
  };

  return (
    <div className="tab-strip terminal-tabs" role="tablist" aria-label="Terminals">
      {props.sessions.map((session, index) => {
        const active = session.id === props.activeId;
        const title = props.titles.get(session.id) ?? '';
        const marks = drop?.id === session.id ? (drop.after ? ' drop-after' : ' drop-before') : '';
        const target = props.broadcast?.targets.find((t) => t.sessionId === session.id);
        const cast =
          target === undefined
            ? ''
            : target.status.kind === 'live'
              ? ' broadcast-target'
              : ' broadcast-target broadcast-skipped';
        return (
          <div
            key={session.id}
            id={`tab-${session.id}`}
            role="tab"
            tabIndex={active ? 0 : -1}
            aria-selected={active}
            aria-controls={`pane-${session.id}`}
            className={`terminal-tab state-${session.state.kind}${active ? ' active' : ''}${marks}${cast}`}
            title={
              tooltip(session, title, props.now, index, props.keymap) +
              (target?.status.kind === 'skipped'
                ? `\nBroadcast: skipped (${target.status.reason})`
                : target === undefined
                  ? ''
                  : '\nBroadcast: receives what you type')
            }
            draggable
            onClick={() => props.onSelect(session.id)}
            onAuxClick={(e) => {
              // Middle click closes, as in every tabbed app.
              if (e.button === 1) props.onClose(session);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') props.onSelect(session.id);
            }}
            onDragStart={(e) => {
              e.dataTransfer.setData(TAB_DRAG_TYPE, session.id);
              e.dataTransfer.effectAllowed = 'move';
            }}
            onDragOver={(e) => {
              onDragOver(e, session.id);
            }}
            onDragLeave={() => setDrop(null)}
            onDrop={(e) => {
              onDrop(e, session.id);
            }}
            onDragEnd={() => setDrop(null)}
          >
            <span
              className="tab-color"
              style={{ background: colorOf(session.accountId) }}
              aria-hidden="true"
            />
            <span className="tab-name">{session.jobName}</span>
            <RetryMark sessionId={session.id} />
            <StatusBadge state={session.state} now={props.now} />
            {props.onToggleBroadcast !== undefined && (
              <button
                className={`tab-button tab-broadcast${target === undefined ? '' : ' on'}`}
                aria-label={`Broadcast to ${session.jobName}`}
                aria-pressed={target !== undefined}
                title={target === undefined ? 'Add to the broadcast' : 'Remove from the broadcast'}
                draggable={false}
                onClick={(e) => {
                  e.stopPropagation();
                  props.onToggleBroadcast?.(session.id);
                }}
              >
                {target?.status.kind === 'skipped' ? 'skipped' : '⇶'}
              </button>
            )}
            <button
              className="tab-button tab-close"
              aria-label={`Close ${session.jobName}`}
              title={`Close (${chordText(props.keymap.chord('close'))})`}
              draggable={false}
              onClick={(e) => {
                e.stopPropagation();
                props.onClose(session);
              }}
            >
              ×
            </button>
          </div>
        );
      })}
    </div>
  );
}

/** Plain-text tooltip (a title attribute is never HTML): who, where, and what state. */
function tooltip(
  session: SessionView,
  title: string,
  now: number,
  index: number,
  keymap: Keymap,
): string {
  const lines = [
    `${session.jobName} · job #${session.jobId}`,
    session.projectPath,
    describeState(session.state, now),
  ];
  if (title !== '') lines.push(`Title: ${title}`);
  if (index < 8) lines.push(`${chordText(keymap.selectChord(index + 1))} to switch here`);
  return lines.join('\n');
}

function isAfter(event: DragEvent<HTMLElement>): boolean {
  const box = event.currentTarget.getBoundingClientRect();
  return event.clientX > box.left + box.width / 2;
}
