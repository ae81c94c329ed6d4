// Builds the app once before the tests, for the browser tests that serve out/renderer (each file building it
// again would race on out/ when files run in parallel).
import { spawnSync } from 'node:child_process';
import { browserAvailable } from './helpers/browser';

export default function setup(): void {
  if (!browserAvailable || process.env.NIANBAO_SKIP_BUILD) return;
  const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`界面构建失败：${build.stderr}`);
}
