// The browser bridge: serves the built renderer on 127.0.0.1 and runs the real services behind window.api over
// local HTTP, so the app can be driven in Chromium where no Electron binary exists. Loopback only, a random
// token on every call, the Host header checked (no DNS rebinding), the same CSP as the app.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { basename, dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { createHandlers, dispatch, type Handlers } from '../api-handlers';
import { InputError, toApiError } from '../errors';
import { ArchiveStore } from '../services/store';
import { createBridgeHost, type BridgeHost } from './host';

export interface BridgeOptions {
  dbPath: string;
  rendererDir: string;
  port?: number;
  token?: string;
  /** Where exported files go when no test answered the save dialog; beside the archive by default. */
  exportDir?: string;
  /** Told when the background check or backup finds a problem (default: the console). */
  onProblem?: (message: string) => void;
}

export interface Bridge {
  url: string;
  token: string;
  store: ArchiveStore;
  host: BridgeHost;
  /** The handlers the bridge dispatches to; a test may wrap one (e.g. make report.save slow). */
  handlers: Handlers;
  /** Where exports go when no test answered the dialog. */
  exportDir: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};
const MAX_REQUEST = 20 * 1024 * 1024;
// A published report saved from Word may carry large pictures.
const MAX_UPLOAD = 200 * 1024 * 1024;
const CLIENT_SCRIPT = fileURLToPath(new URL('./window-api.js', import.meta.url));

/** decodeURIComponent that answers a bad escape in Chinese instead of "URI malformed". */
function decodeName(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new InputError(`${what}的编码有误（不是有效的 URL 编码），没有处理`);
  }
}

const readBody = async (req: IncomingMessage): Promise<string> => (await readBuffer(req, MAX_REQUEST)).toString('utf8');

function readBuffer(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((ok, fail) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        fail(new InputError(`文件或请求过大（超过 ${limit / 1024 / 1024} MB）`));
        req.removeAllListeners('data');
        req.resume();
      } else chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const root = resolve(options.rendererDir);
  if (!existsSync(join(root, 'index.html'))) throw new InputError(`找不到界面文件 ${join(root, 'index.html')}，请先运行 npm run build`);
  const store = await ArchiveStore.open(options.dbPath);
  // In the background: the bridge answers at once; a damaged archive is reported on the console and in 设置与备份.
  store.startDailyBackup(options.onProblem ?? ((message) => console.error(message)));
  const exportDir = options.exportDir ?? join(dirname(resolve(options.dbPath)), '导出');
  const host = createBridgeHost(exportDir);
  const handlers = createHandlers(store, host);
  let uploads: string | null = null;
  const token = options.token ?? randomBytes(24).toString('hex');
  let port = 0;

  const send = (res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8') => {
    res.writeHead(status, {
      'content-type': type,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const hostName = req.headers.host ?? '';
    if (hostName !== `127.0.0.1:${port}` && hostName !== `localhost:${port}`) return send(res, 403, '拒绝：只接受本机访问');
    const url = new URL(req.url ?? '/', `http://${hostName}`);
    // A page from another origin (any site open in the same browser) may not call the API, token or not.
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`)
      return send(res, 403, JSON.stringify({ ok: false, error: { kind: 'input', message: '拒绝：来自其他网页的请求' } }), TYPES['.json']);
    if (req.method === 'POST' && (url.pathname.startsWith('/api/') || url.pathname.startsWith('/host/'))) {
      if (req.headers['x-nianbao-token'] !== token)
        return send(
          res,
          403,
          JSON.stringify({ ok: false, error: { kind: 'input', message: '拒绝：缺少或错误的访问令牌' } }),
          TYPES['.json'],
        );
      // A file picked in the page: kept in a private temporary folder and answered with its path.
      if (url.pathname === '/host/upload') {
        uploads ??= mkdtempSync(join(tmpdir(), 'nianbao-web-'));
        const name = basename(decodeName(String(req.headers['x-file-name'] ?? 'file'), '上传的文件名'));
        const dir = mkdtempSync(join(uploads, 'f-'));
        writeFileSync(join(dir, name), await readBuffer(req, MAX_UPLOAD));
        return send(res, 200, JSON.stringify({ ok: true, value: join(dir, name) }), TYPES['.json']);
      }
      const body = await readBody(req);
      let args: unknown;
      try {
        args = JSON.parse(body || '{}');
      } catch {
        return send(res, 400, JSON.stringify({ ok: false, error: { kind: 'input', message: '请求不是有效的 JSON' } }), TYPES['.json']);
      }
      if (url.pathname === '/host/answer') {
        const open = (args as { open?: unknown }).open;
        if (!Array.isArray(open) || !open.every((p) => typeof p === 'string'))
          return send(
            res,
            400,
            JSON.stringify({ ok: false, error: { kind: 'input', message: 'open 应为文件路径的列表' } }),
            TYPES['.json'],
          );
        host.answers.open.push(open);
        return send(res, 200, JSON.stringify({ ok: true, value: null }), TYPES['.json']);
      }
      host.pendingPick = null;
      const result = await dispatch(handlers, decodeName(url.pathname.slice(5), '请求的名称'), args);
      // No dialog answer was queued: the page lets the person pick files, uploads them and asks again.
      const pick = host.pendingPick;
      host.pendingPick = null;
      return send(res, 200, JSON.stringify(pick ? { ...result, pick } : result), TYPES['.json']);
    }
    if (req.method !== 'GET') return send(res, 405, '不支持的请求');
    if (url.pathname === '/window-api.js') return send(res, 200, readFileSync(CLIENT_SCRIPT), TYPES['.js']);
    const path = url.pathname === '/' ? 'index.html' : normalize(decodeName(url.pathname, '地址')).replace(/^[/\\]+/, '');
    const file = resolve(root, path);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) return send(res, 404, '找不到');
    if (path === 'index.html') {
      // The bridge script defines window.api before the app's own script runs.
      const html = readFileSync(file, 'utf8').replace(
        '<script type="module"',
        '<script src="./window-api.js"></script>\n    <script type="module"',
      );
      return send(res, 200, html, TYPES['.html']);
    }
    return send(res, 200, readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream');
  };
  // A request that fails (too large, a broken upload) is answered in Chinese; the bridge keeps running.
  const server = createServer((req, res) =>
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 400, JSON.stringify({ ok: false, error: toApiError(e) }), TYPES['.json']);
    }),
  );

  // A port already taken is an 'error' event, not an exception: without this the process dies with Node's English.
  await new Promise<void>((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      store.close();
      fail(
        e.code === 'EADDRINUSE' || e.code === 'EACCES'
          ? new InputError(
              `端口 ${options.port} ${e.code === 'EACCES' ? '不允许本程序使用' : '已被其他程序占用'}；请换一个端口（--port），或不写 --port 由程序自选`,
            )
          : e,
      );
    });
    server.listen(options.port ?? 0, '127.0.0.1', ok);
  });
  port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    store,
    host,
    handlers,
    exportDir,
    close: async () => {
      await new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      });
      await store.settled();
      store.close();
      // Files picked in the page were copies for this run only.
      if (uploads) rmSync(uploads, { recursive: true, force: true });
    },
  };
}
