import type { Scenario } from '../model/types';

/**
 * A small four-factor sketch of the summit question, the README's first example: each factor
 * of the article pushes the log-odds of a meeting from a base rate. The flagship scenario
 * (`trump-kim-summit`) is the documented, sourced version.
 */
export const fourFactors: Scenario = {
  id: 'four-factors',
  title: 'Four factors against a Trump–Kim summit (sketch)',
  description: 'Base log-odds of a summit within a year, pushed down by three blocking factors and by Seoul’s mediation.',
  params: {
    base: { value: 0.5, description: 'Log-odds of a summit with no blocking factor at all (about 62%).' },
    wSanctions: { value: -1.0, description: 'Weight of sanctions blocking on the log-odds.' },
    wRussia: { value: -1.2, description: 'Weight of the Russia–DPRK alliance.' },
    wDomestic: { value: -1.5, description: 'Weight of US domestic constraints.' },
    wRok: { value: 1.0, description: 'Weight of South Korean mediation (its effect is negative on average).' },
  },
  factors: {
    sanctionsBlocking: { dist: 'beta', alpha: 8, beta: 2, label: 'Sanctions blocking', description: 'How firmly Russia and China block new UN sanctions (0–1).' },
    russiaAlliance: { dist: 'beta', alpha: 7, beta: 3, label: 'Russian alliance', description: 'Strength of the Russia–DPRK partnership (0–1).' },
    usDomesticConstraints: { dist: 'beta', likelihood: 'likely', label: 'US domestic constraints', description: 'How much US politics blocks concessions (0–1).' },
    rokMediation: { dist: 'normal', mean: -0.3, sd: 0.3, label: 'ROK mediation effect', description: 'Effect of Seoul’s mediation; negative means it backfires.' },
  },
  derived: {
    logOdds: 'base + wSanctions * sanctionsBlocking + wRussia * russiaAlliance + wDomestic * usDomesticConstraints + wRok * rokMediation',
  },
  events: {
    summit: { p: 'sigmoid(logOdds)', label: 'Summit within a year' },
    mediationBackfires: { p: 'rokMediation < 0', label: 'Seoul’s mediation lowers the odds' },
  },
};
