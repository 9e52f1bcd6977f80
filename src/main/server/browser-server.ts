// Browser mode: the same renderer and the same core, served from this machine only.
// Guards, in order: bound to 127.0.0.1; Host header must be ours (DNS rebinding);
// a random one-time token in the printed URL is exchanged for an httpOnly client cookie;
// every API call must carry that cookie, our Origin, and the CSRF token bound to the client.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../core/core';
import { CONTENT_SECURITY_POLICY } from '../core/security/csp';

export const CLIENT_COOKIE = 'ul_client';
export const CSRF_COOKIE = 'ul_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export { CONTENT_SECURITY_POLICY };

export interface BrowserServerOptions {
  /** The core, or a LedgerSlot that answers for a ledger that could not be opened. */
  core: Pick<Core, 'dispatch'>;
  rendererDir: string;
  port?: number;
  /** Extra one-time tokens may be issued by the host (tests issue one per browser context). */
  log?: boolean;
}

export interface BrowserServer {
  app: FastifyInstance;
  origin: string;
  /** Issues a new one-time token and returns the URL that redeems it. */
  issueUrl(): string;
  close(): Promise<void>;
}

const randomToken = () => randomBytes(32).toString('base64url');

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const refusalPage = (title: string, body: string) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto;line-height:1.7"><h2>${title}</h2><p>${body}</p></body></html>`;

export async function startBrowserServer(opts: BrowserServerOptions): Promise<BrowserServer> {
  const indexHtml = path.join(opts.rendererDir, 'index.html');
  if (!fs.existsSync(indexHtml)) {
    throw new Error(`找不到界面文件 ${indexHtml}，请先运行 npm run build。`);
  }
  // forceCloseConnections: a browser's idle keep-alive connection must not hold up shutdown.
  const app = Fastify({ logger: opts.log ?? false, bodyLimit: 50 * 1024 * 1024, forceCloseConnections: true });
  await app.register(fastifyCookie);

  const pendingTokens = new Set<string>();
  /** client id → its CSRF token */
  const clients = new Map<string, string>();
  let allowedHosts: string[] = [];
  let origins: string[] = [];

  app.addHook('onRequest', async (req, reply) => {
    // Only our own host names: a page on another site that rebinds its DNS to 127.0.0.1 is refused.
    if (!allowedHosts.includes(req.headers.host ?? '')) {
      return reply.code(421).type('text/plain; charset=utf-8').send('拒绝访问：主机名不符。');
    }
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');

    const url = new URL(req.url, 'http://x');
    const token = url.searchParams.get('token');
    if (req.method === 'GET' && token !== null) {
      const match = [...pendingTokens].find((t) => safeEqual(t, token));
      if (!match) {
        return reply
          .code(403)
          .type('text/html; charset=utf-8')
          .send(refusalPage('链接已失效', '这个一次性链接已经用过或无效。请使用启动时打印的新地址，或重新运行 <code>npm run start:browser</code>。'));
      }
      pendingTokens.delete(match);
      const clientId = randomToken();
      const csrf = randomToken();
      clients.set(clientId, csrf);
      const cookie = { path: '/', sameSite: 'strict' as const, secure: false };
      reply.setCookie(CLIENT_COOKIE, clientId, { ...cookie, httpOnly: true });
      reply.setCookie(CSRF_COOKIE, csrf, { ...cookie, httpOnly: false });
      return reply.code(303).header('Location', '/').send();
    }

    const clientId = req.cookies[CLIENT_COOKIE];
    if (!clientId || !clients.has(clientId)) {
      return reply
        .code(403)
        .type('text/html; charset=utf-8')
        .send(refusalPage('需要一次性链接', '为保护账簿，请使用启动时在命令行中打印的地址（含 token=…）打开本页面。'));
    }
  });

  // Fastify's own refusals (bad JSON, a body over the limit, a form post) answer in the app's
  // envelope, in Chinese, never as an English error page or a stack trace.
  app.setErrorHandler((error: { statusCode?: number; code?: string }, _req, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    const message =
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
        ? '请求格式错误：不是有效的 JSON。'
        : error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? '请求过大：单次提交不超过 50 MB（附件不超过 20 MB，导入文件不超过 30 MB）。'
          : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
            ? '请求格式错误：只接受 JSON。'
            : status === 500
              ? '内部错误，操作未完成。'
              : '请求格式错误。';
    return reply
      .code(status)
      .type('application/json; charset=utf-8')
      .send({ ok: false, error: { code: status === 500 ? 'INTERNAL' : 'VALIDATION', message } });
  });

  app.post('/api/invoke', async (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('Cache-Control', 'no-store');
    const clientId = req.cookies[CLIENT_COOKIE]!;
    const origin = req.headers.origin;
    if (!origin || !origins.includes(origin)) {
      return reply.code(403).send({ ok: false, error: { code: 'FORBIDDEN', message: '拒绝访问：请求来源（Origin）不符。' } });
    }
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !safeEqual(sent, clients.get(clientId)!)) {
      return reply.code(403).send({ ok: false, error: { code: 'FORBIDDEN', message: '拒绝访问：缺少或错误的 CSRF 令牌。' } });
    }
    const body = req.body as { op?: unknown; input?: unknown } | null;
    if (!body || typeof body !== 'object' || typeof body.op !== 'string') {
      return reply.code(400).send({ ok: false, error: { code: 'VALIDATION', message: '请求格式错误：缺少操作名。' } });
    }
    return opts.core.dispatch({ clientId, host: 'browser' }, body.op, body.input ?? {});
  });

  await app.register(fastifyStatic, { root: opts.rendererDir, index: ['index.html'], wildcard: false });
  // Client-side routes fall back to the app page.
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply.code(404).send({ ok: false, error: { code: 'NOT_FOUND', message: '不存在的地址。' } });
  });

  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  origins = allowedHosts.map((h) => `http://${h}`);
  const origin = `http://127.0.0.1:${port}`;

  return {
    app,
    origin,
    issueUrl() {
      const t = randomToken();
      pendingTokens.add(t);
      return `${origin}/?token=${t}`;
    },
    close: () => app.close(),
  };
}
