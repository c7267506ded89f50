import type { Scenario } from '../model/types';

/**
 * An illustration of the scenario file format, the README's first example: four factors push
 * the log-odds of an event from a base rate. Its weights are made up and unsourced, so its
 * number is not a forecast; the flagship scenario (`trump-kim-summit`) is the sourced model.
 */
export const fourFactors: Scenario = {
  id: 'four-factors',
  title: 'Illustration of the file format: four factors (not a forecast)',
  description: 'An illustration of the scenario file format, not a forecast: a base log-odds pushed down by three blocking factors and by Seoul’s mediation, with made-up weights and no sources. Its answer differs from the flagship’s (trump-kim-summit), which is the sourced model of the same question.',
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
    summit: { p: 'sigmoid(logOdds)', label: 'Summit (illustration)' },
    mediationBackfires: { p: 'rokMediation < 0', label: 'Seoul’s mediation lowers the odds' },
  },
};
