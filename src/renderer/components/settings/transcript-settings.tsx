import '../history/history.css';
import { useEffect, useState } from 'react';
import type { TranscriptSettings } from '../../../shared/transcript-settings';
import { useApp } from '../../hooks/app-context';

/**
 * Automatic transcripts (issue 15): opt-in, the folder, and the redaction rules (one regular
 * expression a line). Saved with an explicit button so a half-typed rule is never applied; the
 * core checks every rule and says which one is wrong and why.
 */
export function TranscriptSettingsSection() {
  const { bridge } = useApp();
  const [saved, setSaved] = useState<TranscriptSettings | null>(null);
  const [enabled, setEnabled] = useState(false);
  const [folder, setFolder] = useState('');
  const [rules, setRules] = useState('');
  const [message, setMessage] = useState<{ readonly error: boolean; readonly text: string } | null>(
    null,
  );
  useEffect(() => {
    bridge
      .request('transcripts.settings', {})
      .then((value) => {
        setSaved(value);
        setEnabled(value.enabled);
        setFolder(value.folder);
        setRules(value.redactions.join('\n'));
      })
      .catch(() => undefined);
  }, [bridge]);
  if (saved === null) return null;
  const save = (): void => {
    const redactions = rules.split('\n').filter((line) => line.trim() !== '');
    bridge.request('transcripts.update', { enabled, folder, redactions }).then(
      (value) => {
        setSaved(value);
        setMessage({ error: false, text: value.enabled ? 'Saved: transcripts are on.' : 'Saved.' });
      },
      (e: unknown) => {
        setMessage({ error: true, text: e instanceof Error ? e.message : String(e) });
      },
    );
  };
  return (
    <fieldset className="transcript-settings">
      <legend>Automatic transcripts</legend>
      <label>
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />{' '}
        Save every session’s transcript (text and asciicast) when it ends
      </label>
      <label className="field">
        Folder (files go to instance / project / job / time)
        <input value={folder} onChange={(e) => setFolder(e.target.value)} spellCheck={false} />
      </label>
      <label className="field">
        Redact matches of these regular expressions first (one a line)
        <textarea
          rows={3}
          value={rules}
          onChange={(e) => setRules(e.target.value)}
          spellCheck={false}
        />
      </label>
      <div className="transcript-settings-actions">
        <button onClick={save}>Save transcript settings</button>
        {message !== null && (
          <span className={message.error ? 'field-error' : 'field-ok'} role="status">
            {message.text}
          </span>
        )}
      </div>
    </fieldset>
  );
}
