// The browser-mode guards, tested with real HTTP requests that lack each of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { startBrowserServer, type BrowserServer } from '../../src/main/server/browser-server';
import { openTestLedger, type TestLedger } from '../helpers/core';

let ledger: TestLedger;
let server: BrowserServer;

beforeAll(async () => {
  ledger = await openTestLedger();
  const rendererDir = path.join(ledger.dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>工会经费账簿</title>');
  server = await startBrowserServer({ core: ledger.core, rendererDir });
});
afterAll(async () => {
  await server.close();
  ledger.close();
});

/** Redeems a one-time URL like a browser does and returns the cookies it was given. */
async function redeem(): Promise<{ client: string; csrf: string; cookie: string }> {
  const res = await fetch(server.issueUrl(), { redirect: 'manual' });
  expect(res.status).toBe(303);
  const set = res.headers.getSetCookie();
  const get = (name: string) => set.find((c) => c.startsWith(`${name}=`))!.split(';')[0]!.split('=')[1]!;
  expect(set.find((c) => c.startsWith('ul_client='))).toMatch(/HttpOnly/i);
  expect(set.find((c) => c.startsWith('ul_client='))).toMatch(/SameSite=Strict/i);
  const client = get('ul_client');
  const csrf = get('ul_csrf');
  return { client, csrf, cookie: `ul_client=${client}; ul_csrf=${csrf}` };
}

function invoke(body: unknown, headers: Record<string, string>) {
  return fetch(`${server.origin}/api/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('browser mode', () => {
  it('listens on the loopback address only', () => {
    const addr = server.app.server.address();
    expect(typeof addr === 'object' && addr?.address).toBe('127.0.0.1');
  });

  it('refuses the page without the one-time link', async () => {
    const res = await fetch(`${server.origin}/`);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('一次性链接');
  });

  it('accepts a token once only', async () => {
    const url = server.issueUrl();
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(303);
    const again = await fetch(url, { redirect: 'manual' });
    expect(again.status).toBe(403);
    expect(await again.text()).toContain('链接已失效');
  });

  it('serves the app with a strict CSP once redeemed', async () => {
    const { cookie } = await redeem();
    const res = await fetch(`${server.origin}/`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('工会经费账簿');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('runs an operation when cookie, Origin and CSRF token are all right', async () => {
    const { csrf, cookie } = await redeem();
    const res = await invoke({ op: 'setup.status', input: {} }, { cookie, origin: server.origin, 'x-csrf-token': csrf });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, value: { initialized: false } });
  });

  it('refuses an API call without the client cookie', async () => {
    const { csrf } = await redeem();
    const res = await invoke({ op: 'setup.status', input: {} }, { origin: server.origin, 'x-csrf-token': csrf });
    expect(res.status).toBe(403);
  });

  it('refuses an API call from another origin', async () => {
    const { csrf, cookie } = await redeem();
    const res = await invoke({ op: 'setup.status', input: {} }, { cookie, origin: 'http://evil.example', 'x-csrf-token': csrf });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('Origin');
  });

  it('refuses an API call without an Origin header', async () => {
    const { csrf, cookie } = await redeem();
    const res = await invoke({ op: 'setup.status', input: {} }, { cookie, 'x-csrf-token': csrf });
    expect(res.status).toBe(403);
  });

  it('refuses an API call with a missing or wrong CSRF token', async () => {
    const a = await redeem();
    const b = await redeem();
    expect((await invoke({ op: 'setup.status', input: {} }, { cookie: a.cookie, origin: server.origin })).status).toBe(403);
    // Another client's token does not fit this client.
    const wrong = await invoke({ op: 'setup.status', input: {} }, { cookie: a.cookie, origin: server.origin, 'x-csrf-token': b.csrf });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toContain('CSRF');
  });

  it('refuses a request whose Host header is not ours (DNS rebinding)', async () => {
    const { cookie } = await redeem();
    const http = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${server.origin}/`, { headers: { host: 'attacker.example:80', cookie } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('does not let an unknown operation name through', async () => {
    const { csrf, cookie } = await redeem();
    const res = await invoke({ op: 'db.exec', input: { sql: 'DROP TABLE audit_log' } }, { cookie, origin: server.origin, 'x-csrf-token': csrf });
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
  });
});
