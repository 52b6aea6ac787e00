import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../../src/shared/renderer-csp';

describe('RENDERER_CSP', () => {
  it('is the policy index.html carries in its meta tag', async () => {
    const html = await readFile('src/renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(RENDERER_CSP);
  });

  it('runs only the bundle: its own scripts and workers, no inline or eval', () => {
    const directives = new Map(
      RENDERER_CSP.split('; ').map((d) => {
        const [name = '', ...values] = d.split(' ');
        return [name, values] as const;
      }),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('worker-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'none'"]);
  });
});
