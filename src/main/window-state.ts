// The main window's size and place, remembered between runs in a small JSON file. Kept free of electron so the
// rules (a broken file is ignored, a window never opens off every screen) can be tested under Node.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

const stateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof stateSchema>;
export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW: WindowState = { width: 1280, height: 860, maximized: false };

/** The saved state, or the default when the file is missing or broken; a place on no screen is dropped. */
export function loadWindowState(file: string, screens: Area[]): WindowState {
  let state: WindowState;
  try {
    state = stateSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return DEFAULT_WINDOW;
  }
  const { x, y } = state;
  const visible =
    x !== undefined &&
    y !== undefined &&
    screens.some((s) => x + 100 > s.x && x < s.x + s.width - 100 && y >= s.y && y < s.y + s.height - 50);
  if (!visible) return { width: state.width, height: state.height, maximized: state.maximized };
  return state;
}

export function saveWindowState(file: string, state: WindowState): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(state));
  } catch {
    // Losing the window size is not worth an error message.
  }
}
