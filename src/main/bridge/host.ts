// The host of the browser bridge. Tests queue the answers the dialogs give; a person in the browser picks files
// in the page (window-api.js uploads them and queues their paths), and saved files go to one export folder.
import { existsSync, mkdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FileFilter, Host } from '../host';

export interface BridgeHost extends Host {
  /** Answers for the next dialogs, in order: a list of paths per open dialog, a path (or null) per save/folder dialog. */
  answers: { open: string[][]; save: (string | null)[]; folder: (string | null)[] };
  /** Paths "shown in folder", for tests. */
  shown: string[];
  /** Set when an open dialog found no answer: the page should let the person pick files, then ask again. */
  pendingPick: { filters: FileFilter[]; multiple: boolean } | null;
}

export function createBridgeHost(exportDir: string): BridgeHost {
  /** A free name in the export folder, so nothing there is overwritten. */
  const freePath = (name: string) => {
    mkdirSync(exportDir, { recursive: true });
    const ext = extname(name);
    let path = join(exportDir, name);
    for (let n = 2; existsSync(path); n++) path = join(exportDir, `${name.slice(0, name.length - ext.length)}（${n}）${ext}`);
    return path;
  };
  const host: BridgeHost = {
    kind: 'browser',
    answers: { open: [], save: [], folder: [] },
    shown: [],
    pendingPick: null,
    openFiles: async ({ filters, multiple }) => {
      const answer = host.answers.open.shift();
      if (answer) return answer;
      host.pendingPick = { filters, multiple };
      return [];
    },
    saveFile: async ({ defaultName }) => (host.answers.save.length ? host.answers.save.shift()! : freePath(defaultName)),
    chooseFolder: async () => {
      if (host.answers.folder.length) return host.answers.folder.shift()!;
      mkdirSync(exportDir, { recursive: true });
      return exportDir;
    },
    showInFolder: (path) => void host.shown.push(path),
    printToPdf: null,
  };
  return host;
}
