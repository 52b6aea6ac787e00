import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionView } from '../../../shared/models';
import type { TerminalInfo } from '../xterm/terminal-entry';

interface Size {
  readonly cols: number;
  readonly rows: number;
}

export interface SizeHint {
  /** The size the shell was last told (Sync size), or this tab's size when the shell started. */
  readonly shell: Size | null;
  /** This tab is no longer that wide: output wraps and full-screen programs draw wrongly. */
  readonly differs: boolean;
  readonly synced: (size: Size) => void;
}

/**
 * GitLab's terminal has no resize message, so after a zoom, a window resize or opening the log
 * pane the shell keeps its old size and full-screen programs draw wrongly. The size the shell has
 * is taken as this tab's size when the connection opened (every connection is a new shell), and
 * whatever Sync size told it since.
 */
export function useSizeHint(session: SessionView, info: TerminalInfo): SizeHint {
  const [shell, setShell] = useState<Size | null>(null);
  const connection = useRef(-1);
  const open = session.state.kind === 'open' || session.state.kind === 'held';
  useEffect(() => {
    if (!open || info.cols <= 1 || connection.current === session.connections) return;
    connection.current = session.connections;
    setShell({ cols: info.cols, rows: info.rows });
  }, [open, session.connections, info.cols, info.rows]);
  const synced = useCallback((size: Size) => {
    setShell(size);
  }, []);
  const differs =
    open &&
    shell !== null &&
    info.cols > 1 &&
    (shell.cols !== info.cols || shell.rows !== info.rows);
  return { shell, differs, synced };
}
