// The print view: one report in the official printed look on A4 (title, the six sections, the tables with their
// merged cells). Electron prints it to PDF in a hidden window; the browser shows it alone and prints it itself.
import { Alert, Button, Group, Text } from '@mantine/core';
import { useEffect } from 'react';
import type { StoredReportView } from '../../../shared/api';
import { NOT_APPLICABLE, type CellValue, type LegacyRow } from '../../../shared/report';
import { getTemplate, type SectionDef, type Template } from '../../../shared/template';
import { useApiQuery } from '../data/query';
import { OfficialTable } from '../components/OfficialTable';
import '../print.css';

interface Props {
  unit: string;
  year: number;
  onBack?: () => void;
}

export function PrintView({ unit, year, onBack }: Props) {
  // Asked afresh: the print must show what is stored now, not a cached answer from before the last save. Its error
  // is the page's content (the print window has nothing else to show, and Electron's PDF export reads it).
  const query = useApiQuery('report.get', { unit, year }, { refetchOnMount: 'always', meta: { quiet: true } });
  const stored = query.isFetchedAfterMount ? (query.data ?? null) : null;
  const error = query.error ? `无法打开“${unit}”${year} 年的报告：${query.error.message}` : null;

  // The page background is the app's; printed pages must be white.
  useEffect(() => {
    document.body.classList.add('printing');
    return () => {
      document.body.classList.remove('printing');
      delete document.body.dataset.printReady;
      delete document.body.dataset.printError;
    };
  }, []);

  // Electron's PDF export waits for these; fonts first, or the PDF may be drawn with a fallback font.
  useEffect(() => {
    if (error) document.body.dataset.printError = error;
    if (!stored) return;
    let live = true;
    void document.fonts.ready.then(() => {
      if (live) document.body.dataset.printReady = '1';
    });
    return () => {
      live = false;
    };
  }, [stored, error]);

  const toolbar = (
    <div className="print-toolbar">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          {onBack && (
            <Button variant="default" onClick={onBack}>
              返回
            </Button>
          )}
          <Text fw={600}>打印预览（A4）</Text>
          {stored?.status === 'draft' && (
            <Text size="sm" c="orange.8">
              这份报告还是草稿，尚未定稿
            </Text>
          )}
        </Group>
        {stored && <Button onClick={() => window.print()}>打印</Button>}
      </Group>
      {stored && (
        <Text size="xs" c="dimmed" mt={6}>
          要保存为 PDF 文件：点击“打印”，在打印对话框的“目标打印机”中选择“另存为 PDF”。
        </Text>
      )}
    </div>
  );

  return (
    <div className="print-view">
      {toolbar}
      {error && (
        <Alert className="print-toolbar" color="red" title="无法打印" maw={720} mx="auto" mt="md">
          {error}。请回到档案页确认这份报告存在后再试。
        </Alert>
      )}
      {!stored && !error && (
        <Text className="print-toolbar" ta="center" mt="xl">
          正在准备打印视图…
        </Text>
      )}
      {stored && <Paper stored={stored} />}
    </div>
  );
}

function Paper({ stored }: { stored: StoredReportView }) {
  const { report } = stored;
  const template = getTemplate(report.template);
  return (
    <article className="print-paper" aria-label="打印视图">
      <h1 className="print-title">
        {stored.unit.name}
        {stored.year}年政府信息公开工作年度报告
      </h1>
      {template.sections.map((s) => (
        <Section key={s.key} section={s} template={template} stored={stored} />
      ))}
      {report.legacy?.length ? <LegacyTable rows={report.legacy} template={template} /> : null}
    </article>
  );
}

function Section({ section, template, stored }: { section: SectionDef; template: Template; stored: StoredReportView }) {
  const table = section.kind === 'table' ? template.tables.find((t) => t.section.key === section.key) : undefined;
  const text = section.kind === 'text' ? (stored.report.sections[section.key] ?? '') : '';
  return (
    <section className={table ? `print-section table-${table.id}` : 'print-section'}>
      <h2 className="print-heading">{section.heading}</h2>
      {table ? (
        <div className={`print-table-${table.id}`}>
          <OfficialTable table={table} renderValue={(key) => show(stored.report.values[key] ?? null)} />
        </div>
      ) : (
        text
          .split(/\r?\n/)
          .map((p) => p.trim())
          .filter(Boolean)
          .map((p, i) => (
            <p key={i} className="print-paragraph">
              {p}
            </p>
          ))
      )}
    </section>
  );
}

/** Blank cells print empty; 不适用 as words; numbers as stored (never a blank turned into 0). */
function show(v: CellValue): React.ReactNode {
  if (v === null) return '';
  if (v === NOT_APPLICABLE) return <span className="na">{NOT_APPLICABLE}</span>;
  return String(v);
}

/** Reports up to 2018 have no national grid: their statistics print as the label/value rows they were read as. */
function LegacyTable({ rows, template }: { rows: LegacyRow[]; template: Template }) {
  const columns = template.legacyColumns ?? [];
  const cell = (r: LegacyRow, key: (typeof columns)[number]['key']) => {
    const v = key === 'label' ? r.label : key === 'unit' ? r.unit : key === 'this_year' ? r.this_year : r.cumulative;
    return v === null ? '' : String(v);
  };
  return (
    <section className="print-section">
      <h2 className="print-heading">{template.legacyHeading}</h2>
      <table className="official-table legacy" aria-label="统计指标">
        <tbody>
          <tr>
            {columns.map((c) => (
              <td key={c.key} className="column">
                {c.label}
              </td>
            ))}
          </tr>
          {rows.map((r, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c.key} className={c.key === 'label' ? 'row' : c.key === 'unit' ? '' : 'value'}>
                  {cell(r, c.key)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
