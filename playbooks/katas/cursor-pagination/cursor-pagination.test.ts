import * as impl from './cursor-pagination.ts';
import { describeKata } from './spec.ts';

describeKata(impl);
