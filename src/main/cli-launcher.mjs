#!/usr/bin/env node
// Starts the TypeScript CLI without a build step. `npx nianbao` runs it with the Node.js 22 that the project's
// devDependency `node` supplies; better-sqlite3 13 needs Node ≥ 22.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `nianbao 需要 Node.js 22 或更高版本，当前为 ${process.version}。请在项目目录中执行 npm ci 后用 npx nianbao 运行（会使用项目自带的 Node.js 22）。`,
  );
  process.exit(2);
}
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('./cli/index.ts');
process.exitCode = await main(process.argv);
