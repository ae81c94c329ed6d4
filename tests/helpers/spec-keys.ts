// The key parts as spec §4 lists them, written out on purpose: tests check the template and importers
// against the spec, not against the template itself.
export const REQUEST_COLS = ['natural_person', 'commercial', 'research', 'social_org', 'legal_service', 'other_org', 'total'];
export const WITHHELD = [
  'state_secret',
  'prohibited_by_law',
  'three_safeties',
  'third_party',
  'internal_affairs',
  'process_info',
  'enforcement_file',
  'administrative_query',
];
export const UNAVAILABLE = ['not_held', 'needs_creation', 'still_unclear'];
export const NOT_PROCESSED = ['complaint', 'duplicate', 'publication', 'excessive', 'reconfirm'];

/** Row keys of table 三 in order; `other` is the （六） part, which differs between versions. */
export const requestRowKeys = (other: string[]): string[] => [
  'new',
  'carried_over',
  'granted',
  'partial',
  ...WITHHELD.map((x) => `withheld.${x}`),
  ...UNAVAILABLE.map((x) => `unavailable.${x}`),
  ...NOT_PROCESSED.map((x) => `not_processed.${x}`),
  ...other,
  'total',
  'carried_forward',
];
