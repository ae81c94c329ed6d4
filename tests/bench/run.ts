// npm run bench: prints the speed figures of the project (targets live here, not in timed tests).
// npm run bench -- --scale medium|province: only the archive figures, on 20,000 or 400,000 reports.
// npm run bench -- --scale province --only overview [--archive 某.sqlite]: only the 档案 overview and import planning.
// npm run bench -- --scale medium --only pages [--archive 某.sqlite]: what the other pages ask for when they open.
// npm run bench -- --only archive: only the archive figures (write rates, overview, search, backup) at the scale given.
import { benchArchive, scaleFromArgs } from './archive';
import { benchCollect } from './collect';
import { benchExcel } from './excel';
import { benchOverviewAlone } from './overview';
import { benchPagesAlone } from './pages';
import { benchParse } from './parse';
import { benchReal } from './real';
import { benchShapes, benchWorkbookShapes } from './shapes';
import { benchValidation } from './validation';

const benches: [string, () => string[] | Promise<string[]>][] = [
  ['校验引擎', benchValidation],
  ['档案数据库', benchArchive],
  ['报送情况与全区汇总', benchCollect],
  ['Excel 导入导出', benchExcel],
  ['已发布年报的读取（文本、网页、Word）', benchParse],
  ['各种文本形态的读取（拆分与勾稽求解）', benchShapes],
  ['真实年报的读取覆盖（tests/fixtures/real）', benchReal],
  ['各种工作簿形态的读取', benchWorkbookShapes],
];

const scale = scaleFromArgs();
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
const chosen: typeof benches =
  only === 'overview'
    ? [['档案总览与导入规划', () => benchOverviewAlone(scale)]]
    : only === 'pages'
      ? [['其他页面打开时的请求（原来 / 现在）', () => benchPagesAlone(scale)]]
      : only !== 'archive' && scale.name === 'small'
        ? benches
        : benches.filter(([, run]) => run === benchArchive);
for (const [name, run] of chosen) {
  console.log(`\n== ${name}`);
  for (const line of await run()) console.log(line);
}
