/**
 * Licence-plate formats of the 50 states and DC: the current standard series, older series still
 * on the road, and common specialty, commercial and temporary forms. `L` is a letter, `D` a digit;
 * the separator is written where the plate prints a gap or dash, but plates are reported with
 * and without it, so it is optional when matching.
 *
 * Sources: the states' DMV descriptions of their series as summarised in Wikipedia's "Vehicle
 * registration plates of <state>" articles, cross-checked against the per-state patterns OpenALPR
 * ships for US plates (runtime_data/postprocess/us.patterns). Formats of digits only (Delaware,
 * New Hampshire, Wyoming, Rhode Island and Connecticut issue some) are left out: a plate needs a
 * letter here, since a bare number is any number.
 */
export const PLATE_FORMATS: Readonly<Record<string, readonly string[]>> = {
  AL: ['DLDDLDD', 'DDLDDLD', 'LLDDDDD', 'DDDDDLL', 'DLDDDDL', 'DDLDDDL', 'DDLDLDL', 'DLDDDDD', 'DDL-DDDD'],
  AK: ['LLL DDD', 'LLL-DDDD'],
  AZ: ['LLL-DDDD', 'LLL-DDD', 'DDD-LLL', 'LLLLDDD'],
  AR: ['DDD LLL', 'LLL DDD', 'LLL DDL'],
  CA: ['DLLL-DDD', 'DLDDDDD', 'DDDDDLD', 'DDD LLL', 'LLL DDD', 'DLLLDDD'],
  CO: ['LLL-LDD', 'DDD-LLL', 'LL-DDDD', 'LLL-DDD', 'LLL-DDDD', 'DLL-LDD'],
  CT: ['LL-DDDDD', 'DLLLLD', 'DDD-LLL', 'LLL-DDD', 'LDDD', 'LLDDD', 'LLDDDD'],
  DE: ['LL-DDDDD', 'LDDDDDD'],
  DC: ['LL-DDDD', 'LL-DDDDL'],
  FL: ['LLL LDD', 'LLLL DD', 'DDDD LL', 'DDD LLL', 'LDDD LL', 'LDD LLL', 'LLL DDD', 'LLL DDL'],
  GA: ['LLL-DDDD', 'DDDD-LLL', 'DDDD-LL', 'DDDDDLL', 'DDD-LLL', 'LLL-DDD'],
  HI: ['LLL DDD', 'LLL DDDD'],
  ID: ['DL DDDDD', 'DL DDDD', 'DLL DDDD', 'DLLL DDD', 'LDDDDDD', 'LDDDDDL', 'LLDDDDL', 'DLDDDDL', 'LDDDD', 'DDDDL', 'DDDDDL'],
  IL: ['LL DDDDD', 'LDD DDDD', 'LL DDDD', 'LLL DDD', 'LDDDDD', 'LDDDDDD', 'DDDDL', 'DDDDDL', 'DDDDD LL'],
  IN: ['DDD LLL', 'DDD LL', 'DDDL', 'DDD LLLL', 'LLL DDD'],
  IA: ['LLL DDD', 'DDD LLL', 'DDDD LL', 'LLL DDDD'],
  KS: ['DDD LLL', 'LLL DDD'],
  KY: ['DDD LLL', 'LLL DDD', 'DLLDDD'],
  LA: ['LLL DDD', 'DDD LLL', 'LLL DDDD'],
  ME: ['DDDD LL', 'DDD LL', 'DD LL', 'DDD LLL', 'DDDD L'],
  MD: ['DLL DDDD', 'DLLL DD', 'DL DDDD', 'LLL DDD', 'DDD LLL', 'LLDDDL', 'DDDDDL', 'LDDDDD'],
  MA: ['DLLL DD', 'DLL DDD', 'DDD LLD', 'DDLL DD', 'DDD LLL', 'DDDD LL', 'DLLDDD'],
  MI: ['LLL DDDD', 'DLLL DD', 'LLL DDD', 'LLL LDD', 'DLLDDD'],
  MN: ['DDD-LLL', 'LLL-DDD', 'LLL-DDDD', 'DDD-LLLL'],
  MS: ['LLL DDD', 'LLL DDDD', 'DDLDD', 'LLD DDDD'],
  MO: ['LLD LDL', 'DLL DDL', 'DDD LLL', 'LLL DDD'],
  MT: ['D-DDDDL', 'DD-DDDDL', 'DD-DDDL', 'DDDDDDL', 'LLL DDD', 'DDDDDL'],
  NE: ['DL DDDD', 'DLL DDD', 'DDL DDD', 'DDLL DD', 'DD-LDDD', 'LLL DDD'],
  NV: ['DDD LLL', 'LDDDDD', 'LL DDDD', 'LLL DDD', 'DDL DDD', 'DDD LDD'],
  NH: ['LLL DDD', 'LLL DDDD'],
  NJ: ['LDD-LLL', 'LLL-DDL', 'LL-DDDL', 'LLL-DDDD', 'LLL-DDD', 'DDD-LLL'],
  NM: ['LLL-DDD', 'DDD-LLL', 'LL-DDD', 'LDDD', 'LLL-DDDD', 'DDD-LLLL'],
  NY: ['LLL-DDDD', 'LLL-DDD', 'DLL-DDD', 'LDL-DDD', 'LDDD-LL', 'LL-DDDL', 'DDDDD-LL', 'LL-DDDDL'],
  NC: ['LLL-DDDD', 'LLL-DDD', 'LL-DDDD'],
  ND: ['LLL DDD', 'DDD LLL'],
  OH: ['LLL DDDD', 'LL DD LL', 'LLL DDD', 'DDD LLL'],
  OK: ['DDD LLL', 'LLL DDD', 'LLL DDL', 'LLL-DDDD'],
  OR: ['DDD LLL', 'LLL DDD', 'DDD LLLL'],
  PA: ['LLL-DDDD', 'LLL-DDD', 'LL-DDDDD', 'DDDDD-LL'],
  RI: ['LL-DDD', 'DLL-DDD', 'LL-DDDD', 'DDD-LLL'],
  SC: ['LLL DDD', 'DDDD LL', 'LLL DDDD'],
  SD: ['DLL DDD', 'DDL DDD', 'DDLL DD', 'DDLLLD', 'DL DDDD'],
  TN: ['DDD LLL', 'LLL DDDD', 'DLD DLD', 'LLL DDD', 'DDD LLLL'],
  TX: ['LLL-DDDD', 'LDD-LLL', 'DDD-LLL', 'LLL-DDD', 'LLD-LDDD', 'DLLL-DDD'],
  UT: ['LDDD LL', 'DDD LD', 'DDD LLL', 'LLL DDD', 'LDD DLL', 'DDD DLL'],
  VT: ['LLL DDD', 'DDD LDDD', 'DDLDD', 'LLL DDDD'],
  VA: ['LLL-DDDD', 'LLLL-DD', 'LLL-DDD', 'LL-DDDD', 'DDDD-LL', 'DDDDDL'],
  WA: ['LLL DDDD', 'DDD LLL', 'LLL DDD', 'DLLDDDD'],
  WV: ['DLL DDD', 'LLL DDD', 'DL DDDD', 'LL DDDD', 'DDL DDD'],
  WI: ['LLL-DDDD', 'LLL-DDD', 'DDD-LLL', 'LL-DDDD', 'DDDDD-LL', 'DDDDDL'],
  WY: ['DD-DDDDL', 'DDDDL', 'DDDLL', 'DDLLL', 'D-DDDDL'],
};

/**
 * Temporary and dealer tags many states print in their own series (a letter and six digits, six
 * digits and a letter, two letters and five digits).
 */
export const TEMPORARY_FORMATS: readonly string[] = ['LDDDDDD', 'DDDDDDL', 'LLDDDDD', 'DDDDDLL', 'DDDDDDDL'];

/** A value's shape without its separators: `L` per letter, `D` per digit (`ABC-D12` → `LLLLDD`). */
export function plateShape(value: string): string {
  let shape = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i) | 0x20;
    if (c >= 0x30 && c <= 0x39) shape += 'D';
    else if (c >= 0x61 && c <= 0x7a) shape += 'L';
  }
  return shape;
}

/** Per shape, the states that issue it (temporary forms under `temporary`). */
export const STATES_BY_SHAPE: ReadonlyMap<string, readonly string[]> = (() => {
  const by = new Map<string, string[]>();
  const add = (format: string, state: string): void => {
    const shape = format.replace(/[ -]/g, '');
    if (!/L/.test(shape) || !/D/.test(shape)) return;
    const list = by.get(shape) ?? [];
    if (!list.includes(state)) list.push(state);
    by.set(shape, list);
  };
  for (const [state, formats] of Object.entries(PLATE_FORMATS)) for (const f of formats) add(f, state);
  for (const f of TEMPORARY_FORMATS) add(f, 'temporary');
  return by;
})();
