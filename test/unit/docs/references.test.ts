/**
 * Every design reference in the repository resolves: each `docs/<name>.md` named in source,
 * tests, scripts and the README exists, and each `§N.N` it cites is a numbered heading of that doc.
 * A bare `§N.N` refers to the last doc the file named before it, or else to the protocol notes
 * (the only doc the code cites by section).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const DOCS = join(ROOT, 'docs');
const SCANNED = ['src', 'test', 'scripts', 'README.md', 'docs'];
const SCANNED_EXTENSIONS = /\.(?:ts|tsx|js|mjs|cjs|md|css|html|json|yml)$/;
const DEFAULT_DOC = 'gitlab-terminal-protocol.md';
/** A doc named with its folder, or (inside docs/ itself) by its bare file name. */
const DOC_REFERENCE = /(?:docs\/|\b)([a-z0-9-]+\.md)\b((?:(?!docs\/|[a-z0-9-]+\.md)[^)\n])*)/g;
const SECTION = /§(\d+(?:\.\d+)*)/g;
/** A numbered heading: `## 3. Title`, `### 3.5 Title`. */
const NUMBERED_HEADING = /^#{1,6}\s+(\d+(?:\.\d+)*)\.?\s/gm;

interface Reference {
  readonly file: string;
  readonly line: number;
  readonly doc: string;
  readonly section: string | null;
}

function filesUnder(path: string): string[] {
  const full = join(ROOT, path);
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full, { withFileTypes: true }).flatMap((entry) =>
    entry.name === 'node_modules' ? [] : filesUnder(join(path, entry.name)),
  );
}

function docSections(doc: string): ReadonlySet<string> {
  const text = readFileSync(join(DOCS, doc), 'utf8');
  return new Set([...text.matchAll(NUMBERED_HEADING)].map((match) => match[1] ?? ''));
}

const repoDocs = new Set(readdirSync(DOCS).filter((name) => name.endsWith('.md')));

/** The references of one file, in order. */
function referencesIn(file: string): Reference[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const lineOf = (index: number): number => text.slice(0, index).split('\n').length;
  const inDocs = file.startsWith('docs/');
  const found: { index: number; doc: string; section: string | null }[] = [];
  const claimed = new Set<number>();
  for (const match of text.matchAll(DOC_REFERENCE)) {
    const doc = match[1] ?? '';
    const withFolder = match[0].startsWith('docs/');
    // Inside docs/ a bare name counts only when it names one of ours (GitLab's own pages too).
    if (!withFolder && !(inDocs && repoDocs.has(doc))) continue;
    found.push({ index: match.index, doc, section: null });
    const tailStart = match.index + match[0].length - (match[2] ?? '').length;
    for (const section of (match[2] ?? '').matchAll(SECTION)) {
      claimed.add(tailStart + section.index);
      found.push({ index: tailStart + section.index, doc, section: section[1] ?? null });
    }
  }
  for (const section of text.matchAll(SECTION)) {
    if (claimed.has(section.index)) continue;
    const before = found.filter((ref) => ref.index < section.index).at(-1);
    found.push({
      index: section.index,
      doc: before?.doc ?? DEFAULT_DOC,
      section: section[1] ?? null,
    });
  }
  return found
    .sort((a, b) => a.index - b.index)
    .map(({ index, doc, section }) => ({ file, line: lineOf(index), doc, section }));
}

const references = SCANNED.flatMap(filesUnder)
  .filter((file) => SCANNED_EXTENSIONS.test(file))
  .filter((file) => file !== relative(ROOT, import.meta.filename))
  .flatMap(referencesIn);

describe('design references', () => {
  it('finds references to check (the scan itself works)', () => {
    expect(references.filter((ref) => ref.section === null).length).toBeGreaterThan(10);
    expect(references.filter((ref) => ref.section !== null).length).toBeGreaterThan(10);
  });

  it('names only docs that exist in docs/', () => {
    const missing = references
      .filter((ref) => !repoDocs.has(ref.doc))
      .map((ref) => `${ref.file}:${ref.line} docs/${ref.doc}`);
    expect(missing).toEqual([]);
  });

  it('cites only sections that are headings of the doc', () => {
    const missing = references
      .filter((ref) => ref.section !== null && repoDocs.has(ref.doc))
      .filter((ref) => !docSections(ref.doc).has(ref.section ?? ''))
      .map((ref) => `${ref.file}:${ref.line} ${ref.doc} §${ref.section ?? ''}`);
    expect(missing).toEqual([]);
  });
});
