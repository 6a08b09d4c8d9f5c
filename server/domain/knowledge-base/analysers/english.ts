import { stem } from '../stemmer.ts';
import { STOP_WORDS } from '../text.ts';
import { type Analyser, createAnalyser } from './analyser.ts';

/** English: the light suffix stripper and the SMART-style stop list the search was tuned with. */
export const ENGLISH: Analyser = createAnalyser('en', STOP_WORDS, stem);
