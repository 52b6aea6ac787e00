/**
 * The size lint itself (issue 17: no file over ~300 lines, no function over ~80 lines outside
 * React components): the repository's real ESLint config, fed planted files just past and just
 * within each limit. Type-aware rules are switched off (the planted files exist nowhere).
 */
import { ESLint } from 'eslint';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: ROOT, overrideConfig: tseslint.configs.disableTypeChecked });

/** The size rules that complain about `text` planted at `path`. */
async function complaints(path: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: join(ROOT, path) });
  return (result?.messages ?? [])
    .map((message) => message.ruleId)
    .filter((ruleId) => ruleId === 'max-lines' || ruleId === 'max-lines-per-function');
}

/** `count` top-level statements, one per line, with blank lines and comments in between. */
function statements(count: number): string {
  return Array.from({ length: count }, (_, i) => `export const v${i} = ${i};\n\n// why\n`).join('');
}

/** A function whose body holds `bodyLines` statements (the whole function: two lines more). */
function functionOf(bodyLines: number): string {
  const body = Array.from({ length: bodyLines }, (_, i) => `  total += ${i};\n\n  // why\n`);
  return `export function planted(): number {\n  let total = 0;\n${body.join('')}  return total;\n}\n`;
}

describe('size limits (eslint.config.js)', () => {
  it.each([
    ['core', 'src/main/core/planted.ts'],
    ['renderer component', 'src/renderer/components/planted.tsx'],
    ['script', 'scripts/planted.mjs'],
  ])('refuses a %s file of 301 lines', async (_name, path) => {
    expect(await complaints(path, statements(301))).toContain('max-lines');
  });

  it('allows 300 lines, blank lines and comments not counted', async () => {
    expect(await complaints('src/main/core/planted.ts', statements(300))).toEqual([]);
  });

  it.each([
    ['core', 'src/main/core/planted.ts'],
    ['renderer module', 'src/renderer/stores/planted.ts'],
    ['script', 'scripts/planted.mjs'],
  ])('refuses an 81-line function in a %s file', async (_name, path) => {
    // 77 statements + `let` + `return` + the signature and closing brace: 81 lines.
    expect(await complaints(path, functionOf(77))).toContain('max-lines-per-function');
  });

  it('allows an 80-line function', async () => {
    expect(await complaints('src/main/core/planted.ts', functionOf(76))).toEqual([]);
  });

  it('refuses a long immediately invoked function too', async () => {
    const iife = `void (() => {\n${'  console.log(1);\n'.repeat(80)}})();\n`;
    expect(await complaints('scripts/planted.mjs', iife)).toContain('max-lines-per-function');
  });

  it('lets a React component (.tsx) be longer than 80 lines', async () => {
    expect(await complaints('src/renderer/components/planted.tsx', functionOf(120))).toEqual([]);
  });

  it('does not apply to tests', async () => {
    const text = statements(400) + functionOf(120);
    expect(await complaints('test/unit/planted.test.ts', text)).toEqual([]);
  });
});
