// What every importer (Excel, text, HTML, Word) produces: a candidate report, where each value came from, and
// the doubts a person must resolve. Nothing here is written to the archive; see services/import-plan.ts.
import type { Report } from '../../shared/report';
import type { SourceKind } from '../db/reports';

export interface ParsedReport {
  /** The candidate report; `report.doubts` lists cells whose placement or reading is uncertain. */
  report: Report;
  /** Where each value came from, for the preview: 'Sheet1!D7' (Excel), '第 123 行' (text), '表格 2 第 5 行第 3 格' (HTML/Word). */
  provenance: Record<string, string>;
  source: { kind: SourceKind; file: string };
  /** Other things noticed while reading (a stray repeated paragraph, a missing row…), in Chinese. */
  notes: string[];
  /** The document's text, line by line as read (published reports only): R17 checks its parts and their order. */
  text?: string;
}
