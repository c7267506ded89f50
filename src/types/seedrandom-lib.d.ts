// seedrandom ships its algorithms as separate CommonJS files; importing one directly keeps the
// rest of seedrandom (and its Node crypto autoseed) out of the bundle.
declare module 'seedrandom/lib/tychei.js' {
  interface Prng {
    (): number;
    double(): number;
    int32(): number;
    quick(): number;
  }
  interface TycheiState {
    a: number;
    b: number;
    c: number;
    d: number;
  }
  const tychei: {
    (seed: string): Prng;
    (seed: string, options: { state: true }): Prng & { state(): TycheiState };
  };
  export default tychei;
}
