import { describe, expect, it } from 'vitest';
import { checkLink, MAX_LINK_LENGTH } from '../../../../../src/renderer/terminal/xterm/link-policy';

describe('checkLink', () => {
  it('accepts http and https links and returns their exact, normalised form', () => {
    expect(checkLink('https://gitlab.example.com/group/p/-/jobs/1')).toEqual({
      ok: true,
      url: 'https://gitlab.example.com/group/p/-/jobs/1',
    });
    expect(checkLink('  http://localhost:8080 ')).toEqual({
      ok: true,
      url: 'http://localhost:8080/',
    });
  });

  it('shows look-alike hosts as what they are (IDN in punycode)', () => {
    const check = checkLink('https://gіtlab.com/'); // Cyrillic і
    expect(check.ok && check.url).toMatch(/^https:\/\/xn--gtlab-[a-z0-9]+\.com\/$/);
  });

  it.each([
    ['javascript:alert(1)', 'Only http and https'],
    ['JAVASCRIPT:alert(1)', 'Only http and https'],
    ['file:///etc/passwd', 'Only http and https'],
    ['data:text/html,<script>', 'Only http and https'],
    ['vscode://open', 'Only http and https'],
    ['https://user:secret@example.com/', 'user name or password'],
    ['https://user@example.com/', 'user name or password'],
    ['not a url', 'not a valid web address'],
    ['', 'empty'],
  ])('refuses %j', (raw, reason) => {
    const check = checkLink(raw);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toContain(reason);
  });

  it('refuses absurdly long links', () => {
    const check = checkLink(`https://example.com/${'a'.repeat(MAX_LINK_LENGTH)}`);
    expect(check.ok).toBe(false);
  });
});
