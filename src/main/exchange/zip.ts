// A careful reader of the zip container of a 报送包. It reads the central directory itself (JSZip renames unsafe
// names and merges duplicates, so it could not refuse them) and inflates each member with a hard output limit.
import { inflateRawSync } from 'node:zlib';
import { InputError } from '../errors';

export const ZIP_LIMITS = {
  /** A package holds a handful of members; anything more is not ours. */
  maxMembers: 16,
  /** Per member, uncompressed. */
  maxMemberBytes: 20 * 1024 * 1024,
  /** All members together, uncompressed. */
  maxTotalBytes: 50 * 1024 * 1024,
  /** Whole package file. */
  maxPackageBytes: 60 * 1024 * 1024,
  /** Uncompressed : compressed, above which a member larger than `ratioFloorBytes` is taken for a zip bomb. */
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
};

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  flags: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;

/** Why a member name is unsafe to use, or null. */
function unsafeName(name: string): string | null {
  if (!name) return '成员名为空';
  if (name.includes('\0')) return '成员名含有空字符';
  if (/^[\\/]/.test(name) || /^[A-Za-z]:/.test(name)) return '成员使用了绝对路径';
  if (name.split(/[\\/]/).some((part) => part === '..')) return '成员路径含有“../”，试图写到包外';
  if (/[\\/]/.test(name)) return '成员位于子文件夹中，报送包不应有文件夹';
  return null;
}

/**
 * Lists the members of a zip, refusing anything a 报送包 never holds: unsafe names, symlinks, folders, duplicates,
 * too many members, members too large or compressed like a zip bomb. `label` names the package in messages.
 */
export function listEntries(buf: Buffer, label: string): ZipEntry[] {
  const bad = (what: string) => new InputError(`报送包 ${label} 不能接收：${what}。没有存入任何内容。`);
  if (buf.length > ZIP_LIMITS.maxPackageBytes) throw bad(`文件过大（${(buf.length / 1048576).toFixed(1)} MB）`);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad('不是有效的报送包（不是 zip 文件，或文件已损坏、不完整）');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw bad('使用了 ZIP64 格式，报送包不会这样写');
  if (count > ZIP_LIMITS.maxMembers) throw bad(`成员过多（${count} 个，最多 ${ZIP_LIMITS.maxMembers} 个）`);
  if (cdOffset + cdSize > eocd) throw bad('目录区损坏');
  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw bad('目录区损坏');
    const madeBy = buf.readUInt16LE(p + 4) >> 8;
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const external = buf.readUInt32LE(p + 38);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    p += 46 + nameLen + extraLen + commentLen;
    const m = (what: string) => bad(`成员“${name}”${what}`);
    const why = unsafeName(name);
    if (why) throw bad(`${why}（“${name}”）`);
    // Unix hosts (3) keep the file mode in the high 16 bits of the external attributes.
    const mode = external >>> 16;
    if (madeBy === 3 && (mode & S_IFMT) === S_IFLNK) throw m('是符号链接');
    if (madeBy === 3 && mode !== 0 && (mode & S_IFMT) !== S_IFREG) throw m('不是普通文件');
    if (external & 0x10 || name.endsWith('/')) throw m('是文件夹');
    if (seen.has(name)) throw bad(`成员“${name}”重复出现`);
    seen.add(name);
    if (flags & 0x1) throw m('已加密');
    if (method !== 0 && method !== 8) throw m(`使用了不支持的压缩方式（${method}）`);
    if (size > ZIP_LIMITS.maxMemberBytes)
      throw m(`过大（解压后 ${(size / 1048576).toFixed(1)} MB，上限 ${ZIP_LIMITS.maxMemberBytes / 1048576} MB）`);
    if (size > ZIP_LIMITS.ratioFloorBytes && size / Math.max(1, compressedSize) > ZIP_LIMITS.maxRatio)
      throw m(`压缩比异常（${Math.round(size / Math.max(1, compressedSize))} 倍），疑似压缩炸弹`);
    entries.push({ name, method, compressedSize, size, localOffset, flags });
  }
  const total = entries.reduce((n, e) => n + e.size, 0);
  if (total > ZIP_LIMITS.maxTotalBytes)
    throw bad(`解压后共 ${(total / 1048576).toFixed(1)} MB，超过上限 ${ZIP_LIMITS.maxTotalBytes / 1048576} MB`);
  return entries;
}

/** The bytes of one member; inflating stops at its declared size, so a lying header cannot fill the memory. */
export function readEntry(buf: Buffer, e: ZipEntry, label: string): Buffer {
  const bad = (what: string) => new InputError(`报送包 ${label} 不能接收：成员“${e.name}”${what}。没有存入任何内容。`);
  const p = e.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL) throw bad('的位置损坏');
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const end = start + e.compressedSize;
  if (end > buf.length) throw bad('不完整');
  const raw = buf.subarray(start, end);
  let data: Buffer;
  if (e.method === 0) data = Buffer.from(raw);
  else {
    try {
      // One byte over the declared size is enough to know the header lied.
      data = inflateRawSync(raw, { maxOutputLength: Math.min(e.size, ZIP_LIMITS.maxMemberBytes) + 1 });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw bad('解压后超过声明的大小，疑似压缩炸弹');
      throw bad('无法解压（文件已损坏）');
    }
  }
  if (data.length !== e.size) throw bad(`解压后的大小（${data.length} 字节）与声明的（${e.size} 字节）不符`);
  return data;
}
