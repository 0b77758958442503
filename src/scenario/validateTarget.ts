import type { Quantity, Target } from '../model/types';
import { LIMITS } from './limits';
import {
  describeQuantity,
  NEW_RELAPSE_DENOMINATORS,
  quantityCode,
  quantityFromCode,
} from './quantityCodes';
import { isRecord, showValue, wellFormedText, type ScenarioProblem } from './problems';

/** Validates one target (a typed-in or imported figure; time in months); errors name the field. */
export function validateTarget(
  raw: unknown,
  field: string,
): { target: Target | null; problems: ScenarioProblem[] } {
  const problems: ScenarioProblem[] = [];
  if (!isRecord(raw)) {
    problems.push({ field, message: 'is not a target', used: '(dropped)' });
    return { target: null, problems };
  }
  // A record quantity goes through its code, but an unknown record must not fall through
  // quantityCode's defaults ('os'; 'r' for an unknown denominator) and silently become another
  // quantity.
  const fromRecord = (q: Record<string, unknown>): Quantity | undefined => {
    const code = quantityCode(q as Quantity);
    if (code === 'os' && q.kind !== 'survival') return undefined;
    if (
      q.kind === 'newRelapses' &&
      !NEW_RELAPSE_DENOMINATORS.some((d) => d.denominator === q.denominator)
    )
      return undefined;
    return quantityFromCode(code);
  };
  const quantity =
    typeof raw.quantity === 'string'
      ? quantityFromCode(raw.quantity)
      : isRecord(raw.quantity)
        ? fromRecord(raw.quantity)
        : undefined;
  if (!quantity) {
    problems.push({
      field: `${field}.quantity`,
      message: `${showValue(raw.quantity)} is not a known quantity`,
      used: '(target dropped)',
    });
    return { target: null, problems };
  }
  // Number('') and Number(null) are 0 and Number([7]) is 7: only numbers and non-blank strings
  // count as numbers, so an empty field is reported instead of read as 0.
  const toNum = (v: unknown): number =>
    typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  const k = toNum(raw.k);
  const n = toNum(raw.n);
  const time = toNum(raw.time);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) {
    problems.push({
      field: `${field}.n`,
      message: `${showValue(raw.n)} is not a whole number from 1 to 1,000,000`,
      used: '(target dropped)',
    });
    return { target: null, problems };
  }
  if (!Number.isInteger(k) || k < 0 || k > n) {
    problems.push({
      field: `${field}.k`,
      message: `${showValue(raw.k)} is not a whole number from 0 to n = ${n}`,
      used: '(target dropped)',
    });
    return { target: null, problems };
  }
  if (!Number.isFinite(time) || time <= 0 || time > 1200) {
    problems.push({
      field: `${field}.time`,
      message: `${showValue(raw.time)} is not a time in months (0–1200]`,
      used: '(target dropped)',
    });
    return { target: null, problems };
  }
  if (quantity.kind === 'newRelapses' && !(quantity.fromMonth < time)) {
    problems.push({
      field: `${field}.quantity`,
      message: `the interval must start before ${time} months`,
      used: '(target dropped)',
    });
    return { target: null, problems };
  }
  let id = typeof raw.id === 'string' && /^[A-Za-z0-9_-]{1,12}$/.test(raw.id) ? raw.id : '';
  if (!id) {
    id = `${field.replace(/\W+/g, '')}`.slice(0, 12) || 'T';
    if (raw.id !== undefined)
      problems.push({
        field: `${field}.id`,
        message: `${showValue(raw.id)} is not a short id`,
        used: id,
      });
  }
  let label = describeQuantity(quantity, time);
  if (raw.label !== undefined) {
    if (
      typeof raw.label === 'string' &&
      raw.label.trim() !== '' &&
      raw.label.length <= LIMITS.labelLength.max
    ) {
      label = wellFormedText(raw.label);
      if (label !== raw.label)
        problems.push({
          field: `${field}.label`,
          message: 'holds broken characters',
          used: showValue(label),
        });
    } else problems.push({ field: `${field}.label`, message: 'is not a short text', used: label });
  }
  return { target: { id, label, quantity, time, k, n }, problems };
}
