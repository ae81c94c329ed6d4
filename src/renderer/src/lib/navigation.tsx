// How a page moves the person elsewhere: open a report in the editor, or show another page with parameters
// (the board's “差错清单” button shows the errors page for one unit). App.tsx provides it; pages only consume it.
import { createContext, useContext } from 'react';

export const PAGES = [
  { key: 'archive', label: '档案' },
  { key: 'import', label: '导入' },
  { key: 'units', label: '单位' },
  { key: 'board', label: '报送情况' },
  { key: 'summary', label: '全区汇总' },
  { key: 'errors', label: '差错清单' },
  { key: 'charts', label: '图表' },
  { key: 'export', label: '导出' },
  { key: 'settings', label: '设置与备份' },
  { key: 'templates', label: '表样' },
] as const;
export type PageKey = (typeof PAGES)[number]['key'];

/** Parameters a page is shown with; each page reads the ones it knows (all optional). */
export interface PageParams {
  unit?: string;
  parent?: string;
  year?: number;
}

/** A search hit to scroll to when a report opens. */
export interface ReportFocus {
  section: string;
  offset: number;
  length: number;
}

export interface Navigation {
  openReport(unit: string, year: number, focus?: ReportFocus): void;
  goTo(page: PageKey, params?: PageParams): void;
  /** A report (or, without a year, every report of a unit) was deleted: an editor open on it closes. */
  reportGone(unit: string, year?: number): void;
}

export const NavigationContext = createContext<Navigation>({
  openReport: () => undefined,
  goTo: () => undefined,
  reportGone: () => undefined,
});

export function useNavigation(): Navigation {
  return useContext(NavigationContext);
}
