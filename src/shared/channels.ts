// The IPC channel names, kept apart from their zod schemas (api.ts) so the sandboxed preload stays tiny.
export const CHANNELS = [
  'app.info',
  'units.list',
  'units.add',
  'units.update',
  'archive.overview',
  'report.get',
  'report.draft',
  'report.save',
  'report.validate',
  'report.setStatus',
  'report.delete',
  'report.history',
  'report.diff',
  'report.restoreRevision',
  'findings.dismiss',
  'findings.undismiss',
  'search',
  'import.pick',
  'import.plan',
  'import.commit',
  'export.report',
  'export.templates',
  'export.flat',
  'export.pdf',
  'export.docx',
  'export.html',
  'host.showInFolder',
  'backup.list',
  'backup.now',
  'backup.pick',
  'backup.check',
  'backup.restore',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Commands the application menu sends to the page (Electron only). */
export const MENU_COMMANDS = ['archive', 'import', 'export', 'settings'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
