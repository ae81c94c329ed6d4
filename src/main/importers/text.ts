// A report's text as scraped or copied from a web page, Word or PDF → a candidate report.
import { reflowLines } from '../../shared/reading/reflow';
import { foldTraditional, isTraditional } from '../../shared/reading/traditional';
import { readDocument } from './document';
import { textToLines, type SourceLine } from './lines';
import type { ParsedReport } from './types';

export function parseReportText(text: string, file: string): ParsedReport {
  const source = text.replace(/^\uFEFF/, '');
  // A copy in traditional characters is read through its fold to simplified; its lines keep what was written.
  const traditional = isTraditional(source);
  // Lines restored from a long or broken line keep the number of the file's line in messages.
  const { lines, origin } = reflowLines(traditional ? foldTraditional(source) : source);
  const read = textToLines(lines.join('\n'), origin);
  if (traditional) keepWritten(read, origin, source.split(/\r\n|\r|\n/));
  return readDocument({ lines: read, file, kind: 'text', traditional });
}

/** Each folded line that is a whole line of the source as it was written shows that line. */
export function keepWritten(lines: SourceLine[], origin: readonly number[], written: readonly string[]): void {
  lines.forEach((l, i) => {
    const w = written[origin[i]];
    if (w !== undefined && foldTraditional(w) === l.text) l.shown = w;
  });
}
