import * as impl from './idempotency-key.ts';
import { describeKata } from './spec.ts';

describeKata(impl);
