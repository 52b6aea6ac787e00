import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../../../../src/shared/contract';
import {
  isLoopbackHost,
  normaliseBaseUrl,
} from '../../../../../../src/main/core/accounts/input/base-url';

function refusal(input: string): ContractError {
  try {
    normaliseBaseUrl(input);
  } catch (error) {
    if (error instanceof ContractError) return error;
    throw error;
  }
  throw new Error(`accepted ${input}`);
}

describe('GitLab URL normalisation', () => {
  it.each([
    ['gitlab.example.com', 'https://gitlab.example.com'],
    ['https://gitlab.example.com/', 'https://gitlab.example.com'],
    ['https://gitlab.example.com///', 'https://gitlab.example.com'],
    ['  https://gitlab.example.com  ', 'https://gitlab.example.com'],
    ['https://example.com/gitlab', 'https://example.com/gitlab'],
    ['https://example.com/gitlab/', 'https://example.com/gitlab'],
    ['example.com/gitlab', 'https://example.com/gitlab'],
    ['https://GitLab.Example.COM', 'https://gitlab.example.com'],
    ['HTTPS://gitlab.example.com', 'https://gitlab.example.com'],
    ['https://gitlab.bücher.de', 'https://gitlab.xn--bcher-kva.de'],
    ['https://gitlab.example.com:8443', 'https://gitlab.example.com:8443'],
    ['gitlab.example.com:8443', 'https://gitlab.example.com:8443'],
    ['gitlab.example.com:8443/gitlab/', 'https://gitlab.example.com:8443/gitlab'],
    ['https://gitlab.example.com:443', 'https://gitlab.example.com'],
    ['https://gitlab.example.com/users/sign_in', 'https://gitlab.example.com'],
    ['https://example.com/gitlab/users/sign_in', 'https://example.com/gitlab'],
    ['https://gitlab.example.com/api/v4/', 'https://gitlab.example.com'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://127.0.0.1:8080/gitlab/', 'http://127.0.0.1:8080/gitlab'],
    ['http://127.1.2.3', 'http://127.1.2.3'],
    ['http://[::1]:8080', 'http://[::1]:8080'],
    ['localhost:8080', 'https://localhost:8080'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseBaseUrl(input)).toBe(expected);
  });

  it.each([
    ['', /Enter the address/],
    ['   ', /Enter the address/],
    ['https://gitlab example.com', /spaces/],
    ['http://gitlab.example.com', /http:\/\/ is refused.*unencrypted/],
    ['http://10.0.0.5', /http:\/\/ is refused/],
    ['http://128.0.0.1', /http:\/\/ is refused/],
    ['https://user:pass@gitlab.example.com', /user:pass@/],
    ['user:pass@gitlab.example.com', /user:pass@/],
    ['https://token@gitlab.example.com', /user:pass@/],
    ['javascript:alert(1)', /javascript:/],
    ['JavaScript:alert(document.cookie)', /javascript:/],
    ['file:///etc/passwd', /file:/],
    ['ws://gitlab.example.com', /WebSocket/],
    ['wss://gitlab.example.com/-/jobs/1/terminal.ws', /WebSocket/],
    ['ftp://gitlab.example.com', /"ftp:" addresses are not supported/],
    ['data:text/html,hi', /data:/],
    ['https://gitlab.example.com/?next=/', /query/],
    ['https://gitlab.example.com?', /query/],
    ['https://gitlab.example.com/#top', /fragment/],
    ['https://gitlab.example.com#', /fragment/],
    ['https://', /not a valid URL/],
    ['https://gitlab.example.com:99999', /not a valid URL/],
    ['https://gitlab.example.com/acme/api/-/jobs/5001', /page inside GitLab/],
  ])('refuses %j with its own message', (input, message) => {
    const error = refusal(input);
    expect(error.code).toBe('bad-input');
    expect(error.message).toMatch(message);
  });

  it('knows the loopback hosts', () => {
    for (const host of [
      'localhost',
      'LOCALHOST',
      'app.localhost',
      '127.0.0.1',
      '127.255.0.9',
      '::1',
      '[::1]',
    ]) {
      expect(isLoopbackHost(host)).toBe(true);
    }
    for (const host of [
      'localhost.example.com',
      '128.0.0.1',
      '127.0.0',
      '127.0.0.256',
      '::2',
      '10.0.0.1',
    ]) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });
});
