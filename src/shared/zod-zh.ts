// zod's messages in Chinese, set once for the whole program (imported for its effect by report.ts and api.ts):
// a person never reads "Invalid option: expected one of …". Messages name what was expected and what came.
import { z, type core } from 'zod';

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '是或否',
  object: '对象',
  array: '列表',
  record: '对象',
  date: '日期',
  null: '空值（null）',
  undefined: '空缺',
  nan: '非数字',
  function: '函数',
};

const typeName = (t: unknown) => TYPE_NAMES[String(t)] ?? String(t);

function received(input: unknown): string {
  if (input === null) return TYPE_NAMES.null;
  if (Array.isArray(input)) return TYPE_NAMES.array;
  if (typeof input === 'number' && Number.isNaN(input)) return TYPE_NAMES.nan;
  return typeName(typeof input);
}

const shown = (v: unknown) => (typeof v === 'string' ? `“${v}”` : String(v));

type Issue = core.$ZodRawIssue;

export function chineseMessage(iss: Issue): string {
  const i = iss as Issue & Record<string, unknown>;
  switch (iss.code) {
    case 'invalid_type':
      return `应为${typeName(i.expected)}，实为${received(i.input)}`;
    case 'invalid_value': {
      const values = (i.values as unknown[] | undefined) ?? [];
      return `应为${values.length > 1 ? '以下之一：' : ''}${values.map(shown).join('、')}，实为${i.input === undefined ? '空缺' : shown(i.input)}`;
    }
    case 'too_small': {
      const inclusive = i.inclusive !== false;
      if (i.origin === 'string') return `不能少于 ${String(i.minimum)} 个字`;
      if (i.origin === 'array' || i.origin === 'set') return `至少应有 ${String(i.minimum)} 项`;
      return `应${inclusive ? '不小于' : '大于'} ${String(i.minimum)}`;
    }
    case 'too_big': {
      const inclusive = i.inclusive !== false;
      if (i.origin === 'string') return `不能多于 ${String(i.maximum)} 个字`;
      if (i.origin === 'array' || i.origin === 'set') return `至多应有 ${String(i.maximum)} 项`;
      return `应${inclusive ? '不大于' : '小于'} ${String(i.maximum)}`;
    }
    case 'unrecognized_keys':
      return `有未知的字段：${((i.keys as string[] | undefined) ?? []).join('、')}`;
    case 'invalid_format':
      return '格式不正确';
    case 'not_multiple_of':
      return `应为 ${String(i.divisor)} 的倍数`;
    case 'invalid_union':
      return '不是可接受的值';
    case 'invalid_key':
      return '字段名不合法';
    case 'invalid_element':
      return '其中有不合法的项';
    default:
      return '不合法';
  }
}

z.config({ customError: chineseMessage });
