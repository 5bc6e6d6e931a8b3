/** Measured cycler data as the fit reads it: plain arrays in SI, one sample per index. */
export interface MeasuredSeries {
  /** Where the data came from (a file name), for messages. */
  readonly label: string;
  /** s from the first sample, strictly increasing. */
  readonly time: readonly number[];
  /** Cell current, A, discharge positive (cellspec's convention). */
  readonly current: readonly number[];
  /** Terminal voltage, V. */
  readonly voltage: readonly number[];
  /** Cell temperature, K, where measured. */
  readonly temperature?: readonly number[];
}
