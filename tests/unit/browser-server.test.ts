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

// Issue 7: the requests that lack or fake each guard, beyond the ones above.
describe('browser mode: forged and missing guards', () => {
  it('refuses a client cookie the server never issued, even with a matching-looking CSRF token', async () => {
    const { csrf } = await redeem();
    const res = await invoke({ op: 'setup.status', input: {} }, { cookie: `ul_client=forged; ul_csrf=${csrf}`, origin: server.origin, 'x-csrf-token': csrf });
    expect(res.status).toBe(403);
  });

  it.each(['null', 'http://127.0.0.1:1', 'http://localhost.evil.example', 'https://127.0.0.1', 'http://127.0.0.1.nip.example'])('refuses the Origin %s', async (origin) => {
    const { csrf, cookie } = await redeem();
    const res = await invoke({ op: 'setup.status', input: {} }, { cookie, origin, 'x-csrf-token': csrf });
    expect(res.status).toBe(403);
  });

  it('refuses a CSRF token sent only as a cookie (the header is what proves our page sent it)', async () => {
    const { cookie } = await redeem();
    const res = await invoke({ op: 'setup.status', input: {} }, { cookie, origin: server.origin });
    expect(res.status).toBe(403);
  });

  it('a one-time token does not open the API by itself', async () => {
    const url = new URL(server.issueUrl());
    const res = await fetch(`${server.origin}/api/invoke?token=${url.searchParams.get('token')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.origin },
      body: JSON.stringify({ op: 'setup.status', input: {} }),
    });
    expect(res.status).toBe(403);
  });

  it.each([
    ['another host name', 'attacker.example'],
    ['a look-alike of localhost', 'localhost.attacker.example'],
    ['our address without the port', '127.0.0.1'],
    ['our address on another port', '127.0.0.1:1'],
  ])('refuses a Host header of %s (DNS rebinding)', async (_name, host) => {
    const { cookie } = await redeem();
    const http = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${server.origin}/`, { headers: { host, cookie } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('cannot be reached on any non-loopback address of this machine', async () => {
    const os = await import('node:os');
    const net = await import('node:net');
    const port = new URL(server.origin).port;
    const outside = Object.values(os.networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && a.family === 'IPv4')
      .map((a) => a!.address);
    for (const address of outside) {
      const reached = await new Promise<boolean>((resolve) => {
        const s = net.connect({ host: address, port: Number(port), timeout: 2000 }, () => {
          s.destroy();
          resolve(true);
        });
        s.on('error', () => resolve(false));
        s.on('timeout', () => {
          s.destroy();
          resolve(false);
        });
      });
      expect(reached, `reachable on ${address}:${port}`).toBe(false);
    }
    const addr = server.app.server.address();
    expect(typeof addr === 'object' && addr?.address).toBe('127.0.0.1');
  });

  it('answers the API as JSON with nosniff, no-store and the CSP: nothing it returns is rendered as a page', async () => {
    const { csrf, cookie } = await redeem();
    const res = await invoke({ op: 'setup.status', input: {} }, { cookie, origin: server.origin, 'x-csrf-token': csrf });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    // A GET of the API runs nothing.
    const get = await fetch(`${server.origin}/api/invoke`, { headers: { cookie } });
    expect(get.status).toBe(404);
  });

  it('attachments travel inside that JSON with the type recognised at upload; an HTML file is refused at upload', async () => {
    const { csrf, cookie } = await redeem();
    const headers = { cookie, origin: server.origin, 'x-csrf-token': csrf };
    const call = async (op: string, input: unknown) => (await (await invoke({ op, input }, headers)).json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string; field?: string } };
    const created = await call('setup.createLedger', {
      union: { name: '某某公司工会委员会', uscc: null, provincePreset: 'FJ-2018', firstFiscalYear: 2026 },
      admin: { username: 'admin', displayName: '王管理', password: 'Admin#2026' },
    });
    expect(created.ok).toBe(true);
    await call('users.create', { username: 'kuaiji', displayName: '会计', roles: ['accountant'], password: 'Passw0rd!x' });
    await call('session.logout', {});
    expect((await call('session.login', { username: 'kuaiji', password: 'Passw0rd!x' })).ok).toBe(true);
    const v = (await call('vouchers.save', {
      date: '2026-03-02',
      attachments: 1,
      lines: [
        { summary: '收取会费', accountCode: '101', debit: 100 },
        { summary: '收取会费', accountCode: '401', credit: 100, fundNature: 'general' },
      ],
    })) as { ok: boolean; value: { id: number } };
    expect(v.ok).toBe(true);
    const html = await call('vouchers.attach', { id: v.value.id, filename: '发票.pdf', mimeType: 'application/pdf', base64: Buffer.from('<!doctype html><script>alert(1)</script>').toString('base64') });
    expect(html).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('网页') } });
    const pdf = await call('vouchers.attach', { id: v.value.id, filename: '发票.pdf', mimeType: 'application/pdf', base64: Buffer.from('%PDF-1.4 browser mode').toString('base64') });
    const files = (pdf as { value: { files: { id: number }[] } }).value.files;
    const res = await invoke({ op: 'vouchers.attachment', input: { attachmentId: files[0]!.id } }, headers);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.json()).toMatchObject({ ok: true, value: { filename: '发票.pdf', mimeType: 'application/pdf' } });
  });
});

describe('browser mode: malformed requests get the envelope in Chinese', () => {
  it.each([
    ['broken JSON', 'application/json', '{bad json', 400, /不是有效的 JSON/],
    ['a JSON string', 'application/json', '"just a string"', 400, /缺少操作名/],
    ['JSON null', 'application/json', 'null', 400, /缺少操作名/],
    ['a JSON array', 'application/json', '[1,2]', 400, /缺少操作名/],
    ['a prototype key', 'application/json', '{"op":"setup.status","input":{"__proto__":{"polluted":1}}}', 400, /不是有效的 JSON/],
    ['a form post', 'application/x-www-form-urlencoded', 'op=setup.status', 415, /只接受 JSON/],
    ['a body over 50 MB', 'application/json', `{"op":"setup.status","input":"${'x'.repeat(51 * 1024 * 1024)}"}`, 413, /请求过大/],
  ] as const)('%s', async (_name, type, body, status, message) => {
    const { csrf, cookie } = await redeem();
    const res = await fetch(`${server.origin}/api/invoke`, { method: 'POST', headers: { cookie, origin: server.origin, 'x-csrf-token': csrf, 'content-type': type }, body });
    expect(res.status).toBe(status);
    const json = (await res.json()) as { ok: boolean; error: { code: string; message: string } };
    expect(json).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(json.error.message).toMatch(message);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
