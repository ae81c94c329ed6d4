// `npm run web`: checks the Node.js version before anything native loads, then starts the browser host (cli.ts).
import { requireNode22 } from '../node-check.mjs';

requireNode22('npm run web');
const { register } = await import('tsx/esm/api');
register();
await import('./cli.ts');
