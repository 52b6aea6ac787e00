import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../../src/shared/contract';
import type { SessionView } from '../../../../src/shared/models';
import { invalidParam, userMessage } from '../../../../src/renderer/forms/contract-messages';
import { badgeOf, faviconOf, titleOf } from '../../../../src/renderer/web/document-badge';

function session(id: string, deadline: number | null): SessionView {
  return {
    id,
    accountId: 'a',
    jobId: 1,
    projectId: 1,
    projectPath: 'g/p',
    jobName: 'rspec',
    webUrl: 'https://gitlab.example.com/g/p/-/jobs/1',
    state:
      deadline === null
        ? { kind: 'open', since: 0 }
        : {
            kind: 'held',
            since: 0,
            hold: { deadline, timeoutS: 1800, idle: true, kept: false, scriptResult: null },
          },
    lastInputAt: null,
    lastOutputAt: null,
    connections: 1,
    droppedBytes: 0,
  };
}

describe('title and favicon badge', () => {
  it('counts held jobs and shows the nearest countdown', () => {
    const badge = badgeOf([session('a', 300_000), session('b', 65_000), session('c', null)], 0);
    expect(badge).toEqual({ held: 2, nearestMs: 65_000 });
    expect(titleOf(badge)).toBe('(2 held · 1:05) Jobshell');
    expect(faviconOf(badge)).toMatch(/^data:image\/svg\+xml,/);
    expect(decodeURIComponent(faviconOf(badge))).toContain('>2</text>');
  });

  it('is the plain title and icon when nothing is held', () => {
    const badge = badgeOf([session('c', null)], 0);
    expect(titleOf(badge)).toBe('Jobshell');
    expect(faviconOf(badge)).toBe('./favicon.svg');
  });
});

describe('contract refusals in the product’s words', () => {
  it('never shows the internal wording', () => {
    const internal = new ContractError(
      'invalid-message',
      'params.baseUrl must be a string of 1 to 4096 characters',
    );
    expect(invalidParam(internal.message)).toBe('baseUrl');
    const shown = userMessage(internal);
    expect(shown).not.toMatch(/params|must be a string/);
    expect(shown).toMatch(/address of your GitLab/);
    expect(
      userMessage(new ContractError('invalid-message', 'params.target.url must be a string')),
    ).toMatch(/address of a job page/);
    expect(userMessage(new ContractError('invalid-message', 'something odd'))).toMatch(
      /^Jobshell could not use what was entered/,
    );
  });

  it('passes the core’s own sentences through', () => {
    expect(userMessage(new ContractError('bad-input', 'The GitLab URL has no host name.'))).toBe(
      'The GitLab URL has no host name.',
    );
  });
});
