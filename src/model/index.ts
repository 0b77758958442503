/**
 * The public API of the model core, in pipeline order:
 * scenario → generator → trace / cohort → estimators → calibration → codecs.
 *
 * Units throughout: time in MONTHS since transplant, intensities (rates) PER YEAR (see
 * `RATE_YEARS_PER_MONTH`). Every export below has a JSDoc line in its source file saying what it
 * computes, its units and its defaults.
 *
 * Named re-exports only (no `export *`), so that a new export of a module is a decision here and
 * two modules cannot silently clash:
 * - `Z_975` is defined in both wilson.ts and kaplanMeier.ts (the same constant): it is
 *   re-exported from wilson.ts, next to `normalQuantile`.
 * - `FitRow` is defined in both calibrate.ts (the fit table) and csv.ts (the same row plus an
 *   optional `simulated` column): calibrate's is `FitRow`, csv's is re-exported as
 *   `FitTableCsvRow`.
 * - `MAX_STATES` lives in generator.ts only (microsim.ts imports it).
 *
 * Deliberately not re-exported (implementation details, importable by path for tests):
 * linalg.ts (dense matrix helpers behind `matrixExp` and the trace) and random.ts's inlined
 * generator internals (`aleaState`, `aleaNext`, `AleaState`).
 */

// ── Shared types and units ────────────────────────────────────────────────────────────────
export { RATE_YEARS_PER_MONTH } from './types';
export type {
  Cohort,
  FigureRole,
  FigureSource,
  ModelSpec,
  PublishedFigure,
  Quantity,
  StateDef,
  StateFlags,
  StudyDesign,
  Target,
  Trace,
  TransitionSpec,
} from './types';

// ── Scenario: structure, intensities, the one validated schema ───────────────────────────
export {
  adaptIntensities,
  defaultScenario,
  describeQuantity,
  FALLBACK_RATE,
  LIMITS,
  QUANTITY_CODES,
  quantityCode,
  quantityFromCode,
  showValue,
  validateScenario,
  validateTarget,
  wellFormedText,
} from './scenario';
export type { CompareArm, Scenario, ScenarioProblem, StudyDefaults } from './scenario';
export {
  buildModel,
  DEFAULT_TEMPLATE_OPTIONS,
  LANES,
  PARAMETER_INFO,
  PARAMETERS,
  parametersOf,
} from './template';
export type { Intensities, ParameterId, TemplateOptions } from './template';

// ── Generator: Q, exp(Q·t), the naive conversion (teaching only) ─────────────────────────
export {
  generatorFlat,
  generatorMatrix,
  MAX_STATES,
  pieceAt,
  pieceBounds,
  validateGenerator,
  validateSpec,
} from './generator';
export { matrixExp, matrixExpFlat } from './matrixExp';
export { naiveError, naiveTransitionMatrix } from './naive';
export type { NaiveComparison } from './naive';

// ── Trace: expected occupancy, exact ─────────────────────────────────────────────────────
export { cohortTrace, occupancyAt, transitionMatrix } from './trace';
export type { TraceOptions } from './trace';

// ── Cohort: seeded streams, study design, microsimulation, reading a cohort ──────────────
export { createStream, detLog, exponential, streamKey } from './random';
export type { RandomStream } from './random';
export { expectedFollowedAt, sampleFollowUp, validateDesign } from './design';
export type { FollowUp } from './design';
export { MAX_COHORT, MAX_EVENTS, MAX_HORIZON_MONTHS, simulateCohort } from './microsim';
export type { SimulateOptions } from './microsim';
export {
  firstEntryData,
  isFollowedAt,
  NOT_OBSERVED,
  overallSurvivalData,
  pathStateAt,
  remissionToRelapseData,
  stateAt,
  stateMasks,
  timeToRemissionData,
} from './cohortQueries';
export type { CompetingData, StateMasks, SurvivalData } from './cohortQueries';

// ── Estimators: KM, Aalen–Johansen, crude proportions, intervals, curves, replicates ─────
export { kaplanMeier, lastIndexAtOrBefore, survivalAt, survivalOnGrid } from './kaplanMeier';
export type { KaplanMeier } from './kaplanMeier';
export { cumulativeIncidence, incidenceAt } from './cumulativeIncidence';
export type { CumulativeIncidence } from './cumulativeIncidence';
export {
  crudeProportion,
  quantityFromOccupancy,
  quantityFromTrace,
  supportsQuantity,
} from './proportions';
export type { CrudeOptions, Population, Proportion } from './proportions';
export { normalQuantile, wilsonInterval, Z_975 } from './wilson';
export type { ProportionInterval } from './wilson';
export { CURVE_IDS, estimateCurves, incidenceOnGrid, monthlyGrid, traceCurves } from './curves';
export type { CohortEstimates, CurveId, CurveValues, TraceCurveId } from './curves';
export { bandsOf, quantileSorted, runReplicates } from './replicates';
export type {
  BandValues,
  ReplicateCurves,
  ReplicateOptions,
  ReplicateSummary,
  TargetDistribution,
} from './replicates';
export { curveDifference, replicateDifference } from './difference';
export type { DifferenceOptions, DifferenceSummary } from './difference';
// The whole pipeline of a scenario (shared by the worker and the CLI).
export { armInputs, simulateArm, simulateScenario } from './simulation';
export type { ArmInput, ArmResult } from './simulation';

// ── Calibration ──────────────────────────────────────────────────────────────────────────
export { nelderMead } from './nelderMead';
export type { NelderMeadOptions, NelderMeadResult } from './nelderMead';
export {
  calibrate,
  CALIBRATION_DEFAULTS,
  chiSquareSurvival,
  DEFAULT_CALIBRATION_BOUNDS,
} from './calibrate';
export type { CalibrationOptions, CalibrationResult, FitRow } from './calibrate';

// ── Codecs: URL, saved scenarios, CSV ────────────────────────────────────────────────────
export {
  DECODERS,
  decodeScenario,
  encodeScenario,
  PARAMETER_KEYS,
  URL_LENGTH_BUDGET,
  URL_VERSION,
} from './urlCodec';
export type { UrlDecoder, UrlParams } from './urlCodec';
export {
  deleteSaved,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  exportSavedJson,
  importSavedJson,
  listSaved,
  loadSaved,
  MAX_IMPORT,
  MAX_NAME_LENGTH,
  renameSaved,
  SAVED_PREFIX,
  saveScenario,
} from './savedScenarios';
export type { SavedProblem, SavedScenario, SaveResult, StorageLike } from './savedScenarios';
export {
  escapeCsvCell,
  fitTableToCsv,
  MAX_CURVE_POINTS,
  parseDigitisedCurve,
  patientsToCsv,
} from './csv';
export type { CsvProblem, CurvePoint, FitRow as FitTableCsvRow } from './csv';
