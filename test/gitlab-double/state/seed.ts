import type { CreateJobSpec, ProjectSpec } from '../core/types';
import type { User } from './model';
import type { Store } from './store';

/** The standard cast. Passwords are fixed so a person can sign in by hand in a demo. */
export const SEED_USERS: readonly Omit<User, 'createdAt'>[] = [
  {
    id: 101,
    username: 'alice',
    name: 'Alice Anders',
    email: 'alice@example.com',
    password: 'alice-jobshell-101',
  },
  {
    id: 102,
    username: 'bob',
    name: 'Bob Berg',
    email: 'bob@example.com',
    password: 'bob-jobshell-102',
  },
  {
    id: 103,
    username: 'carol',
    name: 'Carol Chen',
    email: 'carol@example.com',
    password: 'carol-jobshell-103',
  },
  {
    // The one user with two-factor authentication: the sign-in page asks for a code after the
    // password. No project memberships, so adding her changes nothing the others see.
    id: 104,
    username: 'dana',
    name: 'Dana Dietz',
    email: 'dana@example.com',
    password: 'dana-jobshell-104',
    otpCode: '104104',
  },
];

/**
 * Projects in subgroups. `acme/platform/docs` has alice as Reporter only; `acme/legacy/monolith`
 * is archived; `main` is protected where it exists, so only Maintainers may debug its jobs.
 */
export const SEED_PROJECTS: readonly ProjectSpec[] = [
  {
    path: 'acme/platform/api',
    members: { alice: 'developer', bob: 'developer', carol: 'maintainer' },
    protectedRefs: ['main'],
  },
  {
    path: 'acme/platform/web',
    members: { alice: 'maintainer', bob: 'developer' },
    protectedRefs: ['main'],
  },
  { path: 'acme/tools/deploy', members: { alice: 'developer', bob: 'maintainer' } },
  { path: 'acme/platform/docs', members: { alice: 'reporter', bob: 'developer' } },
  {
    path: 'acme/legacy/monolith',
    members: { alice: 'developer', bob: 'developer' },
    archived: true,
  },
];

/** Project ids follow SEED_PROJECTS order, starting at 41. */
const API = 41;
const WEB = 42;
const DEPLOY = 43;

export const SEED_JOBS: readonly CreateJobSpec[] = [
  {
    user: 'alice',
    project: API,
    mode: 'shell',
    name: 'rspec',
    stage: 'test',
    ref: 'feature/login',
  },
  {
    user: 'alice',
    project: WEB,
    mode: 'kubernetes',
    name: 'e2e:chrome',
    stage: 'test',
    ref: 'feature/checkout',
    exit_code: 1,
  },
  {
    user: 'alice',
    project: DEPLOY,
    mode: 'docker',
    name: 'deploy:review',
    stage: 'deploy',
    ref: 'feature/preview',
  },
  {
    user: 'alice',
    project: API,
    mode: 'shell',
    name: 'build:gpu',
    stage: 'build',
    ref: 'feature/login',
    status: 'pending',
  },
  {
    user: 'alice',
    project: API,
    mode: 'shell',
    name: 'lint',
    stage: 'test',
    ref: 'feature/login',
    status: 'success',
  },
  {
    user: 'bob',
    project: API,
    mode: 'shell',
    name: 'rubocop',
    stage: 'test',
    ref: 'feature/style',
  },
  // Finished fixtures (appended so the ids above stay): failed jobs to retry with a terminal.
  // A retried job runs the same script; 20 s leaves time to attach before it fails again.
  {
    user: 'alice',
    project: API,
    mode: 'shell',
    name: 'rspec:integration',
    stage: 'test',
    ref: 'feature/login',
    status: 'failed',
    exit_code: 1,
    script_seconds: 20,
  },
  {
    user: 'alice',
    project: DEPLOY,
    mode: 'docker',
    name: 'smoke:review',
    stage: 'deploy',
    ref: 'feature/preview',
    status: 'failed',
    exit_code: 2,
    script_seconds: 20,
  },
  {
    user: 'alice',
    project: WEB,
    mode: 'kubernetes',
    name: 'e2e:firefox',
    stage: 'test',
    ref: 'feature/checkout',
    status: 'canceled',
  },
];

export function seedUsers(store: Store): void {
  for (const user of SEED_USERS)
    store.addUser({ ...user, createdAt: new Date('2024-03-01T09:00:00Z') });
}
