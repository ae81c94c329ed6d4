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
] as const;
export type Channel = (typeof CHANNELS)[number];
