// `npm start` past the build: the Electron binary is found the way README “离线安装” says (here an
// unpacked copy named by ELECTRON_OVERRIDE_DIST_PATH), and a missing one is explained in Chinese.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/archive';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
// What npm start runs after `electron-vite build` (built once by the global setup into out/).
const afterBuild = pkg.scripts.start.split(' && ').slice(1).join(' && ');

// As npm runs a script: the project's node_modules/.bin first on the PATH.
const run = (env: Record<string, string>) =>
  spawnSync(afterBuild, {
    shell: true,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${join(process.cwd(), 'node_modules', '.bin')}${delimiter}${process.env.PATH}`, ...env },
    timeout: 120_000,
  });

describe.skipIf(process.platform === 'win32')('npm start finds Electron', () => {
  it('an unpacked Electron named by ELECTRON_OVERRIDE_DIST_PATH is started on the built app', () => {
    expect(existsSync('out/main/index.js')).toBe(true);
    const dist = tempDir('nianbao-electron-');
    const log = join(dist, 'started.txt');
    // A stand-in binary: records how it was started.
    writeFileSync(join(dist, 'electron'), `#!/bin/sh\necho "$PWD $@" > '${log}'\n`);
    chmodSync(join(dist, 'electron'), 0o755);
    const r = run({ ELECTRON_OVERRIDE_DIST_PATH: dist });
    expect(r.stderr).not.toContain('Electron uninstall');
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(log, 'utf8').trim()).toBe(`${process.cwd()} .`);
  });

  it('no Electron there: a Chinese message with the ways out, exit code 1', () => {
    const empty = tempDir('nianbao-electron-');
    const r = run({ ELECTRON_OVERRIDE_DIST_PATH: empty });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`无法启动桌面应用：ELECTRON_OVERRIDE_DIST_PATH 指向的文件夹里没有 electron：${empty}`);
    expect(r.stderr).toContain('README“离线安装”');
    expect(r.stderr).toContain('npm run web');
  });
});
