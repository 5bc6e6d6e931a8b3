/** Faraday constant, C/mol: CODATA 2018 (exact since the 2019 SI), the value PyBaMM uses too. */
export const FARADAY_CONSTANT = 96485.33212;
