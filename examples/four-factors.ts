// The README's first example: define a four-factor scenario in TypeScript, run a million
// trials, print the odds with their 95% interval. The weights are made up to show the format:
// the number is not a forecast (the sourced model is the flagship, trump-kim-summit). Run it with `npx tsx examples/four-factors.ts`.
import { simulateSync, type Scenario } from 'scenario-odds';

const scenario: Scenario = {
  id: 'my-summit',
  title: 'Illustration of the file format (not a forecast)',
  params: { base: 0.5, wSanctions: -1.0, wRussia: -1.2, wDomestic: -1.5, wRok: 1.0 },
  factors: {
    sanctionsBlocking: { dist: 'beta', alpha: 8, beta: 2 },
    russiaAlliance: { dist: 'beta', alpha: 7, beta: 3 },
    usDomesticConstraints: { dist: 'beta', likelihood: 'likely' },
    rokMediation: { dist: 'normal', mean: -0.3, sd: 0.3 },
  },
  derived: {
    logOdds: 'base + wSanctions * sanctionsBlocking + wRussia * russiaAlliance + wDomestic * usDomesticConstraints + wRok * rokMediation',
  },
  events: { summit: 'sigmoid(logOdds)' },
};

const result = simulateSync(scenario, { seed: 2025, trials: 1_000_000 });
const { probability, ci95 } = result.events.summit;
const pct = (p: number) => `${(100 * p).toFixed(2)}%`;
console.log(`P(summit) = ${pct(probability)}, 95% CI [${pct(ci95[0])}, ${pct(ci95[1])}]`);
console.log(`${result.trials.toLocaleString('en-US')} trials in ${(result.elapsedMs / 1000).toFixed(2)} s (seed ${result.seed})`);

// Tweak a weight: the same seed gives common random numbers, so the change is the weight's alone.
const heavier = simulateSync(scenario, { seed: 2025, trials: 1_000_000, params: { wDomestic: -2.5 } });
console.log(`with wDomestic = -2.5: ${pct(heavier.events.summit.probability)}`);
