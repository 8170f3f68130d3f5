import { it, afterAll } from '@jest/globals';
afterAll(() => { console.log(Object.entries(globalThis).filter(([k]) => k.startsWith('C_')).map(([k, v]) => k + '=' + v).join(' ')); });
it('x', () => {});
