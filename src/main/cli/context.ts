// What every CLI command module gets: output, the exit code, the archive, and shared option parsers.
import type { Command } from 'commander';
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
