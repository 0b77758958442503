import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { StudyPreset } from '../../src/data';
import { getStudy } from '../../src/data';
import { REFERENCE_FILE, abstractOf, checkSources, main } from '../../scripts/checkSources';

// The checker runs here on documents this test writes itself (a temporary folder), never on the
// real ones outside the repository: `npm run check:sources` does that.

const pilot = getStudy('pilot2010')!;
const SENTENCE = 'At 1 year 2 of 13 had relapsed, 11 had not.';
/** A one-figure study shaped like the pilot, quoting SENTENCE from its abstract. */
const study: StudyPreset = {
  ...pilot,
  figures: [{ ...pilot.figures[0]!, id: 'A1', k: 2, n: 13, sentence: SENTENCE }],
  continuousFigures: [
    {
      ...pilot.continuousFigures[0]!,
      points: [
        { time: 0, mean: 12.2, sd: 3.3, n: 12 },
        { time: 12, mean: 3.2, sd: 2.8, n: 12 },
      ],
      sentence: 'SLEDAI fell from 12.2 +/- 3.3 to 3.2 +/- 2.8.',
    },
  ],
  qualitative: [],
};

const folders: string[] = [];
afterAll(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

/** A folder with the abstract (any file name: it is found by its citation) and others. */
function documents(abstract: string, reference: string, others: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'check-sources-'));
  folders.push(dir);
  mkdirSync(join(dir, 'seeds'));
  mkdirSync(join(dir, 'reference'));
  writeFileSync(join(dir, 'seeds', 'some-abstract.txt'), abstract);
  others.forEach((text, i) => writeFileSync(join(dir, 'seeds', `other-${i}.txt`), text));
  writeFileSync(join(dir, REFERENCE_FILE), reference);
  return dir;
}

const ABSTRACT = `DOI: ${pilot.citation.doi}\n${SENTENCE}\nSLEDAI fell from 12.2 +/- 3.3 to 3.2 +/- 2.8.\n`;
const TABLE = '| A1 | pilot | S000 | 12 | relapse | 15.4% | 2/13 | 4.3-42.2 |\n';

describe('checkSources', () => {
  it('passes when every sentence, k/n and mean ± SD is in the documents', () => {
    expect(checkSources(documents(ABSTRACT, TABLE), [study])).toEqual({
      problems: [],
      sentences: 2,
      figures: 2,
    });
  });

  it('names a sentence that differs from the abstract, even by a no-break space', () => {
    const dir = documents(ABSTRACT.replace('2 of 13', '2\u00a0of 13'), TABLE);
    const { problems } = checkSources(dir, [study]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^pilot2010 A1: .* is not in the study's abstract/);
  });

  it('names a k/n missing from its target-table row, and a mean not in its sentence', () => {
    const dir = documents(ABSTRACT, TABLE.replace('2/13', '3/13'));
    const changed: StudyPreset = {
      ...study,
      continuousFigures: [
        { ...study.continuousFigures[0]!, points: [{ time: 0, mean: 12.3, sd: 3.3, n: 12 }] },
      ],
    };
    const { problems } = checkSources(dir, [changed]);
    expect(problems).toEqual([
      expect.stringMatching(/^pilot2010 A1: 2\/13 is not in its reference row/),
      'pilot2010 A3: 12.3 (month 0) is not in its sentence.',
    ]);
  });

  it('finds the abstract by the citation it prints, not by its file name', () => {
    // Another study's abstract beside it, quoting the same sentence, is not used.
    const other = `DOI: 10.0000/another\n${SENTENCE}`;
    expect(checkSources(documents(ABSTRACT, TABLE, [other]), [study]).problems).toEqual([]);
    // Without the DOI no document is the pilot's abstract: every quoted sentence says so.
    const { problems } = checkSources(documents(ABSTRACT.replace(/DOI: .*/, ''), TABLE, [other]), [
      study,
    ]);
    expect(problems).toEqual([
      `pilot2010 A1: no document prints ${pilot.citation.doi}.`,
      `pilot2010 A3: no document prints ${pilot.citation.doi}.`,
    ]);
  });

  it('refuses two documents that both print the citation', () => {
    const { problems } = checkSources(documents(ABSTRACT, TABLE, [ABSTRACT]), [study]);
    expect(problems[0]).toBe(
      `pilot2010: 2 documents print ${pilot.citation.doi}; one is its abstract.`,
    );
  });

  it('matches a title across line breaks and case, and an address', () => {
    const cited = {
      ...pilot.citation,
      doi: undefined,
      pmid: undefined,
      url: 'https://example.org/a',
    };
    const docs = [
      { name: 'title', text: cited.title.toUpperCase().replace(/ /g, '\n') },
      { name: 'address', text: 'see https://example.org/a' },
      { name: 'neither', text: 'nothing' },
    ];
    expect(abstractOf(cited, docs).map((d) => d.name)).toEqual(['title', 'address']);
  });

  it('looks for a found sentence in the reference file', () => {
    const found: StudyPreset = {
      ...study,
      figures: [{ ...study.figures[0]!, source: 'found', sourceUrl: 'https://example.org/' }],
    };
    expect(checkSources(documents(ABSTRACT, TABLE), [found]).problems).toEqual([
      `pilot2010 A1: "${SENTENCE}" is not quoted in ${REFERENCE_FILE}.`,
    ]);
    expect(checkSources(documents(ABSTRACT, TABLE + SENTENCE), [found]).problems).toEqual([]);
  });
});

describe('check:sources without the documents', () => {
  const missing = join(tmpdir(), 'no-such-folder-for-check-sources');

  it('fails under CI and says what it needs', () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(main([missing], { CI: 'true' })).toBe(1);
    expect(err.mock.calls.join('\n')).toMatch(/needs the source documents.*seeds\/.*Failing/s);
    err.mockRestore();
  });

  it('by hand, says what it needs and skips (exit 0)', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(main([missing], {})).toBe(0);
    expect(log.mock.calls.join('\n')).toMatch(/needs the source documents.*Skipped/s);
    log.mockRestore();
  });
});
