// What the desktop app tells a person when it cannot start on its archive, or when something fails where no page
// can show it: in Chinese, with what to do. Kept apart from index.ts so it is tested without Electron.
import { dirname, join } from 'node:path';
import { describeError } from './errors';

/** Why the archive did not open, where it is, and how to get going again from a backup. */
export function openFailureText(archivePath: string, e: unknown): string {
  const why = describeError(e);
  const lines = [why, '', `档案文件：${archivePath}`];
  // A newer program's archive is fine as it is: the way out is upgrading, not restoring.
  if (/更新版本的程序/.test(why)) return lines.join('\n');
  lines.push(
    `自动备份在：${join(dirname(archivePath), 'backups')}`,
    '',
    '可以这样恢复：先把这个档案文件改名（例如在名字后加上“.损坏”），再启动本程序（会新建一个空档案），然后在“设置与备份”中点“从其他文件恢复…”，选择上面备份文件夹中最近的一份；也可以用命令行 nianbao restore 备份文件。',
  );
  return lines.join('\n');
}

/** A failure no page caught (a rejected promise in the main process): the app's words, never Electron's English box. */
export const faultText = (e: unknown): string => describeError(e);
