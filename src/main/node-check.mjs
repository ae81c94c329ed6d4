// Plain JavaScript, loaded before anything native: better-sqlite3 13 needs Node.js 22 and crashes (a segfault,
// not a message) when loaded by Node.js 20. The launchers call this first.
export function requireNode22(command) {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 22) return;
  console.error(
    `${command} 需要 Node.js 22 或更高版本，当前为 ${process.version}。请在项目目录中执行 npm ci 后用 ${
      command === 'nianbao' ? 'npx nianbao' : 'npm run web'
    } 运行（会使用项目自带的 Node.js 22）。`,
  );
  process.exit(2);
}
