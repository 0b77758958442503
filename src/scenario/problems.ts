/** One problem found while reading a scenario: the field, what was wrong, what was used. */
export interface ScenarioProblem {
  field: string;
  message: string;
  /** The value used instead, as text. */
  used: string;
}

/** Whether a value read from outside is a plain object (not null, not an array). */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// A lone UTF-16 surrogate cannot be written in a URL (encodeURIComponent throws, URLSearchParams
// turns it into U+FFFD), so a label holding one would not survive a link: such labels are
// repaired (each lone surrogate becomes U+FFFD) and reported.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with every lone UTF-16 surrogate replaced by U+FFFD (what a URL would carry). */
export function wellFormedText(s: string): string {
  return s.replace(LONE_SURROGATE, '\uFFFD');
}

/** Neutralises text for messages: no markup survives, long values are cut. */
export function showValue(v: unknown): string {
  let s: string;
  if (typeof v === 'string') s = JSON.stringify(v);
  else if (typeof v === 'number') s = String(v);
  else if (v === undefined) s = '(missing)';
  else {
    try {
      s = JSON.stringify(v) ?? String(v);
    } catch {
      s = String(v);
    }
  }
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
