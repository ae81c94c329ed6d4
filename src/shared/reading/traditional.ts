// Copies in traditional characters: portals' 繁体版 pages and mirrors that convert a report for Hong Kong or
// Taiwan readers. The reader matches simplified labels, so such a copy is read through a fold of the characters
// of the report's fixed wording (headings, table labels, title, dates) to their simplified forms. Only those: the
// sections' text is kept as written (the importer shows the original lines).

// Traditional → simplified, in pairs. Characters of the template's and the reader's wording, and the ones that
// surround them in titles and dates (編製, 發佈, 時間).
const PAIRS =
  '與与業业兩两個个為为舉举鄉乡們们會会倫伦體体關关寫写決决況况減减別别辦办務务動动區区華华單单歷历曆历縣县發发' +
  '號号後后圖图圍围國国壞坏聲声處处復复複复覆复頭头審审對对導导將将層层屬属應应廢废開开張张強强當当總总擴扩' +
  '執执護护報报擇择損损換换據据數数斷断舊旧時时暫暂機机權权條条來来構构標标欄栏樣样檔档殘残沒没滿满獨独現现' +
  '確确種种稱称穩稳簽签類类糾纠納纳組组織织經经結结統统繼继續续維维編编繳缴網网罰罚節节範范獲获穫获補补見见' +
  '規规計计認认議议許许訟讼訪访識识訴诉試试詢询誤误說说請请讀读購购費费較较輯辑過过還还這这進进違违連连適适' +
  '選选邏逻鄰邻採采裏里裡里鏈链錯错鎮镇問问間间順顺題题額额齊齐項项頁页萬万內内於于係系繫系製制佈布無无鉤钩' +
  '轉转據据億亿員员範范產产證证書书實实門门長长財财們们專专區区調调義义務务際际閱阅覽览動动態态僅仅並并' +
  '週周訊讯標标準准錄录簡简稅税醫医療疗衛卫環环境境農农嚴严營营園园紀纪檢检監监督督級级縣县區区職职責责';

let map: Map<string, string> | undefined;
const fold = (): Map<string, string> => {
  if (!map) {
    map = new Map();
    const chars = [...PAIRS];
    for (let i = 0; i + 1 < chars.length; i += 2) if (chars[i] !== chars[i + 1]) map.set(chars[i], chars[i + 1]);
  }
  return map;
};

/** The text with the traditional forms of the report's wording folded to simplified (one character for one). */
export function foldTraditional(text: string): string {
  const m = fold();
  let out = '';
  for (const ch of text) out += m.get(ch) ?? ch;
  return out;
}

// Characters of these reports' fixed wording in traditional form, and their simplified forms.
const TRADITIONAL = '開報數條總計請機關務處為內況項規許費發廢現決權復訴';
const SIMPLIFIED = '开报数条总计请机关务处为内况项规许费发废现决权复诉';
const MIN_TRADITIONAL = 10;

/** A text in traditional characters: many of them, and more than their simplified forms. */
export function isTraditional(text: string): boolean {
  let traditional = 0;
  let simplified = 0;
  for (const ch of text) {
    if (TRADITIONAL.includes(ch)) traditional++;
    else if (SIMPLIFIED.includes(ch)) simplified++;
  }
  return traditional >= MIN_TRADITIONAL && traditional > simplified;
}
