import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp';
import { hardenContents, hardenSession, isAppUrl, WEB_PREFERENCES } from '../../src/main/security';

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
    hardenContents(contents as never, undefined, (u) => opened.push(u));
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
    expect(isAppUrl('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
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
