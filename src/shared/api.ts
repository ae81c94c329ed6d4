// The contract between renderer and main: channel → zod schemas for the arguments and the result.
// The preload exposes only these channels; main registers a handler for each through one helper.
import { z } from 'zod';
import type { Channel } from './channels';

export { CHANNELS, type Channel } from './channels';

export const API = {
  'app.info': {
    args: z.object({}),
    result: z.object({ version: z.string(), platform: z.string() }),
  },
} as const satisfies Record<Channel, { args: z.ZodType; result: z.ZodType }>;

export type ApiArgs<C extends Channel> = z.input<(typeof API)[C]['args']>;
export type ApiResult<C extends Channel> = z.output<(typeof API)[C]['result']>;
export type ApiResponse<T> = { ok: true; value: T } | { ok: false; error: string };

/** What the preload puts on window.api. */
export interface WindowApi {
  invoke<C extends Channel>(channel: C, args: ApiArgs<C>): Promise<ApiResponse<ApiResult<C>>>;
}
