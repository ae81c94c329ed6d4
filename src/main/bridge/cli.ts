// npm run web -- --db PATH [--port N]: the app in a browser, with the real services behind it.
import { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { resolveArchivePath } from '../services/paths';
import { startBridge } from './server';

const opts = new Command('web')
  .description('在浏览器中使用本程序（只监听 127.0.0.1）')
  .option('--db <路径>', '档案数据库文件')
  .option('--port <端口>', '端口（默认随机）', (v) => Number(v))
  .parse(process.argv)
  .opts<{ db?: string; port?: number }>();

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
  console.error((e as Error).message);
  process.exit(2);
}
