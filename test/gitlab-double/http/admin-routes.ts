import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GitlabDouble } from '../core/double-api';
import { readJsonObject } from './request';
import { sendJson } from './respond';
import { UnknownJobError } from '../core/errors';
import {
  credential,
  faultSpec,
  jobSpec,
  milliseconds,
  runnerFault,
  splitMode,
  username,
} from './admin-validation';
import { connectionCut, externalUrl, f9Input, linkShape } from '../faults/fault-validation';

type Body = Readonly<Record<string, unknown>>;
type Answer = { readonly status: number; readonly body: unknown };

const OK: Answer = { status: 200, body: { ok: true } };

function jobAction(double: GitlabDouble, path: string): Answer | undefined {
  const m = /^jobs\/(\d+)\/(end-script|cancel|rotate-session|finish|time-out-hold)$/.exec(path);
  if (m === null) return undefined;
  const jobId = Number(m[1]);
  const action = m[2];
  if (action === 'end-script') double.endScript(jobId);
  else if (action === 'cancel') double.cancelJob(jobId);
  else if (action === 'finish') double.finishJob(jobId);
  else if (action === 'time-out-hold') double.timeOutHold(jobId);
  else double.rotateRunnerSession(jobId);
  return { status: 200, body: double.jobsAdmin().find((j) => j.id === jobId) ?? null };
}

/** `POST jobs/:id/f9 {kind, bytes?}`: the job's attached shell prints a quality F9 input. */
function f9Action(double: GitlabDouble, path: string, body: Body): Answer | undefined {
  const m = /^jobs\/(\d+)\/f9$/.exec(path);
  if (m === null) return undefined;
  const { kind, bytes } = f9Input(body);
  double.typeF9Input(Number(m[1]), kind, bytes);
  return OK;
}

function route(double: GitlabDouble, method: string, path: string, body: Body): Answer | undefined {
  const key = `${method} ${path}`;
  switch (key) {
    case 'GET jobs':
      return { status: 200, body: double.jobsAdmin() };
    case 'POST jobs':
      return { status: 201, body: double.createJob(jobSpec(body)) };
    case 'POST sessions':
      return { status: 201, body: { cookie: double.newSession(username(body)) } };
    case 'POST revoke':
      double.revoke(credential(body));
      return OK;
    case 'POST faults':
      double.injectFaults(faultSpec(body));
      return OK;
    case 'POST handshake-delay':
      double.setHandshakeDelay(milliseconds(body));
      return OK;
    case 'POST half-open':
      double.halfOpen();
      return OK;
    case 'GET counters':
      return { status: 200, body: double.counters() };
    case 'POST counters/reset':
      double.resetCounters();
      return OK;
    case 'POST runner-fault': {
      const { job, fault } = runnerFault(body);
      double.setRunnerFault(job, fault);
      return OK;
    }
    case 'POST utf8-split':
      double.setUtf8Split(splitMode(body));
      return OK;
    case 'POST connection-cut':
      return { status: 200, body: { cut: double.cutConnections(connectionCut(body)) } };
    case 'POST link':
      double.setLinkShape(linkShape(body));
      return OK;
    case 'POST external-url':
      double.setExternalUrl(externalUrl(body));
      return OK;
    case 'GET info':
      return { status: 200, body: double.info };
    default:
      return method === 'POST'
        ? (jobAction(double, path) ?? f9Action(double, path, body))
        : undefined;
  }
}

/** `<admin>…` routes of the control contract (JSON in, JSON out), outside the relative root. */
export async function handleAdmin(
  double: GitlabDouble,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  try {
    const body = method === 'POST' ? await readJsonObject(req) : {};
    const answer = route(double, method, path.replace(/\/$/, ''), body);
    if (answer === undefined) sendJson(res, 404, { error: `no admin route ${method} ${path}` });
    else sendJson(res, answer.status, answer.body);
  } catch (error) {
    // Bad JSON, a bad field or input the double rejects (unknown user, ...) are the caller's.
    const message = error instanceof Error ? error.message : String(error);
    sendJson(res, error instanceof UnknownJobError ? 404 : 400, { error: message });
  }
}
