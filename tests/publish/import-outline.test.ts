// R17 on the import path: a published text whose parts are out of order is flagged in the import preview.
import { describe, expect, it } from 'vitest';
import { parseReportText } from '../../src/main/importers';
import { planImport } from '../../src/main/services/import-plan';
import { tempStore } from '../helpers/archive';
import { loadSamples } from '../helpers/samples';

describe('R17 in the import preview', () => {
  it('flags parts out of order in the text being imported, and nothing in the sample as published', async () => {
    const store = await tempStore();
    const text = loadSamples().find((s) => s.name === '2024-jiaohu-town')!.text;
    const r17 = (t: string) =>
      planImport(store.archive, parseReportText(t, 'jiaohu.txt'))
        .findings.filter((f) => f.rule === 'R17')
        .map((f) => f.message);
    expect(r17(text)).toEqual([]);
    const renumbered = text.replace(/^六、其他需要报告的事项/m, '七、其他需要报告的事项');
    expect(renumbered).not.toBe(text);
    expect(r17(renumbered)).toEqual(['原文的“七、其他需要报告的事项”编号有误，应为“六、其他需要报告的事项”']);
    store.close();
  });
});
