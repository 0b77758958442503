import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../../src/scenario/defaults';
import type { Scenario } from '../../../src/scenario/scenario';
import {
  deleteSaved,
  EXPORT_FORMAT,
  exportSavedJson,
  importSavedJson,
  listSaved,
  loadSaved,
  MAX_NAME_LENGTH,
  openBrowserStorage,
  renameSaved,
  savedDateText,
  SAVED_PREFIX,
  saveScenario,
  type StorageLike,
} from '../../../src/ui/storage/savedScenarios';
import { encodeScenario } from '../../../src/scenario/urlCodec';
import type { DigitisedCurve } from '../../../src/scenario/digitisedCurves';
import { FAKE_STUDIES } from '../../model/studyFakes';

/** An in-memory Web Storage; `quota` (characters of keys + values) makes setItem throw. */
class MemoryStorage implements StorageLike {
  readonly map = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  get length(): number {
    return this.map.size;
  }
  key(i: number): string | null {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    let used = key.length + value.length;
    for (const [k, v] of this.map) if (k !== key) used += k.length + v.length;
    if (used > this.quota) {
      // What browsers throw (a DOMException named QuotaExceededError).
      const e = new Error('The quota has been exceeded.');
      e.name = 'QuotaExceededError';
      throw e;
    }
    this.map.set(key, String(value));
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

const studies = FAKE_STUDIES;
const base = defaultScenario(studies[0]!);
const other: Scenario = { ...base, seed: 'other', n: 12 };
const t0 = new Date('2024-03-01T10:00:00.000Z');
const t1 = new Date('2024-03-02T10:00:00.000Z');

describe('saved scenarios', () => {
  it('saves, lists newest first, and loads a scenario exactly', () => {
    const storage = new MemoryStorage();
    const a = saveScenario(storage, '  First  ', base, t0);
    const b = saveScenario(storage, 'Second', other, t1);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.saved.name).toBe('First');
    expect(storage.getItem(SAVED_PREFIX + a.saved.id)).toBe(
      JSON.stringify({ name: 'First', savedAt: t0.toISOString(), query: encodeScenario(base) }),
    );
    const { saved, problems } = listSaved(storage);
    expect(problems).toEqual([]);
    expect(saved.map((s) => s.name)).toEqual(['Second', 'First']);
    const loaded = loadSaved(storage, b.saved.id, studies, 'followup2018');
    expect(loaded).toMatchObject({ ok: true, scenario: other, problems: [] });
  });

  it('keeps digitised curves, however long, and brings them back on open and import', () => {
    // 1,500 full-precision points: far longer than a link may be, fine for the storage.
    const long: DigitisedCurve = {
      id: 'os',
      label: 'OS, Fig. 2',
      endpoint: 'overallSurvival',
      points: Array.from({ length: 1500 }, (_, i) => [i / 7, Math.exp(-i / 900)]),
      atRisk: [
        [0, 500],
        [12, 420.5],
      ],
      totalEvents: 123,
    };
    const storage = new MemoryStorage();
    const a = saveScenario(storage, 'With curve', base, t0, [long]);
    const b = saveScenario(storage, 'Without', other, t1);
    if (!a.ok || !b.ok) throw new Error('save failed');
    expect(a.saved.query.length).toBeGreaterThan(8000);
    const r = loadSaved(storage, a.saved.id, studies, studies[0]!.id);
    if (!r.ok) throw new Error(r.message);
    expect(r.problems).toEqual([]);
    expect(r.scenario).toEqual(base);
    expect(r.curves).toEqual([long]);
    const none = loadSaved(storage, b.saved.id, studies, studies[0]!.id);
    expect(none.ok && none.curves).toEqual([]);
    // Through an export file into another browser.
    const other2 = new MemoryStorage();
    importSavedJson(other2, exportSavedJson(storage).text, studies, studies[0]!.id, t1);
    const moved = listSaved(other2).saved.find((x) => x.name === 'With curve');
    const again = moved && loadSaved(other2, moved.id, studies, studies[0]!.id);
    expect(again?.ok && again.curves).toEqual([long]);
  });

  it('gives distinct ids to saves in the same millisecond', () => {
    const storage = new MemoryStorage();
    const ids = [1, 2, 3].map((i) => {
      const r = saveScenario(storage, `S${i}`, base, t0);
      return r.ok ? r.saved.id : '';
    });
    expect(new Set(ids).size).toBe(3);
    expect(listSaved(storage).saved).toHaveLength(3);
  });

  it('renames and deletes', () => {
    const storage = new MemoryStorage();
    const a = saveScenario(storage, 'Old', base, t0);
    if (!a.ok) throw new Error(a.message);
    const r = renameSaved(storage, a.saved.id, 'New');
    expect(r).toMatchObject({ ok: true, saved: { name: 'New', savedAt: t0.toISOString() } });
    expect(listSaved(storage).saved.map((s) => s.name)).toEqual(['New']);
    expect(renameSaved(storage, a.saved.id, '   ')).toMatchObject({ ok: false });
    expect(renameSaved(storage, 'missing', 'X')).toMatchObject({ ok: false });
    expect(deleteSaved(storage, a.saved.id)).toEqual({ ok: true });
    expect(listSaved(storage).saved).toEqual([]);
  });

  it('refuses empty and over-long names', () => {
    const storage = new MemoryStorage();
    expect(saveScenario(storage, '', base, t0)).toMatchObject({ ok: false });
    expect(saveScenario(storage, 'x'.repeat(81), base, t0)).toMatchObject({ ok: false });
    expect(saveScenario(storage, 'x', base, new Date(NaN))).toMatchObject({ ok: false });
    expect(storage.length).toBe(0);
  });

  it('returns a message, not an exception, when the storage is full', () => {
    const storage = new MemoryStorage(50);
    const r = saveScenario(storage, 'Too big', base, t0);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/storage for this page is full/);
    expect(storage.length).toBe(0);
  });

  it('reports and skips corrupted entries, and leaves other keys alone', () => {
    const storage = new MemoryStorage();
    saveScenario(storage, 'Good', base, t0);
    storage.setItem(`${SAVED_PREFIX}badjson`, '{not json');
    storage.setItem(`${SAVED_PREFIX}badshape`, JSON.stringify({ name: 3 }));
    storage.setItem(`${SAVED_PREFIX}array`, '[]');
    storage.setItem('unrelated', 'whatever');
    const { saved, problems } = listSaved(storage);
    expect(saved.map((s) => s.name)).toEqual(['Good']);
    expect(problems.map((p) => p.where).sort()).toEqual(['"array"', '"badjson"', '"badshape"']);
    expect(loadSaved(storage, 'badjson', studies, 'followup2018')).toMatchObject({ ok: false });
  });

  it('survives a storage that throws on every read', () => {
    const hostile: StorageLike = {
      get length(): number {
        return 2;
      },
      key: (i) => `${SAVED_PREFIX}${i}`,
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw Object.assign(new Error('denied'), { name: 'SecurityError' });
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(listSaved(hostile).problems).toHaveLength(2);
    expect(saveScenario(hostile, 'x', base, t0)).toMatchObject({ ok: false });
    expect(deleteSaved(hostile, '0')).toMatchObject({ ok: false });
    expect(loadSaved(hostile, '0', studies, 'followup2018')).toMatchObject({ ok: false });
    const broken = {
      get length(): number {
        throw new Error('no storage');
      },
    } as unknown as StorageLike;
    expect(listSaved(broken)).toMatchObject({ saved: [], problems: [{ where: 'storage' }] });
  });

  it('opens a saved scenario whose study is gone, with a problem', () => {
    const storage = new MemoryStorage();
    storage.setItem(
      `${SAVED_PREFIX}old`,
      JSON.stringify({ name: 'Old', savedAt: t0.toISOString(), query: 'v=1&study=gone&n=5' }),
    );
    const r = loadSaved(storage, 'old', studies, 'followup2018');
    expect(r).toMatchObject({ ok: true, scenario: { study: 'followup2018', n: 5 } });
    if (r.ok) expect(r.problems.map((p) => p.field)).toEqual(['study']);
  });
});

describe('export and import', () => {
  it('exports every readable scenario and imports them into another browser', () => {
    const from = new MemoryStorage();
    saveScenario(from, 'A', base, t0);
    saveScenario(from, 'B', other, t1);
    from.setItem(`${SAVED_PREFIX}junk`, 'junk');
    const { text, problems } = exportSavedJson(from);
    expect(problems).toHaveLength(1);
    const doc = JSON.parse(text) as { format: string; version: number; scenarios: unknown[] };
    expect(doc.format).toBe(EXPORT_FORMAT);
    expect(doc.version).toBe(1);
    expect(doc.scenarios).toHaveLength(2);

    const to = new MemoryStorage();
    saveScenario(to, 'A', base, t0); // never overwritten by the import
    const result = importSavedJson(to, text, studies, 'followup2018', t1);
    expect(result.problems).toEqual([]);
    expect(result.imported.map((s) => s.name)).toEqual(['B', 'A']);
    const listed = listSaved(to).saved;
    expect(listed).toHaveLength(3);
    const b = listed.find((s) => s.name === 'B')!;
    expect(b.savedAt).toBe(t1.toISOString());
    expect(loadSaved(to, b.id, studies, 'followup2018')).toMatchObject({ scenario: other });
  });

  it('reports bad entries by index and imports the rest', () => {
    const storage = new MemoryStorage();
    const text = JSON.stringify({
      format: EXPORT_FORMAT,
      version: 1,
      scenarios: [
        { name: 'Good', savedAt: 'not a date', query: encodeScenario(base) },
        { name: 'No query' },
        'a string',
        { name: '', query: 'v=1' },
        { name: 'Bad values', query: 'v=1&n=NaN' },
      ],
    });
    const { imported, problems } = importSavedJson(storage, text, studies, 'followup2018', t0);
    expect(imported.map((s) => s.name)).toEqual(['Good', 'Bad values']);
    expect(imported[0]!.savedAt).toBe(t0.toISOString());
    expect(problems.map((p) => p.where)).toEqual([
      'scenarios[2]',
      'scenarios[3]',
      'scenarios[4]',
      'scenarios[5]',
    ]);
    // The stored query is the validated scenario, re-encoded (a v=1 query stays v=1, so that
    // it keeps its patients).
    expect(imported[1]!.query).toBe(encodeScenario({ ...base, sampler: 1 }));
  });

  it('rejects files that are not ours, without throwing', () => {
    const storage = new MemoryStorage();
    for (const text of [
      '',
      '{',
      'null',
      '[]',
      '{"format":"other","scenarios":[]}',
      '{"__proto__":1}',
    ]) {
      const r = importSavedJson(storage, text, studies, 'followup2018', t0);
      expect(r.imported).toEqual([]);
      expect(r.problems).toHaveLength(1);
    }
    expect(storage.length).toBe(0);
  });

  it('stops at a full storage and says which entry failed', () => {
    const source = new MemoryStorage();
    saveScenario(source, 'A', base, t0);
    saveScenario(source, 'B', other, t1);
    const { text } = exportSavedJson(source);
    const one = JSON.stringify(source.map.values().next().value).length + 40;
    const small = new MemoryStorage(one);
    const r = importSavedJson(small, text, studies, 'followup2018', t0);
    expect(r.imported).toHaveLength(1);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.where).toBe('scenarios[2]');
    expect(r.problems[0]!.message).toMatch(/full/);
  });
});

describe('what a reader sees of stored entries', () => {
  it('shows a 300,000-character stored name shortened, and still opens the entry', () => {
    const storage = new MemoryStorage();
    const long = 'x'.repeat(300_000);
    storage.setItem(
      `${SAVED_PREFIX}big`,
      JSON.stringify({ name: long, savedAt: t0.toISOString(), query: encodeScenario(base) }),
    );
    const { saved } = listSaved(storage);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(saved[0]!.name).toMatch(/^x+…$/);
    expect(loadSaved(storage, 'big', studies, 'followup2018').ok).toBe(true);
  });

  it('names a blank stored name instead of showing nothing', () => {
    const storage = new MemoryStorage();
    storage.setItem(
      `${SAVED_PREFIX}blank`,
      JSON.stringify({ name: '   ', savedAt: t0.toISOString(), query: encodeScenario(base) }),
    );
    expect(listSaved(storage).saved[0]!.name).toBe('(no name)');
  });

  it('says "date unknown" for a stored date that is not a date, never "Invalid Date"', () => {
    for (const bad of ['yesterday', '', '2024-13-45T99:00:00Z']) {
      expect(savedDateText(bad)).toBe('date unknown');
    }
    const shown = savedDateText(t0.toISOString());
    expect(shown).not.toMatch(/Invalid|unknown/);
    expect(shown).toMatch(/2024/);
  });
});

describe('openBrowserStorage', () => {
  it('uses the browser storage when it can be written', () => {
    const real = new MemoryStorage();
    const opened = openBrowserStorage(() => real);
    expect(opened.storage).toBe(real);
    expect(opened.persistent).toBe(true);
    expect(opened.notice).toBeNull();
    expect(real.length).toBe(0); // the probe leaves nothing behind
  });

  it('says so when storage is blocked: saves then last only until the page is reloaded', () => {
    const blocked = () => {
      const e = new Error('The operation is insecure.');
      e.name = 'SecurityError';
      throw e;
    };
    const full = new MemoryStorage(0); // every write refused, as in some private windows
    for (const get of [blocked, () => full]) {
      const opened = openBrowserStorage(get);
      expect(opened.persistent).toBe(false);
      expect(opened.notice).toMatch(/only until .*reload.*export/i);
      // It still works for this visit.
      const r = saveScenario(opened.storage, 'Kept for now', base, t0);
      expect(r.ok).toBe(true);
      expect(listSaved(opened.storage).saved.map((x) => x.name)).toEqual(['Kept for now']);
    }
  });

  it('keeps a full storage that holds saved scenarios, so that they stay listed', () => {
    // A storage with room for exactly one saved scenario: the probe write does not fit.
    const sizing = new MemoryStorage();
    saveScenario(sizing, 'Old', base, t0);
    const size = [...sizing.map].reduce((a, [k, v]) => a + k.length + v.length, 0);
    const full = new MemoryStorage(size);
    expect(saveScenario(full, 'Old', base, t0).ok).toBe(true);
    expect(() => full.setItem('probe', '1')).toThrow();
    const opened = openBrowserStorage(() => full);
    expect(opened.storage).toBe(full);
    expect(listSaved(opened.storage).saved.map((x) => x.name)).toEqual(['Old']);
    const again = saveScenario(opened.storage, 'New', base, t1);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.message).toMatch(/full/);
  });
});
