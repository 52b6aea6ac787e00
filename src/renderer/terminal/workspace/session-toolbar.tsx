import './controls.css';
import './session-toolbar.css';
import type { ReactNode } from 'react';
import type { SessionView } from '../../../shared/models';
import { useKeymap } from '../../hooks/use-keymap';
import { chordText } from '../../keys/keymap';
import { actionsFor } from './session-status';
import type { TerminalInfo } from '../xterm/terminal-entry';
import { ExternalLink } from '../../web/external-link';
import { Icon } from './icons';
import { TranscriptMenu, type TranscriptFormat } from './transcript-menu';

export interface ToolbarActions {
  readonly syncSize: () => void;
  readonly toggleLog: () => void;
  readonly save: (format: TranscriptFormat) => void;
  readonly search: () => void;
  readonly openInGitlab: () => void;
}

/** Above each terminal: which job this is, and what can be done with it. */
export function SessionToolbar(props: {
  readonly session: SessionView;
  readonly info: TerminalInfo;
  readonly accountColor: string;
  readonly logOpen: boolean;
  readonly actions: ToolbarActions;
  /** More tools at the start of the actions (the broadcast menu). */
  readonly extra?: ReactNode;
}) {
  const { session, info, actions } = props;
  const keymap = useKeymap();
  const available = actionsFor(session.state);
  const size = info.cols > 1 ? `${info.cols}×${info.rows}` : '';
  return (
    <div className="session-toolbar">
      <div className="session-identity">
        <span className="identity-color" style={{ background: props.accountColor }} />
        <span className="session-job">{session.jobName}</span>
        <span className="session-project" title={`Project ${session.projectPath}`}>
          {session.projectPath} · #{session.jobId}
        </span>
        {info.title !== '' && (
          <span className="session-title" title={`Title set by the shell: ${info.title}`}>
            {info.title}
          </span>
        )}
        <ExternalLink
          className="link-button"
          href={session.webUrl}
          title={`Open ${session.webUrl} in your browser`}
          onOpen={actions.openInGitlab}
        >
          Open job in GitLab <Icon name="external" />
        </ExternalLink>
      </div>
      <div className="session-actions">
        {props.extra}
        <button
          className="tool-button"
          disabled={!available.syncSize || size === ''}
          onClick={actions.syncSize}
          title={`Types "stty cols ${info.cols} rows ${info.rows}" into the shell so full-screen programs use this size (GitLab's terminal has no resize message)`}
        >
          <Icon name="resize" />
          Sync size
        </button>
        <button
          className={`tool-button${props.logOpen ? ' pressed' : ''}`}
          aria-pressed={props.logOpen}
          onClick={actions.toggleLog}
          title="Show the job's live log beside the terminal"
        >
          <Icon name="log" />
          Log
        </button>
        <TranscriptMenu onSave={actions.save} />
        <button
          className="tool-button"
          onClick={actions.search}
          title={`Search the scrollback (${chordText(keymap.chord('search'))})`}
        >
          <Icon name="search" />
          Search
        </button>
      </div>
    </div>
  );
}
