// The task a piscina worker runs in bench/pool.mjs: a chunk of any reducer (from the sources,
// through tsx), each job's reducer prepared once per thread from data shared with every thread.
import { deserialize } from 'node:v8';

const { tsImport } = await import('tsx/esm/api');
const { reducerOf } = await tsImport('../../src/analysis/reducers/index.ts', import.meta.url);
const { toWire } = await tsImport('../../src/node/protocol.ts', import.meta.url);
const prepared = new Map();

export default function chunk({ key, kind, data, index, count }) {
  try {
    let run = prepared.get(key);
    if (!run) {
      run = reducerOf(kind).prepare(deserialize(new Uint8Array(data)));
      prepared.set(key, run);
    }
    return { result: run({ index, count }) };
  } catch (error) {
    return { error: toWire(error) };
  }
}
