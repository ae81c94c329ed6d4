// The renderer's data layer: queries and mutations over the typed contract, cached by channel and arguments.
// Pages are views over this cache, so leaving a page and coming back shows the same data at once; a mutation
// names the channels whose answers it changes, and those are fetched again.
import { notifications } from '@mantine/notifications';
import { QueryCache, QueryClient, useMutation, useQuery, type UseQueryOptions } from '@tanstack/react-query';
import type { ApiArgs, ApiResult, Channel } from '../../../shared/api';
import { ApiCallError, call } from '../api';

export const queryClient = new QueryClient({
  // A read that fails is told in the notification surface, unless the page handles it (`meta: { quiet: true }`,
  // e.g. the editor, where a missing report opens a new draft).
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (!query.meta?.quiet) notifyError(error, '读取时出错');
    },
  }),
  defaultOptions: {
    // Main is the only writer the page knows about; answers stay fresh until a mutation invalidates them.
    queries: { staleTime: Infinity, retry: false, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

/** The cache key of a channel's answer for these arguments. */
export const queryKey = <C extends Channel>(channel: C, args: ApiArgs<C>) => [channel, args] as const;

/** A read over the contract; `args: null` waits (nothing to ask yet). */
export function useApiQuery<C extends Channel>(
  channel: C,
  args: ApiArgs<C> | null,
  options: Omit<UseQueryOptions<ApiResult<C>, ApiCallError>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<ApiResult<C>, ApiCallError>({
    queryKey: queryKey(channel, (args ?? {}) as ApiArgs<C>),
    queryFn: () => call(channel, args as ApiArgs<C>),
    enabled: args !== null && options.enabled !== false,
    ...options,
  });
}

/** Answers made of the same units and reports as the overview or the unit list: stale whenever those are. */
const ALSO_STALE: Partial<Record<Channel, Channel[]>> = {
  'archive.overview': ['archive.years', 'units.find', 'units.tree', 'export.counts'],
  'units.list': ['units.find', 'units.tree'],
};

/** Channels whose cached answers a change may alter; invalidating by channel refetches every argument set. */
export function invalidate(...channels: Channel[]): Promise<void> {
  const all = new Set(channels.flatMap((c) => [c, ...(ALSO_STALE[c] ?? [])]));
  return Promise.all([...all].map((c) => queryClient.invalidateQueries({ queryKey: [c] }))).then(() => undefined);
}

/** A change over the contract. `invalidates` lists the channels it makes stale; errors are shown once, in the
 * notification surface, unless the caller handles them (`notifyErrors: false`). */
export function useApiMutation<C extends Channel>(
  channel: C,
  options: { invalidates?: Channel[]; notifyErrors?: boolean; onSuccess?: (value: ApiResult<C>, args: ApiArgs<C>) => void } = {},
) {
  return useMutation<ApiResult<C>, ApiCallError, ApiArgs<C>>({
    mutationFn: (args) => call(channel, args),
    onSuccess: async (value, args) => {
      await invalidate(...(options.invalidates ?? []));
      options.onSuccess?.(value, args);
    },
    onError: (error) => {
      if (options.notifyErrors !== false) notifyError(error);
    },
  });
}

/** The one place a failure reaches the person when it has no place on the screen of its own. */
export function notifyError(error: unknown, title = '操作没有完成', id?: string): void {
  // One notice per id: a repeated failure replaces the old one instead of stacking up.
  if (id) notifications.hide(id);
  // Messages name files and cells on several lines; they are kept as written.
  notifications.show({
    id,
    color: 'red',
    title,
    message: (error as Error).message,
    autoClose: 8000,
    styles: { description: { whiteSpace: 'pre-wrap' } },
  });
}

/** Takes back a failure notice once what failed has succeeded (a retried save, a repeated import). */
export function clearNotice(id: string): void {
  notifications.hide(id);
}

export function notifyDone(message: string, title?: string): void {
  notifications.show({ color: 'green', title, message, autoClose: 4000 });
}
