import { DoubleInputError } from '../core/errors';
import type {
  ApiFaultStatus,
  CreateJobSpec,
  CreatableJobStatus,
  Credential,
  FaultSpec,
  JobMode,
  RunnerFault,
  Utf8SplitMode,
} from '../core/types';

type Body = Readonly<Record<string, unknown>>;

function optional<T>(
  body: Body,
  key: string,
  check: (v: unknown) => v is T,
  what: string,
): T | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!check(value)) throw new DoubleInputError(`${key} must be ${what}`);
  return value;
}

function required<T>(body: Body, key: string, check: (v: unknown) => v is T, what: string): T {
  const value = optional(body, key, check, what);
  if (value === undefined) throw new DoubleInputError(`${key} is required`);
  return value;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';

function oneOf<T extends string | number>(values: readonly T[]): (v: unknown) => v is T {
  return (v: unknown): v is T => (values as readonly unknown[]).includes(v);
}

const JOB_MODES: readonly JobMode[] = ['shell', 'kubernetes', 'docker'];
const CREATABLE: readonly CreatableJobStatus[] = [
  'running',
  'pending',
  'success',
  'failed',
  'canceled',
];
const FAULTS: readonly ApiFaultStatus[] = [429, 500, 502, 503, 'malformed', 'html', 'truncated'];
const RUNNER_FAULTS: readonly RunnerFault[] = ['unreachable', 'tls-mismatch', 'not-ready'];
const SPLIT_MODES: readonly Utf8SplitMode[] = ['random', 'always', 'never'];

export function jobSpec(body: Body): CreateJobSpec {
  return {
    user: required(body, 'user', isString, 'a username'),
    project: optional(body, 'project', isNumber, 'a project id'),
    mode: optional(body, 'mode', oneOf(JOB_MODES), JOB_MODES.join('|')),
    script_seconds: optional(body, 'script_seconds', isNumber, 'a number'),
    exit_code: optional(body, 'exit_code', isNumber, 'a number'),
    name: optional(body, 'name', isString, 'a string'),
    stage: optional(body, 'stage', isString, 'a string'),
    ref: optional(body, 'ref', isString, 'a string'),
    status: optional(body, 'status', oneOf(CREATABLE), CREATABLE.join('|')),
    runner_session: optional(body, 'runner_session', isBoolean, 'a boolean'),
    timeout_seconds: optional(body, 'timeout_seconds', isNumber, 'a number'),
  };
}

export function faultSpec(body: Body): FaultSpec {
  const retryAfter = optional(body, 'retry_after', isNumber, 'a number');
  return {
    status: required(body, 'status', oneOf(FAULTS), FAULTS.join('|')),
    count: required(body, 'count', isNumber, 'a number'),
    ...(retryAfter === undefined ? {} : { retryAfter }),
  };
}

export function credential(body: Body): Credential {
  const cookie = optional(body, 'cookie', isString, 'a string');
  if (cookie !== undefined) return { cookie };
  return { token: required(body, 'token', isString, 'a string') };
}

export function username(body: Body): string {
  return required(body, 'user', isString, 'a username');
}

export function milliseconds(body: Body): number {
  return required(body, 'ms', isNumber, 'a number');
}

export function runnerFault(body: Body): { job: number; fault: RunnerFault | null } {
  return {
    job: required(body, 'job', isNumber, 'a job id'),
    fault: optional(body, 'fault', oneOf(RUNNER_FAULTS), RUNNER_FAULTS.join('|')) ?? null,
  };
}

export function splitMode(body: Body): Utf8SplitMode {
  return required(body, 'mode', oneOf(SPLIT_MODES), SPLIT_MODES.join('|'));
}
