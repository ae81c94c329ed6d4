// The numbered migrations, in order. A new schema change is a new file here; never edit a released one.
import initial from './0001-initial';
import exchange from './0004-exchange';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '0001-initial', sql: initial },
  { version: 4, name: '0004-exchange', sql: exchange },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
