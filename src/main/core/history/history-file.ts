/**
 * The attach history's file in the data directory: `{ version, records }`, replaced atomically.
 * Records are checked one by one on the way in; a file that is not what we wrote is set aside
 * (`history.json.corrupt-<time>`), never overwritten, and the caller is told so it can say it.
 */
import { HISTORY_OUTCOMES, type HistoryRecord } from '../../../shared/history-models';
import * as v from '../../../shared/validate';
import type { HistoryFileAt } from '../ports';

export const HISTORY_FILE_NAME = 'history.json';
const FILE_VERSION = 1;

const text = v.string({ max: 4096 });
const count = v.integer({ min: 0 });
const recordSchema = v.object({
  id: v.string({ min: 1, max: 200 }),
  source: v.oneOf(['app', 'cli']),
  accountId: v.nullable(v.string({ max: 200 })),
  account: text,
  instance: text,
  projectId: count,
  projectPath: text,
  jobId: count,
  jobName: text,
  pipelineId: v.nullable(count),
  webUrl: text,
  startedAt: count,
  endedAt: count,
  outcome: v.oneOf(HISTORY_OUTCOMES),
  reason: text,
  reconnects: count,
  heldSeconds: count,
  releasedBy: v.nullable(v.oneOf(['you', 'auto'])),
  transcripts: v.nullable(v.object({ text, asciicast: text })),
});

export interface HistoryFileRead {
  readonly records: readonly HistoryRecord[];
  /** Set when the file was set aside: what happened, for the user. */
  readonly problem: string | null;
}

/** Reads the records; a missing file is an empty history. Never throws for bad content. */
export async function readHistoryFile(
  { files, path }: HistoryFileAt,
  now: number,
): Promise<HistoryFileRead> {
  let content: string | null;
  try {
    content = await files.readText(path);
  } catch (error) {
    return { records: [], problem: `The attach history could not be read: ${messageOf(error)}` };
  }
  if (content === null) return { records: [], problem: null };
  const parsed = parseHistory(content);
  if (parsed.error === null) return { records: parsed.records, problem: null };
  const aside = `${path}.corrupt-${now}`;
  try {
    await files.rename(path, aside);
  } catch (error) {
    return {
      records: parsed.records,
      problem: `The attach history file ${path} is damaged (${parsed.error}) and could not be moved aside: ${messageOf(error)}`,
    };
  }
  const kept = parsed.records.length;
  return {
    records: parsed.records,
    problem: `The attach history file was damaged (${parsed.error}); it was moved to ${aside}${kept > 0 ? ` and the ${kept} readable sessions were kept` : ''}.`,
  };
}

/** Writes the records atomically (temp file, fsync, rename; mode 0600). */
export async function writeHistoryFile(
  { files, path }: HistoryFileAt,
  records: readonly HistoryRecord[],
): Promise<void> {
  await files.writeAtomic(path, `${JSON.stringify({ version: FILE_VERSION, records })}\n`);
}

/** The valid records of a file's text, and what was wrong with the rest (null: nothing). */
export function parseHistory(content: string): {
  readonly records: readonly HistoryRecord[];
  readonly error: string | null;
} {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    return { records: [], error: 'not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { records: [], error: 'not a history object' };
  }
  const { version, records } = value as { version?: unknown; records?: unknown };
  if (version !== FILE_VERSION) return { records: [], error: `unknown version ${String(version)}` };
  if (!Array.isArray(records)) return { records: [], error: 'no list of records' };
  const valid: HistoryRecord[] = [];
  let firstError: string | null = null;
  for (const [index, item] of (records as unknown[]).entries()) {
    const result = recordSchema.check(item, `records[${index}]`);
    if (result.ok) valid.push(result.value);
    else firstError ??= result.error;
  }
  return { records: valid, error: firstError };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
