// A report's text as scraped or copied from a web page, Word or PDF → a candidate report.
import { readDocument } from './document';
import { textToLines } from './lines';
import type { ParsedReport } from './types';

export function parseReportText(text: string, file: string): ParsedReport {
  return readDocument({ lines: textToLines(text.replace(/^\uFEFF/, '')), file, kind: 'text' });
}
