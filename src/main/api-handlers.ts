// The renderer's API, implemented over the services: one handler per channel of src/shared/api.ts. Electron's
// IPC and the browser bridge both call `dispatch`, so they check arguments and report errors the same way.
import { API, CHANNELS, type ApiArgs, type ApiResponse, type ApiResult, type Channel } from '../shared/api';
import type { Report } from '../shared/report';
import { validate } from '../shared/validation';
import { board } from './collect/board';
import { regionCharts, unitCharts } from './collect/charts';
import { unitErrors, yearErrors } from './collect/errors-list';
import { exportErrors, exportReminder, exportSummary } from './collect/exports';
import { summarize } from './collect/summary';
import { importUnits } from './collect/unit-import';
import { InputError, toApiError } from './errors';
import { FILTERS, type Host } from './host';
import { exportDocx, exportFlat, exportHtml, exportReport, exportTemplates, safeFileName } from './services/export';
import { IMPORTABLE } from './services/files';
import { commitFiles, previewFile } from './services/import-preview';
import { overviewPage } from './services/overview';
import { archiveYears, findUnits, reportCounts, unitTree } from './services/pickers';
import { checkBackupFile, type ArchiveStore } from './services/store';
import { packageFileName } from './exchange/package';
import { ExchangeService } from './exchange/service';
import { APP_VERSION } from './version';
import { localDate } from '../shared/local-time';

export type Handlers = { [C in Channel]: (args: ApiArgs<C>) => ApiResult<C> | Promise<ApiResult<C>> };

const today = () => localDate(new Date());

export function createHandlers(store: ArchiveStore, host: Host): Handlers {
  const a = () => store.archive;
  const ex = () => new ExchangeService(store.archive);
  const previousOf = (r: Report) => (r.unit && r.year !== null ? a().find(r.unit, r.year - 1)?.report : undefined);
  /** The file name to offer; also refuses a report that is not in the archive before any dialog opens. */
  const reportName = (unit: string, year: number) => `${safeFileName(a().get(unit, year).unit.name)}-${year}年政府信息公开工作年度报告`;
  return {
    'app.info': () => ({ version: APP_VERSION, platform: process.platform, archivePath: store.path, host: host.kind }),
    'units.list': () => a().listUnits(),
    'units.add': (x) => a().addUnit(x),
    'units.update': (x) => a().updateUnit(x.name, x.change),
    'units.delete': ({ name }) => a().deleteUnit(name),
    'units.undelete': ({ name }) => a().undeleteUnit(name),
    'archive.overview': (q) => overviewPage(a().db, q),
    'archive.years': () => archiveYears(a().db),
    'units.find': (q) => findUnits(a().db, q),
    'units.tree': ({ year, counts }) => unitTree(a().db, year, counts),
    'export.counts': () => reportCounts(a().db),
    'archive.deleted': () => a().deleted(),
    'report.get': ({ unit, year }) => ({ ...a().get(unit, year), findings: a().validateStored(unit, year) }),
    'report.draft': ({ unit, year }) => a().draft(unit, year),
    'report.save': (x) => {
      // Today's backup runs in the background; a save never waits for it.
      store.startDailyBackup();
      return a().save(x.report as Report, { baseRevision: x.baseRevision, note: x.note, provenance: x.provenance, session: x.session });
    },
    'report.validate': ({ report }) => validate(report as Report, { previous: previousOf(report as Report) }),
    'report.setStatus': ({ unit, year, status, confirmErrors }) => a().setStatus(unit, year, status, { confirmErrors }),
    'report.delete': ({ unit, year }) => (a().delete(unit, year), null),
    'report.undelete': ({ unit, year }) => (a().undelete(unit, year), null),
    'report.history': ({ unit, year }) => a().history(unit, year),
    'report.diff': ({ unit, year, from, to }) => a().diff(unit, year, from, to),
    'report.restoreRevision': ({ unit, year, revision }) => ({ revision: a().restoreRevision(unit, year, revision).revision }),
    'findings.dismiss': ({ unit, year, finding, reason }) => (a().dismiss(unit, year, finding, reason), a().validateStored(unit, year)),
    'findings.undismiss': ({ unit, year, finding }) => (a().undismiss(unit, year, finding), a().validateStored(unit, year)),
    search: ({ query }) => a().search(query),

    'import.pick': () =>
      host.openFiles({
        title: '选择要导入的年报文件',
        // 报送包 and 退回包 come in here too (the import page receives them apart from the reports).
        filters: [
          {
            name: '年报文件（Excel、文本、网页、Word）或报送包',
            extensions: [...IMPORTABLE.map((e) => e.slice(1)), ...FILTERS.nbpkg.extensions],
          },
        ],
        multiple: true,
      }),
    'import.plan': ({ file, overrides }) => previewFile(a(), file, overrides),
    'import.commit': ({ items }) => {
      store.startDailyBackup();
      return commitFiles(a(), items);
    },

    'export.report': async ({ unit, year }) => {
      const path = await host.saveFile({ title: '导出年报工作簿', defaultName: `${reportName(unit, year)}.xlsx`, filters: [FILTERS.xlsx] });
      if (!path) return null;
      await exportReport(a(), unit, year, path);
      return { path };
    },
    'export.templates': async ({ units, year }) => {
      const dir = await host.chooseFolder({ title: `选择保存 ${year} 年填报表的文件夹` });
      if (!dir) return null;
      return { dir, files: await exportTemplates(a(), units, year, dir) };
    },
    'export.flat': async () => {
      const path = await host.saveFile({
        title: '导出档案总表',
        defaultName: `政府信息公开年报档案总表-${today()}.xlsx`,
        filters: [FILTERS.xlsx],
      });
      if (!path) return null;
      return { path, count: await exportFlat(a(), path) };
    },
    'export.pdf': async ({ unit, year }) => {
      if (!host.printToPdf) throw new InputError('浏览器中请用打印视图的“打印”按钮，在打印对话框中选择“另存为 PDF”');
      const path = await host.saveFile({ title: '导出 PDF', defaultName: `${reportName(unit, year)}.pdf`, filters: [FILTERS.pdf] });
      if (!path) return null;
      await host.printToPdf({ unit, year }, path);
      return { path };
    },
    'export.docx': async ({ unit, year }) => {
      const path = await host.saveFile({ title: '导出 Word 文档', defaultName: `${reportName(unit, year)}.docx`, filters: [FILTERS.docx] });
      if (!path) return null;
      await exportDocx(a(), unit, year, path);
      return { path };
    },
    'export.html': async ({ unit, year }) => {
      const path = await host.saveFile({
        title: '导出网页（门户网站发布用）',
        defaultName: `${reportName(unit, year)}.html`,
        filters: [FILTERS.html],
      });
      if (!path) return null;
      await exportHtml(a(), unit, year, path);
      return { path };
    },
    'board.get': ({ year, parent, outliers }) => board(a(), { year, parent, outliers }),
    'board.export': async ({ year, parent }) => {
      const path = await host.saveFile({
        title: '导出催报单',
        defaultName: `${year}年年报催报单-${today()}.xlsx`,
        filters: [FILTERS.xlsx],
      });
      if (!path) return null;
      return { path, count: await exportReminder(a(), { year, parent }, path) };
    },
    'summary.get': ({ year, parent, compare }) => summarize(a(), { year, parent, compare }),
    'summary.export': async ({ year, parent }) => {
      const name = `${safeFileName(a().unit(parent).name)}（汇总）-${year}年政府信息公开工作年度报告`;
      const path = await host.saveFile({ title: '导出汇总表', defaultName: `${name}.xlsx`, filters: [FILTERS.xlsx] });
      if (!path) return null;
      await exportSummary(a(), { year, parent }, path);
      return { path };
    },
    'errors.list': ({ year, unit, parent }) => (unit ? [unitErrors(a(), unit, year)] : yearErrors(a(), year, parent ?? null)),
    'errors.export': async ({ year, unit, parent }) => {
      const who = unit ? safeFileName(a().unit(unit).name) : parent ? safeFileName(a().unit(parent).name) : '全部单位';
      const path = await host.saveFile({
        title: '导出差错清单',
        defaultName: `${who}-${year}年年报差错清单.xlsx`,
        filters: [FILTERS.xlsx],
      });
      if (!path) return null;
      return { path, units: await exportErrors(a(), { year, unit, parent }, path) };
    },
    'charts.unit': ({ unit }) => unitCharts(a(), unit),
    'charts.region': ({ parent }) => regionCharts(a(), parent),
    'units.pick': async () =>
      (await host.openFiles({ title: '选择单位名单（Excel 工作簿）', filters: [FILTERS.xlsx], multiple: false }))[0] ?? null,
    'units.import': async ({ file, dryRun, preview }) => {
      if (!dryRun && !preview) store.startDailyBackup();
      return importUnits(a(), file, { dryRun, preview });
    },
    'host.showInFolder': ({ path }) => (host.showInFolder(path), null),

    'backup.list': () => {
      const health = store.health();
      return {
        archivePath: store.path,
        backupDir: store.backupDir,
        backups: store.backups(),
        problem: health.damaged ?? health.backupError,
      };
    },
    'backup.now': () => store.backupNow(),
    'backup.pick': async () =>
      (await host.openFiles({ title: '选择要恢复的档案备份', filters: [FILTERS.archive], multiple: false }))[0] ?? null,
    'backup.check': ({ file }) => ({ file, ...checkBackupFile(file) }),
    'backup.restore': async ({ file }) => {
      const { check, safetyCopy } = await store.restoreFrom(file);
      return { check: { file, ...check }, safetyCopy };
    },

    'exchange.send': async ({ unit, year }) => {
      const name = a().get(unit, year).unit.name;
      const path = await host.saveFile({ title: '保存报送包', defaultName: packageFileName(name, year, 'send'), filters: [FILTERS.nbpkg] });
      return path ? ex().send(unit, year, path) : null;
    },
    'exchange.pick': async () =>
      (await host.openFiles({ title: '选择要接收的报送包或退回包', filters: [FILTERS.nbpkg], multiple: false }))[0] ?? null,
    'exchange.preview': ({ file, asUnit }) => ex().preview(file, { asUnit }),
    'exchange.receive': async ({ file, allowOlder, asUnit }) => {
      await store.dailyBackup();
      return ex().receive(file, { allowOlder, asUnit });
    },
    'exchange.return': async ({ unit, year, general, cells }) => {
      const name = a().get(unit, year).unit.name;
      const path = await host.saveFile({
        title: '保存退回包',
        defaultName: packageFileName(name, year, 'return'),
        filters: [FILTERS.nbpkg],
      });
      return path ? ex().returnTo(unit, year, { general, cells }, path) : null;
    },
    'exchange.history': ({ unit, year }) => ex().history(unit, year),
    'exchange.lastReturn': ({ unit, year }) => ex().lastReturn(unit, year),
    'exchange.board': ({ year }) => ex().board(year),
  };
}

const isChannel = (c: string): c is Channel => (CHANNELS as readonly string[]).includes(c);

/** Checks the channel and the arguments, runs the handler, and answers {ok, value} or {ok:false, error} in Chinese. */
export async function dispatch(handlers: Handlers, channel: string, raw: unknown): Promise<ApiResponse<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: { kind: 'input', message: `未知的请求：${channel}` } };
  const args = API[channel].args.safeParse(raw ?? {});
  if (!args.success)
    return {
      ok: false,
      error: { kind: 'input', message: `请求参数有误：${args.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}` },
    };
  try {
    const handler = handlers[channel] as (a: unknown) => unknown;
    return { ok: true, value: await handler(args.data) };
  } catch (e) {
    return { ok: false, error: toApiError(e) };
  }
}
