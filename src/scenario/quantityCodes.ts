import type { Quantity } from '../model/types';

/** Quantity kinds a target may have, with their short codes (used by URLs and forms). */
export const QUANTITY_CODES: { code: string; quantity: Quantity; label: string }[] = [
  { code: 'os', quantity: { kind: 'survival' }, label: 'Overall survival' },
  {
    code: 'rem',
    quantity: { kind: 'inState', which: 'remission', denominator: 'enrolled' },
    label: 'In remission (all enrolled)',
  },
  {
    code: 'rems',
    quantity: { kind: 'inState', which: 'remission', denominator: 'survivors' },
    label: 'In remission (survivors)',
  },
  {
    code: 'cr',
    quantity: { kind: 'inState', which: 'complete', denominator: 'enrolled' },
    label: 'In complete remission (all enrolled)',
  },
  {
    code: 'pr',
    quantity: { kind: 'inState', which: 'partial', denominator: 'enrolled' },
    label: 'In partial remission (all enrolled)',
  },
  {
    code: 'act',
    quantity: { kind: 'inState', which: 'active', denominator: 'enrolled' },
    label: 'Still active, never remitted (all enrolled)',
  },
  {
    code: 'rlp',
    quantity: { kind: 'inState', which: 'relapse', denominator: 'enrolled' },
    label: 'In relapse (all enrolled)',
  },
  { code: 'ever', quantity: { kind: 'everRemitted' }, label: 'Ever remitted' },
  {
    code: 'rar',
    quantity: { kind: 'relapsedAmongRemitted' },
    label: 'Relapsed among those who remitted',
  },
  {
    code: 'rfu',
    quantity: { kind: 'relapsedDuringFollowUp' },
    label: 'Relapsed during their own follow-up (all enrolled)',
  },
];

/** Whom new relapses in an interval count, with its letter in codes (`new-<from>-<letter>`). */
export const NEW_RELAPSE_DENOMINATORS: readonly {
  letter: 'e' | 'a' | 'r';
  denominator: Extract<Quantity, { kind: 'newRelapses' }>['denominator'];
  label: string;
}[] = [
  { letter: 'e', denominator: 'enrolled', label: 'New relapses in an interval (all enrolled)' },
  {
    letter: 'a',
    denominator: 'alive-at-start',
    label: 'New relapses in an interval (alive at its start)',
  },
  {
    letter: 'r',
    denominator: 'ever-remitted',
    label: 'New relapses in an interval (those who remitted)',
  },
];

/**
 * The letter of whom new relapses count; an unknown denominator reads as 'r' (validateTarget
 * refuses such a record before it gets here).
 */
export function newRelapsesLetter(denominator: string): 'e' | 'a' | 'r' {
  return NEW_RELAPSE_DENOMINATORS.find((x) => x.denominator === denominator)?.letter ?? 'r';
}

// Compared field by field, not with JSON.stringify: a quantity parsed from an imported JSON file
// may list its keys in another order and must still be recognised.
const sameQuantity = (a: Quantity, b: Quantity): boolean =>
  a.kind === b.kind &&
  (a.kind !== 'inState' ||
    (b.kind === 'inState' && a.which === b.which && a.denominator === b.denominator));

/** The short code of a quantity (newRelapses: `new-<from>-<e|a|r>`). */
export function quantityCode(q: Quantity): string {
  if (q.kind === 'newRelapses') {
    return `new-${q.fromMonth}-${newRelapsesLetter(q.denominator)}`;
  }
  const hit = QUANTITY_CODES.find((c) => sameQuantity(c.quantity, q));
  return hit ? hit.code : 'os';
}

/** The quantity of a short code, or undefined when the code is unknown. */
export function quantityFromCode(code: string): Quantity | undefined {
  const m = /^new-(\d+(?:\.\d+)?)-([ear])$/.exec(code);
  const d = m && NEW_RELAPSE_DENOMINATORS.find((x) => x.letter === m[2]);
  if (m && d) return { kind: 'newRelapses', fromMonth: Number(m[1]), denominator: d.denominator };
  return QUANTITY_CODES.find((c) => c.code === code)?.quantity;
}

/** A readable label for a quantity at a time in months, e.g. "Overall survival at 60 mo". */
export function describeQuantity(q: Quantity, time: number): string {
  // A label is a short text: a time typed to many digits is shown to 4 significant digits.
  const at = monthsLabel(time);
  if (q.kind === 'newRelapses') {
    const d =
      q.denominator === 'enrolled'
        ? 'all enrolled'
        : q.denominator === 'alive-at-start'
          ? `alive at ${q.fromMonth} mo`
          : 'those who remitted';
    return `New relapses ${monthsLabel(q.fromMonth)}–${at} mo (${d})`;
  }
  const hit = QUANTITY_CODES.find((c) => sameQuantity(c.quantity, q));
  return `${hit?.label ?? 'Overall survival'} at ${at} mo`;
}

/** Months in a label: 60 → "60", 8.25 → "8.25", 0.0000013365… → "0.000001337". */
function monthsLabel(months: number): string {
  return String(Number(months.toPrecision(4)));
}
