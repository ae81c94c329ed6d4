// The exchange channels over a fake host, through dispatch as the renderer calls them: dialogs asked, typed
// results, and refusals as Chinese 'input' errors.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../src/main/api-handlers';
import type { FileFilter, Host } from '../../src/main/host';
import { tempDir, tempStore } from '../helpers/archive';
import { UNIT, unitWithExplainedReport } from '../helpers/exchange';

function fakeHost(saves: (string | null)[], opens: string[][] = []) {
  const asked: { title: string; defaultName?: string; filters: FileFilter[] }[] = [];
  const host: Host = {
    kind: 'browser',
    openFiles: async (o) => (asked.push(o), opens.shift() ?? []),
    saveFile: async (o) => (asked.push(o), saves.shift() ?? null),
    chooseFolder: async () => null,
    showInFolder: () => undefined,
    printToPdf: null,
  };
  return { host, asked };
}

describe('exchange channels', () => {
  it('send, pick, preview, receive, return, history and lastReturn', async () => {
    const dir = tempDir();
    const pkg = join(dir, 'p.nbpkg');
    const back = join(dir, 'b.nbpkg');
    const unitStore = await tempStore();
    await unitWithExplainedReport(unitStore);
    const officeStore = await tempStore();
    const u = fakeHost([null, pkg], [[back]]);
    const o = fakeHost([back], [[pkg]]);
    const atUnit = (c: string, a: unknown) => dispatch(createHandlers(unitStore, u.host), c, a);
    const atOffice = (c: string, a: unknown) => dispatch(createHandlers(officeStore, o.host), c, a);

    // Cancelling the dialog writes and records nothing.
    expect(await atUnit('exchange.send', { unit: UNIT, year: 2024 })).toEqual({ ok: true, value: null });
    expect(await atUnit('exchange.history', { unit: UNIT, year: 2024 })).toEqual({ ok: true, value: [] });
    const sent = await atUnit('exchange.send', { unit: UNIT, year: 2024 });
    expect(sent).toMatchObject({ ok: true, value: { file: pkg, revision: 1 } });
    expect(u.asked[0]).toMatchObject({ title: '保存报送包', defaultName: `${UNIT}-2024-报送.nbpkg`, filters: [{ extensions: ['nbpkg'] }] });

    expect(await atOffice('exchange.pick', {})).toEqual({ ok: true, value: pkg });
    const preview = await atOffice('exchange.preview', { file: pkg });
    expect(preview).toMatchObject({ ok: true, value: { kind: 'send', unit: UNIT, year: 2024, existing: null } });
    expect(await atOffice('exchange.receive', { file: pkg })).toMatchObject({ ok: true, value: { status: 'accepted', revision: 1 } });

    expect(
      await atOffice('exchange.return', { unit: UNIT, year: 2024, general: [], cells: [{ key: 'requests.new.total', reason: '' }] }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'input', message: expect.stringContaining('退回理由不能为空') },
    });
    const ret = await atOffice('exchange.return', {
      unit: UNIT,
      year: 2024,
      general: ['请核对'],
      cells: [{ key: 'requests.new.total', reason: '与明细之和不符' }],
    });
    expect(ret).toMatchObject({ ok: true, value: { file: back } });
    expect(await atUnit('exchange.receive', { file: back })).toMatchObject({ ok: true, value: { status: 'accepted' } });
    expect(await atUnit('exchange.lastReturn', { unit: UNIT, year: 2024 })).toMatchObject({
      ok: true,
      value: { general: ['请核对'], cells: { 'requests.new.total': '与明细之和不符' }, answered: false },
    });
    const hist = await atOffice('exchange.history', { unit: UNIT, year: 2024 });
    expect(hist.ok && (hist.value as { label: string }[]).map((e) => e.label)).toEqual(['已退回', '已接收']);

    expect(await atOffice('exchange.board', { year: 2024 })).toMatchObject({
      ok: true,
      value: [{ unit: UNIT, direction: 'returned', label: '已退回', revision: 1 }],
    });
    expect(await atUnit('exchange.board', { year: 2024 })).toMatchObject({ ok: true, value: [{ unit: UNIT, label: '已退回' }] });
    expect(await atOffice('exchange.board', { year: 2023 })).toEqual({ ok: true, value: [] });

    // A package that is not one: an input error in Chinese, nothing stored.
    const junk = join(dir, 'junk.nbpkg');
    writeFileSync(junk, 'junk');
    expect(await atOffice('exchange.preview', { file: junk })).toMatchObject({
      ok: false,
      error: { kind: 'input', message: expect.stringContaining('报送包 junk.nbpkg 不能接收') },
    });
    expect(await atOffice('exchange.receive', { file: join(dir, 'none.nbpkg') })).toMatchObject({
      ok: false,
      error: { kind: 'not_found' },
    });
    expect(existsSync(`${pkg}.part`)).toBe(false);
  });
});
