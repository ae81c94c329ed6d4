#!/usr/bin/env node
// Starts the TypeScript CLI without a build step. `npx nianbao` runs it with the Node.js 22 that the project's
// devDependency `node` supplies; better-sqlite3 13 needs Node ≥ 22.
import { requireNode22 } from './node-check.mjs';

requireNode22('nianbao');
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('./cli/index.ts');
process.exitCode = await main(process.argv);
