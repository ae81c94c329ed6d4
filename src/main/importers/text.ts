// A report's text as scraped or copied from a web page, Word or PDF → a candidate report.
import { reflowText } from '../../shared/reading/reflow';
import { readDocument } from './document';
import { textToLines } from './lines';
import type { ParsedReport } from './types';

export function parseReportText(text: string, file: string): ParsedReport {
  return readDocument({ lines: textToLines(reflowText(text.replace(/^\uFEFF/, ''))), file, kind: 'text' });
}
