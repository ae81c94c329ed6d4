// A printable view of a page (差错清单, 图表): A4 sheets shown over the app, and printed alone (print.css hides
// everything else on paper). Each child `PrintSheet` starts a new page.
import { Button, Group, Text } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import '../print.css';

export function PagePrint({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const printButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // Escape or 返回 puts the focus back where the person was (the button that opened the view).
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    document.body.classList.add('page-printing');
    // The app behind the sheets takes no focus: Tab stays on the toolbar.
    const root = document.getElementById('root');
    root?.setAttribute('inert', '');
    printButton.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => {
      document.body.classList.remove('page-printing');
      root?.removeAttribute('inert');
      window.removeEventListener('keydown', onKey);
      opener?.focus();
    };
  }, [onClose]);
  return createPortal(
    <div className="page-print" role="dialog" aria-label={title}>
      <div className="print-toolbar">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Button variant="default" onClick={onClose}>
              返回
            </Button>
            <Text fw={600}>{title}（A4）</Text>
          </Group>
          <Button ref={printButton} onClick={() => window.print()}>
            打印
          </Button>
        </Group>
        <Text size="xs" c="dimmed" mt={6}>
          要保存为 PDF 文件：点击“打印”，在打印对话框的“目标打印机”中选择“另存为 PDF”。
        </Text>
      </div>
      {children}
    </div>,
    document.body,
  );
}

/** One A4 page (more when its content is longer). */
export function PrintSheet({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <section className="page-print-sheet" aria-label={label}>
      {children}
    </section>
  );
}
