// The host interface over Electron's dialogs, shell and printing.
import { BrowserWindow, dialog, shell } from 'electron';
import { writeFile } from 'node:fs/promises';
import type { Host } from './host';
import { printReportToPdf } from './window';

const parent = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];

export const electronHost: Host = {
  kind: 'electron',
  openFiles: async ({ title, filters, multiple }) => {
    const r = await dialog.showOpenDialog(parent()!, {
      title,
      filters,
      properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
    });
    return r.canceled ? [] : r.filePaths;
  },
  saveFile: async ({ title, defaultName, filters }) => {
    const r = await dialog.showSaveDialog(parent()!, { title, defaultPath: defaultName, filters });
    return r.canceled || !r.filePath ? null : r.filePath;
  },
  chooseFolder: async ({ title }) => {
    const r = await dialog.showOpenDialog(parent()!, { title, properties: ['openDirectory', 'createDirectory'] });
    return r.canceled ? null : (r.filePaths[0] ?? null);
  },
  showInFolder: (path) => shell.showItemInFolder(path),
  printToPdf: async (report, file) => writeFile(file, await printReportToPdf(report)),
};
