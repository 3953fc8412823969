/**
 * The parser: text in, model and findings out. It never throws; whatever the
 * input, it returns a model, and what is wrong is reported as findings. The
 * layouts' readers are in `readers/`; this picks one (see `chooseReader`).
 */
export { readTranscript as parse } from './readers';
