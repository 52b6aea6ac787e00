/**
 * Automatic transcripts (issue 15): when the user opted in, every session's transcript is saved
 * as text and asciicast when it ends, redacted in memory first, under
 * <folder>/<instance>/<project>/<job id>-<job name>/<time>.txt|.cast (mode 0600).
 */
import { ContractError } from '../../../shared/contract';
import type { TranscriptFiles } from '../../../shared/history-models';
import type { SessionView, Transcript } from '../../../shared/models';
import type { TranscriptSettings } from '../../../shared/transcript-settings';
import type { DataFiles, SettingsStore } from '../ports';
import { compileRedactions, DEFAULT_REDACTIONS, redactSegments, redactText } from './redaction';

const SETTINGS_KEY = 'autoTranscripts';

export interface AutoTranscripts {
  settings(): TranscriptSettings;
  /** Validates (folder absolute, every rule compiles) and stores; throws bad-input otherwise. */
  update(next: TranscriptSettings): TranscriptSettings;
  /**
   * Saves the session's transcripts when enabled; null when not. Reads them synchronously (the
   * session may be gone after the first await), writes afterwards.
   */
  save(
    view: SessionView,
    startedAt: number,
    transcript: (format: 'text' | 'asciicast') => Transcript | null,
  ): Promise<TranscriptFiles | null>;
}

/** Settings in `store`; files written through `files`; `defaultFolder` until the user picks one. */
export function createAutoTranscripts(
  store: SettingsStore,
  files: DataFiles,
  defaultFolder: string,
): AutoTranscripts {
  let current = fromStored(store.read(SETTINGS_KEY), defaultFolder, files);
  let compiled: readonly RegExp[] = [];
  try {
    compiled = compileRedactions(current.redactions);
  } catch {
    // Rules that no longer compile must not mean saving unredacted: saving stays off until fixed.
    current = { ...current, enabled: false };
  }
  return {
    settings: () => current,
    update: (next) => {
      const folder = next.folder.trim();
      if (!files.isAbsolute(folder)) {
        throw new ContractError(
          'bad-input',
          `The transcript folder must be an absolute path, not "${folder}".`,
        );
      }
      const rules = compileRedactions(next.redactions);
      const value: TranscriptSettings = {
        enabled: next.enabled,
        folder,
        redactions: [...next.redactions],
      };
      store.write(SETTINGS_KEY, value);
      current = value;
      compiled = rules;
      return value;
    },
    save: async (view, startedAt, transcript) => {
      if (!current.enabled) return null;
      const text = transcript('text');
      const cast = transcript('asciicast');
      if (text === null || cast === null) return null;
      const rules = compiled;
      // Redacted here, in memory: the unredacted text never reaches a file.
      const textContent = redactText(text.content, rules);
      const castContent = redactAsciicast(cast.content, rules);
      const base = files.join(current.folder, ...folderFor(view), fileTime(startedAt));
      const saved = { text: `${base}.txt`, asciicast: `${base}.cast` };
      await files.writeAtomic(saved.text, textContent);
      await files.writeAtomic(saved.asciicast, castContent);
      return saved;
    },
  };
}

/** An asciicast with its output events redacted as one text (a secret may span events). */
export function redactAsciicast(content: string, rules: readonly RegExp[]): string {
  const [header = '', ...lines] = content.split('\n').filter((line) => line !== '');
  const events = lines.map((line) => JSON.parse(line) as [number, string, string]);
  const texts = redactSegments(
    events.map((e) => e[2]),
    rules,
  );
  const out = events.map((e, i) => JSON.stringify([e[0], e[1], texts[i] ?? '']));
  return `${[header, ...out].join('\n')}\n`;
}

/** instance / project path segments / "<job id>-<job name>", each safe as a folder name. */
export function folderFor(view: SessionView): readonly string[] {
  const host = new URL(view.webUrl).host;
  return [
    safeName(host),
    ...view.projectPath.split('/').map(safeName),
    safeName(`${view.jobId}-${view.jobName}`),
  ];
}

function safeName(part: string): string {
  const cleaned = part.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_');
  return cleaned === '' ? '_' : cleaned.slice(0, 100);
}

function fileTime(at: number): string {
  return new Date(at).toISOString().replace(/[:.]/g, '-');
}

function fromStored(value: unknown, defaultFolder: string, files: DataFiles): TranscriptSettings {
  const fallback: TranscriptSettings = {
    enabled: false,
    folder: defaultFolder,
    redactions: DEFAULT_REDACTIONS,
  };
  if (typeof value !== 'object' || value === null) return fallback;
  const v = value as Partial<Record<keyof TranscriptSettings, unknown>>;
  return {
    enabled: v.enabled === true,
    folder: typeof v.folder === 'string' && files.isAbsolute(v.folder) ? v.folder : defaultFolder,
    redactions:
      Array.isArray(v.redactions) && v.redactions.every((r) => typeof r === 'string')
        ? v.redactions
        : DEFAULT_REDACTIONS,
  };
}
