// `npm run bench` runs this file; the benchmark lives in run.mjs.
import './run.mjs';
