import { DEMANDS_DATASET } from '../demands/index.js';
import { SERVICE_POINTS_DATASET } from '../newgroups/index.js';
import { VENUES_DATASET } from '../venues/index.js';
import type { OpenDataset } from '../../platform/open-datasets.js';

/**
 * The datasets a county may publish beside its indicators, each declared by the module owning its
 * records (fields and query) — de-identified by construction: places and counts, no resident rows.
 */
export const DATASETS: readonly OpenDataset[] = [VENUES_DATASET, SERVICE_POINTS_DATASET, DEMANDS_DATASET];
export const DATASET_BY_NAME = new Map(DATASETS.map((d) => [d.name, d]));
