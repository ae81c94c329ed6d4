// The one sentence saying what a search found, for the 档案 page and the CLI.
import type { SearchResultView } from './api';

/** "找到 12 处“培训”": occurrences, with "+" when more sections contain the word than were returned. */
export const foundText = (r: SearchResultView, query: string): string =>
  r.hits.length ? `找到 ${r.total}${r.capped ? '+' : ''} 处“${query}”` : `没有找到“${query}”`;
