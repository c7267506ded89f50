/** Help text per command; `main` is shown for `scenario-odds --help`. */
export const HELP: Readonly<Record<string, string>> = {
  main: `scenario-odds — reproducible odds for scenarios, by seeded Monte Carlo

Usage: scenario-odds <command> [options]

Commands:
  run <file|id>          run a scenario and print each event's probability with its 95% interval
  validate <file...>     check scenario files and print every problem found
  schema                 print the JSON Schema of scenario files
  list                   list the built-in scenarios

Options:
  -h, --help             help for scenario-odds or for a command (scenario-odds run --help)
  -v, --version          print the version

Exit codes: 0 success, 2 bad usage or invalid input, 1 internal failure, 130 interrupted.`,
  run: `Usage: scenario-odds run <file|id> [options]

Runs a scenario file (JSON) or a built-in scenario (see \`scenario-odds list\`).

Options:
  --seed S               seed of every random stream (default: a fresh random seed, printed)
  --trials N             trials to run (default 100,000; 1e6 and 1_000_000 are accepted)
  --half-width H         instead, stop once every event's 95% half-width is below H (e.g. 0.005)
  --max-trials N         cap on trials with --half-width (default 10,000,000)
  --set NAME=VALUE       override a param (--set base=-1.2) or a factor field
                         (--set rokMediation.mean=0.4); repeatable, applied after --variant
  --variant NAME         run one of the scenario's named variants (see \`scenario-odds list\`)
  --json                 print exactly one JSON document on stdout
  --out FILE             also write the JSON document to FILE
  -h, --help             this help

Ctrl-C stops the run; the partial result is printed, marked as aborted (exit code 130).`,
  validate: `Usage: scenario-odds validate <file...>

Checks each scenario file and prints "FILE: ok" or each problem as "FILE: PATH: message".
Exits 0 only if every file is valid, 2 otherwise.`,
  schema: `Usage: scenario-odds schema

Prints the JSON Schema (draft 2020-12) of scenario files. Point a file's "$schema" key at a
saved copy so editors can complete and check it.`,
  list: `Usage: scenario-odds list [--json]

Lists the built-in scenarios: their ids can be used wherever a scenario file is expected.`,
};
