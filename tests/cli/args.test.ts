import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/args';

describe('parseCliArgs', () => {
  it('parses arguments and names the offending one', () => {
    expect(parseCliArgs(['--scenario', 'study=x', '--json'])).toEqual({
      ok: true,
      options: { scenario: 'study=x', json: true, fit: false, patients: false, help: false },
    });
    expect(parseCliArgs(['--scenario=?v=1&study=x', '--fit'])).toMatchObject({
      ok: true,
      options: { scenario: '?v=1&study=x', fit: true },
    });
    expect(parseCliArgs([])).toMatchObject({ ok: true, options: { scenario: '' } });
    expect(parseCliArgs(['-h'])).toMatchObject({ ok: true, options: { help: true } });
    const bad: [string[], string][] = [
      [['--scenario'], '--scenario'],
      [['--scenario', '--json'], '--scenario'],
      [['--scenario='], '--scenario'],
      [['--scenario', 'a', '--scenario', 'b'], '--scenario'],
      [['--jsn'], '--jsn'],
      [['study=x'], 'study=x'],
      [['--json=1'], '--json'],
      [['--fit', '--fit'], '--fit'],
      [['--patients', '--fit'], '--patients'],
      [['--patients=1'], '--patients'],
    ];
    for (const [argv, name] of bad) {
      const r = parseCliArgs(argv);
      expect(r.ok, argv.join(' ')).toBe(false);
      if (!r.ok) expect(r.message).toContain(name);
    }
  });
});
