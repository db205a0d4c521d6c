// `npm run gen`: Turborepo generators (plop). The logic lives in packages/generators/src/generators.ts, where
// it is linted, typechecked and tested; templates live next to this file, in templates/.
export { default } from '../../packages/generators/src/generators.ts';
