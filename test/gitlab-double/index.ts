/**
 * A test double of GitLab + Workhorse + GitLab Runner for Jobshell: REST API, sign-in, the web
 * job JSON, `terminal.ws` with real shells, and the runner's terminal hold. See
 * docs/gitlab-terminal-protocol.md (the wire spec) and docs/gitlab-double-control.md.
 */
export { startGitlabDouble } from './double';
export type { GitlabDouble } from './core/double-api';
export {
  DoubleEvents,
  waitForEvent,
  endScriptIntoHold,
  jobPassed,
  DEFAULT_WAIT_TIMEOUT_MS,
} from './core/events';
export { DoubleInputError, UnknownJobError } from './core/errors';
export { goDuration } from './runner/go-duration';
export { mulberry32 } from './core/mulberry32';
export { seedUser } from './core/seed-user';
export { SERVER_SUBPROTOCOLS } from './workhorse/framing';
export type {
  AdminJobView,
  ApiFaultStatus,
  Counters,
  CreatableJobStatus,
  CreateJobSpec,
  Credential,
  DisconnectReason,
  DoubleEventMap,
  DoubleEventName,
  FaultSpec,
  GitlabDoubleOptions,
  HoldView,
  JobInfo,
  JobMode,
  JobStatus,
  MemberRole,
  ProjectInfo,
  ProjectSpec,
  RunnerFault,
  StartInfo,
  UserInfo,
  Utf8SplitMode,
  Visibility,
} from './core/types';
