// The template registry: every part of the app gets template definitions from here.
import { buildTemplate } from './build';
import { gov2019 } from './gov2019';
import { gov2021 } from './gov2021';
import { legacy } from './legacy';
import type { Template, TemplateId } from './types';

export * from './types';
export { normalizeLabel, labelMatches } from './normalize';
export { SECTION_HEADINGS } from './common';

export const TEMPLATE_IDS: readonly TemplateId[] = ['gov2021', 'gov2019', 'legacy'];

const TEMPLATES: Record<TemplateId, Template> = {
  gov2021: buildTemplate(gov2021),
  gov2019: buildTemplate(gov2019),
  legacy: buildTemplate(legacy),
};

export const isTemplateId = (id: unknown): id is TemplateId => typeof id === 'string' && id in TEMPLATES;

export function getTemplate(id: TemplateId): Template {
  return TEMPLATES[id];
}

/** The version a report of this year is expected to use. */
export function templateForYear(year: number): TemplateId {
  if (year >= 2021) return 'gov2021';
  if (year >= 2019) return 'gov2019';
  return 'legacy';
}
