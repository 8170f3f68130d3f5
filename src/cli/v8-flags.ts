/**
 * V8 settings the CLI runs with, set at start-up (bin/pii-scan). The build sets them too before it
 * writes code caches (scripts/bundle.mjs): V8 uses a cache only under the flags it was made with.
 *
 * The live heap of a scan stays small however large the input, but by default V8 lets the old
 * generation grow well past it between full collections, so peak memory crept up with the input.
 * Growing the limit by 10 % of what survives keeps it flat, at no measurable cost in speed. Read
 * each time V8 sets the limit, so it applies from here on, to worker threads too.
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

export function applyV8Flags(): void {
  setFlagsFromString('--heap-growing-percent=10');
}

/** The young generation (both semi-spaces) holdYoungGeneration keeps: half V8's default maximum. */
const HELD_YOUNG_GENERATION = 16 * 1024 * 1024;
/** The first megabyte is read with the young generation held at half that: its warm-up (compiling, loading tables) can make it grow twice between two chunks. */
const WARM_UP_BYTES = 1024 * 1024;

let young: 'growing' | 'warming' | 'last' | 'held' | 'free' = 'growing';
let seen = 0;
let warmedAt = 0;

const growthFactor = (n: number): void => setFlagsFromString(`--semi-space-growth-factor=${n}`);

/**
 * Called as a scan in this thread reads, with each chunk's size. A long scan keeps a little of
 * every chunk past a young collection, and V8 doubles the young generation each time what
 * survived since it last grew passes its size: up to two 16 MB semi-spaces, however small the
 * live heap. Its maximum is read only when the isolate is made (`node --max-semi-space-size`),
 * but the growth factor at each growth: it is set to 1 once the young generation has reached
 * HELD_YOUNG_GENERATION, and while the first megabyte is read at half that.
 */
export function holdYoungGeneration(bytes: number): void {
  if (young === 'held' || young === 'free') return;
  if (bytes > 0) seen += bytes;
  const size = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
  if (size >= HELD_YOUNG_GENERATION) {
    if (young !== 'warming') growthFactor(1);
    young = 'held';
  } else if (young === 'growing' && size >= HELD_YOUNG_GENERATION / 2) {
    growthFactor(1);
    young = 'warming';
    warmedAt = seen + WARM_UP_BYTES;
  } else if (young === 'warming' && seen >= warmedAt) {
    growthFactor(2);
    young = 'last';
  }
}

/**
 * Before worker threads start: theirs start small and must grow (the factor is the process's).
 * V8 takes a code cache only under the flags it was made with, this one too: a library first
 * loaded while the young generation is held compiles without its cache.
 */
export function freeYoungGeneration(): void {
  if (young === 'warming' || young === 'held') defaultYoungGenerationGrowth();
  young = 'free';
}

/** V8's own growth factor, under which code caches are made (scripts/code-cache.mjs) and read. */
export function defaultYoungGenerationGrowth(): void {
  growthFactor(2);
}
