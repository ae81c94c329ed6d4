// A report's text as scraped or copied from a web page, Word or PDF → a candidate report.
import { reflowLines } from '../../shared/reading/reflow';
import { readDocument } from './document';
import { textToLines } from './lines';
import type { ParsedReport } from './types';

export function parseReportText(text: string, file: string): ParsedReport {
  // Lines restored from a long or broken line keep the number of the file's line in messages.
  const { lines, origin } = reflowLines(text.replace(/^\uFEFF/, ''));
  return readDocument({ lines: textToLines(lines.join('\n'), origin), file, kind: 'text' });
}
