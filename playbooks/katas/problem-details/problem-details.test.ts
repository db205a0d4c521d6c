import * as impl from './problem-details.ts';
import { describeKata } from './spec.ts';

describeKata(impl);
