import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/cli/args';
import { CliError } from '../../../src/cli/cli-error';

const JOB = 'https://gitlab.example.com/acme/api/-/jobs/5001';

function usageMessage(argv: readonly string[]): string {
  try {
    parseCommand(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    return (error as CliError).message;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

describe('parseCommand', () => {
  it('parses attach with every flag, in either form', () => {
    expect(
      parseCommand([
        'attach',
        JOB,
        '--cookies',
        'c.txt',
        '--token-file=t',
        '--ca',
        'a.pem',
        '--ca=b.pem',
        '--base-url',
        'https://gitlab.example.com',
        '--sync-size',
      ]),
    ).toEqual({
      kind: 'attach',
      jobUrl: JOB,
      cookiesFile: 'c.txt',
      tokenFile: 't',
      caFiles: ['a.pem', 'b.pem'],
      baseUrl: 'https://gitlab.example.com',
      syncSize: true,
    });
  });

  it('parses jobs', () => {
    expect(parseCommand(['jobs', '--json', '--url', 'https://g.example'])).toEqual({
      kind: 'jobs',
      url: 'https://g.example',
      json: true,
      cookiesFile: null,
      tokenFile: null,
      caFiles: [],
    });
  });

  it('gives help for the main command and for each command', () => {
    expect(parseCommand([])).toEqual({ kind: 'help', topic: 'main' });
    expect(parseCommand(['--help'])).toEqual({ kind: 'help', topic: 'main' });
    expect(parseCommand(['help', 'jobs'])).toEqual({ kind: 'help', topic: 'jobs' });
    expect(parseCommand(['attach', '--help'])).toEqual({ kind: 'help', topic: 'attach' });
    expect(parseCommand(['jobs', '-h'])).toEqual({ kind: 'help', topic: 'jobs' });
    expect(parseCommand(['--version'])).toEqual({ kind: 'version' });
  });

  it('names an unknown flag', () => {
    expect(usageMessage(['attach', JOB, '--colour'])).toContain('Unknown option --colour');
    expect(usageMessage(['jobs', '--url', 'x', '--sync-size'])).toContain(
      'Unknown option --sync-size for jobshell jobs',
    );
    expect(usageMessage(['attach', JOB, '-x'])).toContain('Unknown option -x');
    expect(usageMessage(['--json'])).toContain('Unknown option --json');
  });

  it('refuses missing values, values on switches, repeats and stray arguments', () => {
    expect(usageMessage(['attach', JOB, '--cookies'])).toBe('--cookies needs a value.');
    // Not a file named "--sync-size".
    expect(usageMessage(['attach', JOB, '--cookies', '--sync-size'])).toBe(
      '--cookies needs a value.',
    );
    expect(usageMessage(['attach', JOB, '--sync-size=yes'])).toBe('--sync-size takes no value.');
    expect(usageMessage(['attach', JOB, '--base-url', 'a', '--base-url', 'b'])).toContain(
      'more than once',
    );
    expect(usageMessage(['attach', JOB, 'extra'])).toContain('Unexpected argument "extra"');
    expect(usageMessage(['attach'])).toContain('needs the job URL');
    expect(usageMessage(['jobs'])).toContain('--url');
    expect(usageMessage(['detach'])).toContain('Unknown command "detach"');
  });

  it('takes everything after -- as positionals', () => {
    expect(usageMessage(['attach', '--', JOB, '--json'])).toContain('Unexpected argument "--json"');
  });
});
