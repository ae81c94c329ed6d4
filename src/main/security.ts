// Electron security settings, kept free of electron imports so tests can check them without an Electron binary.
// window.ts applies them to the real window and session.
import type { Session, WebContents, WebPreferences } from 'electron';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';

export const WEB_PREFERENCES: Readonly<WebPreferences> = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
};

/** The address of the app's one page: the dev server during development, else the built index.html as a file URL. */
export function appPageUrl(devServer: string | undefined, rendererFile: string): string {
  return devServer ? new URL(devServer).href : pathToFileURL(rendererFile).href;
}

/**
 * True only for the app's own page (its hash routes, e.g. #print?…, included): any other file:// page — a .html
 * dropped on the window — or any other path on the dev server is not the app.
 */
export function isAppUrl(url: string, appPage: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const page = new URL(appPage);
  return (
    u.protocol === page.protocol &&
    u.host === page.host &&
    u.pathname === page.pathname &&
    u.search === page.search &&
    !u.username &&
    !u.password
  );
}

type Frame = { url: string; parent: unknown };
export type IpcSender = { senderFrame: Frame | null; sender: { mainFrame: unknown } };

/** An IPC call is answered only from the app's page in the window's main frame (never from an iframe in it). */
export function isTrustedSender(event: IpcSender, appPage: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null || frame !== event.sender.mainFrame) return false;
  return isAppUrl(frame.url, appPage);
}

type Contents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Navigation away from the app's page, webviews and new windows are refused; https links open in the system browser. */
export function hardenContents(contents: Contents, appPage: string, openExternal: (url: string) => void): void {
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url, appPage)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) openExternal(url);
    return { action: 'deny' };
  });
}

type SessionLike = {
  setPermissionRequestHandler: Session['setPermissionRequestHandler'];
  setPermissionCheckHandler: Session['setPermissionCheckHandler'];
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};

/** Every permission (camera, notifications, …) is denied; every response carries the CSP. */
export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}
