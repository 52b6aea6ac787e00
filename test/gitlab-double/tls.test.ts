import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitlabDouble, type GitlabDouble } from './index';
import { connectTerminal, terminalUrl, user } from './support/clients';

function httpsStatus(url: string, ca: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('--tls', () => {
  let double: GitlabDouble;

  beforeAll(async () => {
    double = await startGitlabDouble({ tls: true, root: '/gitlab' });
  });
  afterAll(async () => {
    await double.close();
  });

  it('serves https and wss with a self-signed certificate given as info.ca', async () => {
    const ca = double.info.ca ?? '';
    expect(ca).toContain('-----BEGIN CERTIFICATE-----');
    expect(double.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/gitlab$/);
    expect(await httpsStatus(`${double.url}/api/v4/version`, ca)).toBe(401);
    const jobId = double.createJob({ user: 'alice', project: 41 }).id;
    const url = terminalUrl(double, jobId);
    expect(url.startsWith('wss://')).toBe(true);
    const client = await connectTerminal(url, { cookie: user(double, 'alice').cookie, ca });
    await client.waitForOutput(`job-${jobId}$ `);
    client.ws.close(1000);
    expect((await client.closed).code).toBe(1000);
  });

  it('marks the session cookie Secure', async () => {
    const res = await fetch(`${double.url}/users/sign_in`).catch(() => null);
    // Untrusted without the CA (fetch has no per-call CA, so the cookie is read via https).
    expect(res).toBeNull();
    const setCookie = await new Promise<string>((resolve, reject) => {
      const req = request(`${double.url}/users/sign_in`, { ca: double.info.ca }, (r) => {
        r.resume();
        resolve(r.headers['set-cookie']?.[0] ?? '');
      });
      req.on('error', reject);
      req.end();
    });
    expect(setCookie).toMatch(/; secure/);
  });
});
