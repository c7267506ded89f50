// seedrandom ships its algorithms as separate CommonJS files; importing one directly keeps the
// rest of seedrandom (and its Node crypto autoseed) out of the bundle.
declare module 'seedrandom/lib/tychei.js' {
  interface Prng {
    (): number;
    double(): number;
    int32(): number;
    quick(): number;
  }
  const tychei: (seed: string) => Prng;
  export default tychei;
}
