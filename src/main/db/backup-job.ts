// Copying the archive for a backup, in a worker thread with its own read-only connection, so neither the copy
// nor the checks hold up the app: quick_check of the archive first (a damaged archive is not copied as if it
// were sound), then VACUUM INTO a temporary file (one consistent snapshot; WAL lets writers carry on), then
// integrity_check of the copy. The caller checks the copy's schema and renames it.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { BUSY_TIMEOUT_MS } from './open';

export type CopyResult =
  { ok: true } | { ok: false; damaged: string } | { ok: false; broken: string } | { ok: false; error: string; code?: string };

// Plain CommonJS run with `eval`: no build step or loader needed in Electron, the CLI (tsx) or the tests.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const problem = (db, pragma) => {
  const lines = db.pragma(pragma + '(5)').map((r) => Object.values(r)[0]);
  return lines.length === 1 && lines[0] === 'ok' ? null : lines.join('；');
};
let result;
let phase = 'source';
try {
  const src = new Database(workerData.source, { readonly: true, fileMustExist: true });
  try {
    src.pragma('busy_timeout = ' + workerData.busyTimeout);
    const damaged = problem(src, 'quick_check');
    if (damaged) result = { ok: false, damaged };
    else src.prepare('VACUUM INTO ?').run(workerData.target);
  } finally {
    src.close();
  }
  phase = 'copy';
  if (!result) {
    const copy = new Database(workerData.target, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
      const broken = problem(copy, 'integrity_check');
      result = broken ? { ok: false, broken } : { ok: true };
    } finally {
      copy.close();
    }
  }
} catch (e) {
  const code = e && e.code;
  // SQLite cannot even read the archive (or the copy) through: that is damage, not a passing failure.
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(String(code))) result = phase === 'source' ? { ok: false, damaged: e.message } : { ok: false, broken: e.message };
  else result = { ok: false, error: String(e && e.message), code };
}
parentPort.postMessage(result);
`;

const driver = createRequire(import.meta.url).resolve('better-sqlite3');

/** Checks the archive at `source` and copies it to `target` (which must not exist), off the main thread. */
export function copyArchive(source: string, target: string): Promise<CopyResult> {
  return new Promise((ok) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { driver, source, target, busyTimeout: BUSY_TIMEOUT_MS } });
    let settled = false;
    const done = (r: CopyResult) => {
      if (!settled) ok(r);
      settled = true;
    };
    worker.once('message', (r: CopyResult) => done(r));
    worker.once('error', (e) => done({ ok: false, error: e.message }));
    worker.once('exit', (code) => done({ ok: false, error: `备份线程意外退出（${code}）` }));
  });
}
