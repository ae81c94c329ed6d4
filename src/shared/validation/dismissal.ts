// Dismissing a warning needs a reason that says why the figures are right; a bare "核实无误" says nothing.
import type { Finding } from './types';

const EMPTY_PHRASES = /经?核实|核对|无误|确认|属实|准确|正确|没有?问题|没错|数据|情况|已|经|ok|好的|同意|是的|[\s\p{P}\p{S}\d]/giu;
const MIN_REASON_CHARS = 4;

/** Why this reason is not enough, or null when it is. */
export function reasonProblem(reason: string): string | null {
  const substance = reason.replace(EMPTY_PHRASES, '');
  if (substance.length >= MIN_REASON_CHARS) return null;
  return `请写明为什么这条警告不影响报告（例如“撤回申请2件计入（六）3.其他”），仅写“${reason.trim() || '（空）'}”不够`;
}

/** Identity of a finding for dismissals: its rule and the cells it concerns. */
export const findingCells = (cells: readonly string[]): string => JSON.stringify([...cells].sort());

export interface DismissedFinding extends Finding {
  dismissed?: { reason: string; at: string };
}
