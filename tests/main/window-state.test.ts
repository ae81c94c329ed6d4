import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW, loadWindowState, saveWindowState, type Area } from '../../src/main/window-state';
import { tempDir } from '../helpers/archive';

const LAPTOP: Area = { x: 0, y: 0, width: 1920, height: 1040 };
// A second monitor to the left of the main one, as Windows reports it (negative x).
const LEFT: Area = { x: -1280, y: 0, width: 1280, height: 984 };

const fileWith = (content: string) => {
  const file = join(tempDir(), 'window-state.json');
  writeFileSync(file, content);
  return file;
};

describe('remembered window size and place', () => {
  it('round-trips a saved state, creating the folder', () => {
    const file = join(tempDir(), '新建文件夹', 'window-state.json');
    const state = { x: 120, y: 80, width: 1400, height: 900, maximized: false };
    saveWindowState(file, state);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state);
    expect(loadWindowState(file, [LAPTOP])).toEqual(state);
    saveWindowState(file, { ...state, maximized: true });
    expect(loadWindowState(file, [LAPTOP])).toEqual({ ...state, maximized: true });
  });

  it('keeps a place on a second screen at negative coordinates', () => {
    const file = fileWith(JSON.stringify({ x: -1200, y: 40, width: 1100, height: 800, maximized: false }));
    expect(loadWindowState(file, [LAPTOP, LEFT])).toEqual({ x: -1200, y: 40, width: 1100, height: 800, maximized: false });
  });

  it('uses the default for a missing, broken or absurd file', () => {
    expect(loadWindowState(join(tempDir(), 'none.json'), [LAPTOP])).toEqual(DEFAULT_WINDOW);
    for (const content of [
      '',
      '{"width": 1200, "height": 8',
      'null',
      '[]',
      '"1280x860"',
      JSON.stringify({ width: 'wide', height: 800 }),
      JSON.stringify({ x: 10, y: 10 }),
      JSON.stringify({ width: 50, height: 40 }),
      JSON.stringify({ width: 1e9, height: 800 }),
      JSON.stringify({ width: 1200.5, height: 800 }),
      JSON.stringify({ width: -1200, height: 800 }),
      JSON.stringify({ x: 'left', y: 0, width: 1200, height: 800 }),
      JSON.stringify({ width: 1200, height: 800, maximized: 'yes' }),
    ])
      expect(loadWindowState(fileWith(content), [LAPTOP]), content).toEqual(DEFAULT_WINDOW);
    // Binary junk (a file damaged on disk) is no better.
    expect(loadWindowState(fileWith('\u0000\u0001\u00ff'), [LAPTOP])).toEqual(DEFAULT_WINDOW);
  });

  it('fills in maximized when an older file lacks it', () => {
    expect(loadWindowState(fileWith(JSON.stringify({ x: 10, y: 10, width: 1200, height: 800 })), [LAPTOP])).toEqual({
      x: 10,
      y: 10,
      width: 1200,
      height: 800,
      maximized: false,
    });
  });

  it('drops a place that is off every screen (a monitor unplugged) but keeps the size', () => {
    const saved = { width: 1100, height: 800, maximized: true };
    for (const [x, y] of [
      [-1200, 40], // on the left monitor, which is gone
      [5000, 100], // far right
      [100, 3000], // below
      [100, -500], // above: the title bar would be out of reach
      [1900, 100], // only a sliver at the right edge
      [-1050, 100], // only a sliver at the left edge
    ]) {
      const file = fileWith(JSON.stringify({ ...saved, x, y }));
      expect(loadWindowState(file, [LAPTOP]), `${x},${y}`).toEqual(saved);
    }
    // No screens reported at all: no place is trusted.
    expect(loadWindowState(fileWith(JSON.stringify({ ...saved, x: 10, y: 10 })), [])).toEqual(saved);
    // Only one coordinate saved: not a place.
    expect(loadWindowState(fileWith(JSON.stringify({ ...saved, x: 10 })), [LAPTOP])).toEqual(saved);
  });

  it('does not throw when the state cannot be written', () => {
    const dir = tempDir();
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'x');
    // The folder would have to be created inside a file.
    expect(() => saveWindowState(join(blocker, 'window-state.json'), { width: 1200, height: 800, maximized: false })).not.toThrow();
    expect(existsSync(join(blocker, 'window-state.json'))).toBe(false);
  });
});
