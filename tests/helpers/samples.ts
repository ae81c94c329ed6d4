// The reference samples live in ../shared/samples beside the repository (spec §9).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SAMPLES_DIR = process.env.NIANBAO_SAMPLES ?? fileURLToPath(new URL('../../../shared/samples/', import.meta.url));

export interface Sample {
  name: string;
  text: string;
  expected: {
    template: 'gov2021' | 'gov2019' | 'legacy';
    year: number | null;
    unit: string | null;
    published?: string;
    values: Record<string, number | null | string>;
    legacy?: unknown[];
    expected_findings: { errors: string[]; warnings_include: string[] };
    notes: string;
  };
}

export function loadSamples(): Sample[] {
  return readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith('.expected.json'))
    .sort()
    .map((f) => {
      const name = f.replace('.expected.json', '');
      return {
        name,
        text: readFileSync(`${SAMPLES_DIR}/${name}.txt`, 'utf8'),
        expected: JSON.parse(readFileSync(`${SAMPLES_DIR}/${f}`, 'utf8')),
      };
    });
}
