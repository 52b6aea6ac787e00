import { describe, expect, it } from 'vitest';
import {
  findLaunchAction,
  findLaunchUrl,
  parseLaunchArgument,
} from '../../../../../src/main/core/jobs/launch-url';

describe('parseLaunchArgument', () => {
  it.each([
    [
      'https://gitlab.example.com/acme/api/-/jobs/42',
      'https://gitlab.example.com/acme/api/-/jobs/42',
    ],
    [
      'https://gitlab.example.com/gitlab/acme/platform/api/-/jobs/42',
      'https://gitlab.example.com/gitlab/acme/platform/api/-/jobs/42',
    ],
    [
      '  https://gitlab.example.com/acme/api/-/jobs/42/  ',
      'https://gitlab.example.com/acme/api/-/jobs/42',
    ],
    [
      'https://gitlab.example.com/acme/api/-/jobs/42/terminal',
      'https://gitlab.example.com/acme/api/-/jobs/42',
    ],
    [
      'https://gitlab.example.com/acme/api/-/jobs/42.json',
      'https://gitlab.example.com/acme/api/-/jobs/42',
    ],
    [
      'https://gitlab.example.com/acme/api/-/jobs/42/raw?x=1#L3',
      'https://gitlab.example.com/acme/api/-/jobs/42',
    ],
    ['http://127.0.0.1:8080/acme/api/-/jobs/7', 'http://127.0.0.1:8080/acme/api/-/jobs/7'],
    [
      'HTTPS://GitLab.Example.com/acme/api/-/jobs/42',
      'https://gitlab.example.com/acme/api/-/jobs/42',
    ],
    [
      `jobshell://open?url=${encodeURIComponent('https://gitlab.example.com/acme/api/-/jobs/42')}`,
      'https://gitlab.example.com/acme/api/-/jobs/42',
    ],
    [
      `jobshell://open/?url=${encodeURIComponent('https://h.example/gitlab/a/b/-/jobs/9/terminal')}`,
      'https://h.example/gitlab/a/b/-/jobs/9',
    ],
  ])('%s → %s', (input, expected) => {
    expect(parseLaunchArgument(input)).toBe(expected);
  });

  it.each([
    '',
    'not a url',
    '/usr/lib/jobshell/jobshell',
    '.',
    'https://gitlab.example.com/acme/api/-/pipelines/42',
    'https://gitlab.example.com/acme/api/-/jobs/',
    'https://gitlab.example.com/acme/api/-/jobs/abc',
    'https://gitlab.example.com/acme/api/-/jobs/0',
    'https://gitlab.example.com/acme/api/-/jobs/42abc',
    'https://gitlab.example.com/api/-/jobs/42',
    'https://gitlab.example.com/-/jobs/42',
    'https://gitlab.example.com/acme/api/-/jobs/99999999999999999999',
    'https://user:secret@gitlab.example.com/acme/api/-/jobs/42',
    'ftp://gitlab.example.com/acme/api/-/jobs/42',
    'javascript:alert(1)//acme/api/-/jobs/42',
    'jobshell://open',
    'jobshell://close?url=https%3A%2F%2Fgitlab.example.com%2Facme%2Fapi%2F-%2Fjobs%2F42',
    `jobshell://open?url=${encodeURIComponent('jobshell://open?url=https%3A%2F%2Fh%2Fa%2Fb%2F-%2Fjobs%2F1')}`,
    'jobshell://open?url=not-a-url',
  ])('rejects %j', (input) => {
    expect(parseLaunchArgument(input)).toBeNull();
  });
});

describe('findLaunchUrl', () => {
  it('skips the executable, the app path and flags', () => {
    const argv = [
      '/opt/Jobshell/jobshell',
      '.',
      '--no-sandbox',
      '--url=https://gitlab.example.com/acme/api/-/jobs/1',
      'https://gitlab.example.com/acme/api/-/jobs/42',
    ];
    expect(findLaunchUrl(argv)).toBe('https://gitlab.example.com/acme/api/-/jobs/42');
  });

  it('finds a jobshell: link and returns null when there is none', () => {
    expect(
      findLaunchUrl(['/app', 'jobshell://open?url=https%3A%2F%2Fh.example%2Fa%2Fb%2F-%2Fjobs%2F5']),
    ).toBe('https://h.example/a/b/-/jobs/5');
    expect(findLaunchUrl(['/app', '--inspect', '.'])).toBeNull();
  });
});

describe('findLaunchAction (jobshell://retry)', () => {
  const job = 'https://gitlab.example.com/acme/api/-/jobs/5001';

  it('retry links retry; open links and plain URLs open', () => {
    expect(findLaunchAction(['app', `jobshell://retry?url=${encodeURIComponent(job)}`])).toEqual({
      kind: 'retry',
      url: job,
    });
    expect(findLaunchAction([`jobshell://open?url=${encodeURIComponent(job)}`])).toEqual({
      kind: 'open',
      url: job,
    });
    expect(findLaunchAction([job])).toEqual({ kind: 'open', url: job });
  });

  it('a retry link without a job URL, or wrapping another link, is junk', () => {
    expect(findLaunchAction(['jobshell://retry?url=https://example.com/nope'])).toBeNull();
    expect(
      findLaunchAction([
        `jobshell://retry?url=${encodeURIComponent(`jobshell://open?url=${job}`)}`,
      ]),
    ).toBeNull();
    expect(findLaunchAction(['--flag=jobshell://retry?url=x'])).toBeNull();
  });
});
