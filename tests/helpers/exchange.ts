// Packages for the exchange tests: a unit archive with a report worth sending, and ways to tamper with a package.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Db } from '../../src/main/db/open';
import type { ArchiveStore } from '../../src/main/services/store';
import type { Report } from '../../src/shared/report';
import { consistentReport } from './random-report';

export const UNIT = '某县教育局';
export const OFFICE = '某县人民政府办公室';

/** A 2024 report with texts, a late publication date (R11) and an 其他事项 without 处理费 (R8): two warnings to explain. */
export function unitReport(seed = 3): Report {
  const r = consistentReport('gov2021', seed, 2024);
  return {
    ...r,
    unit: UNIT,
    unit_kind: 'department',
    published: '2025-03-15',
    sections: { ...r.sections, overall: '本机关坚持以公开为常态、不公开为例外。', other: '本年度没有其他需要报告的事项。' },
  };
}

export async function unitWithExplainedReport(store: ArchiveStore, seed = 3): Promise<void> {
  store.archive.addUnit({ name: OFFICE, kind: 'department' });
  store.archive.addUnit({ name: UNIT, kind: 'department', parent: OFFICE });
  store.archive.save(unitReport(seed), { note: '初稿' });
  for (const f of store.archive.validateStored(UNIT, 2024).filter((x) => x.severity === 'warning'))
    store.archive.dismiss(UNIT, 2024, f, f.rule === 'R11' ? '局长出差，经批准延至3月中旬发布' : '本年度未收取信息处理费，已在正文补充说明');
}

/** Every row of every ordinary table, for "nothing changed" comparisons. */
export function dumpRows(db: Db): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(tables.map((t) => [t.name, db.prepare(`SELECT * FROM "${t.name}"`).all()]));
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Rewrites a package: `edit` changes the members (and the manifest object); with `rehash` the manifest's hashes are
 * brought up to date, as a forger who knows the format would.
 */
export async function repack(
  file: string,
  out: string,
  edit: (members: Map<string, Buffer>, manifest: Record<string, unknown>) => void,
  rehash = true,
): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const members = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files)) if (name !== 'manifest.json') members.set(name, await zip.files[name].async('nodebuffer'));
  const manifest = JSON.parse(await zip.files['manifest.json'].async('string'));
  edit(members, manifest);
  if (rehash) manifest.members = [...members].map(([name, data]) => ({ name, sha256: sha(data), size: data.length }));
  const z = new JSZip();
  z.file('manifest.json', JSON.stringify(manifest), { createFolders: false });
  for (const [name, data] of members) z.file(name, data, { createFolders: false });
  writeFileSync(out, await z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

/** Adds raw members to a valid package, keeping its manifest (the zip-level checks come first). */
export async function withExtra(
  file: string,
  out: string,
  extra: { name: string; data: Buffer | string; unixPermissions?: number }[],
  platform: 'DOS' | 'UNIX' = 'DOS',
): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  for (const e of extra) zip.file(e.name, e.data, { createFolders: false, unixPermissions: e.unixPermissions });
  writeFileSync(out, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform }));
}

/** Replaces every occurrence of `from` by `to` (same length) in a file's bytes. */
export function patchBytes(file: string, out: string, from: string, to: string): void {
  const buf = readFileSync(file);
  const a = Buffer.from(from);
  const b = Buffer.from(to);
  if (a.length !== b.length) throw new Error('patchBytes needs equal lengths');
  let i = buf.indexOf(a);
  if (i < 0) throw new Error(`${from} not in ${file}`);
  for (; i >= 0; i = buf.indexOf(a, i + 1)) b.copy(buf, i);
  writeFileSync(out, buf);
}
