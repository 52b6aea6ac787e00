import type { KeyLabel } from '../../keys/keymap';
import { useKeymap } from '../../hooks/use-keymap';
import { Dialog } from '../accounts/dialog';
import { Chord } from './kbd';

const ROWS: readonly (readonly [KeyLabel, string])[] = [
  ['next', 'Next terminal tab'],
  ['prev', 'Previous terminal tab'],
  ['select', 'Go to tab 1 to 8 (9: the last tab)'],
  ['close', 'Close the current tab'],
  ['search', 'Search the scrollback'],
  ['zoom-in', 'Larger terminal font'],
  ['zoom-out', 'Smaller terminal font'],
  ['zoom-reset', 'Default font size'],
  ['copy', 'Copy the selection (in a terminal)'],
  ['paste', 'Paste (in a terminal)'],
  ['help', 'This list (or ? outside a terminal)'],
];

/** Every shortcut of the active keymap, and why browser mode's differ from the desktop app's. */
export function ShortcutsSheet({ onClose }: { readonly onClose: () => void }) {
  const keymap = useKeymap();
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="shortcuts-table">
        <tbody>
          {ROWS.map(([label, text]) => (
            <tr key={label}>
              <td>
                <Chord keys={keymap.chord(label)} />
              </td>
              <td>{text}</td>
            </tr>
          ))}
          <tr>
            <td>
              <Chord keys={['↑']} /> <Chord keys={['↓']} /> <Chord keys={['Enter']} />
            </td>
            <td>Move through the job list; Enter opens the terminal</td>
          </tr>
          <tr>
            <td>
              <Chord keys={['a…z']} />
            </td>
            <td>Typed in the job list: filters it</td>
          </tr>
        </tbody>
      </table>
      {keymap.mode === 'browser' && (
        <p className="muted shortcuts-note">
          In a browser, Ctrl+Tab, Ctrl+1…9 and Ctrl+Shift+W belong to the browser (they switch or
          close browser tabs), so browser mode uses Alt instead. The desktop app uses the Ctrl keys.
        </p>
      )}
      <div className="actions">
        <button className="primary" autoFocus onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
