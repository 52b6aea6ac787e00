import './controls.css';
import './search-bar.css';
import { useEffect, useRef, useState } from 'react';
import type { TerminalManager } from '../xterm/terminal-manager';
import { useTerminalInfo } from './use-terminal-info';

/** Search in the scrollback: Enter next, Shift+Enter previous, Aa for case, Escape closes. */
export function SearchBar(props: {
  readonly manager: TerminalManager;
  readonly sessionId: string;
  readonly onClose: () => void;
}) {
  const { manager, sessionId, onClose } = props;
  const [query, setQuery] = useState('');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const { search } = useTerminalInfo(manager, sessionId);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  const find = (backwards: boolean, text = query, matchCase = caseSensitive): void => {
    manager.find(sessionId, text, { backwards, caseSensitive: matchCase });
  };
  const close = (): void => {
    manager.clearSearch(sessionId);
    onClose();
    manager.focus(sessionId);
  };

  return (
    <div className="search-bar" role="search">
      <input
        ref={inputRef}
        type="search"
        placeholder="Find in scrollback"
        aria-label="Find in scrollback"
        value={query}
        spellCheck={false}
        onChange={(e) => {
          setQuery(e.target.value);
          find(false, e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            find(e.shiftKey);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            close();
          }
        }}
      />
      <span className="search-count" aria-live="polite">
        {resultText(query, search)}
      </span>
      <button
        className={`icon-button${caseSensitive ? ' pressed' : ''}`}
        aria-pressed={caseSensitive}
        title="Match case"
        onClick={() => {
          setCaseSensitive(!caseSensitive);
          find(false, query, !caseSensitive);
        }}
      >
        Aa
      </button>
      <button
        className="icon-button"
        title="Previous match (Shift+Enter)"
        onClick={() => find(true)}
      >
        ↑
      </button>
      <button className="icon-button" title="Next match (Enter)" onClick={() => find(false)}>
        ↓
      </button>
      <button
        className="icon-button"
        title="Close (Escape)"
        aria-label="Close search"
        onClick={close}
      >
        ×
      </button>
    </div>
  );
}

function resultText(
  query: string,
  search: { readonly index: number; readonly count: number } | null,
): string {
  if (query === '' || search === null) return '';
  if (search.count === 0) return 'No matches';
  if (search.index < 0) return `${search.count}+ matches`;
  return `${search.index + 1} of ${search.count}`;
}
