// The crossings' caller on StarlingMonkey: measure.ts behind its fetch event.
import { serve } from '../../components/shared/serve.js';
import { measure } from './measure.js';

serve(measure);
