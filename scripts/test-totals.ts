// The tail of `npm test`: prints "N passed, N failed[, N skipped]" (the line CI reads) and fails the run
// when turbo failed (--exit-code=<turbo's status>) or any test failed. Logic: @repo/quality-gates.
import { totalsMain } from '@repo/quality-gates/test-totals';

process.exitCode = totalsMain(process.cwd(), process.argv.slice(2), (line) => {
  console.log(line);
});
