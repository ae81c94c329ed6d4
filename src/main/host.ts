// What the services need from the desktop around them: file dialogs, "show in folder", printing to PDF.
// Electron implements it in electron-host.ts; the browser bridge in bridge/host.ts (answers a test can set).
// Services and handlers only see this interface, so they never import electron.

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface Host {
  readonly kind: 'electron' | 'browser';
  /** Paths chosen, [] when the person cancels. */
  openFiles(o: { title: string; filters: FileFilter[]; multiple: boolean }): Promise<string[]>;
  /** The path to write, null when cancelled. */
  saveFile(o: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null>;
  /** A folder to write several files into, null when cancelled. */
  chooseFolder(o: { title: string }): Promise<string | null>;
  showInFolder(path: string): void;
  /** Renders the print view of a report into a PDF file; null where the page prints itself (the browser). */
  printToPdf: ((report: { unit: string; year: number }, file: string) => Promise<void>) | null;
}

export const FILTERS = {
  xlsx: { name: 'Excel 工作簿', extensions: ['xlsx'] },
  pdf: { name: 'PDF 文件', extensions: ['pdf'] },
  docx: { name: 'Word 文档', extensions: ['docx'] },
  html: { name: '网页文件', extensions: ['html', 'htm'] },
  archive: { name: '档案备份', extensions: ['sqlite'] },
  nbpkg: { name: '报送包', extensions: ['nbpkg'] },
} satisfies Record<string, FileFilter>;
