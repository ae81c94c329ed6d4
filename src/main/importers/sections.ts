// Splits a report's plain text into its sections by their headings (一、总体情况 … 六、其他需要报告的事项).
// Headings vary in wording, so a heading is a short line that starts with the section's numeral and holds
// one of its key words; sections are looked for in order, so an earlier sub-heading such as 二、政策解读
// inside 一、总体情况 is not taken for section 二.
import { normalizeLabel, type SectionKey, type Template } from '../../shared/template';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const HEADING = /^([一二三四五六七八九十]+)[、,.:\s]/;
const MAX_HEADING_LENGTH = 40;
// A line this long before normalising (spaces, tabs, | cells) cannot be a heading either.
const MAX_RAW_HEADING_LENGTH = 200;

export interface SplitText {
  /** Text before the first heading (title, page header, stray paragraphs). */
  preamble: string;
  sections: Partial<Record<SectionKey, string>>;
  /** 0-based line index of each section's heading. */
  headingLines: Partial<Record<SectionKey, number>>;
}

export function splitSections(text: string, template: Template): SplitText {
  const lines = text.split(/\r?\n/);
  // Normalised once: long reports are searched once per section.
  const normalized = lines.map((l) => (l.length <= MAX_RAW_HEADING_LENGTH ? normalizeLabel(l) : ''));
  const found: { key: SectionKey; line: number }[] = [];
  let from = 0;
  template.sections.forEach((section, index) => {
    for (let i = from; i < lines.length; i++) {
      const line = normalized[i];
      const m = HEADING.exec(line);
      if (!m || line.length > MAX_HEADING_LENGTH) continue;
      // The 2019/2021 formats fix the numbering; older reports number their sections freely.
      if (template.id !== 'legacy' && m[1] !== NUMERALS[index]) continue;
      if (!section.keywords.some((k) => line.includes(normalizeLabel(k)))) continue;
      found.push({ key: section.key, line: i });
      from = i + 1;
      return;
    }
  });
  const sections: SplitText['sections'] = {};
  const headingLines: SplitText['headingLines'] = {};
  found.forEach((f, i) => {
    const end = i + 1 < found.length ? found[i + 1].line : lines.length;
    sections[f.key] = lines
      .slice(f.line + 1, end)
      .join('\n')
      .trim();
    headingLines[f.key] = f.line;
  });
  const preamble = lines
    .slice(0, found.length ? found[0].line : lines.length)
    .join('\n')
    .trim();
  return { preamble, sections, headingLines };
}
