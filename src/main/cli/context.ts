// What every CLI command module gets: output, the exit code, the archive, and shared option parsers.
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { InputError } from '../errors';
import { resolveArchivePath } from '../services/paths';
import { ArchiveStore } from '../services/store';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface CliContext {
  io: Io;
  setExit: (code: number) => void;
  /** Opens the archive for one command and always closes it. Write commands take the daily backup first. */
  withStore: <T>(write: boolean, fn: (store: ArchiveStore) => T | Promise<T>) => Promise<T>;
  print: (json: boolean | undefined, value: unknown, text: () => string) => void;
  /** Adds the required --unit and --year options. */
  unitYear: (cmd: Command) => Command;
  year: (value: string) => number;
}

/** An output file named by --out: a folder there, or a name without the extension the command writes, is refused up front. */
export function outFile(path: string, ext: string): string {
  if (existsSync(path) && statSync(path).isDirectory())
    throw new InputError(`${path} 是一个文件夹；请在 --out 中写出文件名，例如 ${join(path, `文件名${ext}`)}`);
  if (extname(path).toLowerCase() !== ext) throw new InputError(`--out 的文件名应以 ${ext} 结尾，而不是“${basename(path)}”`);
  return path;
}

export function year(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1990 || n > 2100) throw new InputError(`年度“${value}”不合法，应为四位数字，例如 2024`);
  return n;
}

export function createContext(program: Command, io: Io, setExit: (code: number) => void): CliContext {
  return {
    io,
    setExit,
    year,
    withStore: async (write, fn) => {
      const store = await ArchiveStore.open(resolveArchivePath(program.opts<{ db?: string }>().db));
      try {
        if (write) await store.dailyBackup();
        return await fn(store);
      } finally {
        store.close();
      }
    },
    print: (json, value, text) => io.out(json ? JSON.stringify(value, null, 2) : text()),
    unitYear: (cmd) => cmd.requiredOption('--unit <单位>', '单位名称').requiredOption('--year <年度>', '报告年度', year) as Command,
  };
}
