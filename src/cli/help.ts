/** The `--shard` lines of the analysis commands. */
const ANALYSIS_SHARD_HELP = `  --shard K/N            compute only shard K of N of the analysis (needs --seed) and print its
                         part document (JSON) for \`scenario-odds merge\`; run K = 1..N anywhere
                         with the same options. auto and auto/N as for \`run\``;

/** The `--workers` line of every command whose trials can run on worker threads. */
const WORKERS_HELP = `  --workers N            worker threads (default: one per core, fewer for small runs; 1 runs
                         in the main thread); the numbers are the same for any N`;

const TIME_HELP = `  --as-of YYYY-MM-DD     the date the forecast is made (default: the scenario's own asOf, else
                         today, UTC); timed events count from it, and it is recorded
  --horizon N            the forecast window in periods from the as-of date (replaces the
                         timeline's horizon or end)
  --none-through EVENT=YYYY-MM-DD
                         "nothing yet" evidence: EVENT did not occur from the timeline's start
                         through that day; each trial is weighted by its chance of that
                         (repeatable; replaces the scenario's own observation of EVENT)`;

/** Help text per command; `main` is shown for `scenario-odds --help`. */
export const HELP: Readonly<Record<string, string>> = {
  main: `scenario-odds — reproducible odds for scenarios, by seeded Monte Carlo

Usage: scenario-odds <command> [options]

Commands:
  run <file|id>          run a scenario and print each event's probability with its 95% interval
  report <file|id>       run a scenario and write its reproducible report (JSON, Markdown, HTML)
  verify <report.json>   re-run a report's embedded scenario and check every number
  merge <part.json...>   merge the parts of a run or an analysis sharded with --shard K/N
  compare <file|id>      what-if: the scenario against its variants or --set, on common random numbers
  sensitivity <file|id>  tornado and Sobol indices: which inputs drive an event's odds
  attribution <file|id>  log-odds waterfall: each term's contribution to an event's odds
  update <file|id>       evidence: the odds after each observation of a ledger (--ledger FILE)
  validate <file...>     check scenario files and print every problem found
  schema                 print the JSON Schema of scenario files
  list                   list the built-in scenarios
  playground [file|id]   tweak weights in a browser page and watch the odds move

Options:
  -h, --help             help for scenario-odds or for a command (scenario-odds run --help)
  -v, --version          print the version

Exit codes: 0 success, 2 bad usage or invalid input, 1 internal failure (for verify: not
reproduced), 3 a --half-width run (run, report) reached --max-trials before its target (the
result is printed or written all the same, with a warning on stderr), 130 interrupted
(Ctrl-C), 143 stopped by SIGTERM.

With --json, a command that fails prints one JSON document on stdout instead of its result:
{"error": {"code", "message", "issues": [{"code", "path", "message"}]}}, where code is "usage",
"invalid-input", "numerical" (exit code 2) or "internal" (exit code 1); nothing goes to stderr.`,
  run: `Usage: scenario-odds run <file|id> [options]

Runs a scenario file (JSON) or a built-in scenario (see \`scenario-odds list\`).

Options:
  --seed S               seed of every random stream (default: a fresh random seed, printed)
  --trials N             trials to run (default 100,000; 1e6 and 1_000_000 are accepted)
  --half-width H         instead, stop once every event's 95% half-width is below H (e.g. 0.005)
  --max-trials N         cap on trials with --half-width (default 10,000,000); reaching it
                         before the target is a warning and exit code 3
  --set NAME=VALUE       override a param (--set base=-1.2) or a factor field
                         (--set rokMediation.mean=0.4); repeatable, applied after --variant
  --variant NAME         run one of the scenario's named variants (see \`scenario-odds list\`)
  --json                 print exactly one JSON document on stdout (with --half-width it has
                         "targetMet": true, or false when the cap came first; an error is
                         {"error": {...}}, see \`scenario-odds --help\`)
  --out FILE             also write the JSON document to FILE
${WORKERS_HELP}
${TIME_HELP}
  --shard K/N            compute only shard K of N (fixed --trials and --seed) and print its part
                         document (JSON) for \`scenario-odds merge\`; run K = 1..N anywhere.
                         --shard auto takes K and N from a Slurm job array, auto/N takes K
                         from a Kubernetes Indexed Job or an AWS Batch array job
  -h, --help             this help

On a terminal, a run longer than a second shows its progress on stderr: the share done, the
trials so far and the time left at the rate so far; with --half-width, the widest event's
current half-width against the target, the share being progress toward the target.

With --half-width, a run that reaches --max-trials before every event's half-width is below H
prints its result, warns on stderr and exits 3.

Ctrl-C or SIGTERM stops the run; the partial result is printed, marked as aborted (exit code
130, or 143 for SIGTERM). With --shard, either prints nothing (a part must be complete).`,
  validate: `Usage: scenario-odds validate <file...>

Checks each scenario file and prints "FILE: ok" or each problem as "FILE: PATH: message".
Exits 0 only if every file is valid, 2 otherwise.`,
  merge: `Usage: scenario-odds merge <part.json...> [--json] [--out FILE]

Merges the part documents of every shard of one run, made by
  scenario-odds run <file|id> --trials N --seed S --shard K/N --json > part-K.json
for K = 1..N (on any machines), and prints exactly what the unsharded run prints: the same
probabilities, intervals and results hash (only elapsedMs differs: the slowest part's).
Likewise the parts of an analysis, made by
  scenario-odds compare|sensitivity|attribution|update <file|id> --seed S --shard K/N ... > part-K.json
merge to exactly the unsharded analysis's result, printed as the analysis prints it; and the
parts of a report, made by
  scenario-odds report <file|id> --trials N --seed S --shard K/N > part-K.json
merge into the files the unsharded report writes, byte for byte, in --out DIR (default as
for \`report\`).

Refuses, with one line per problem and exit code 2, parts of different scenarios, seeds,
settings or library versions, and a shard missing or given twice.

Options:
  --json                 print exactly one JSON document on stdout (runs and analyses)
  --out FILE             also write the JSON document to FILE; for a report, the folder of
                         its files
  -h, --help             this help`,
  schema: `Usage: scenario-odds schema

Prints the JSON Schema (draft 2020-12) of scenario files. Point a file's "$schema" key at a
saved copy so editors can complete and check it.`,
  compare: `Usage: scenario-odds compare <file|id> [--variant NAME ...] [--set NAME=VALUE ...] [options]

Compares the scenario as written with each --variant (every named variant when none is given)
and with the --set overrides taken together as one more variant. All run on the same trials
(common random numbers: same seed, same per-factor streams), so each event's difference in
percentage points has a 95% interval from the paired per-trial differences. Also prints the
odds ratio and P(higher), the share of trials in which the variant raises the event's odds.

Options:
  --seed S               seed of every random stream (default: a fresh random seed, printed)
  --trials N             trials (default 100,000; 1e6 and 1_000_000 are accepted)
  --variant NAME         a named variant to compare (repeatable; see \`scenario-odds list\`)
  --set NAME=VALUE       an override (repeatable); all of them together form one ad-hoc variant
  --event NAME           compare only this event (repeatable; default: every event)
  --all                  show every row; by default a row whose variant gives every trial the
                         same value as the scenario as written is hidden (a closing line says
                         how many), and so is a table left with no row
  --json                 print exactly one JSON document on stdout (always every row)
${WORKERS_HELP}
${TIME_HELP}
${ANALYSIS_SHARD_HELP}
  -h, --help             this help

Ctrl-C or SIGTERM stops it (exit code 130 or 143).`,
  sensitivity: `Usage: scenario-odds sensitivity <file|id> [--event NAME] [options]

Which inputs drive an event's probability. Tornado: the probability with each factor pinned at
its 10th and 90th percentiles (a discrete factor whose two percentiles coincide, at its lowest
and highest values) and each param moved down and up, every other factor sampled as usual on
the same trials; sorted by swing. Sobol: first-order and total-effect indices of the per-trial
probability (Saltelli design, Jansen estimators, bootstrap 95% intervals).

Options:
  --event NAME           the event (default: the first event that is not conditional)
  --seed S               seed of every random stream (default: a fresh random seed, printed)
  --trials N             trials of each tornado setting (default 100,000; 1e6 is accepted)
  --sobol-samples N      base samples N of the Sobol design, N·(k+2) evaluations (default 50,000; 0 skips)
  --bootstrap N          bootstrap resamples for the Sobol intervals (default 200)
  --param-step X         how far params move: 50% (default, of each value) or an absolute 0.5
  --percentiles LO,HI    where factors are pinned, in percent (default 10,90)
  --variant NAME         analyse a named variant of the scenario
  --set NAME=VALUE       analyse the scenario with an override (repeatable)
  --json                 print exactly one JSON document on stdout
${WORKERS_HELP}
${TIME_HELP}
${ANALYSIS_SHARD_HELP}
  -h, --help             this help

On a terminal, its progress on stderr names the stage (tornado, Sobol, Sobol bootstrap); the
share is of all the stages' trials.
Ctrl-C or SIGTERM stops it (exit code 130 or 143).`,
  attribution: `Usage: scenario-odds attribution <file|id> [--event NAME] [options]

For an event of the form sigmoid(base + terms) — directly, through a derived node such as
logOdds, times other factors, or as a timed event's hazard (whose per-period log-odds are then
attributed) — a waterfall from the base rate through each term's mean contribution (with its
95% interval and its range over the trials) to the reported probability. The last bar, the
remainder, says what lies between the mean log-odds and the probability. For any other form it
says why it does not apply.

Options:
  --event NAME           the event (default: the first event that is not conditional)
  --seed S               seed of every random stream (default: a fresh random seed, printed)
  --trials N             trials (default 100,000; 1e6 and 1_000_000 are accepted)
  --variant NAME         analyse a named variant of the scenario
  --set NAME=VALUE       analyse the scenario with an override (repeatable)
  --json                 print exactly one JSON document on stdout
${WORKERS_HELP}
${TIME_HELP}
${ANALYSIS_SHARD_HELP}
  -h, --help             this help`,
  update: `Usage: scenario-odds update <file|id> --ledger FILE [--given CONDITION ...] [options]

Starts from the event's simulated probability and applies each observation of an evidence
ledger in order (see examples/summit-ledger.json): a signpost multiplies the odds by its
likelihood ratio, P(observed | event) / P(observed | no event); a "given" condition on the
model's own nodes reweights the trials (rejection for a 0/1 condition, likelihood weighting
for a value in [0, 1]); a "noneThrough" date weights each trial by its chance that the event
did not occur from the timeline's start through that day (days the run's own evidence
already covers count once). Prints the probability after each step. A condition that leaves fewer
than 1,000 effective trials is refused: run more trials or relax it.

Options:
  --ledger FILE          the evidence ledger (JSON)
  --given CONDITION      condition on the model first, e.g. --given 'sanctionsBlocking > 0.9' (repeatable)
  --event NAME           the event (default: the ledger's, else the first event that is not conditional)
  --seed S               seed of every random stream (default: a fresh random seed, printed)
  --trials N             trials (default 100,000; 1e6 and 1_000_000 are accepted)
  --variant NAME         start from a named variant of the scenario
  --set NAME=VALUE       start from the scenario with an override (repeatable)
  --json                 print exactly one JSON document on stdout
${WORKERS_HELP}
${TIME_HELP}
${ANALYSIS_SHARD_HELP}
  -h, --help             this help

Ctrl-C or SIGTERM stops it (exit code 130 or 143).`,
  playground: `Usage: scenario-odds playground [file|id] [--port N] [--open]

Serves the playground on this machine (127.0.0.1) and prints its address: a page where every
param and factor has a control, the odds update as you move them (computed in a Web Worker),
each change shows its paired difference against the scenario as loaded, the address holds the
state (share it to share the view), and "Download report" gives a report that
\`scenario-odds verify\` reproduces. Opens the flagship unless a scenario file or built-in id
is given; a file is validated first. The page is also in the package as static files
(dist/playground/), for any static web host.

Options:
  --port N               the port to listen on (default 0: any free port)
  --open                 open the page in the default browser
  -h, --help             this help

Ctrl-C or SIGTERM stops it (exit code 0).`,
  list: `Usage: scenario-odds list [--json]

Lists the built-in scenarios: their ids can be used wherever a scenario file is expected.`,
  report: `Usage: scenario-odds report <file|id> [options]

Runs a scenario file (JSON) or a built-in scenario and writes its reproducible report: what was
asked (factors, params, formulas, variant, overrides), what was found (each event's probability
with its 95% interval and ICD-203 wording, splits, timelines, convergence) and how to reproduce
it (manifest, embedded scenario, the command). Prints the odds as run does, then each finding
in ICD-203 words (with a warning when the run's interval straddles two expressions), then the
path of each file written.

Options:
  --seed S               seed of every random stream (default: a fresh random seed, recorded)
  --trials N             trials to run (default 100,000; 1e6 and 1_000_000 are accepted)
  --half-width H         instead, stop once every event's 95% half-width is below H (e.g. 0.005)
  --max-trials N         cap on trials with --half-width (default 10,000,000); reaching it
                         before the target writes the report, warns and exits 3
  --set NAME=VALUE       override a param or a factor field; repeatable, applied after --variant
  --variant NAME         run one of the scenario's named variants
  --out DIR              directory to write into (default out/<scenario id>, or
                         out/<scenario id>--<variant> with --variant); created if missing
  --format LIST          comma-separated subset of json,md,html (default all three):
                         report.json (machine-readable, embeds the scenario as it ran),
                         report.md (Markdown tables), report.html (one self-contained page
                         with SVG charts, printable)
${WORKERS_HELP}
${TIME_HELP}
  --shard K/N            compute only shard K of N of the report's run (fixed --trials and
                         --seed) and print its part document (JSON); \`scenario-odds merge\`
                         of every part writes the report. auto and auto/N as for \`run\`
  -h, --help             this help

The same inputs write byte-identical files, whatever --workers or shards. Check a report with
\`scenario-odds verify\`.
Ctrl-C or SIGTERM stops the run and writes nothing (exit code 130 or 143). The files are
written together: if any cannot be written (a full disk, say), the previous report in --out
stays as it was.`,
  verify: `Usage: scenario-odds verify <report.json> [--json] [--trial-budget N] [--workers N]

Re-runs the scenario embedded in a report with its recorded seed and settings, renders the
report again from the re-run and compares it with the file field by field: every number, the
findings, what was asked, the manifest and the reproduce command (a report edited by hand
fails, even with its hashes recomputed). report.md and report.html beside it are compared byte
for byte. Not re-derived, covered only by reportHash: the analyses (not re-run), the source
name, the variant's name, label and description, the "as written" values; generatedAt is not
checked.

Exits 0 and prints "reproduced" when everything matches; exits 1 printing what differs (which
fields or files) and a likely cause (e.g. a different library or Node major version); a report
written by another library version fails even when its numbers match (a report written on
another runtime, such as the playground's in a browser, is checked by its numbers, and a note
says which runtime wrote it);
exits 2 with one line when the file is not a readable report, or when its settings ask for more
trials than the budget (then nothing is run).

Options:
  --json                 print the verdict as one JSON document
  --trial-budget N       run at most N trials (default 10,000,000); a report asking for more
                         is refused before sampling
${WORKERS_HELP}
  -h, --help             this help`,
};
