// The renderer's API, implemented over the services: one handler per channel of src/shared/api.ts. Electron's
// IPC and the browser bridge both call `dispatch`, so they check arguments and report errors the same way.
import { API, CHANNELS, type ApiArgs, type ApiResponse, type ApiResult, type Channel } from '../shared/api';
import type { Report } from '../shared/report';
import { validate } from '../shared/validation';
import { InputError } from './errors';
import type { ArchiveStore } from './services/store';
import { APP_VERSION } from './version';

export type Handlers = { [C in Channel]: (args: ApiArgs<C>) => ApiResult<C> | Promise<ApiResult<C>> };

export function createHandlers(store: ArchiveStore): Handlers {
  const a = () => store.archive;
  const previousOf = (r: Report) => (r.unit && r.year !== null ? a().find(r.unit, r.year - 1)?.report : undefined);
  return {
    'app.info': () => ({ version: APP_VERSION, platform: process.platform, archivePath: store.path }),
    'units.list': () => a().listUnits(),
    'units.add': (x) => a().addUnit(x),
    'units.update': (x) => a().updateUnit(x.name, x.change),
    'archive.overview': () => a().overview(),
    'report.get': ({ unit, year }) => ({ ...a().get(unit, year), findings: a().validateStored(unit, year) }),
    'report.draft': ({ unit, year }) => a().draft(unit, year),
    'report.save': async (x) => {
      await store.dailyBackup();
      return a().save(x.report as Report, { baseRevision: x.baseRevision, note: x.note, provenance: x.provenance });
    },
    'report.validate': ({ report }) => validate(report as Report, { previous: previousOf(report as Report) }),
    'report.setStatus': ({ unit, year, status }) => (a().setStatus(unit, year, status), null),
    'report.delete': ({ unit, year }) => (a().delete(unit, year), null),
    'report.history': ({ unit, year }) => a().history(unit, year),
    'report.diff': ({ unit, year, from, to }) => a().diff(unit, year, from, to),
    'report.restoreRevision': ({ unit, year, revision }) => ({ revision: a().restoreRevision(unit, year, revision).revision }),
    'findings.dismiss': ({ unit, year, finding, reason }) => (a().dismiss(unit, year, finding, reason), a().validateStored(unit, year)),
    'findings.undismiss': ({ unit, year, finding }) => (a().undismiss(unit, year, finding), a().validateStored(unit, year)),
    search: ({ query }) => a().search(query),
  };
}

const isChannel = (c: string): c is Channel => (CHANNELS as readonly string[]).includes(c);

/** Checks the channel and the arguments, runs the handler, and answers {ok, value} or {ok:false, error} in Chinese. */
export async function dispatch(handlers: Handlers, channel: string, raw: unknown): Promise<ApiResponse<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: `未知的请求：${channel}` };
  const args = API[channel].args.safeParse(raw ?? {});
  if (!args.success)
    return { ok: false, error: `请求参数有误：${args.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}` };
  try {
    const handler = handlers[channel] as (a: unknown) => unknown;
    return { ok: true, value: await handler(args.data) };
  } catch (e) {
    return { ok: false, error: e instanceof InputError ? e.message : `操作失败：${(e as Error).message}` };
  }
}
