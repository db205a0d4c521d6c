import * as impl from './retry-after.ts';
import { describeKata } from './spec.ts';

describeKata(impl);
