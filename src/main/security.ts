// Electron security settings, kept free of electron imports so tests can check them without an Electron binary.
// window.ts applies them to the real window and session.
import type { Session, WebContents, WebPreferences } from 'electron';
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

/** The app's own pages: the built files, or the dev server during development. */
export function isAppUrl(url: string, devServer: string | undefined): boolean {
  if (devServer) return url.startsWith(devServer);
  return url.startsWith('file://');
}

type Contents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Navigation away from the app, webviews and new windows are refused; https links open in the system browser. */
export function hardenContents(contents: Contents, devServer: string | undefined, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServer)) event.preventDefault();
  });
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
