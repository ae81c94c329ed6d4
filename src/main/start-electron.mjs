#!/usr/bin/env node
// `npm start` after the build: finds the Electron binary the way the electron package does (downloading it on
// first use, honouring electron_config_cache, ELECTRON_MIRROR and ELECTRON_OVERRIDE_DIST_PATH; README “离线安装
// Electron”) and hands it to electron-vite preview, which on its own only looks in node_modules/electron/dist and
// stops with “Electron uninstall”.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function electronBinary() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    // The package names the binary from its own download; for an unpacked copy, the platform's usual name.
    const name = { win32: 'electron.exe', darwin: 'Electron.app/Contents/MacOS/Electron' }[process.platform] ?? 'electron';
    const path = `${override.replace(/[\\/]$/, '')}/${name}`;
    if (existsSync(path)) return path;
    throw new Error(`ELECTRON_OVERRIDE_DIST_PATH 指向的文件夹里没有 ${name}：${override}`);
  }
  try {
    return require('electron');
  } catch {
    throw new Error('没有找到 Electron，从网络下载也没有成功');
  }
}

let binary;
try {
  binary = electronBinary();
} catch (e) {
  console.error(
    `无法启动桌面应用：${e.message}。\n` +
      '没有外网的电脑请按 README“离线安装”放好下载缓存（electron_config_cache）或设置 ELECTRON_OVERRIDE_DIST_PATH；\n' +
      '也可以不用 Electron，在浏览器中使用：npm run web -- --db 档案.sqlite',
  );
  process.exit(1);
}
// The package exports no subpath for its bin: from its main entry up to the package folder.
let dir = dirname(require.resolve('electron-vite'));
while (!existsSync(join(dir, 'bin', 'electron-vite.js')) && dirname(dir) !== dir) dir = dirname(dir);
const cli = join(dir, 'bin', 'electron-vite.js');
const r = spawnSync(process.execPath, [cli, 'preview', '--skipBuild', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, ELECTRON_EXEC_PATH: binary },
});
process.exit(r.status ?? 1);
