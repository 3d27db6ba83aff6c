/** A seeded random source, so that random scenarios are the same on every run. */
export { mulberry32 as seeded } from '../../cloud/domain/seededRandom';
