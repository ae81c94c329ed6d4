// The numbered migrations, in order. A new schema change is a new file here; never edit a released one.
import initial from './0001-initial';
import searchGrams from './0003-search-grams';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '0001-initial', sql: initial },
  { version: 3, name: '0003-search-grams', sql: searchGrams },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
