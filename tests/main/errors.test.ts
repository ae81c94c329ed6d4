import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeError, InputError } from '../../src/main/errors';
import { tempDir } from '../helpers/archive';

describe('error messages', () => {
  it('says in Chinese what went wrong with a file, and where', () => {
    const dir = tempDir();
    const missing = join(dir, '没有这个文件夹', 'a.xlsx');
    let caught: unknown;
    try {
      writeFileSync(missing, 'x');
    } catch (e) {
      caught = e;
    }
    expect(describeError(caught)).toBe(`找不到文件或文件夹：${missing}`);
    expect(describeError(new InputError('单位名称不能为空'))).toBe('单位名称不能为空');
    expect(describeError(new TypeError('boom'))).toBe(
      '操作失败：程序内部出错，本次操作没有完成。请重试；如仍出错，请把这段提示告诉维护人员（详情：TypeError: boom）',
    );
  });
});
