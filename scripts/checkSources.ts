/**
 * `npm run check:sources [folder]`: checks every sentence and figure the study presets quote
 * against the source documents they were extracted from, which are kept outside the repository
 * (default folder: `../shared` beside the repository root, holding `seeds/` with the abstracts
 * and `reference/published-figures.md` with the figures found elsewhere).
 *
 * The presets name every source by its citation, never by a file: a study's abstract is the
 * one document in `seeds/` that prints its DOI, PMID, title or address (`abstractOf`).
 *
 * - A sentence quoted from a study's own abstract (`paper`, or `derived` without a page) must
 *   appear in that abstract word for word (no-break spaces included).
 * - A sentence `found` elsewhere must appear in the reference file as it quotes it.
 * - Each k/n figure's "k/n" (or "k of n") must appear in the reference file's target-table row
 *   of its id (or of the id it extends: D9b → D9), and each continuous figure's means and SDs
 *   must all be numbers of its sentence.
 *
 * Without the folder it fails under CI (`CI=true`) and otherwise says what it needs and exits 0,
 * so that a clone without the documents can still run everything else.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { STUDIES, type Citation, type StudyPreset } from '../src/data';

/** A citation as a problem names it: DOI, else PMID, else title. */
export const citationKey = (c: Citation): string => c.doi ?? c.pmid ?? c.title;

/** Text with its white space folded and its case dropped, so a title matches across lines. */
const folded = (text: string): string => text.replace(/\s+/g, ' ').toLowerCase();

/**
 * The documents that carry a citation: those printing its DOI, its PMID, its title or its address
 * (white space and case aside; a meeting abstract prints no title line, only its address). The
 * right answer is exactly one.
 */
export function abstractOf(
  citation: Citation,
  documents: readonly { name: string; text: string }[],
): { name: string; text: string }[] {
  const marks = [citation.doi, citation.pmid, citation.title, citation.url]
    .filter((x): x is string => !!x)
    .map(folded);
  return documents.filter((d) => {
    const text = folded(d.text);
    return marks.some((m) => text.includes(m));
  });
}

/** The reference file, relative to the folder. */
export const REFERENCE_FILE = 'reference/published-figures.md';

/** What `checkSources` found: the problems (empty when all is well) and how much it checked. */
export interface SourceCheck {
  problems: string[];
  sentences: number;
  figures: number;
}

interface Quoted {
  id: string;
  source: string;
  sentence: string | null;
  sourceUrl?: string;
}

/** The numbers printed in a text, e.g. "6.30±3.63" → [6.3, 3.63]. */
const numbersIn = (text: string): number[] => (text.match(/\d+(?:\.\d+)?/g) ?? []).map(Number);

/** The reference file's target-table row of an id ("| F4b | …"), or undefined. */
function tableRow(reference: string, id: string): string | undefined {
  return reference.split('\n').find((line) => line.startsWith(`| ${id} |`));
}

/** Checks the presets against the documents in `folder` (which must exist). */
export function checkSources(
  folder: string,
  studies: readonly StudyPreset[] = STUDIES,
): SourceCheck {
  const problems: string[] = [];
  let sentences = 0;
  let figures = 0;
  const read = (file: string): string | undefined => {
    const path = resolve(folder, file);
    if (!existsSync(path)) {
      problems.push(`${path} is missing.`);
      return undefined;
    }
    return readFileSync(path, 'utf8');
  };
  const reference = read(REFERENCE_FILE) ?? '';
  const seeds = resolve(folder, 'seeds');
  const documents = existsSync(seeds)
    ? readdirSync(seeds)
        .filter((name) => name.endsWith('.txt'))
        .map((name) => ({ name, text: readFileSync(join(seeds, name), 'utf8') }))
    : [];
  if (!existsSync(seeds)) problems.push(`${seeds} is missing.`);

  for (const study of studies) {
    const found = abstractOf(study.citation, documents);
    if (found.length > 1)
      problems.push(
        `${study.id}: ${found.length} documents print ${citationKey(study.citation)}; one is its abstract.`,
      );
    const paper = found.length === 1 ? found[0]!.text : undefined;
    const quoted: Quoted[] = [...study.figures, ...study.continuousFigures, ...study.qualitative];
    for (const q of quoted) {
      if (q.sentence === null) continue;
      sentences++;
      const where = `${study.id} ${q.id}`;
      if (q.source === 'found' || q.sourceUrl) {
        if (!reference.includes(q.sentence))
          problems.push(`${where}: "${q.sentence}" is not quoted in ${REFERENCE_FILE}.`);
      } else if (found.length === 0) {
        problems.push(`${where}: no document prints ${citationKey(study.citation)}.`);
      } else if (paper !== undefined && !paper.includes(q.sentence)) {
        problems.push(`${where}: "${q.sentence}" is not in the study's abstract.`);
      }
    }
    for (const f of study.figures) {
      figures++;
      const row = tableRow(reference, f.id) ?? tableRow(reference, f.id.replace(/[a-z]+$/, ''));
      const kn = new RegExp(`(^|[^\\d.])${f.k}\\s*(/|of)\\s*${f.n}(?!\\d)`);
      if (!row) problems.push(`${study.id} ${f.id}: no row in the reference target table.`);
      else if (!kn.test(row))
        problems.push(`${study.id} ${f.id}: ${f.k}/${f.n} is not in its reference row: ${row}`);
    }
    for (const c of study.continuousFigures) {
      figures++;
      const printed = numbersIn(c.sentence);
      for (const p of c.points) {
        for (const x of [p.mean, p.sd]) {
          if (!printed.includes(x))
            problems.push(`${study.id} ${c.id}: ${x} (month ${p.time}) is not in its sentence.`);
        }
      }
    }
  }
  return { problems, sentences, figures };
}

/** Runs the check on the command line; returns the exit code. */
export function main(args: readonly string[], env: NodeJS.ProcessEnv = process.env): number {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const folder = args[0] ? resolve(args[0]) : resolve(root, '..', 'shared');
  if (!existsSync(folder)) {
    const need =
      `check:sources needs the source documents: a folder with seeds/ (the study abstracts) and ` +
      `${REFERENCE_FILE}, by default ../shared beside the repository. Not found: ${folder}. ` +
      'Give another folder as `npm run check:sources -- <folder>`.';
    if (env.CI === 'true' || env.CI === '1') {
      console.error(`${need}\nFailing: CI must check the sources.`);
      return 1;
    }
    console.log(`${need}\nSkipped (nothing was checked).`);
    return 0;
  }
  const { problems, sentences, figures } = checkSources(folder);
  for (const p of problems) console.error(p);
  if (problems.length > 0) {
    console.error(`check:sources: ${problems.length} problem(s) in ${folder}.`);
    return 1;
  }
  console.log(
    `check:sources: ${sentences} quoted sentences and ${figures} figures match the documents in ${folder}.`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
