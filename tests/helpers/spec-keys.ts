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
