// The numbered migrations, in order. A new schema change is a new file here; never edit a released one.
import initial from './0001-initial';
import burstsUnitDelete from './0002-bursts-unit-delete';
import exchange from './0004-exchange';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

// Version 3 comes with feat/search (its branch holds 0003).
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '0001-initial', sql: initial },
  { version: 2, name: '0002-bursts-unit-delete', sql: burstsUnitDelete },
  { version: 4, name: '0004-exchange', sql: exchange },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
