import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/model';

const MODEL_DIR = join(__dirname, '../../src/model');
const files = readdirSync(MODEL_DIR).filter((f) => f.endsWith('.ts'));
const source = (file: string): string => readFileSync(join(MODEL_DIR, file), 'utf8');

/** The source with block and line comments removed (URLs such as `https://` are kept). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\])\/\/.*$/gm, '$1');
}

/** Names declared with `export const|function|interface|type|class` in a module. */
function declaredExports(text: string): string[] {
  const names: string[] = [];
  const re = /^export\s+(?:declare\s+)?(?:const|let|function|interface|type|class|enum)\s+(\w+)/gm;
  for (const m of text.matchAll(re)) names.push(m[1]!);
  return names;
}

/** Every `export { a, b as c } from './mod'` of index.ts: module, source name, exported name. */
function indexReExports(): { module: string; name: string; as: string; type: boolean }[] {
  const out: { module: string; name: string; as: string; type: boolean }[] = [];
  const re = /export\s+(type\s+)?\{([^}]*)\}\s+from\s+'\.\/(\w+)'/g;
  for (const m of withoutComments(source('index.ts')).matchAll(re)) {
    for (const spec of m[2]!.split(',')) {
      const parts = spec.trim().split(/\s+as\s+/);
      if (!parts[0]) continue;
      out.push({ module: m[3]!, name: parts[0], as: parts[1] ?? parts[0], type: Boolean(m[1]) });
    }
  }
  return out;
}

// Exports deliberately kept out of the public API (see the header of src/model/index.ts).
const INTERNAL: Record<string, readonly string[] | 'all'> = {
  'linalg.ts': 'all',
  'random.ts': ['aleaState', 'aleaNext', 'AleaState'],
  // Same constant as wilson.ts's Z_975, which is the one re-exported.
  'kaplanMeier.ts': ['Z_975'],
};

describe('src/model/index', () => {
  it('exports the estimators, simulators and codecs the issue names, as functions', () => {
    const required = [
      'kaplanMeier',
      'cumulativeIncidence',
      'matrixExp',
      'cohortTrace',
      'simulateCohort',
      'calibrate',
      'wilsonInterval',
      'crudeProportion',
      'runReplicates',
      'encodeScenario',
      'decodeScenario',
      'naiveTransitionMatrix',
    ];
    const exported = api as Record<string, unknown>;
    for (const name of required) {
      expect(typeof exported[name], name).toBe('function');
    }
  });

  it('re-exports every export of every module except the documented internals', () => {
    const reexported = indexReExports();
    const missing: string[] = [];
    for (const file of files) {
      if (file === 'index.ts') continue;
      const internal = INTERNAL[file];
      if (internal === 'all') continue;
      const module = file.replace(/\.ts$/, '');
      for (const name of declaredExports(source(file))) {
        if (internal?.includes(name)) continue;
        if (!reexported.some((r) => r.module === module && r.name === name)) {
          missing.push(`${file}: ${name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('has no name clashes and every value re-export exists at runtime', () => {
    const reexported = indexReExports();
    const names = reexported.map((r) => r.as);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(names).toContain('Z_975');
    expect(names).toContain('FitTableCsvRow');
    const runtime = new Set(Object.keys(api));
    const values = reexported.filter((r) => !r.type).map((r) => r.as);
    expect(values.filter((n) => !runtime.has(n))).toEqual([]);
    // And nothing reaches the namespace that index.ts does not name.
    expect([...runtime].filter((n) => !values.includes(n))).toEqual([]);
    expect(api.Z_975).toBe(1.959963984540054);
  });

  it('gives every re-exported declaration a JSDoc comment in its source file', () => {
    const undocumented: string[] = [];
    for (const r of indexReExports()) {
      const lines = source(`${r.module}.ts`).split('\n');
      const re = new RegExp(
        `^export\\s+(?:const|let|function|interface|type|class|enum)\\s+${r.name}\\b`,
      );
      const at = lines.findIndex((l) => re.test(l));
      if (at < 0) {
        undocumented.push(`${r.module}: ${r.name} (declaration not found)`);
        continue;
      }
      // The line before the declaration closes a /** … */ block.
      const before = lines[at - 1]?.trim() ?? '';
      let start = at - 1;
      while (start >= 0 && !lines[start]!.trim().startsWith('/*')) start--;
      if (!before.endsWith('*/') || start < 0 || !lines[start]!.trim().startsWith('/**')) {
        undocumented.push(`${r.module}: ${r.name}`);
      }
    }
    expect(undocumented).toEqual([]);
  });
});

describe('src/model purity', () => {
  const FORBIDDEN_IMPORT =
    /(?:from\s*|import\s*\(?\s*)['"](react|react-dom|react-dom\/client|zustand|zustand\/[\w/-]+|d3-selection|d3-transition)['"]/;
  const DOM_GLOBAL = /\b(window|document)\b/;

  it('reads every module (the checks below are not vacuous)', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
    expect(files).toContain('microsim.ts');
    // The regexes do match what they are meant to catch.
    expect(FORBIDDEN_IMPORT.test("import { create } from 'zustand';")).toBe(true);
    expect(FORBIDDEN_IMPORT.test("import { select } from 'd3-selection';")).toBe(true);
    expect(FORBIDDEN_IMPORT.test("import React from 'react';")).toBe(true);
    expect(FORBIDDEN_IMPORT.test("import { scaleLinear } from 'd3-scale';")).toBe(false);
    expect(DOM_GLOBAL.test(withoutComments('const w = window.innerWidth; // window'))).toBe(true);
    expect(DOM_GLOBAL.test(withoutComments('const x = 1; // the window of accrual'))).toBe(false);
  });

  it.each(files)(
    '%s imports no React, zustand or d3-selection and uses no window/document',
    (f) => {
      const code = withoutComments(source(f));
      expect(code.match(FORBIDDEN_IMPORT)?.[0] ?? null).toBeNull();
      expect(code.match(DOM_GLOBAL)?.[0] ?? null).toBeNull();
    },
  );
});
