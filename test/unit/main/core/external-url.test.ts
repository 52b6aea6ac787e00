import { describe, expect, it } from 'vitest';
import { validateExternalUrl } from '../../../../src/main/core/external-url';

describe('validateExternalUrl', () => {
  it('accepts http and https links', () => {
    expect(validateExternalUrl(' https://gitlab.example/a/b/-/jobs/1 ')).toBe(
      'https://gitlab.example/a/b/-/jobs/1',
    );
    expect(validateExternalUrl('http://localhost:8080/x')).toBe('http://localhost:8080/x');
  });

  it.each([
    ['javascript:alert(1)', 'Only http and https links can be opened, not javascript:'],
    ['file:///etc/passwd', 'Only http and https links can be opened, not file:'],
    [
      'https://user:pw@gitlab.example/',
      'Links with a user name or password in them are not opened.',
    ],
    ['not a url', 'Not a web address: not a url'],
  ])('refuses %s', (url, message) => {
    expect(() => validateExternalUrl(url)).toThrow(message);
  });
});
