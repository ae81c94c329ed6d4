// The numbered migrations, in order. A new schema change is a new file here; never edit a released one.
import initial from './0001-initial';
import burstsUnitDelete from './0002-bursts-unit-delete';
import * as searchGrams from './0003-search-grams';
import exchange from './0004-exchange';
import reportScope from './0005-report-scope';
import * as compactStorage from './0006-compact-storage';
import overviewSummary from './0007-overview-summary';
import type { Db } from '../open';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Data changes that SQL alone cannot make well, run after `sql` in the same transaction. */
  run?: (db: Db) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '0001-initial', sql: initial },
  { version: 2, name: '0002-bursts-unit-delete', sql: burstsUnitDelete },
  { version: 3, name: '0003-search-grams', ...searchGrams },
  { version: 4, name: '0004-exchange', sql: exchange },
  { version: 5, name: '0005-report-scope', sql: reportScope },
  { version: 6, name: '0006-compact-storage', ...compactStorage },
  { version: 7, name: '0007-overview-summary', sql: overviewSummary },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
