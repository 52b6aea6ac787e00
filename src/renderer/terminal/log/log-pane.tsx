import '../workspace/controls.css';
import './log-pane.css';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useApp } from '../../hooks/app-context';
import { LogLines } from './log-lines';
import { LogLineView } from './log-view';
import { userMessage } from '../../forms/contract-messages';

/** Within this many pixels of the end the view counts as "at the bottom" and keeps following. */
const FOLLOW_SLACK_PX = 24;

/** The job's live log beside its terminal (product B1): follows the bottom unless scrolled up. */
export function LogPane(props: { readonly sessionId: string; readonly onClose: () => void }) {
  const { sessionId, onClose } = props;
  const { bridge } = useApp();
  const [log] = useState(() => new LogLines());
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [following, setFollowing] = useState(true);
  const scrollRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let ready = false;
    let cancelled = false;
    const bump = (): void => {
      setVersion((v) => v + 1);
    };
    // Updates before the first answer are already contained in it (the core fetches in order).
    const off = bridge.on('log.update', (update) => {
      if (update.sessionId !== sessionId || !ready) return;
      if (update.reset) log.reset(update.text);
      else log.append(update.text);
      bump();
    });
    bridge.request('terminal.log', { sessionId, follow: true }).then(
      (initial) => {
        if (cancelled) return;
        ready = true;
        log.reset(initial?.text ?? '');
        setLoading(false);
        bump();
      },
      (e: unknown) => {
        if (cancelled) return;
        ready = true;
        setLoading(false);
        setError(userMessage(e));
      },
    );
    return () => {
      cancelled = true;
      off();
      void bridge.request('terminal.log', { sessionId, follow: false }).catch(() => undefined);
    };
  }, [bridge, sessionId, log]);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (following && element !== null) element.scrollTop = element.scrollHeight;
  }, [version, following]);

  const partial = log.partial;
  const empty = log.lines.length === 0 && partial === null;
  return (
    <aside className="log-pane" aria-label="Job log">
      <header className="log-header">
        <span className="log-title">Job log</span>
        {!following && (
          <button className="link-button" onClick={() => setFollowing(true)}>
            Follow ↓
          </button>
        )}
        <span className="spacer" />
        <button
          className="icon-button"
          aria-label="Close the job log"
          title="Close"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <div
        ref={scrollRef}
        className="log-body"
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - FOLLOW_SLACK_PX;
          if (atBottom !== following) setFollowing(atBottom);
        }}
      >
        {log.dropped > 0 && (
          <div className="log-note">{log.dropped} earlier lines are not shown here.</div>
        )}
        {log.lines.map((line) => (
          <LogLineView key={line.id} line={line} />
        ))}
        {partial !== null && <LogLineView line={partial} />}
        {loading && <div className="log-note">Loading the job log…</div>}
        {!loading && error !== null && <div className="log-note log-error">{error}</div>}
        {!loading && error === null && empty && (
          <div className="log-note">The log is empty so far.</div>
        )}
      </div>
    </aside>
  );
}
