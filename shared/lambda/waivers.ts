/**
 * The repository's waiver file (waivers.yml), bundled into the functions: validated when the
 * stack is packaged (scripts/waivers-esbuild-plugin.mjs) and again here, at cold start, so a bad
 * file can never be half-applied. Parsing is CPU only, no network: fine at module scope.
 */

import source from '../../waivers.yml';
import { parseWaiverFile } from '../waivers/load';
import type { Waiver } from '../waivers/schema';

export const WAIVERS: readonly Waiver[] = parseWaiverFile(source, 'waivers.yml');
