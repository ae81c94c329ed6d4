// Words of the exchange that the CLI prints; kept apart from the package code so every CLI command
// does not load the zip and workbook code.
export type PackageKind = 'send' | 'return';
export const KIND_LABELS: Record<PackageKind, string> = { send: '报送', return: '退回' };
