/**
 * Redaction of automatic transcripts (issue 15): a list of regular expressions, checked with a
 * clear error per rule, applied to a transcript's text before anything is written to disk. A
 * secret may be split across output chunks (an asciicast event each), so matches are found in
 * the joined text and cut out of every chunk they touch.
 */
import { ContractError } from '../../../shared/contract';

export const REDACTED = '[REDACTED]';
/** Enough for any sensible policy; a bound keeps a pasted file from becoming a rule list. */
export const MAX_REDACTION_RULES = 50;
const MAX_RULE_LENGTH = 1000;

/** GitLab personal/project/group tokens, Authorization header values, the web session cookie. */
export const DEFAULT_REDACTIONS: readonly string[] = [
  'glpat-[0-9A-Za-z_-]{20,}',
  '(?<=[Aa]uthorization:[ \\t]*)\\S[^\\r\\n]*',
  '(?<=_gitlab_session=)[^;\\s"]+',
];

/** Compiles the rules, or throws a bad-input error naming the first bad one and why. */
export function compileRedactions(rules: readonly string[]): readonly RegExp[] {
  if (rules.length > MAX_REDACTION_RULES) {
    throw new ContractError('bad-input', `At most ${MAX_REDACTION_RULES} redaction rules, please.`);
  }
  return rules.map((rule, index) => {
    const name = `Redaction rule ${index + 1} (${JSON.stringify(rule)})`;
    if (rule.trim() === '') throw new ContractError('bad-input', `${name} is empty.`);
    if (rule.length > MAX_RULE_LENGTH) {
      throw new ContractError('bad-input', `${name} is longer than ${MAX_RULE_LENGTH} characters.`);
    }
    let regex: RegExp;
    try {
      regex = new RegExp(rule, 'g');
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new ContractError('bad-input', `${name} is not a valid regular expression: ${detail}`);
    }
    if (new RegExp(rule).test('')) {
      throw new ContractError(
        'bad-input',
        `${name} matches empty text, so it would redact nothing useful: make it match the secret itself.`,
      );
    }
    return regex;
  });
}

/** `text` with every match of every rule replaced by [REDACTED]. */
export function redactText(text: string, rules: readonly RegExp[]): string {
  return redactSegments([text], rules)[0] ?? '';
}

/**
 * The segments with every match (found in their concatenation) removed: the segment where a
 * match starts gets [REDACTED], the matched characters in it and in later segments go.
 */
export function redactSegments(
  segments: readonly string[],
  rules: readonly RegExp[],
): readonly string[] {
  const joined = segments.join('');
  const cut = matchedRanges(joined, rules);
  if (cut.length === 0) return segments;
  const out: string[] = [];
  let offset = 0;
  for (const segment of segments) {
    const start = offset;
    const end = offset + segment.length;
    offset = end;
    let text = '';
    let at = start;
    for (const range of cut) {
      if (range.end <= at || range.start >= end) continue;
      text += joined.slice(at, Math.max(at, range.start));
      if (range.start >= start) text += REDACTED;
      at = Math.min(end, range.end);
    }
    out.push(text + joined.slice(at, end));
  }
  return out;
}

interface Range {
  readonly start: number;
  readonly end: number;
}

/** Every rule's matches, merged where they overlap, in order. */
function matchedRanges(text: string, rules: readonly RegExp[]): readonly Range[] {
  const ranges: Range[] = [];
  for (const rule of rules) {
    const regex = new RegExp(rule.source, rule.flags.includes('g') ? rule.flags : `${rule.flags}g`);
    for (const match of text.matchAll(regex)) {
      if (match[0] === '') continue;
      ranges.push({ start: match.index, end: match.index + match[0].length });
    }
  }
  ranges.sort((a, b) => a.start - b.start);
  const merged: Range[] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last !== undefined && range.start <= last.end) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, range.end) };
    } else {
      merged.push(range);
    }
  }
  return merged;
}
