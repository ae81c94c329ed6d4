// Workbooks as people make them by hand: tables moved, on one sheet or three, columns inserted, labels
// typed with line breaks and variants, numbers typed as text, no merges. Drawn from a layout so the tests can
// vary one thing at a time; the values come from a report so the expected result is known.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { CellValue, Report } from '../../src/shared/report';
import { getTemplate, type LayoutCell, type TableId } from '../../src/shared/template';

export interface HandmadeOptions {
  oneSheet?: boolean;
  /** Rows before each table (a title goes in the first of them). */
  rowOffset?: number;
  colOffset?: number;
  title?: string;
  /** Insert an empty 备注 column after this layout column (1-based) of a table. */
  insertColumn?: Partial<Record<TableId, number>>;
  merges?: boolean;
  /** WPS 取消合并并填充: no merges, every cell of a former merged range holds the range's label or value. */
  fillMerged?: boolean;
  label?: (text: string, cell: LayoutCell) => string;
  value?: (v: CellValue, key: string) => ExcelJS.CellValue;
  sheetNames?: string[];
  /** Leave a table out. */
  skip?: TableId[];
}

export function handmadeWorkbook(report: Report, o: HandmadeOptions = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const t = getTemplate(report.template);
  let ws: ExcelJS.Worksheet | undefined;
  let nextRow = 1;
  t.tables.forEach((table, i) => {
    if (o.skip?.includes(table.id)) return;
    if (!ws || !o.oneSheet) {
      ws = wb.addWorksheet(o.sheetNames?.[i] ?? `Sheet${i + 1}`);
      nextRow = 1;
    }
    const sheet = ws;
    const top = nextRow + (o.rowOffset ?? 0);
    if (o.title && (o.rowOffset ?? 0) > 0) sheet.getCell(nextRow, 1 + (o.colOffset ?? 0)).value = o.title;
    const inserted = o.insertColumn?.[table.id];
    const mapCol = (c: number) => (o.colOffset ?? 0) + c + (inserted !== undefined && c > inserted ? 1 : 0);
    if (inserted !== undefined) sheet.getCell(top, mapCol(inserted) + 1).value = '备注';
    for (const c of table.layout.cells) {
      const r1 = top + c.row - 1;
      const c1 = mapCol(c.col);
      const c2 = mapCol(c.col + c.colSpan - 1);
      const merged = c.rowSpan > 1 || c1 !== c2;
      if (o.merges !== false && !o.fillMerged && merged) sheet.mergeCells(r1, c1, r1 + c.rowSpan - 1, c2);
      const value =
        c.role === 'value'
          ? o.value
            ? o.value(report.values[c.key!], c.key!)
            : report.values[c.key!]
          : o.label
            ? o.label(c.text, c)
            : c.text;
      const targets =
        o.fillMerged && merged
          ? Array.from({ length: c.rowSpan }, (_, i) => Array.from({ length: c2 - c1 + 1 }, (_, j) => [r1 + i, c1 + j])).flat()
          : [[r1, c1]];
      for (const [r, col] of targets) sheet.getCell(r, col).value = value;
    }
    nextRow = top + table.layout.rows + 2;
  });
  return wb;
}

/**
 * Rewrites an .xlsx the way WPS 表格 saves it: inline strings instead of the shared-string table, its own
 * application name and namespaces, cells without style references, dimension refs left out.
 */
export async function asWps(xlsx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const shared = await zip.file('xl/sharedStrings.xml')?.async('string');
  const strings = shared
    ? [...shared.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => [...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''))
    : [];
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    let xml = await zip.file(name)!.async('string');
    xml = xml.replace(
      /<c r="([A-Z]+\d+)"([^>]*?) t="s"([^>]*)><v>(\d+)<\/v><\/c>/g,
      (_m, r, a, b, i) => `<c r="${r}"${a}${b} t="inlineStr"><is><t>${strings[Number(i)]}</t></is></c>`,
    );
    xml = xml.replace(/<dimension ref="[^"]*"\/>/, '');
    xml = xml.replace('<worksheet ', '<worksheet xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData" ');
    zip.file(name, xml);
  }
  zip.file(
    'docProps/app.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>WPS 表格</Application><AppVersion>12.1.0.16250</AppVersion></Properties>',
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}
