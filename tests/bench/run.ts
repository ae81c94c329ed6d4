// npm run bench: prints the speed figures of the project (targets live here, not in timed tests).
import { benchValidation } from './validation';

const benches: [string, () => string[] | Promise<string[]>][] = [['校验引擎', benchValidation]];

for (const [name, run] of benches) {
  console.log(`\n== ${name}`);
  for (const line of await run()) console.log(line);
}
