import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../../../src/shared/contract';
import {
  parseJobUrl,
  parseUrl,
  projectPathOf,
  terminalSocketUrl,
} from '../../../../../src/main/core/terminal/job-url';

const base = 'https://gitlab.example.com';
const parse = (url: string, baseUrl = base): ReturnType<typeof parseJobUrl> =>
  parseJobUrl(parseUrl(url), baseUrl);

describe('parseJobUrl', () => {
  it.each([
    'https://gitlab.example.com/acme/platform/api/-/jobs/5001',
    'https://gitlab.example.com/acme/platform/api/-/jobs/5001/',
    'https://gitlab.example.com/acme/platform/api/-/jobs/5001/terminal',
    'https://gitlab.example.com/acme/platform/api/-/jobs/5001/terminal.ws',
    'https://gitlab.example.com/acme/platform/api/-/jobs/5001.json',
    'https://gitlab.example.com/acme/platform/api/-/jobs/5001?foo=1#L12',
    '  https://gitlab.example.com/acme/platform/api/-/jobs/5001  ',
  ])('reads %s', (url) => {
    expect(parse(url)).toEqual({ projectPath: 'acme/platform/api', jobId: 5001 });
  });

  it('works under a relative root', () => {
    expect(
      parse('http://127.0.0.1:8080/gitlab/g/p/-/jobs/7', 'http://127.0.0.1:8080/gitlab'),
    ).toEqual({
      projectPath: 'g/p',
      jobId: 7,
    });
  });

  it('refuses a URL outside the relative root', () => {
    expect(() =>
      parse('http://127.0.0.1:8080/other/g/p/-/jobs/7', 'http://127.0.0.1:8080/gitlab'),
    ).toThrow(/not a job address/);
  });

  it.each([
    'https://gitlab.example.com/acme/api/-/pipelines/5',
    'https://gitlab.example.com/acme/api/jobs/5',
    'https://gitlab.example.com/-/jobs/5',
    'https://gitlab.example.com/acme/api/-/jobs/abc',
  ])('refuses %s with a bad-input error', (url) => {
    try {
      parse(url);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ContractError);
      expect((error as ContractError).code).toBe('bad-input');
    }
  });

  it('says when the input is not a URL at all', () => {
    expect(() => parseUrl('gitlab job 5')).toThrow(/is not a URL/);
  });
});

describe('terminalSocketUrl', () => {
  it('maps https to wss and appends terminal.ws to base + project path + job id', () => {
    expect(terminalSocketUrl('https://h.example', 'g/p', 5)).toBe(
      'wss://h.example/g/p/-/jobs/5/terminal.ws',
    );
  });

  it('maps http to ws and keeps a relative root and port', () => {
    expect(terminalSocketUrl('http://127.0.0.1:9/gitlab/', 'g/sub/p', 5)).toBe(
      'ws://127.0.0.1:9/gitlab/g/sub/p/-/jobs/5/terminal.ws',
    );
  });

  it('encodes each path segment, so a path cannot add a query or fragment', () => {
    expect(terminalSocketUrl('https://h.example', 'g/p?x#y', 5)).toBe(
      'wss://h.example/g/p%3Fx%23y/-/jobs/5/terminal.ws',
    );
  });

  it('refuses other schemes', () => {
    expect(() => terminalSocketUrl('ftp://h', 'g/p', 5)).toThrow(ContractError);
  });
});

describe('projectPathOf', () => {
  it('reads the project path from a web_url, or null when it lies elsewhere', () => {
    expect(projectPathOf('https://gitlab.example.com/a/b/-/jobs/1', base)).toBe('a/b');
    expect(projectPathOf('https://other.example/a/b/-/jobs/1', `${base}/gitlab`)).toBeNull();
  });
});
