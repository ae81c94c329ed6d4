import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp';
import { appPageUrl, hardenContents, hardenSession, isAppUrl, isTrustedSender, WEB_PREFERENCES } from '../../src/main/security';

describe('Electron security settings', () => {
  it('isolates and sandboxes the renderer with no Node integration', () => {
    expect(WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    // Every window really uses them (window.ts creates all windows, spreading WEB_PREFERENCES and adding only the preload).
    const windowSource = readFileSync(new URL('../../src/main/window.ts', import.meta.url), 'utf8');
    expect(windowSource.match(/new BrowserWindow\(/g)).toHaveLength(1);
    expect(windowSource).toMatch(/webPreferences: \{ \.\.\.WEB_PREFERENCES, preload: PRELOAD \}/);
  });

  it('has a strict CSP: own files only, no eval, no remote scripts, no plugins', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|https?:|\*/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("base-uri 'none'");
  });

  it('denies navigation away from the app, webviews and new windows', () => {
    const listeners: Record<string, (e: { preventDefault(): void }, url?: string) => void> = {};
    let openHandler: (d: { url: string }) => { action: string } = () => ({ action: 'allow' });
    const opened: string[] = [];
    const contents = {
      on: (name: string, fn: (e: { preventDefault(): void }, url?: string) => void) => ((listeners[name] = fn), contents),
      setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
    };
    hardenContents(contents as never, 'file:///app/out/renderer/index.html', (u) => opened.push(u));
    const navigate = (url: string) => {
      let prevented = false;
      listeners['will-navigate']({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://example.com/')).toBe(true);
    expect(navigate('file:///app/out/renderer/index.html')).toBe(false);
    let webview = false;
    listeners['will-attach-webview']({ preventDefault: () => (webview = true) });
    expect(webview).toBe(true);
    expect(openHandler({ url: 'https://www.gov.cn/' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://www.gov.cn/']);
    expect(isAppUrl('http://localhost:5173/#print?unit=x', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://evil.example/', 'http://localhost:5173')).toBe(false);
  });

  it('denies every permission and sends the CSP with every response', () => {
    const granted: boolean[] = [];
    let check: () => boolean = () => true;
    let headers: Record<string, string[]> = {};
    hardenSession({
      setPermissionRequestHandler: (fn: (a: unknown, b: unknown, cb: (x: boolean) => void) => void) =>
        fn(null, 'media', (x) => granted.push(x)),
      setPermissionCheckHandler: (fn: () => boolean) => (check = fn),
      webRequest: {
        onHeadersReceived: (
          fn: (d: { responseHeaders: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void,
        ) => fn({ responseHeaders: { 'X-A': ['1'] } }, (r) => (headers = r.responseHeaders)),
      },
    } as never);
    expect(granted).toEqual([false]);
    expect(check()).toBe(false);
    expect(headers).toEqual({ 'X-A': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('only the app’s own page, in the main frame', () => {
  const page = appPageUrl(undefined, '/opt/nianbao/out/renderer/index.html');

  it('the navigation guard allows exactly the app page (with its hash routes), not any file:// page', () => {
    expect(page).toBe('file:///opt/nianbao/out/renderer/index.html');
    const listeners: Record<string, (e: { preventDefault(): void }, url: string) => void> = {};
    const contents = {
      on: (name: string, fn: (e: { preventDefault(): void }, url: string) => void) => ((listeners[name] = fn), contents),
      setWindowOpenHandler: () => undefined,
    };
    hardenContents(contents as never, page, () => undefined);
    const refused = (event: string, url: string) => {
      let prevented = false;
      listeners[event]({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    for (const event of ['will-navigate', 'will-redirect']) {
      expect(refused(event, page)).toBe(false);
      expect(refused(event, `${page}#/print?unit=%E7%94%B2&year=2024`)).toBe(false);
      // A .html dropped on the window, another file beside the app, a query string, a look-alike path.
      expect(refused(event, 'file:///home/user/Downloads/evil.html')).toBe(true);
      expect(refused(event, 'file:///opt/nianbao/out/renderer/other.html')).toBe(true);
      expect(refused(event, `${page}?x=1`)).toBe(true);
      expect(refused(event, 'file:///opt/nianbao/out/renderer/index.html.evil.html')).toBe(true);
      expect(refused(event, 'file://otherhost/opt/nianbao/out/renderer/index.html')).toBe(true);
      expect(refused(event, 'not a url')).toBe(true);
    }
    const dev = appPageUrl('http://localhost:5173', '/ignored');
    expect(isAppUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5173/@fs/etc/passwd', dev)).toBe(false);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('http://user:pw@localhost:5173/', dev)).toBe(false);
  });

  it('the IPC sender check answers only the app page in the main frame', () => {
    const main = { url: page, parent: null };
    const sender = { mainFrame: main };
    expect(isTrustedSender({ senderFrame: main, sender }, page)).toBe(true);
    // The app page inside an iframe of the window, a foreign page as the main frame, a frame already gone.
    expect(isTrustedSender({ senderFrame: { url: page, parent: main }, sender }, page)).toBe(false);
    const foreign = { url: 'file:///tmp/evil.html', parent: null };
    expect(isTrustedSender({ senderFrame: foreign, sender: { mainFrame: foreign } }, page)).toBe(false);
    expect(isTrustedSender({ senderFrame: null, sender }, page)).toBe(false);
    // A top-level frame that is not this window's main frame.
    expect(isTrustedSender({ senderFrame: { url: page, parent: null }, sender }, page)).toBe(false);
  });
});
