// The 报送包 (.nbpkg): a zip of the report, its findings and explained warnings, a workbook for people, and a
// manifest with the SHA-256 of every member. Writing it, and reading it back only after every check has passed.
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { z } from 'zod';
import { parseReport, UNIT_KINDS, type Report } from '../../shared/report';
import { getTemplate, SECTION_HEADINGS } from '../../shared/template';
import { RULE_IDS, SEVERITY_LABELS, type DismissedFinding } from '../../shared/validation';
import { InputError } from '../errors';
import { safeFileName } from '../services/export';
import { localDateTime } from '../../shared/local-time';
import { KIND_LABELS, type PackageKind } from './labels';
import { listEntries, readEntry } from './zip';

export { KIND_LABELS, type PackageKind };

export const PACKAGE_FORMAT = 'nianbao-exchange';
/** Raise when the members or their meaning change; an older program then refuses the package with a clear message. */
export const SCHEMA_VERSION = 1;
export const PACKAGE_EXTENSION = '.nbpkg';
export const MANIFEST = 'manifest.json';
export const JSON_MEMBERS = { report: 'report.json', findings: 'findings.json', dismissals: 'dismissals.json', reasons: 'reasons.json' };

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

const manifestSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  schemaVersion: z.number().int().min(1),
  appVersion: z.string(),
  kind: z.enum(['send', 'return']),
  unit: z.string().min(1),
  unitKind: z.enum(UNIT_KINDS),
  parent: z.string().nullable(),
  year: z.number().int().min(1990).max(2100),
  revision: z.number().int().min(1),
  template: z.string(),
  createdAt: z.string().datetime(),
  createdAtLocal: z.string(),
  members: z
    .array(
      z.object({
        name: z.string().min(1),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        size: z.number().int().min(0),
      }),
    )
    .min(1),
});
export type Manifest = z.infer<typeof manifestSchema>;

const findingsSchema = z.array(
  z
    .object({
      rule: z.enum(RULE_IDS),
      severity: z.enum(['error', 'warning', 'info']),
      cells: z.array(z.string()),
      message: z.string(),
      dismissed: z.object({ reason: z.string(), at: z.string() }).optional(),
    })
    .passthrough(),
);
const dismissalsSchema = z.array(
  z.object({ rule: z.enum(RULE_IDS), cells: z.array(z.string()), reason: z.string().min(1), at: z.string() }),
);
const reasonsSchema = z.object({
  general: z.array(z.string()),
  cells: z.array(z.object({ key: z.string(), name: z.string(), reason: z.string().min(1) })),
});

export type PackageDismissal = z.infer<typeof dismissalsSchema>[number];
export type ReturnReasons = z.infer<typeof reasonsSchema>;

export interface PackageContents {
  kind: PackageKind;
  unit: { name: string; kind: Manifest['unitKind']; parent: string | null };
  year: number;
  revision: number;
  report: Report;
  findings: DismissedFinding[];
  dismissals: PackageDismissal[];
  /** Return packages only. */
  reasons?: ReturnReasons;
  /** The official-layout workbook, and for a return the 差错清单. */
  workbooks: { name: string; data: Buffer }[];
}

export interface ReadPackage extends PackageContents {
  manifest: Manifest;
  /** SHA-256 of the whole package file. */
  sha256: string;
}

/** `某县教育局-2024-报送.nbpkg` */
export const packageFileName = (unit: string, year: number, kind: PackageKind) =>
  `${safeFileName(unit)}-${year}-${KIND_LABELS[kind]}${PACKAGE_EXTENSION}`;
export const reportWorkbookName = (unit: string, year: number) => `${safeFileName(unit)}-${year}年政府信息公开工作年度报告.xlsx`;
export const errorListName = (unit: string, year: number) => `${safeFileName(unit)}-${year}年差错清单.xlsx`;

export async function writePackage(c: PackageContents, options: { appVersion: string; now: Date }): Promise<Buffer> {
  const members: { name: string; data: Buffer }[] = [
    { name: JSON_MEMBERS.report, data: Buffer.from(JSON.stringify(c.report, null, 2)) },
    { name: JSON_MEMBERS.findings, data: Buffer.from(JSON.stringify(c.findings, null, 2)) },
    { name: JSON_MEMBERS.dismissals, data: Buffer.from(JSON.stringify(c.dismissals, null, 2)) },
    ...(c.kind === 'return'
      ? [{ name: JSON_MEMBERS.reasons, data: Buffer.from(JSON.stringify(c.reasons ?? { general: [], cells: [] }, null, 2)) }]
      : []),
    ...c.workbooks,
  ];
  const manifest: Manifest = {
    format: PACKAGE_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    appVersion: options.appVersion,
    kind: c.kind,
    unit: c.unit.name,
    unitKind: c.unit.kind,
    parent: c.unit.parent,
    year: c.year,
    revision: c.revision,
    template: c.report.template,
    createdAt: options.now.toISOString(),
    createdAtLocal: localDateTime(options.now.toISOString(), { offset: true }),
    members: members.map((m) => ({ name: m.name, sha256: sha256(m.data), size: m.data.length })),
  };
  const zip = new JSZip();
  const file = (name: string, data: Buffer) => zip.file(name, data, { date: options.now, createFolders: false });
  file(MANIFEST, Buffer.from(JSON.stringify(manifest, null, 2)));
  for (const m of members) file(m.name, m.data);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

function parseJson<T>(label: string, member: string, data: Buffer, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(data.toString('utf8'));
  } catch {
    throw new InputError(`报送包 ${label} 不能接收：成员“${member}”不是有效的 JSON。没有存入任何内容。`);
  }
  const r = schema.safeParse(raw);
  if (!r.success)
    throw new InputError(
      `报送包 ${label} 不能接收：成员“${member}”内容有误（${r.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || '整体'} ${i.message}`)
        .join('；')}）。没有存入任何内容。`,
    );
  return r.data;
}

/**
 * Reads and verifies a package: the zip's safety, the manifest, the schema version, the members listed against those
 * present, every member's SHA-256, each member's contents, and that the report is the unit and year the manifest
 * names. Throws an InputError in Chinese naming the package (`label`) and the member; returns nothing half-checked.
 */
export function readPackage(buf: Buffer, label: string): ReadPackage {
  const bad = (what: string) => new InputError(`报送包 ${label} 不能接收：${what}。没有存入任何内容。`);
  const entries = listEntries(buf, label);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const manifestEntry = byName.get(MANIFEST);
  if (!manifestEntry) throw bad(`缺少清单 ${MANIFEST}（不是本程序生成的报送包）`);
  let raw: unknown;
  try {
    raw = JSON.parse(readEntry(buf, manifestEntry, label).toString('utf8'));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw bad(`清单 ${MANIFEST} 不是有效的 JSON`);
  }
  // The version first: a newer format may change everything else.
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > SCHEMA_VERSION)
    throw new InputError(`报送包 ${label}：这个报送包由更新版本的程序生成（格式版本 ${version}），请升级后再接收。没有存入任何内容。`);
  const manifest = parseJson(label, MANIFEST, Buffer.from(JSON.stringify(raw)), manifestSchema);

  const listed = new Set<string>();
  for (const m of manifest.members) {
    if (m.name === MANIFEST || listed.has(m.name)) throw bad(`清单中的成员“${m.name}”重复`);
    listed.add(m.name);
    if (!byName.has(m.name)) throw bad(`缺少成员“${m.name}”`);
  }
  for (const e of entries) if (e.name !== MANIFEST && !listed.has(e.name)) throw bad(`含有清单中没有的成员“${e.name}”`);
  const required = [
    JSON_MEMBERS.report,
    JSON_MEMBERS.findings,
    JSON_MEMBERS.dismissals,
    ...(manifest.kind === 'return' ? [JSON_MEMBERS.reasons] : []),
  ];
  for (const r of required) if (!listed.has(r)) throw bad(`缺少成员“${r}”`);
  for (const m of manifest.members)
    if (!required.includes(m.name) && !m.name.toLowerCase().endsWith('.xlsx')) throw bad(`含有不认识的成员“${m.name}”`);

  const data = new Map<string, Buffer>();
  for (const m of manifest.members) {
    const d = readEntry(buf, byName.get(m.name)!, label);
    if (d.length !== m.size || sha256(d) !== m.sha256) throw bad(`成员“${m.name}”与清单记录的校验值不符（文件在传递中被改动或损坏）`);
    data.set(m.name, d);
  }

  const reportRaw = parseJson(label, JSON_MEMBERS.report, data.get(JSON_MEMBERS.report)!, z.unknown());
  const parsed = parseReport(reportRaw);
  if (!parsed.ok) throw bad(`成员“${JSON_MEMBERS.report}”中的报告有误：${parsed.errors.slice(0, 3).join('；')}`);
  const report = parsed.report;
  if (report.unit?.trim() !== manifest.unit) throw bad(`报告的单位（${report.unit ?? '未写明'}）与清单中的单位（${manifest.unit}）不一致`);
  if (report.year !== manifest.year) throw bad(`报告的年度（${report.year ?? '未写明'}）与清单中的年度（${manifest.year}）不一致`);
  if (report.template !== manifest.template) throw bad(`报告的表样（${report.template}）与清单中的表样（${manifest.template}）不一致`);

  const findings = parseJson(label, JSON_MEMBERS.findings, data.get(JSON_MEMBERS.findings)!, findingsSchema) as DismissedFinding[];
  const dismissals = parseJson(label, JSON_MEMBERS.dismissals, data.get(JSON_MEMBERS.dismissals)!, dismissalsSchema);
  let reasons: ReturnReasons | undefined;
  if (manifest.kind === 'return') {
    reasons = parseJson(label, JSON_MEMBERS.reasons, data.get(JSON_MEMBERS.reasons)!, reasonsSchema);
    const t = getTemplate(report.template);
    for (const c of reasons.cells) if (!t.cellByKey.has(c.key)) throw bad(`退回理由中的单元格“${c.key}”不在表样中`);
  }
  return {
    kind: manifest.kind,
    unit: { name: manifest.unit, kind: manifest.unitKind, parent: manifest.parent },
    year: manifest.year,
    revision: manifest.revision,
    report,
    findings,
    dismissals,
    reasons,
    workbooks: manifest.members
      .filter((m) => m.name.toLowerCase().endsWith('.xlsx'))
      .map((m) => ({ name: m.name, data: data.get(m.name)! })),
    manifest,
    sha256: sha256(buf),
  };
}

/** The 差错清单 of a return: the office's reasons, then the errors and the warnings the unit left unexplained. */
export async function errorListWorkbook(report: Report, findings: DismissedFinding[], reasons: ReturnReasons): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = '政府信息公开年报助手';
  const ws = wb.addWorksheet('差错清单');
  ws.columns = [
    { header: '序号', width: 6 },
    { header: '类别', width: 10 },
    { header: '规则', width: 8 },
    { header: '单元格', width: 40 },
    { header: '说明', width: 80 },
  ];
  ws.getRow(1).font = { bold: true };
  const t = getTemplate(report.template);
  const name = (key: string) => t.cellByKey.get(key)?.name ?? SECTION_HEADINGS[key] ?? key;
  let n = 0;
  for (const g of reasons.general) ws.addRow([++n, '退回理由', '', '', g]);
  for (const c of reasons.cells) ws.addRow([++n, '退回理由', '', c.name, c.reason]);
  for (const f of findings.filter((x) => x.severity === 'error' || (x.severity === 'warning' && !x.dismissed)))
    ws.addRow([++n, SEVERITY_LABELS[f.severity], f.rule, f.cells.map(name).join('；'), f.message]);
  ws.getColumn(5).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
