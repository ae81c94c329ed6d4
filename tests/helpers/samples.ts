// Copies of the reference samples (../shared/samples, spec §9) live in tests/fixtures/samples, so a clone
// passes on its own; NIANBAO_SAMPLES points the tests at another folder of the same shape.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SAMPLES_DIR = process.env.NIANBAO_SAMPLES ?? fileURLToPath(new URL('../fixtures/samples/', import.meta.url));

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
