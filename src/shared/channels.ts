// The IPC channel names, kept apart from their zod schemas (api.ts) so the sandboxed preload stays tiny.
export const CHANNELS = ['app.info'] as const;
export type Channel = (typeof CHANNELS)[number];
