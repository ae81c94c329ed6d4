// npm run web -- --db PATH [--port N]: the app in a browser, with the real services behind it. Started by
// web-launcher.mjs, which checks the Node.js version first.
import { Command, CommanderError } from 'commander';
import { fileURLToPath } from 'node:url';
import { HELP_IN_CHINESE } from '../cli/help';
import { describeError } from '../errors';
import { resolveArchivePath } from '../services/paths';
import { startBridge } from './server';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new CommanderError(2, 'nianbao.port', `端口“${value}”不合法，应为 0–65535 的整数`);
  return n;
}

let opts: { db?: string; port?: number };
try {
  opts = new Command('npm run web --')
    .description('在浏览器中使用本程序（只监听 127.0.0.1）')
    .option('--db <路径>', '档案数据库文件')
    .option('--port <端口>', '端口（默认随机）', port)
    .helpOption('-h, --help', '显示帮助')
    .configureHelp(HELP_IN_CHINESE)
    .exitOverride()
    // Commander's own error lines are English; the catch below says it in Chinese.
    .configureOutput({ outputError: () => undefined })
    .parse(process.argv)
    .opts<{ db?: string; port?: number }>();
} catch (e) {
  const err = e as CommanderError;
  if (err.code === 'commander.helpDisplayed') process.exit(0);
  const quoted = /'([^']*)'/.exec(err.message)?.[1];
  console.error(
    err.code === 'nianbao.port'
      ? err.message
      : err.code === 'commander.unknownOption'
        ? `未知的选项“${quoted}”（可用：--db 路径、--port 端口）`
        : `命令行有误${quoted ? `：“${quoted}”` : ''}（可用：--db 路径、--port 端口）`,
  );
  process.exit(2);
}

try {
  const bridge = await startBridge({
    dbPath: resolveArchivePath(opts.db),
    port: opts.port,
    rendererDir: fileURLToPath(new URL('../../../out/renderer', import.meta.url)),
  });
  console.log(`档案：${bridge.store.path}`);
  console.log(`导出的文件保存在：${bridge.exportDir}`);
  console.log(`请在浏览器中打开：${bridge.url}`);
  const stop = () => void bridge.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  console.error(describeError(e));
  process.exit(2);
}
