// The WASI 0.3 crossings' caller on QuickJS (world forms-caller):
// measure-forms.ts behind wasi:http@0.3.0's handler.
import { handlerFor } from '../../components/shared/wasi-http-p3.js';
import { measureForms } from './measure-forms.js';

export const handler = handlerFor(measureForms);
