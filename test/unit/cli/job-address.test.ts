import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../src/shared/contract';
import { CliError } from '../../../src/cli/cli-error';
import { explicitBaseUrl, parseJobAddress } from '../../../src/cli/job-address';

describe('parseJobAddress', () => {
  it('lists every possible relative root, shortest first, keeping namespace/project', () => {
    expect(parseJobAddress('https://example.com/gitlab/acme/api/-/jobs/5001').candidates).toEqual([
      'https://example.com',
      'https://example.com/gitlab',
    ]);
    expect(parseJobAddress('https://g.example/acme/api/-/jobs/7/terminal').candidates).toEqual([
      'https://g.example',
    ]);
  });

  it('refuses what is not a job address', () => {
    expect(() => parseJobAddress('https://g.example/acme/api')).toThrow(CliError);
    expect(() => parseJobAddress('https://g.example/api/-/jobs/1')).toThrow(/not a job address/);
    expect(() => parseJobAddress('ftp://g.example/a/b/-/jobs/1')).toThrow(/not a GitLab address/);
    expect(() => parseJobAddress('not a url')).toThrow(ContractError);
  });

  it('refuses plain http except on this computer (the cookie would travel in clear)', () => {
    expect(() => parseJobAddress('http://g.example/a/b/-/jobs/1')).toThrow(/Plain http/);
    expect(parseJobAddress('http://127.0.0.1:8080/a/b/-/jobs/1').candidates).toEqual([
      'http://127.0.0.1:8080',
    ]);
  });
});

describe('explicitBaseUrl', () => {
  const address = parseJobAddress('https://example.com/gitlab/acme/api/-/jobs/5001');

  it('accepts a base URL the job lies under', () => {
    expect(explicitBaseUrl(address, 'https://example.com/gitlab/')).toBe(
      'https://example.com/gitlab',
    );
  });

  it('refuses one it does not', () => {
    expect(() => explicitBaseUrl(address, 'https://example.com/other')).toThrow(
      /not a job address/,
    );
  });
});
