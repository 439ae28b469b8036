// The crossings' caller on QuickJS (world caller-plain): measure.ts as plain
// HTTP, which the http-face adapter serves.
import { plainHttpFor } from '../../components/shared/plain-http.js';
import { measure } from './measure.js';

export const plainHttp = plainHttpFor(measure);
