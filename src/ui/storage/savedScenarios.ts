// Over 400 lines on purpose: one storage format (save, list, load, export, import) whose every reader must agree; split, the formats would drift.
/**
 * Named scenarios saved in the browser, and their export and import as one JSON file.
 *
 * Storage is injected (`localStorage` in the app, a fake in tests): this module never touches a
 * browser global. Each scenario is stored under `msct-sim:scenario:<id>` as
 * `{"name": …, "savedAt": ISO date, "query": encodeScenario(s)}`: the URL query is the one
 * versioned format, so a saved scenario reopens exactly as its link would, years later. Its
 * digitised curves ride in the query's `dc` key (./curveLinkCodec.ts), whatever their length: the
 * browser's storage has no address-bar limit.
 *
 * Nothing here throws on bad data. A corrupted entry (bad JSON, wrong shape, a storage that throws
 * on read) is reported and skipped; a full storage on save is returned as a message.
 */

import { isRecord, showValue, type ScenarioProblem } from '../../scenario/problems';
import type { Scenario } from '../../scenario/scenario';
import type { StudyDefaults } from '../../scenario/defaults';
import { decodeScenario, encodeScenario, encodeValue } from '../../scenario/urlCodec';
import { CURVES_KEY, decodeCurves, encodeCurves } from '../../scenario/curveLinkCodec';
import type { DigitisedCurve } from '../../scenario/digitisedCurves';

/** The part of the Web Storage interface this module uses (`localStorage` satisfies it). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

/** Key prefix of every saved scenario. */
export const SAVED_PREFIX = 'msct-sim:scenario:';

/** The `format` field of an export file. */
export const EXPORT_FORMAT = 'msct-sim-scenarios';

/** The `version` field of an export file this module writes. */
export const EXPORT_VERSION = 1;

/** Longest scenario name, in UTF-16 units. */
export const MAX_NAME_LENGTH = 80;

/** One saved scenario as listed: its storage id, name, save time and URL query. */
export interface SavedScenario {
  id: string;
  name: string;
  /** ISO 8601 date and time of the save. */
  savedAt: string;
  /** The scenario as `encodeScenario` writes it (no leading `?`). */
  query: string;
}

/** A problem with stored or imported data: where (an id or `scenarios[i]`) and what. */
export interface SavedProblem {
  where: string;
  message: string;
}

/** The result of a change to the storage: the entry written, or a message saying why not. */
export type SaveResult = { ok: true; saved: SavedScenario } | { ok: false; message: string };

const validDate = (d: Date): boolean => d instanceof Date && Number.isFinite(d.getTime());

const errorText = (e: unknown): string => {
  const name = isRecord(e) && typeof e.name === 'string' ? e.name : '';
  // Browsers differ: QuotaExceededError (most), NS_ERROR_DOM_QUOTA_REACHED (old Firefox), code 22.
  if (
    name === 'QuotaExceededError' ||
    name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
    (isRecord(e) && e.code === 22)
  )
    return "the browser's storage for this page is full: delete or export some saved scenarios";
  if (name === 'SecurityError') return 'the browser does not allow this page to store data';
  return `the browser refused (${showValue(e instanceof Error ? e.message : e)})`;
};

// The stored query: the scenario's link query plus its curves in `dc`, at any length.
const savedQuery = (scenario: Scenario, curves: readonly DigitisedCurve[]): string =>
  curves.length > 0
    ? `${encodeScenario(scenario)}&${CURVES_KEY}=${encodeValue(encodeCurves(curves))}`
    : encodeScenario(scenario);

// The curves of a stored query (none without `dc`), with problems by field. Never throws.
const savedCurves = (query: string) => {
  const dc = new URLSearchParams(query).get(CURVES_KEY);
  return dc === null ? { curves: [], problems: [] } : decodeCurves(dc);
};

/** Checks a name; returns the trimmed name or a message. */
function checkName(name: unknown): { ok: true; name: string } | { ok: false; message: string } {
  if (typeof name !== 'string' || name.trim() === '')
    return { ok: false, message: 'a saved scenario needs a name' };
  const trimmed = name.trim();
  if (trimmed.length > MAX_NAME_LENGTH)
    return { ok: false, message: `a name has at most ${MAX_NAME_LENGTH} characters` };
  return { ok: true, name: trimmed };
}

// The stored shape; anything else in storage under our prefix is reported as corrupted.
function parseEntry(
  id: string,
  text: string | null,
): { ok: true; saved: SavedScenario } | { ok: false; message: string } {
  if (text === null) return { ok: false, message: 'is missing' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: 'is not valid JSON' };
  }
  if (
    !isRecord(value) ||
    typeof value.name !== 'string' ||
    typeof value.savedAt !== 'string' ||
    typeof value.query !== 'string'
  )
    return { ok: false, message: 'does not have a name, a save date and a query' };
  return {
    ok: true,
    saved: { id, name: shownName(value.name), savedAt: value.savedAt, query: value.query },
  };
}

/**
 * A stored name as it may be shown: trimmed, "(no name)" when blank, and cut to
 * `MAX_NAME_LENGTH` with an ellipsis (storage edited by hand or by another program may hold
 * anything, e.g. 300,000 characters).
 */
function shownName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') return '(no name)';
  return trimmed.length > MAX_NAME_LENGTH ? `${trimmed.slice(0, MAX_NAME_LENGTH - 1)}…` : trimmed;
}

/**
 * A saved entry's date and time for display, in the reader's locale, or "date unknown" when the
 * stored text is not a date (never "Invalid Date").
 */
export function savedDateText(savedAt: string, locale?: string): string {
  const d = new Date(savedAt);
  return savedAt !== '' && validDate(d) ? d.toLocaleString(locale) : 'date unknown';
}

function write(storage: StorageLike, saved: SavedScenario): SaveResult {
  const text = JSON.stringify({ name: saved.name, savedAt: saved.savedAt, query: saved.query });
  try {
    storage.setItem(SAVED_PREFIX + saved.id, text);
  } catch (e) {
    return { ok: false, message: `Could not save ${showValue(saved.name)}: ${errorText(e)}.` };
  }
  return { ok: true, saved };
}

function read(
  storage: StorageLike,
  id: string,
): { ok: true; saved: SavedScenario } | { ok: false; message: string } {
  let text: string | null;
  try {
    text = storage.getItem(SAVED_PREFIX + id);
  } catch (e) {
    return {
      ok: false,
      message: `Saved scenario ${showValue(id)} could not be read: ${errorText(e)}.`,
    };
  }
  const parsed = parseEntry(id, text);
  return parsed.ok
    ? parsed
    : { ok: false, message: `Saved scenario ${showValue(id)} ${parsed.message}.` };
}

/**
 * Every saved scenario, newest first (then by name), and a problem for each stored entry that
 * cannot be read. Never throws.
 */
export function listSaved(storage: StorageLike): {
  saved: SavedScenario[];
  problems: SavedProblem[];
} {
  const saved: SavedScenario[] = [];
  const problems: SavedProblem[] = [];
  const keys: string[] = [];
  try {
    const length = storage.length;
    for (let i = 0; i < length; i++) {
      const key = storage.key(i);
      if (key !== null && key.startsWith(SAVED_PREFIX)) keys.push(key);
    }
  } catch (e) {
    problems.push({ where: 'storage', message: `could not be listed: ${errorText(e)}` });
  }
  for (const key of keys) {
    const id = key.slice(SAVED_PREFIX.length);
    const entry = read(storage, id);
    if (entry.ok) saved.push(entry.saved);
    else problems.push({ where: showValue(id), message: entry.message });
  }
  saved.sort((a, b) =>
    a.savedAt === b.savedAt ? a.name.localeCompare(b.name) : a.savedAt < b.savedAt ? 1 : -1,
  );
  return { saved, problems };
}

// Ids come from the save time (base 36 milliseconds), with a counter on collision: readable,
// sortable, and no random source needed.
function newId(storage: StorageLike, now: Date): string {
  const base = Math.max(0, Math.floor(now.getTime())).toString(36);
  for (let i = 1; ; i++) {
    const id = i === 1 ? base : `${base}-${i}`;
    let taken = true;
    try {
      taken = storage.getItem(SAVED_PREFIX + id) !== null;
    } catch {
      // An unreadable key is treated as taken; the next counter is tried.
    }
    if (!taken || i > 10_000) return id;
  }
}

/**
 * Saves a scenario under a name (trimmed, 1–80 characters). Returns the new entry, or a message
 * when the name is empty or too long, the date is invalid, or the storage refuses (full,
 * disabled). Never throws.
 */
export function saveScenario(
  storage: StorageLike,
  name: string,
  scenario: Scenario,
  now: Date,
  curves: readonly DigitisedCurve[] = [],
): SaveResult {
  const checked = checkName(name);
  if (!checked.ok) return checked;
  if (!validDate(now)) return { ok: false, message: 'the save date is not a valid date' };
  let query: string;
  try {
    query = savedQuery(scenario, curves);
  } catch (e) {
    return { ok: false, message: `the scenario could not be encoded: ${errorText(e)}` };
  }
  return write(storage, {
    id: newId(storage, now),
    name: checked.name,
    savedAt: now.toISOString(),
    query,
  });
}

/** Renames a saved scenario (its date and query are kept). Never throws. */
export function renameSaved(storage: StorageLike, id: string, name: string): SaveResult {
  const checked = checkName(name);
  if (!checked.ok) return checked;
  const entry = read(storage, id);
  if (!entry.ok) return entry;
  return write(storage, { ...entry.saved, name: checked.name });
}

/** Deletes a saved scenario; a message when the storage refuses. Never throws. */
export function deleteSaved(
  storage: StorageLike,
  id: string,
): { ok: true } | { ok: false; message: string } {
  try {
    storage.removeItem(SAVED_PREFIX + id);
    return { ok: true };
  } catch (e) {
    return { ok: false, message: `Could not delete ${showValue(id)}: ${errorText(e)}.` };
  }
}

/**
 * Opens a saved scenario: its query decoded and validated for the given studies (so a scenario
 * saved under an older build or naming a study that is gone still opens, with problems). A
 * message when the entry is missing or corrupted. Never throws.
 */
export function loadSaved(
  storage: StorageLike,
  id: string,
  studies: readonly StudyDefaults[],
  fallbackStudy: string,
):
  | {
      ok: true;
      saved: SavedScenario;
      scenario: Scenario;
      /** The saved digitised curves (empty when it has none). */
      curves: DigitisedCurve[];
      problems: ScenarioProblem[];
    }
  | { ok: false; message: string } {
  const entry = read(storage, id);
  if (!entry.ok) return entry;
  const { scenario, problems } = decodeScenario(entry.saved.query, studies, fallbackStudy);
  const c = savedCurves(entry.saved.query);
  return {
    ok: true,
    saved: entry.saved,
    scenario,
    curves: c.curves,
    problems: [...problems, ...c.problems],
  };
}

/**
 * Every readable saved scenario as one JSON document
 * `{ format: 'msct-sim-scenarios', version: 1, scenarios: [{ name, savedAt, query }] }`,
 * newest first, plus the problems of entries that were skipped. Never throws.
 */
export function exportSavedJson(storage: StorageLike): { text: string; problems: SavedProblem[] } {
  const { saved, problems } = listSaved(storage);
  const doc = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    scenarios: saved.map((s) => ({ name: s.name, savedAt: s.savedAt, query: s.query })),
  };
  return { text: `${JSON.stringify(doc, null, 2)}\n`, problems };
}

/** Most entries one import reads (a larger file is most likely not ours). */
export const MAX_IMPORT = 1000;

/**
 * Imports an export file: each entry is decoded and validated, stored under a new id (existing
 * scenarios are never overwritten) with its query re-encoded canonically, and its original date
 * kept when valid (else `now`). Bad entries are reported as `scenarios[i]` (1-based) and skipped;
 * validation problems of imported scenarios are reported too. Stops at the first storage error
 * (a full storage). Never throws.
 */
export function importSavedJson(
  storage: StorageLike,
  text: string,
  studies: readonly StudyDefaults[],
  fallbackStudy: string,
  now: Date = new Date(),
): { imported: SavedScenario[]; problems: SavedProblem[] } {
  const imported: SavedScenario[] = [];
  const problems: SavedProblem[] = [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    problems.push({ where: 'file', message: 'is not valid JSON' });
    return { imported, problems };
  }
  if (!isRecord(doc) || doc.format !== EXPORT_FORMAT || !Array.isArray(doc.scenarios)) {
    problems.push({ where: 'file', message: 'is not a saved-scenarios file of this simulator' });
    return { imported, problems };
  }
  if (doc.version !== EXPORT_VERSION) {
    problems.push({
      where: 'file',
      message: `has version ${showValue(doc.version)}; read as version ${EXPORT_VERSION}`,
    });
  }
  const entries = doc.scenarios.slice(0, MAX_IMPORT);
  if (doc.scenarios.length > MAX_IMPORT)
    problems.push({
      where: 'file',
      message: `more than ${MAX_IMPORT} scenarios; the rest skipped`,
    });
  const fallbackDate = validDate(now) ? now : new Date(0);
  for (const [i, entry] of entries.entries()) {
    const where = `scenarios[${i + 1}]`;
    if (!isRecord(entry) || typeof entry.query !== 'string') {
      problems.push({ where, message: 'has no query' });
      continue;
    }
    const checked = checkName(entry.name);
    if (!checked.ok) {
      problems.push({ where, message: checked.message });
      continue;
    }
    const date = typeof entry.savedAt === 'string' ? new Date(entry.savedAt) : fallbackDate;
    const savedAt = validDate(date) ? date : fallbackDate;
    const decoded = decodeScenario(entry.query, studies, fallbackStudy);
    const curves = savedCurves(entry.query);
    for (const p of [...decoded.problems, ...curves.problems])
      problems.push({ where, message: `${p.field}: ${p.message} (used ${p.used})` });
    const result = write(storage, {
      id: newId(storage, savedAt),
      name: checked.name,
      savedAt: savedAt.toISOString(),
      query: savedQuery(decoded.scenario, curves.curves),
    });
    if (!result.ok) {
      problems.push({ where, message: result.message });
      break;
    }
    imported.push(result.saved);
  }
  return { imported, problems };
}

/** A storage in memory, for when the browser's is blocked: it lasts as long as the page. */
export function memoryStorage(): StorageLike {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
    key: (i) => [...map.keys()][i] ?? null,
    get length() {
      return map.size;
    },
  };
}

/** The storage saved scenarios go to, whether it outlives the page, and what to tell the reader. */
export interface OpenedStorage {
  storage: StorageLike;
  /** False when the browser refused its storage and scenarios are kept in memory instead. */
  persistent: boolean;
  /** What the reader must know when not persistent, else null. */
  notice: string | null;
}

const PROBE_KEY = `${SAVED_PREFIX}probe`;

/**
 * Opens the browser's storage (`get` returns `localStorage`; it may throw when the browser blocks
 * it) and checks that it can be written (some private windows refuse every write). When it
 * cannot, saved scenarios are kept in memory, and the notice says that they last only until the
 * page is closed or reloaded and should be exported. A storage that is merely full but holds
 * saved scenarios is kept, so they stay listed (a save then says the storage is full). Never
 * throws.
 */
export function openBrowserStorage(get: () => StorageLike): OpenedStorage {
  let why: string;
  let storage: StorageLike | undefined;
  try {
    storage = get();
    storage.setItem(PROBE_KEY, '1');
    storage.removeItem(PROBE_KEY);
    return { storage, persistent: true, notice: null };
  } catch (e) {
    why = errorText(e);
  }
  if (storage && listSaved(storage).saved.length > 0)
    return { storage, persistent: true, notice: null };
  return {
    storage: memoryStorage(),
    persistent: false,
    notice:
      `This browser does not let the page keep data (${why}): saved scenarios are kept only ` +
      'until the page is closed or reloaded. Use “Export all (JSON)” to keep them.',
  };
}
