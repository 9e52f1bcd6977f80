// The Electron checklist (issue 7, "Security"), verified against the shell itself: Electron is
// replaced by a recorder (vi.mock), so the real createMainWindow, lockDownWebContents,
// denyAllPermissions, registerInvoke and the app:// protocol code run and we read what they asked
// Electron for. What only the start-up order shows (sandbox for every renderer, the lock-down
// before the first window) is read from src/main/shell/main.ts. Doyensec's electronegativity scans
// the same sources in `npm run security:electron` (scripts/electronegativity.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const rec = vi.hoisted(() => ({
  windows: [] as { options: Record<string, unknown>; loaded: string[] }[],
  appHandlers: new Map<string, (...args: unknown[]) => void>(),
  ipc: new Map<string, (...args: unknown[]) => unknown>(),
}));

vi.mock('electron', () => {
  class BrowserWindow {
    loaded: string[] = [];
    webContents = { id: 1 };
    constructor(readonly options: Record<string, unknown>) {
      rec.windows.push(this as unknown as { options: Record<string, unknown>; loaded: string[] });
    }
    on() {}
    once() {}
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
  }
  return {
    app: { isPackaged: true, on: (event: string, fn: (...args: unknown[]) => void) => rec.appHandlers.set(event, fn) },
    BrowserWindow,
    ipcMain: { handle: (channel: string, fn: (...args: unknown[]) => unknown) => rec.ipc.set(channel, fn) },
    protocol: { registerSchemesAsPrivileged: () => {}, handle: () => {} },
  };
});

const { createMainWindow, lockDownWebContents, denyAllPermissions } = await import('../../src/main/shell/window');
const { registerInvoke, INVOKE_CHANNEL } = await import('../../src/main/shell/ipc');
const { APP_ENTRY, isAppUrl, resolveInside } = await import('../../src/main/shell/protocol');
const { CONTENT_SECURITY_POLICY } = await import('../../src/main/core/security/csp');

const root = path.resolve(import.meta.dirname, '../..');
const source = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');
let checks = 0;
const check = () => checks++;

beforeEach(() => {
  rec.windows.length = 0;
  rec.appHandlers.clear();
  rec.ipc.clear();
});

describe('the window', () => {
  it('isolates the renderer: context isolation, sandbox, no Node, no webview, web security on, only our own page loaded', () => {
    createMainWindow('/app/out/preload/index.cjs');
    const w = rec.windows[0]!;
    const prefs = w.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false, // packaged
    });
    expect(prefs['enableBlinkFeatures']).toBeUndefined();
    expect(prefs['experimentalFeatures']).toBeUndefined();
    // No remote content: the only page is app://ledger/index.html.
    expect(w.loaded).toEqual([APP_ENTRY]);
    expect(isAppUrl(w.loaded[0]!)).toBe(true);
    checks += 12;
  });

  it('blocks navigation, redirects, new windows and webviews in every web contents', () => {
    lockDownWebContents();
    const created = rec.appHandlers.get('web-contents-created');
    expect(created).toBeDefined();
    const events = new Map<string, (e: { preventDefault(): void }) => void>();
    let openHandler: (() => { action: string }) | null = null;
    created!({}, { setWindowOpenHandler: (fn: () => { action: string }) => (openHandler = fn), on: (e: string, fn: (e: { preventDefault(): void }) => void) => events.set(e, fn) });
    expect(openHandler!()).toEqual({ action: 'deny' });
    check();
    for (const e of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      events.get(e)!({ preventDefault: () => (prevented = true) });
      expect(prevented, e).toBe(true);
      check();
    }
  });

  it('denies every permission request and check (camera, notifications, USB, HID, serial …)', () => {
    const handlers: Record<string, (...args: unknown[]) => unknown> = {};
    denyAllPermissions({
      setPermissionRequestHandler: (fn: (...args: unknown[]) => unknown) => (handlers['request'] = fn),
      setPermissionCheckHandler: (fn: (...args: unknown[]) => unknown) => (handlers['check'] = fn),
      setDevicePermissionHandler: (fn: (...args: unknown[]) => unknown) => (handlers['device'] = fn),
    } as never);
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) {
      let answer: boolean | null = null;
      handlers['request']!({}, permission, (ok: boolean) => (answer = ok));
      expect(answer, permission).toBe(false);
      expect(handlers['check']!({}, permission, 'app://ledger')).toBe(false);
      check();
    }
    expect(handlers['device']!({ deviceType: 'usb' })).toBe(false);
    check();
  });
});

describe('the IPC channel', () => {
  const main = { id: 1 };
  const other = { id: 2 };
  const calls: string[] = [];
  const register = () =>
    registerInvoke({
      isMainWindow: (c) => c === (main as never),
      dispatch: async (_client, op) => {
        calls.push(op);
        return { ok: true, value: op };
      },
    });
  const frame = (url: string, parent: unknown = null) => ({ url, parent });

  it.each([
    ['the main window, top frame, app://ledger', main, frame('app://ledger/index.html'), true],
    ['another window', other, frame('app://ledger/index.html'), false],
    ['a sub-frame of the main window', main, frame('app://ledger/index.html', {}), false],
    ['the main window showing a remote page', main, frame('https://evil.example/'), false],
    ['the main window showing a file: URL', main, frame('file:///etc/passwd'), false],
    ['a look-alike host', main, frame('app://ledger.evil/index.html'), false],
    ['a frame already gone (senderFrame null)', main, null, false],
  ] as const)('validates the sender frame: %s', async (_name, sender, senderFrame, allowed) => {
    register();
    const handler = rec.ipc.get(INVOKE_CHANNEL)!;
    calls.length = 0;
    const res = (await handler({ sender, senderFrame }, 'union.get', {})) as { ok: boolean; error?: { code: string; message: string } };
    if (allowed) expect(calls).toEqual(['union.get']);
    else {
      expect(calls).toEqual([]);
      expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '已拒绝来源不明的请求。' } });
    }
    check();
  });

  it('refuses a non-string operation name before the core', async () => {
    register();
    const res = await rec.ipc.get(INVOKE_CHANNEL)!({ sender: main, senderFrame: frame('app://ledger/') }, { toString: () => 'users.create' }, {});
    expect(res).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    check();
  });
});

describe('the app:// protocol and the Content-Security-Policy', () => {
  it('serves only files inside the renderer folder, GET/HEAD only', () => {
    const dir = '/app/out/renderer';
    expect(resolveInside(dir, 'GET', 'app://ledger/index.html')).toBe(path.resolve(dir, 'index.html'));
    // Dot segments are resolved by the URL parser or refused: never a file outside the folder.
    for (const url of ['app://ledger/../../etc/passwd', 'app://ledger/%2e%2e/%2e%2e/etc/passwd', 'app://ledger/..%2f..%2fetc/passwd', 'app://ledger/..%5c..%5cwindows', 'app://ledger/a%00.js']) {
      const file = resolveInside(dir, 'GET', url);
      expect(file === null || file.startsWith(dir + path.sep), `${url} → ${file}`).toBe(true);
      check();
    }
    for (const [method, url] of [
      ['GET', 'https://ledger/index.html'],
      ['GET', 'app://other/index.html'],
      ['POST', 'app://ledger/index.html'],
    ] as const) {
      expect(resolveInside(dir, method, url), `${method} ${url}`).toBeNull();
      check();
    }
  });

  it('the policy allows only our own scripts, no objects, no framing, no remote connections', () => {
    const d = Object.fromEntries(CONTENT_SECURITY_POLICY.split(';').map((p) => p.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
    expect(d['default-src']).toEqual(["'self'"]);
    expect(d['script-src']).toEqual(["'self'"]); // no 'unsafe-inline', no 'unsafe-eval', no remote hosts
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'none'"]);
    expect(d['form-action']).toEqual(["'none'"]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
    expect(d['connect-src']).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
    checks += 8;
  });

  it('index.html carries the same policy (without frame-ancestors, which only works as a header) and no inline script', () => {
    const html = source('src/renderer/index.html');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    checks += 2;
  });
});

describe('start-up order and the preload (read from the sources)', () => {
  const main = source('src/main/shell/main.ts');
  const preload = source('src/preload/index.ts');

  it('enables the sandbox for every renderer and locks web contents down before any window exists', () => {
    const at = (s: string) => main.indexOf(s);
    expect(at('app.enableSandbox()')).toBeGreaterThan(0);
    expect(at('lockDownWebContents()')).toBeGreaterThan(0);
    expect(at('denyAllPermissions(session.defaultSession)')).toBeGreaterThan(0);
    // The lock-down is registered at load time, the first window opens after app ready.
    expect(at('lockDownWebContents();')).toBeLessThan(at('start().catch'));
    expect(at('denyAllPermissions(session.defaultSession)')).toBeLessThan(at('openWindow();'));
    expect(main).toMatch(/requestSingleInstanceLock\(\)/);
    checks += 6;
  });

  it('nothing in the shell opens external URLs or evaluates code', () => {
    for (const f of fs.readdirSync(path.join(root, 'src/main/shell'))) {
      const s = source(`src/main/shell/${f}`);
      expect(s, f).not.toMatch(/openExternal|executeJavaScript|insertCSS|\beval\(|new Function\(|nodeIntegration:\s*true|contextIsolation:\s*false|sandbox:\s*false|webSecurity:\s*false/);
      check();
    }
  });

  it('the preload exposes one frozen function and never ipcRenderer itself', () => {
    expect(preload).toMatch(/contextBridge\.exposeInMainWorld\('unionLedger', Object\.freeze\(api\)\)/);
    expect(preload.match(/exposeInMainWorld/g)).toHaveLength(1);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\b/);
    expect(preload).toMatch(/ipcRenderer\.invoke\('union-ledger:invoke', String\(op\), input\)/);
    expect(preload).not.toMatch(/ipcRenderer\.(on|send|sendSync)\(/);
    checks += 5;
  });

  it('reports how many checks ran', () => {
    console.log(`[electron-security] ${checks} checklist assertions`);
    expect(checks).toBeGreaterThan(40);
  });
});
